"""The bulletin as a PDF for team meetings, drawn with ReportLab (pure Python)."""

from __future__ import annotations

from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from candour.learning.lessons.bulletin_content import BarChart, BulletinContent


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _chart(chart: BarChart) -> Drawing | None:
    rows = [row for row in chart.rows if row.count is not None]
    if not rows:
        return None
    drawing = Drawing(170 * mm, max(40, 12 * len(rows) + 20))
    bars = HorizontalBarChart()
    bars.x, bars.y = 75 * mm, 10
    bars.width, bars.height = 85 * mm, max(20, 12 * len(rows))
    bars.data = [[row.count or 0 for row in rows]]
    bars.categoryAxis.categoryNames = [row.label[:40] for row in rows]
    bars.categoryAxis.labels.fontSize = 7
    bars.valueAxis.valueMin = 0
    bars.bars[0].fillColor = colors.HexColor("#1d70b8")
    drawing.add(bars)
    return drawing


def render_pdf(content: BulletinContent) -> bytes:
    styles = getSampleStyleSheet()
    bulletin = content.bulletin
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=bulletin.title, author="Candour", subject=_("Lessons bulletin")
    )
    period = _("%(start)s to %(end)s") % {
        "start": date_format(bulletin.period_start, "j F Y"),
        "end": date_format(bulletin.period_end, "j F Y"),
    }
    story: list[object] = [
        Paragraph(_escape(bulletin.title), styles["Title"]),
        Paragraph(_escape(f"{bulletin.organisation.name} · {period}"), styles["Normal"]),
        Spacer(1, 6 * mm),
    ]
    if bulletin.introduction:
        story += [Paragraph(_escape(bulletin.introduction), styles["BodyText"]), Spacer(1, 4 * mm)]
    for lesson in content.lessons:
        story += [
            Paragraph(_escape(lesson.title), styles["Heading2"]),
            Paragraph(_escape(lesson.story).replace("\n", "<br/>"), styles["BodyText"]),
            Paragraph(
                f"<b>{_escape(_('What we learned:'))}</b> {_escape(lesson.commentary)}",
                styles["BodyText"],
            ),
        ]
        if lesson.action_taken:
            story.append(
                Paragraph(
                    f"<b>{_escape(_('What changed:'))}</b> {_escape(lesson.action_taken)}",
                    styles["BodyText"],
                )
            )
        story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(_escape(_("The period in numbers")), styles["Heading2"]))
    for chart in (content.outcomes, content.factors):
        story.append(Paragraph(_escape(chart.title), styles["Heading3"]))
        drawing = _chart(chart)
        if drawing is not None:
            story.append(drawing)
        if chart.rows:
            story.append(Table([[row.label, row.shown] for row in chart.rows]))
        else:
            story.append(Paragraph(_escape(_("Nothing coded yet.")), styles["BodyText"]))
        story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(_escape(content.themes.title), styles["Heading3"]))
    drawing = _chart(
        BarChart(content.themes.title, [t.this_period for t in content.themes.rows], "")
    )
    if drawing is not None:
        story.append(drawing)
    if content.themes.rows:
        story.append(
            Table(
                [[_("Theme"), _("This period"), _("Period before")]]
                + [
                    [trend.name, trend.this_period.shown, trend.previous_period.shown]
                    for trend in content.themes.rows
                ]
            )
        )
    else:
        story.append(
            Paragraph(_escape(_("No confirmed themes in these periods.")), styles["BodyText"])
        )
    story.append(Spacer(1, 4 * mm))
    story.append(
        Paragraph(
            _escape(_("Counts under 5 are not shown. Reports are used to learn, never to blame.")),
            styles["Italic"],
        )
    )
    document.build(story)
    return buffer.getvalue()
