"""Reports in their common states, made through the real services (de-identified, sealed,
audited), never written to the table directly.

``ReportFactory`` makes a report as a reporter submits it and returns the
``SubmittedReport`` (the report and its receipt); ``ReviewedReportFactory`` makes one an
analyst has reviewed the redactions of, and returns the ``Report``, ready to code, theme,
search or feed a lesson. ``submit`` and ``reviewed_report`` are the shorthands most tests
use, with the world's Riverside Assessment team.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from django.test import Client
from django.utils import timezone
from factory.base import Factory
from factory.declarations import LazyAttribute, LazyFunction

from candour.reporting import services
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting
from conftest import World

if TYPE_CHECKING:
    # The test client's response type, as django-stubs names it.
    from django.test.client import _MonkeyPatchedWSGIResponse as HttpResponse

T = TypeVar("T")

# Identifying details in every field the de-identifier must catch.
NARRATIVE = services.Narrative(
    what_happened=(
        "On the home visit to Kasia Nowak at 14 Elm Road, Riverside RV1 2AB, I did not see "
        "the baby because mum said he was asleep. Her number is 07700 900123."
    ),
    what_caught_it="The health visitor rang the next day.",
    what_made_it_likely="Three visits booked back to back.",
    what_would_prevent="Always see the child, awake.",
)


class _Submission(Factory[T]):
    """What a reporter fills in: an anonymous near miss on a home visit, submitted on
    Thursday 26 November 2026 (``team`` must be given, or ``organisation`` and no team)."""

    class Meta:
        abstract = True

    team = None
    organisation = LazyAttribute(lambda o: o.team.organisation)
    route = Route.ANONYMOUS
    outcome = Outcome.NEAR_MISS
    setting = Setting.HOME_VISIT
    occurred_month = date(2026, 10, 17)
    part_of_day = PartOfDay.AFTERNOON
    factors = LazyFunction(lambda: ["workload", "workload", "family_access"])
    narrative = NARRATIVE
    today = date(2026, 11, 26)


class ReportFactory(_Submission[services.SubmittedReport]):
    """A report submitted through ``submit_report``: the report and its receipt."""

    class Meta:
        model = services.SubmittedReport

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> services.SubmittedReport:
        return services.submit_report(**kwargs)


class ReviewedReportFactory(_Submission[Report]):
    """A submitted report whose redactions ``reviewer`` (an analyst) has reviewed,
    keeping them all: ready to code, theme, search or feed a lesson."""

    class Meta:
        model = Report

    reviewer = None

    @classmethod
    def _create(cls, model_class: type, **kwargs: Any) -> Report:
        reviewer = kwargs.pop("reviewer")
        if reviewer is None:
            raise TypeError("ReviewedReportFactory needs the reviewer (an analyst)")
        report = services.submit_report(**kwargs).report
        services.review_redactions(actor=reviewer, report=report, keep={}, add_phrases={})
        report.refresh_from_db()  # as the next request would read it
        return report


def submit(world: World, **overrides: Any) -> services.SubmittedReport:
    """A report submitted to Riverside's Assessment team (any field can be overridden)."""
    overrides.setdefault("organisation", world.riverside)
    overrides.setdefault("team", world.assessment)
    return ReportFactory.create(**overrides)


def reviewed_report(world: World, what_happened: str | None = None, **overrides: Any) -> Report:
    """A report submitted to Riverside's Assessment team and reviewed by its analyst;
    ``what_happened`` replaces the whole narrative with that one sentence."""
    if what_happened is not None:
        overrides["narrative"] = services.Narrative(what_happened=what_happened)
    overrides.setdefault("organisation", world.riverside)
    overrides.setdefault("team", world.assessment)
    overrides.setdefault("reviewer", world.analyst)
    return ReviewedReportFactory.create(**overrides)


# The reporter's question pages in order, and the answers each one posts (ADR 0029).
PAGES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("organisation", ("organisation",)),
    ("what-happened", ("what_happened",)),
    ("outcome", ("outcome",)),
    ("when-and-where", ("occurred_month", "part_of_day", "setting", "team")),
    ("what-helped", ("what_caught_it", "factors", "what_made_it_likely", "what_would_prevent")),
    ("staying-in-touch", ("route", "contact")),
)


def page_answers(world: World, **overrides: Any) -> dict[str, Any]:
    """A reporter's answers to every page: an anonymous near miss on a home visit to
    Riverside's Assessment team, with identifying details in what happened."""
    answers: dict[str, Any] = {
        "organisation": str(world.riverside.pk),
        "what_happened": "I visited Kasia Nowak at 14 Elm Road and did not see the baby.",
        "outcome": "near_miss",
        "occurred_month": timezone.localdate().replace(day=1).isoformat(),
        "part_of_day": "afternoon",
        "setting": "home_visit",
        "team": str(world.assessment.pk),
        "what_caught_it": "The health visitor rang.",
        "factors": ["workload"],
        "what_made_it_likely": "",
        "what_would_prevent": "See the child awake.",
        "route": "anonymous",
        "contact": "",
    }
    answers.update(overrides)
    return answers


def answer_every_page(client: Client, answers: dict[str, Any]) -> HttpResponse:
    """Post each question page in turn, as a reporter would, and return the check page."""
    client.get("/report/new/")
    for slug, fields in PAGES:
        response = client.post(
            f"/report/new/{slug}/", {name: answers[name] for name in fields if name in answers}
        )
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
    check = client.get("/report/new/check/")
    assert check.status_code == 200, check.get("Location")
    return check


def send_checked(client: Client, check: HttpResponse) -> HttpResponse:
    """Press Send report on a check page."""
    token = re.search(r'name="submission_token" value="([^"]+)"', check.content.decode())
    assert token, check.content.decode()
    return client.post("/report/new/check/", {"submission_token": token.group(1)})


def receipt_of(page: HttpResponse) -> str:
    found = re.search(r'id="receipt-code">([0-9A-Z-]{19})<', page.content.decode())
    assert found, page.content.decode()
    return found.group(1)
