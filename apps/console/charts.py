"""Inline SVG bar charts (no JavaScript, no external assets): one bar per day, a tooltip per bar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT, GAP = 300, 60, 1


def bar_chart(series: Sequence[tuple[dt.date, int | float | Decimal]], *, label: str) -> SafeString:
    """An SVG of ``series`` (day, value) scaled to its maximum; each bar's title names its day and value."""
    peak = max((float(value) for _, value in series), default=0.0) or 1.0
    step = WIDTH / max(len(series), 1)
    bars = []
    for index, (day, value) in enumerate(series):
        height = round(HEIGHT * float(value) / peak, 1)
        bars.append(
            (
                round(index * step, 1),
                round(HEIGHT - height, 1),
                round(max(step - GAP, 1), 1),
                height,
                f"{day.isoformat()}: {value} {label}",
            )
        )
    rects = format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}"><title>{}</title></rect>', bars)
    return format_html(
        '<svg class="console-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}">{}</svg>',
        label,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        rects,
    )
