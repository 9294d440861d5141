"""Server-rendered bar charts: geometry computed here, drawn as inline SVG by a template."""

from __future__ import annotations

from dataclasses import dataclass

LABEL_WIDTH = 150
BAR_WIDTH = 420
VALUE_WIDTH = 90
ROW_HEIGHT = 22
ROW_GAP = 8


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


@dataclass(frozen=True)
class Segment:
    x: float
    width: float
    colour: str
    title: str


@dataclass(frozen=True)
class Bar:
    label: str
    y: int
    text_y: int
    segments: tuple[Segment, ...]
    value_x: float
    value_text: str


@dataclass(frozen=True)
class Chart:
    """A horizontal stacked bar chart; ``title`` doubles as its accessible name."""

    title: str
    series: tuple[Series, ...]
    bars: tuple[Bar, ...]
    width: int
    height: int
    label_x: int = LABEL_WIDTH - 8
    bar_height: int = ROW_HEIGHT


def stacked_bars(
    title: str,
    series: list[Series],
    rows: list[tuple[str, dict[str, float]]],
    *,
    scale: float | None = None,
    value_text=None,
    number=lambda v: f"{v:g}",
) -> Chart:
    """One bar per row, one segment per series; ``scale`` is the value of a full bar
    (default: the largest row total). ``value_text(label, values)`` labels each bar and
    ``number(value)`` each segment's tooltip."""
    totals = [sum(values.get(s.key, 0) for s in series) for _, values in rows]
    full = scale or max(totals, default=0) or 1
    bars = []
    for i, ((label, values), total) in enumerate(zip(rows, totals, strict=True)):
        y = i * (ROW_HEIGHT + ROW_GAP)
        x, segments = float(LABEL_WIDTH), []
        for s in series:
            value = values.get(s.key, 0)
            if value <= 0:
                continue
            width = BAR_WIDTH * value / full
            title = f"{s.label}: {number(value)}"
            segments.append(Segment(round(x, 1), round(width, 1), s.colour, title))
            x += width
        text = value_text(label, values) if value_text else number(total)
        bars.append(Bar(label, y, y + ROW_HEIGHT - 6, tuple(segments), round(x + 6, 1), text))
    height = max(len(rows) * (ROW_HEIGHT + ROW_GAP) - ROW_GAP, ROW_HEIGHT)
    return Chart(title, tuple(series), tuple(bars), LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH, height)
