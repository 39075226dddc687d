"""The open library as an Atom 1.0 feed (RFC 4287), built as XML so it is always well formed.

Atom wants a full date-time for `updated`; the open library shows the month only, so every
time in the feed is the first moment of a month (ADR 0033).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _

from candour.learning.library.presenters import LICENCE_NAME, LICENCE_URL, OpenLessonShown

ATOM = "http://www.w3.org/2005/Atom"


def month_stamp(month: date) -> str:
    return f"{month:%Y-%m}-01T00:00:00Z"


def atom_feed(
    lessons: Sequence[OpenLessonShown],
    *,
    service_name: str,
    library_url: str,
    feed_url: str,
    lesson_url: Callable[[OpenLessonShown], str],
) -> bytes:
    """The feed document for these lessons, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_url)
    _text(feed, "title", _("%(service)s open lessons library") % {"service": service_name})
    newest = max((lesson.month for lesson in lessons), default=None)
    _text(feed, "updated", month_stamp(newest) if newest else "1970-01-01T00:00:00Z")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", service_name)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=library_url, type="text/html")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="license", href=LICENCE_URL)
    _text(feed, "rights", LICENCE_NAME)
    for lesson in lessons:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        url = lesson_url(lesson)
        _text(entry, "id", url)
        _text(entry, "title", lesson.title)
        _text(entry, "updated", month_stamp(lesson.month))
        entry_author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(entry_author, "name", lesson.organisation)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=url, type="text/html")
        for label in lesson.labels.themes:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=label)
        _text(entry, "summary", lesson.commentary)
        _text(entry, "content", _entry_text(lesson)).set("type", "text")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


def _entry_text(lesson: OpenLessonShown) -> str:
    parts = [lesson.story, _("What was learned"), lesson.commentary]
    if lesson.action_taken:
        parts += [_("What changed"), lesson.action_taken]
    return "\n\n".join(parts)


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element
