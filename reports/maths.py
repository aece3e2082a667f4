"""Report arithmetic with no Django import: rates and progress, tested on their own."""

from dataclasses import dataclass
from decimal import Decimal


def rate(part: int, whole: int | None) -> Decimal | None:
    """A percentage to one decimal place, or None when the whole is unknown or zero."""
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))


@dataclass(frozen=True)
class WardParticipation:
    ward: str
    voters: int
    population: int | None
    electorate: int | None

    @property
    def per_thousand_residents(self) -> Decimal | None:
        if not self.population:
            return None
        return (Decimal(1000) * self.voters / self.population).quantize(Decimal("0.1"))

    @property
    def turnout_of_electorate(self) -> Decimal | None:
        return rate(self.voters, self.electorate)


def progress_towards(baseline: Decimal, target: Decimal, latest: Decimal | None) -> Decimal | None:
    """How far the latest value has moved from baseline to target, in per cent (may be negative or over 100)."""
    if latest is None or target == baseline:
        return None
    return (Decimal(100) * (latest - baseline) / (target - baseline)).quantize(Decimal("0.1"))
