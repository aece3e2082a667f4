"""Charts as SVG text, drawn with matplotlib's non-interactive backend, for embedding in the PDF."""

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

BRAND = "#0b4f4a"
ACCENT = "#1d70b8"


def _svg(figure) -> str:
    buffer = io.StringIO()
    # Text stays text: WeasyPrint draws it with the PDF's fonts (templates/includes/pdf_fonts.html),
    # shaping Bengali properly, where matplotlib would trace DejaVu Sans, which has no Bengali, as
    # outlines; and a reader can select and copy it. matplotlib still measures the text with DejaVu
    # Sans, and would warn of every Bengali letter that font lacks: WeasyPrint draws those.
    with matplotlib.rc_context({"svg.fonttype": "none"}), warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"Glyph \d+ .* missing from font", UserWarning)
        figure.savefig(buffer, format="svg", bbox_inches="tight")
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def bar_chart(labels: list[str], values: list[float], *, title: str, unit: str = "") -> str:
    height = max(2.0, 0.32 * len(labels) + 0.8)
    figure, axes = plt.subplots(figsize=(7, height))
    positions = range(len(labels))
    axes.barh(list(positions), values, color=BRAND)
    axes.set_yticks(list(positions), labels=labels, fontsize=8)
    axes.invert_yaxis()
    axes.set_title(title, fontsize=10, loc="left")
    axes.set_xlabel(unit, fontsize=8)
    axes.spines[["top", "right"]].set_visible(False)
    for position, value in zip(positions, values, strict=True):
        axes.text(value, position, f" {value:,.0f}", va="center", fontsize=7)
    return _svg(figure)


def indicator_chart(
    periods: list[str],
    values: list[float],
    *,
    baseline: float,
    target: float,
    title: str,
    unit: str,
    labels: tuple[str, str] = ("baseline", "target"),
) -> str:
    figure, axes = plt.subplots(figsize=(7, 2.6))
    if values:
        axes.plot(periods, values, marker="o", color=BRAND, label=title)
    axes.axhline(baseline, color="#505a5f", linestyle="--", linewidth=1, label=labels[0])
    axes.axhline(target, color=ACCENT, linestyle=":", linewidth=1.5, label=labels[1])
    axes.set_title(title, fontsize=10, loc="left")
    axes.set_ylabel(unit, fontsize=8)
    axes.tick_params(labelsize=7)
    axes.legend(fontsize=7, frameon=False, loc="best")
    axes.spines[["top", "right"]].set_visible(False)
    return _svg(figure)
