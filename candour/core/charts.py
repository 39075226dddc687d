"""Charts drawn on the server as SVG, so they work without JavaScript and under the CSP.

Every chart is shown beside a table of its data (the table is what screen readers use;
the SVG is hidden from them), so charts carry no information the table does not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Column:
    label: str
    value: int | None  # None: hidden (a small number), drawn as a gap


def column_chart_svg(title: str, columns: Sequence[Column], *, label_every: int = 1) -> str:
    """Vertical columns over time, labelled below every `label_every` columns."""
    width, height, bottom, top = 640, 220, 40, 20
    plot_height = height - bottom - top
    step = width / max(len(columns), 1)
    largest = max((c.value or 0 for c in columns), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" class="candour-chart">',
        f'<line x1="0" y1="{top + plot_height}" x2="{width}" y2="{top + plot_height}" '
        f'stroke="#b1b4b6" stroke-width="1"></line>',
    ]
    for index, column in enumerate(columns):
        x = index * step + step * 0.15
        bar_width = step * 0.7
        if column.value:
            bar_height = plot_height * column.value / largest
            y = top + plot_height - bar_height
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
                f'height="{bar_height:.1f}" fill="#1d70b8"></rect>'
            )
            parts.append(
                f'<text x="{x + bar_width / 2:.1f}" y="{y - 4:.1f}" font-size="12" '
                f'text-anchor="middle" fill="#0b0c0c">{column.value}</text>'
            )
        if index % label_every == 0:
            parts.append(
                f'<text x="{x + bar_width / 2:.1f}" y="{height - bottom + 18}" font-size="12" '
                f'text-anchor="middle" fill="#505a5f">{escape(column.label)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def escape(text: str) -> str:
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int | None  # None: fewer than SMALLEST_SHOWN, or hidden so none can be worked out
    # Where a larger row was hidden too, every hidden row says only "not shown": saying
    # which one was small would give the small one away by subtraction.
    complementary: bool = False

    @property
    def shown(self) -> str:
        if self.count is not None:
            return str(self.count)
        return _("not shown") if self.complementary else _("fewer than 5")


def bar_chart_svg(title: str, rows: list[CountRow]) -> str:
    """A horizontal bar chart as SVG markup (attributes only: the CSP forbids styles)."""
    width, bar_height, gap, label_width = 640, 22, 8, 300
    largest = max((row.count or 0 for row in rows), default=0) or 1
    height = len(rows) * (bar_height + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" class="candour-chart">'
    ]
    for index, row in enumerate(rows):
        y = gap + index * (bar_height + gap)
        length = int((width - label_width - 60) * (row.count or 0) / largest)
        label = escape(row.label[:42])
        parts.append(f'<text x="0" y="{y + 16}" font-size="14" fill="#0b0c0c">{label}</text>')
        if row.count is not None:
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{max(length, 2)}" '
                f'height="{bar_height}" fill="#1d70b8"></rect>'
            )
        parts.append(
            f'<text x="{label_width + max(length, 2) + 6}" y="{y + 16}" font-size="14" '
            f'fill="#0b0c0c">{escape(row.shown)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
