"""The open library's data download: every open lesson with its filters and figures, and
every open bulletin with its period's figures (the JSON holds both; the bulletins have a
CSV of their own, as their columns are not a lesson's).

Under the Open Government Licence v3.0, named in the file itself (the JSON's licence, and
a licence column in every CSV row), so a copy passed on still says how it may be used.
Figures are the suppressed ones stored when the lesson or bulletin was opened: no count
under 5 is in the data, and no count from which a hidden one could be worked out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse, JsonResponse

from candour.core.charts import CountRow
from candour.core.safe_csv import csv_download
from candour.learning.library.presenters import (
    LICENCE_NAME,
    LICENCE_URL,
    OpenBulletinShown,
    OpenLessonShown,
)

FIELDS = (
    "id",
    "organisation",
    "month",
    "title",
    "story",
    "what_was_learned",
    "what_changed",
    "settings",
    "contributing_factors",
    "outcomes",
    "themes",
    "reports",
    "reports_by_outcome",
    "licence",
)
BULLETIN_FIELDS = (
    "id",
    "organisation",
    "first_month",
    "last_month",
    "title",
    "introduction",
    "lessons",
    "reports",
    "reports_by_outcome",
    "contributing_factors",
    "themes_this_period",
    "themes_period_before",
    "licence",
)
# How a hidden count is written in the data: never the count itself.
HIDDEN = "fewer than 5"
COMPLEMENTARY = "not shown"


def _count(count: int | None, complementary: bool = False) -> int | str:
    if count is not None:
        return count
    return COMPLEMENTARY if complementary else HIDDEN


def lesson_record(lesson: OpenLessonShown, url: str) -> dict[str, Any]:
    return {
        "id": url,
        "organisation": lesson.organisation,
        "month": f"{lesson.month:%Y-%m}",
        "title": lesson.title,
        "story": lesson.story,
        "what_was_learned": lesson.commentary,
        "what_changed": lesson.action_taken,
        "settings": lesson.codes.settings,
        "contributing_factors": lesson.codes.factors,
        "outcomes": lesson.codes.outcomes,
        "themes": lesson.codes.themes,
        "reports": _count(lesson.reports.count),
        "reports_by_outcome": {
            code: _count(row.count, row.complementary) for code, row in lesson.outcome_figures
        },
        "licence": LICENCE_NAME,
    }


def _counts(rows: Sequence[CountRow]) -> dict[str, int | str]:
    return {row.label: _count(row.count, row.complementary) for row in rows}


def bulletin_record(bulletin: OpenBulletinShown, url: str) -> dict[str, Any]:
    return {
        "id": url,
        "organisation": bulletin.organisation,
        "first_month": f"{bulletin.first_month:%Y-%m}",
        "last_month": f"{bulletin.last_month:%Y-%m}",
        "title": bulletin.title,
        "introduction": bulletin.introduction,
        "lessons": [lesson["title"] for lesson in bulletin.lessons],
        "reports": _count(bulletin.reports.count),
        "reports_by_outcome": _counts(bulletin.outcomes),
        "contributing_factors": _counts(bulletin.factors),
        "themes_this_period": _counts([theme.this_period for theme in bulletin.themes]),
        "themes_period_before": _counts([theme.previous_period for theme in bulletin.themes]),
        "licence": LICENCE_NAME,
    }


def json_download(
    lessons: Sequence[OpenLessonShown],
    urls: Sequence[str],
    *,
    title: str,
    bulletins: Sequence[OpenBulletinShown] = (),
    bulletin_urls: Sequence[str] = (),
) -> HttpResponse:
    response = JsonResponse(
        {
            "title": title,
            "licence": {"name": LICENCE_NAME, "url": LICENCE_URL},
            "small_numbers": "Counts under 5 are given as 'fewer than 5'; where one would "
            "let a hidden count be worked out by subtraction, another is given as 'not shown'.",
            "lessons": [
                lesson_record(lesson, url) for lesson, url in zip(lessons, urls, strict=True)
            ],
            "bulletins": [
                bulletin_record(bulletin, url)
                for bulletin, url in zip(bulletins, bulletin_urls, strict=True)
            ],
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
    response["Content-Disposition"] = 'attachment; filename="open-lessons.json"'
    return response


def csv_file(lessons: Sequence[OpenLessonShown], urls: Sequence[str]) -> HttpResponse:
    response, writer = csv_download("open-lessons.csv")
    writer.writerow(FIELDS)
    for lesson, url in zip(lessons, urls, strict=True):
        record = lesson_record(lesson, url)
        writer.writerow(
            [
                "; ".join(value) if isinstance(value, list) else _flat(value)
                for value in (record[name] for name in FIELDS)
            ]
        )
    return response


def bulletins_csv_file(bulletins: Sequence[OpenBulletinShown], urls: Sequence[str]) -> HttpResponse:
    response, writer = csv_download("open-bulletins.csv")
    writer.writerow(BULLETIN_FIELDS)
    for bulletin, url in zip(bulletins, urls, strict=True):
        record = bulletin_record(bulletin, url)
        writer.writerow(
            [
                "; ".join(value) if isinstance(value, list) else _flat(value)
                for value in (record[name] for name in BULLETIN_FIELDS)
            ]
        )
    return response


def _flat(value: object) -> object:
    if isinstance(value, dict):
        return "; ".join(f"{key}: {count}" for key, count in value.items())
    return value
