"""Bar charts drawn on the server as SVG, for print. No Flask, no JavaScript.

Every chart carries a <title> and a <desc> (read out by screen readers and kept in the PDF), and
its labels and values are real text. Values come from a return as shown for publication: a bar is
drawn only where the percentage could be published, so a suppressed "[c]" or a block not collected
"[x]" is shown as that mark, with no bar.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 500
LABEL_HEIGHT = 15  # the label line above each bar
BAR_HEIGHT = 13
ROW_GAP = 5
BAR_SPACE = 340  # the longest bar, for 100 per cent; the value is written after the bar
FONT = "DejaVu Sans, sans-serif"
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True)
class Bar:
    """One category: its words, its count as shown ("15", "[c]", "[x]") and percentage as shown.

    `length` (0 to 1) draws a bar for a count that is not a share of a whole, such as conversations
    per quarter; leave `percent` empty then. A bar is still drawn only for a count that is shown.
    """

    label: str
    shown: str
    percent: str
    length: float | None = None


def is_number(value: str) -> bool:
    return bool(_NUMBER.match(value))


def value_words(bar: Bar) -> str:
    """How a bar's value reads: "15 (62.5%)", or just the mark when it cannot be shown."""
    if not is_number(bar.shown):
        return bar.shown
    return f"{bar.shown} ({bar.percent}%)" if is_number(bar.percent) else bar.shown


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar]) -> Markup:
    """A horizontal bar chart, one labelled row per category, as an SVG string safe to insert.

    `description` says what the chart shows; the value of every bar is added to it, so the
    description alone tells a reader everything the picture does.
    """
    safe_id = re.sub(r"[^a-z0-9-]", "-", chart_id.lower())
    row = LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    height = max(row * len(bars), row)
    values = "; ".join(f"{bar.label}: {value_words(bar)}" for bar in bars)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" id="{safe_id}"'
        f' aria-labelledby="{safe_id}-title {safe_id}-desc" viewBox="0 0 {WIDTH} {height}"'
        f' width="{WIDTH}" height="{height}" font-family="{FONT}">',
        f'<title id="{safe_id}-title">{escape(title)}</title>',
        f'<desc id="{safe_id}-desc">{escape(description)} {escape(values)}</desc>',
    ]
    for index, bar in enumerate(bars):
        top = index * row
        parts.append(_row(bar, top))
    parts.append("</svg>")
    return Markup("".join(parts))


def _row(bar: Bar, top: int) -> str:
    label_y = top + LABEL_HEIGHT - 4
    bar_y = top + LABEL_HEIGHT
    text_y = bar_y + BAR_HEIGHT - 3
    pieces = [
        f'<text class="chart-label" x="0" y="{label_y}" font-size="12" fill="#0b0c0c">'
        f"{escape(bar.label)}</text>"
    ]
    width = 0.0
    if is_number(bar.shown) and bar.length is not None:
        width = round(BAR_SPACE * min(max(bar.length, 0.0), 1.0), 1)
    elif is_number(bar.shown) and is_number(bar.percent):
        width = round(BAR_SPACE * min(float(bar.percent), 100.0) / 100, 1)
    if width > 0:
        pieces.append(f'<rect class="chart-bar" x="0" y="{bar_y}" width="{width}" height="{BAR_HEIGHT}"'
                      ' fill="#1d70b8"/>')
    x = width + 6
    pieces.append(
        f'<text class="count" x="{x}" y="{text_y}" font-size="12" font-weight="bold" fill="#0b0c0c">'
        f"{escape(bar.shown)}</text>"
    )
    if is_number(bar.shown) and is_number(bar.percent):
        offset = x + 9 * len(bar.shown) + 4
        pieces.append(
            f'<text class="percent" x="{offset}" y="{text_y}" font-size="12" fill="#505a5f">'
            f"({escape(bar.percent)}%)</text>"
        )
    return "<g>" + "".join(pieces) + "</g>"
