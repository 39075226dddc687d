"""The bulletin as a PDF for team meetings: the page's own HTML and charts, printed by
WeasyPrint as a tagged PDF/UA-1 document (ADR 0026).

Tagged, so a screen reader reads headings, paragraphs, tables and each chart's
alternative text in order; the charts are the same component as the page's, drawn at
print size (chart text 9.6 pt, body text 11 pt), each followed by its table.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

from candour.learning.lessons.bulletin_content import BulletinContent

PDF_VARIANT = "pdf/ua-1"


def _language_tag() -> str:
    """The language as PDF readers expect it ("en-GB"), from Django's ("en-gb")."""
    return translation.to_locale(translation.get_language() or "en-gb").replace("_", "-")


def render_pdf(content: BulletinContent) -> bytes:
    """The bulletin as tagged PDF bytes."""
    html = render_to_string(
        "learning/bulletin_pdf.html",
        {"content": content, "language": _language_tag()},
    )
    # No base URL: the document is self-contained and must fetch nothing.
    pdf: bytes = HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)
    return pdf
