"""`{% chart_table chart %}`: the one chart component, the same on every page (ADR 0026)."""

from __future__ import annotations

from typing import Any

from django import template

from candour.core.charts import Chart, chart_context

register = template.Library()


@register.inclusion_tag("core/charts/chart.html", takes_context=True)
def chart_table(
    context: template.Context,
    chart: Chart,
    heading: str = "h3",
    table: str = "",
    table_id: str = "",
    for_print: bool = False,
) -> dict[str, Any]:
    """The chart's heading, legend and drawing, with its data table in a closed details
    element: the chart's own table, or the page's fuller one (`table`, a template that
    sees the page's context)."""
    page = {str(key): value for key, value in context.flatten().items()} if table else {}
    return {
        **page,
        **chart_context(
            chart,
            for_print=for_print,
            heading=heading,
            table_template=table,
            table_id=table_id,
        ),
    }
