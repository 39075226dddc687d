"""Route 6: an organisation's case-number pattern must not be able to hang a worker.

``(a+)+$`` against 40 "a"s and one other character backtracks 2**40 times: hours, on a
hub for every tenant. Such a pattern is refused when saved, and one already in the
database is skipped at submission instead of run.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from datetime import date
from types import FrameType

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candour.core.models import Organisation
from candour.core.services import set_case_reference_patterns
from candour.lib.deid.safe_patterns import is_safe
from candour.reporting import services
from candour.reporting.models import Report
from candour.reporting.vocabulary import Outcome, PartOfDay, Route, Setting
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

CATASTROPHIC = "(a+)+$"
CRAFTED = "a" * 40 + "!"


class _TookTooLongError(Exception):
    pass


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail (rather than hang for hours) if the code under test runs past 20 seconds.

    Python's regular-expression engine checks for signals as it backtracks, so the alarm
    interrupts even a catastrophic match. The bound is generous: the safe path takes
    milliseconds, the unsafe one hours.
    """

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise _TookTooLongError

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.alarm(20)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    "pattern",
    [CATASTROPHIC, "(a|aa)*c", r"(\w+)\s\1", r"(?=RIV)\w{3}", r"RIV-\d+", "(?:a{1,30}){1,30}"],
)
def test_a_catastrophic_pattern_is_refused_when_saved(world: World, pattern: str) -> None:
    with pytest.raises(ValidationError):
        set_case_reference_patterns(
            actor=world.admin, organisation=world.riverside, patterns=[pattern]
        )
    world.riverside.refresh_from_db()
    assert world.riverside.case_reference_patterns == []


def test_the_settings_page_explains_the_refusal(world: World) -> None:
    url = reverse("core:case-reference-patterns", args=[world.riverside.slug])
    response = signed_in_client(world.admin).post(
        url, {"patterns": f"RIV-\\d{{5}}\n{CATASTROPHIC}"}
    )
    assert response.status_code == 200
    assert "a repeat inside a repeat" in response.content.decode()
    world.riverside.refresh_from_db()
    assert world.riverside.case_reference_patterns == []


def test_ordinary_case_number_formats_are_still_accepted(world: World) -> None:
    patterns = [r"RIV-\d{5}", r"\bfile (?P<ref>K\d{3}[a-z]{2})\b", r"(?:LCS|MOS)\d{6,8}"]
    set_case_reference_patterns(actor=world.admin, organisation=world.riverside, patterns=patterns)
    assert all(is_safe(pattern) for pattern in patterns)


def test_a_bad_pattern_already_saved_cannot_hang_a_submission(world: World, deadline: None) -> None:
    # Written straight to the database, as a pattern saved before the check would be.
    Organisation.objects.filter(pk=world.riverside.pk).update(
        case_reference_patterns=[CATASTROPHIC, r"RIV-\d{5}"]
    )
    world.riverside.refresh_from_db()
    submitted = services.submit_report(
        organisation=world.riverside,
        team=None,
        route=Route.ANONYMOUS,
        outcome=Outcome.NEAR_MISS,
        setting=Setting.HOME_VISIT,
        occurred_month=date(2026, 10, 1),
        part_of_day=PartOfDay.AFTERNOON,
        factors=[],
        narrative=services.Narrative(
            what_happened=f"{CRAFTED} The file RIV-12345 was left open.",
            what_caught_it=CRAFTED,
            what_made_it_likely=CRAFTED,
            what_would_prevent=CRAFTED,
        ),
        today=date(2026, 11, 26),
    )
    report = Report.objects.get(pk=submitted.report.pk)
    # The safe pattern beside the bad one still does its work.
    assert "RIV-12345" not in report.what_happened
