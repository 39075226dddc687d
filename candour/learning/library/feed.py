"""The open library as an Atom 1.0 feed (RFC 4287), built as XML so it is always well formed.

Atom wants a full date-time for `updated`; the open library shows the month only, so every
time in the feed is the first moment of a month (ADR 0033).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree as ET

from django.utils.translation import gettext as _

from candour.learning.library.presenters import (
    LICENCE_NAME,
    LICENCE_URL,
    OpenBulletinShown,
    OpenLessonShown,
)

ATOM = "http://www.w3.org/2005/Atom"


def month_stamp(month: date) -> str:
    return f"{month:%Y-%m}-01T00:00:00Z"


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str
    month: date
    author: str
    summary: str
    content: str
    categories: list[str]


def lesson_entry(lesson: OpenLessonShown, url: str) -> FeedEntry:
    parts = [lesson.story, _("What was learned"), lesson.commentary]
    if lesson.action_taken:
        parts += [_("What changed"), lesson.action_taken]
    return FeedEntry(
        url=url,
        title=lesson.title,
        month=lesson.month,
        author=lesson.organisation,
        summary=lesson.commentary,
        content="\n\n".join(parts),
        categories=lesson.labels.themes,
    )


def bulletin_entry(bulletin: OpenBulletinShown, url: str) -> FeedEntry:
    parts = [bulletin.introduction] if bulletin.introduction else []
    for lesson in bulletin.lessons:
        parts += [lesson["title"], lesson["story"], lesson["commentary"]]
    return FeedEntry(
        url=url,
        title=bulletin.title,
        month=bulletin.month,
        author=bulletin.organisation,
        summary=_("Bulletin: %(period)s") % {"period": bulletin.period_label},
        content="\n\n".join(part for part in parts if part),
        categories=[_("Bulletin")],
    )


def atom_feed(
    entries: Sequence[FeedEntry], *, service_name: str, library_url: str, feed_url: str
) -> bytes:
    """The feed document for these entries, newest first."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", feed_url)
    _text(feed, "title", _("%(service)s open lessons library") % {"service": service_name})
    newest = max((entry.month for entry in entries), default=None)
    _text(feed, "updated", month_stamp(newest) if newest else "1970-01-01T00:00:00Z")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", service_name)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=feed_url, type="application/atom+xml")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=library_url, type="text/html")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="license", href=LICENCE_URL)
    _text(feed, "rights", LICENCE_NAME)
    for item in sorted(entries, key=lambda entry: entry.month, reverse=True):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", item.url)
        _text(entry, "title", item.title)
        _text(entry, "updated", month_stamp(item.month))
        entry_author = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(entry_author, "name", item.author)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", href=item.url, type="text/html")
        for label in item.categories:
            ET.SubElement(entry, f"{{{ATOM}}}category", term=label)
        _text(entry, "summary", item.summary)
        _text(entry, "content", item.content).set("type", "text")
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document


def _text(parent: ET.Element, name: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = text
    return element
