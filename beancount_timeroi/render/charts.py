"""Chart geometry for inline SVG: bars and lines placed from a report's figures.

Only positions are computed here (floats are fine for pixels); the values
shown come from the report, formatted by the caller.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: str
    label: str
    value: Decimal
    negative: bool


@dataclass(frozen=True)
class Tick:
    y: float
    value: Decimal


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    labels: tuple[tuple[float, str], ...]
    ticks: tuple[Tick, ...]
    zero_y: float
    line: tuple[tuple[float, float], ...] = ()


LEFT, RIGHT, TOP, BOTTOM = 64.0, 12.0, 12.0, 36.0


def _nice_step(span: float) -> float:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about four ticks."""
    raw = span / 4 if span > 0 else 1.0
    magnitude = 10.0 ** math.floor(math.log10(raw))
    return next(factor * magnitude for factor in (1, 2, 2.5, 5, 10) if factor * magnitude >= raw)


def bar_chart(
    groups: Sequence[tuple[str, Sequence[tuple[str, Decimal]]]],
    width: int = 720,
    height: int = 280,
    line: Sequence[Decimal] = (),
) -> Chart:
    """Grouped bars (one group per label, one bar per series), with an optional
    line through the groups' centres (e.g. a cumulative total)."""
    values = [float(value) for _label, bars in groups for _series, value in bars]
    values += [float(value) for value in line]
    low, high = min([0.0, *values]), max([0.0, *values])
    step = _nice_step(high - low)
    low = step * (low // step) if low < 0 else 0.0
    high = step * -(-high // step) if high > 0 else step
    plot_h = height - TOP - BOTTOM
    plot_w = width - LEFT - RIGHT

    def y_of(value: float) -> float:
        return TOP + (high - value) / (high - low) * plot_h

    zero = y_of(0.0)
    ticks = []
    tick = low
    while tick <= high + step / 2:
        ticks.append(Tick(round(y_of(tick), 1), Decimal(str(round(tick, 2)))))
        tick += step
    slot = plot_w / max(len(groups), 1)
    bars: list[Bar] = []
    labels: list[tuple[float, str]] = []
    centres: list[float] = []
    for index, (label, series) in enumerate(groups):
        x0 = LEFT + index * slot
        inner = slot * 0.8
        bar_w = inner / max(len(series), 1)
        for position, (name, value) in enumerate(series):
            top = y_of(max(float(value), 0.0))
            bottom = y_of(min(float(value), 0.0))
            bars.append(
                Bar(
                    round(x0 + slot * 0.1 + position * bar_w, 1),
                    round(top, 1),
                    round(max(bar_w - 2, 1), 1),
                    round(max(bottom - top, 0.5), 1),
                    name,
                    label,
                    value,
                    value < 0,
                )
            )
        centres.append(x0 + slot / 2)
        labels.append((round(x0 + slot / 2, 1), label))
    points = tuple(
        (round(x, 1), round(y_of(float(value)), 1)) for x, value in zip(centres, line, strict=False)
    )
    return Chart(width, height, tuple(bars), tuple(labels), tuple(ticks), round(zero, 1), points)
