"""Printing a page as a tagged PDF/UA-1 document with WeasyPrint (ADR 0026, ADR 0035).

One printer for every PDF Candour makes (the lessons bulletin, the paper forms): the
document is rendered from a Django template, tagged so that a screen reader reads its
headings, lists and form labels in order, and fetches nothing (no base URL).
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML

PDF_VARIANT = "pdf/ua-1"
KEPT_FOR_SECONDS = 15 * 60


def language_tag() -> str:
    """The active language as PDF readers expect it ("en-GB"), from Django's ("en-gb")."""
    return translation.to_locale(translation.get_language() or "en-gb").replace("_", "-")


def tagged_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The template rendered as tagged PDF bytes; the context gains ``language`` and
    ``direction``. The same HTML prints the same PDF, so a printed document is kept for a
    while by its HTML's digest: the public paper forms cost a second each to print."""
    language = translation.get_language() or "en-gb"
    html = render_to_string(
        template,
        {
            **context,
            "language": language_tag(),
            "direction": "rtl" if translation.get_language_info(language)["bidi"] else "ltr",
        },
    )
    key = "printed-pdf:" + hashlib.sha256(html.encode()).hexdigest()
    kept = cache.get(key)
    if isinstance(kept, bytes):
        return kept
    # No base URL: the document is self-contained and must fetch nothing.
    pdf: bytes = HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)
    cache.set(key, pdf, KEPT_FOR_SECONDS)
    return pdf


def pdf_response(pdf: bytes, *, filename: str, download: bool = True) -> HttpResponse:
    """A PDF answer: a download, or (``download=False``) shown in the browser to print."""
    response = HttpResponse(pdf, content_type="application/pdf")
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
