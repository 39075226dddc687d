"""The bulletin as a PDF for team meetings: the page's own HTML and charts, printed by
the house printer (candour.core.printing) as a tagged PDF/UA-1 document (ADR 0026).

Tagged, so a screen reader reads headings, paragraphs, tables and each chart's
alternative text in order; the charts are the same component as the page's, drawn at
print size (chart text 9.6 pt, body text 11 pt), each followed by its table.
"""

from __future__ import annotations

from candour.core.printing import tagged_pdf
from candour.learning.lessons.bulletin_content import BulletinContent


def render_pdf(content: BulletinContent) -> bytes:
    """The bulletin as tagged PDF bytes."""
    return tagged_pdf("learning/bulletin_pdf.html", {"content": content})
