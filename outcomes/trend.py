"""An indicator's trend against its baseline and target, as plain numbers for a small SVG chart.

No Django here: the page hands in plain values and draws what this returns.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT, PAD = 600, 240, 30


@dataclass(frozen=True)
class Trend:
    points: str  # "x,y x,y …" for an SVG polyline
    dots: list[tuple[float, float, str, Decimal]]  # x, y, period label, value
    baseline_y: float
    target_y: float
    width: int = WIDTH
    height: int = HEIGHT


def trend(values: list[tuple[str, Decimal]], *, baseline: Decimal, target: Decimal) -> Trend:
    """Place each (period label, value) left to right, scaled so baseline, target and every value fit."""
    everything = [baseline, target, *(v for _label, v in values)]
    low, high = min(everything), max(everything)
    span = (high - low) or Decimal(1)

    def y(value: Decimal) -> float:
        return round(float(HEIGHT - PAD - (value - low) / span * (HEIGHT - 2 * PAD)), 1)

    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)
    dots = [(round(PAD + i * step, 1), y(value), label, value) for i, (label, value) in enumerate(values)]
    return Trend(
        points=" ".join(f"{x},{yy}" for x, yy, _label, _value in dots),
        dots=dots,
        baseline_y=y(baseline),
        target_y=y(target),
    )


def progress(*, baseline: Decimal, target: Decimal, latest: Decimal | None) -> int | None:
    """How far from baseline to target the latest value has come, in per cent (may be below 0 or above 100)."""
    if latest is None or target == baseline:
        return None
    return round(float((latest - baseline) / (target - baseline) * 100))
