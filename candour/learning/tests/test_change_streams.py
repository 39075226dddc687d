"""Did it work? on every stream linked to a change: children's ratings, the safety culture
survey and the workforce, for ideas, alerts and themes (issue 23, ADR 0032)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from candour.accounts.models import User
from candour.core.services import set_safety_lead
from candour.ideas import services as ideas
from candour.ideas.effect import idea_effects
from candour.ideas.tests.factories import submit as submit_idea
from candour.learning.alerts import services as alerts
from candour.learning.changes import Change, judge
from candour.learning.tests.factories import did_it_work
from candour.learning.themes.services import create_theme, update_theme
from candour.lib.statistics.change_effect import Method, Outcome, Why
from candour.reporting.tests.factories import reviewed_report
from candour.surveys import services as surveys
from candour.surveys.tests.helpers import add_staff, full_answers
from candour.voice.tests.factories import received
from candour.voice.vocabulary import FeedbackStatus
from candour.workforce.models import Caseload
from candour.workforce.tests.builders import batch, post
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
CHANGED = datetime(2026, 6, 15, 11, 0, tzinfo=LONDON)
TODAY = date(2026, 10, 5)
PUBLISHED = FeedbackStatus.PUBLISHED


def _adopted(world: World, **source: object):
    idea = submit_idea(world, **source)
    with time_machine.travel(CHANGED, tick=False):
        ideas.move_idea(actor=world.manager, idea=idea, to_status="adopted", what_changed="x")
    idea.refresh_from_db()
    return idea


def _wave(world: World, title: str, opens: date, people: list[User], agree: int, cbi: int) -> None:
    opened = surveys.open_wave(
        actor=world.admin,
        organisation=world.riverside,
        title=title,
        teams=[world.assessment],
        closes_on=opens + timedelta(days=14),
        today=opens,
    )
    for person in people:
        surveys.submit_answers(
            token=opened.tokens[person.pk], data=full_answers(agree=agree, cbi=cbi), today=opens
        )
    closing = opens + timedelta(days=15)
    surveys.close_wave(
        actor=world.admin,
        wave=opened.wave,
        now=datetime.combine(closing, datetime.min.time(), LONDON),
    )


def _by_stream(effects):
    return {effect.stream: effect for effect in effects}


def test_an_idea_is_judged_on_its_teams_survey_scores(world: World) -> None:
    people = add_staff(world.assessment, 6)
    _wave(world, "Spring 2026", date(2026, 3, 2), people, agree=2, cbi=4)
    _wave(world, "Autumn 2026", date(2026, 9, 7), people, agree=5, cbi=2)
    idea = _adopted(world)

    found = _by_stream(idea_effects(idea, today=TODAY))

    safety = found["Survey: Psychological safety in the team"]
    assert safety.effect.method is Method.MEAN_DIFFERENCE
    assert safety.effect.outcome is Outcome.IMPROVED
    assert safety.verdict == "Improved"
    assert "went from 25 to 100" in safety.words
    assert "(Spring 2026)" in safety.method
    assert "(Autumn 2026)" in safety.method
    burnout = found["Survey: Work-related burnout (CBI) in the team"]
    assert burnout.effect.outcome is Outcome.IMPROVED  # lower burnout is better
    assert "went from 68 to 32" in burnout.words  # a reverse-worded item turned round


def test_survey_scores_of_fewer_than_five_people_say_nothing(world: World) -> None:
    people = add_staff(world.assessment, 6)
    _wave(world, "Spring 2026", date(2026, 3, 2), people, agree=2, cbi=4)
    _wave(world, "Autumn 2026", date(2026, 9, 7), people[:4], agree=5, cbi=2)
    idea = _adopted(world)

    safety = _by_stream(idea_effects(idea, today=TODAY))["Survey: Psychological safety in the team"]

    assert safety.effect.outcome is Outcome.CANNOT_TELL_YET
    assert safety.effect.why is Why.TOO_FEW
    assert safety.verdict == "Cannot tell yet"
    assert safety.words.startswith("Fewer than 5 people answered")
    assert "100" not in safety.words
    assert "4" not in safety.words


def test_no_wave_since_the_change_cannot_tell_yet(world: World) -> None:
    people = add_staff(world.assessment, 6)
    _wave(world, "Spring 2026", date(2026, 3, 2), people, agree=2, cbi=4)
    idea = _adopted(world)

    safety = _by_stream(idea_effects(idea, today=TODAY))["Survey: Psychological safety in the team"]

    assert safety.effect.why is Why.TOO_SOON
    assert safety.words == "No survey wave has closed since the change."


def _caseloads(world: World, before: int, after: int) -> None:
    people = [f"A{i}" for i in range(6)]
    for person in people:
        post(world.assessment, person, started_on=date(2024, 1, 1))
    loads = batch(world.riverside, "caseloads")
    month = date(2025, 6, 10)
    while month <= date(2026, 9, 10):
        for person in people:
            Caseload.objects.create(
                organisation=world.riverside,
                team=world.assessment,
                team_name=world.assessment.name,
                batch=loads,
                person_reference=person,
                on_date=month,
                cases=before if month < date(2026, 6, 1) else after,
            )
        month = (month.replace(day=1) + timedelta(days=32)).replace(day=10)


def test_an_idea_is_judged_on_its_teams_workforce(world: World) -> None:
    _caseloads(world, before=25, after=15)
    idea = _adopted(world)

    found = _by_stream(idea_effects(idea, today=TODAY))

    caseload = found["Workforce: average caseload in the team"]
    assert caseload.effect.outcome is Outcome.IMPROVED
    assert (caseload.effect.periods_before, caseload.effect.periods_after) == (12, 3)
    assert "The average caseload went from 25.0 to 15.0" in caseload.words
    leavers = found["Workforce: leavers in the team"]
    assert leavers.effect.why is Why.TOO_FEW  # nobody left: nothing to count
    assert leavers.words.startswith("Fewer than 10 people left")
    absence = found["Workforce: sickness absence in the team"]
    assert absence.effect.outcome is Outcome.NO_CLEAR_CHANGE  # none before, none since
    assert "smaller than one percentage point either way" in absence.words


def test_a_team_of_fewer_than_five_is_judged_as_the_organisation(world: World) -> None:
    for person in ("B1", "B2"):
        post(world.assessment, person)
    for person in ("C1", "C2", "C3", "C4"):
        post(world.child_in_need, person)
    idea = _adopted(world)

    streams = [effect.stream for effect in idea_effects(idea, today=TODAY)]

    assert "Workforce: leavers in the organisation" in streams
    assert "Workforce: leavers in the team" not in streams


def test_an_idea_with_no_streams_has_none(world: World) -> None:
    assert idea_effects(_adopted(world), today=TODAY) == []


def test_an_alert_acted_on_is_judged_on_the_organisations_ratings(world: World) -> None:
    set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
    report = reviewed_report(world, occurred_month=date(2026, 3, 1))
    alert = alerts.raise_alert(
        actor=world.analyst, report=report, hazard="A hazard", could_identify_reporter=False
    )
    received(world, 12, rating="poor", team=world.assessment, week=date(2026, 3, 2),
             status=PUBLISHED)  # fmt: skip
    received(world, 12, rating="good", team=world.child_in_need, week=date(2026, 8, 3),
             status=PUBLISHED)  # fmt: skip
    with time_machine.travel(CHANGED, tick=False):
        alerts.record_action(actor=world.manager, alert=alert, action_taken="Fixed it.")

    section = did_it_work(world.manager, "learning:alert", alert.pk)
    assert "Children&#x27;s and families&#x27; ratings across the organisation" in section
    assert "Improved" in section
    assert "The average rating went from 2.0 to 4.0 out of 5" in section


def test_the_theme_page_judges_each_change_on_every_stream(world: World) -> None:
    reports = [reviewed_report(world, occurred_month=date(2026, m, 1)) for m in (2, 3, 4)]
    theme = create_theme(
        actor=world.analyst, organisation=world.riverside, name="Late visits", reports=reports
    )
    update_theme(actor=world.analyst, theme=theme, name="Late visits", description="")
    received(world, 10, rating="very_good", team=world.assessment, week=date(2026, 3, 2),
             status=PUBLISHED)  # fmt: skip
    received(world, 10, rating="very_poor", team=world.assessment, week=date(2026, 8, 3),
             status=PUBLISHED)  # fmt: skip
    idea = _adopted(world, source_theme=theme)

    with time_machine.travel(datetime(2026, 10, 5, 9, 0, tzinfo=LONDON), tick=False):
        page = (
            signed_in_client(world.analyst)
            .get(reverse("learning:theme", args=[theme.pk]))
            .content.decode()
        )

    section = page[
        page.index('id="did-it-work"') : page.index("</section>", page.index('id="did-it-work"'))
    ]
    assert f"After idea {idea.pk} was adopted" in section
    assert "Reports of the theme “Late visits”" in section
    assert "Children&#x27;s and families&#x27; ratings of the team" in section
    assert "Worsened" in section
    assert "The average rating went from 5.0 to 1.0 out of 5" in section


def test_a_change_judged_directly_lists_theme_streams_first(world: World) -> None:
    reports = [reviewed_report(world, occurred_month=date(2026, 3, 1))]
    theme = create_theme(
        actor=world.analyst, organisation=world.riverside, name="Diverts", reports=reports
    )
    received(world, 3, rating="good", week=date(2026, 3, 2), status=PUBLISHED)

    effects = judge(Change(CHANGED, world.riverside.pk, theme_ids=(theme.pk,)), today=TODAY)

    assert [e.stream for e in effects] == [
        "Reports of the theme “Diverts”",
        "Children's and families' ratings across the organisation",
    ]
    assert effects[1].words == "Nobody has answered since the change yet."


def _bulletin_with_an_adopted_idea(world: World):
    from django.utils import timezone

    from candour.learning.models import Bulletin

    before = {date(2025, 8 + i, 1) if i < 5 else date(2026, i - 4, 1): 2 for i in range(10)}
    reports = [
        reviewed_report(world, occurred_month=month)
        for month, count in before.items()
        for _ in range(count)
    ]
    theme = create_theme(
        actor=world.analyst, organisation=world.riverside, name="Late visits", reports=reports
    )
    idea = _adopted(world, source_theme=theme)
    bulletin = Bulletin.objects.create(
        organisation=world.riverside,
        title="June lessons",
        period_start=date(2026, 6, 1),
        period_end=date(2026, 6, 30),
        published_at=timezone.now(),
        published_by=world.analyst,
        counts={"total": 0, "outcomes": [], "factors": [], "themes": []},
        lesson_texts=[],
    )
    return idea, bulletin


def test_the_bulletin_says_whether_the_periods_changes_worked(world: World) -> None:
    idea, bulletin = _bulletin_with_an_adopted_idea(world)

    section = did_it_work(world.staff, "learning:bulletin", bulletin.pk)
    assert f"Idea {idea.pk} adopted: {idea.title}" in section
    assert "Reports of the theme “Late visits”" in section
    assert "Improved" in section
    assert "went from 2.0 to 0.0 a month" in section
    assert "In figures: rate ratio 0.00, 95% interval 0.00 to 0." in section


def test_the_bulletin_pdf_says_whether_the_periods_changes_worked(world: World) -> None:
    import io

    from pypdf import PdfReader

    idea, bulletin = _bulletin_with_an_adopted_idea(world)

    with time_machine.travel(datetime(2026, 10, 5, 9, 0, tzinfo=LONDON), tick=False):
        pdf = signed_in_client(world.staff).get(
            reverse("learning:bulletin-pdf", args=[bulletin.pk])
        )

    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages
    ).replace("\n", " ")
    assert "Did it work?" in text
    assert f"Idea {idea.pk} adopted" in text
    assert "Improved." in text
    assert "rate ratio 0.00, 95% interval 0.00 to" in text


def test_a_bulletin_period_with_no_changes_says_so(world: World) -> None:
    from django.utils import timezone

    from candour.learning.models import Bulletin

    bulletin = Bulletin.objects.create(
        organisation=world.riverside,
        title="Quiet month",
        period_start=date(2026, 6, 1),
        period_end=date(2026, 6, 30),
        published_at=timezone.now(),
        published_by=world.analyst,
        counts={"total": 0, "outcomes": [], "factors": [], "themes": []},
        lesson_texts=[],
    )

    page = (
        signed_in_client(world.staff)
        .get(reverse("learning:bulletin", args=[bulletin.pk]))
        .content.decode()
    )

    assert "No idea was adopted and no alert acted on in this period." in page


def test_no_wave_before_the_change_has_nothing_to_compare_with(world: World) -> None:
    people = add_staff(world.assessment, 6)
    _wave(world, "Autumn 2026", date(2026, 9, 7), people, agree=5, cbi=2)
    idea = _adopted(world)

    safety = _by_stream(idea_effects(idea, today=TODAY))["Survey: Psychological safety in the team"]

    assert safety.effect.why is Why.TOO_FEW
    assert (
        safety.words == "No survey wave closed before the change: there is nothing to compare with."
    )


def test_the_idea_page_and_kaizen_measures_show_the_survey_and_workforce_streams(
    world: World,
) -> None:
    people = add_staff(world.assessment, 6)
    _wave(world, "Spring 2026", date(2026, 3, 2), people, agree=2, cbi=4)
    _wave(world, "Autumn 2026", date(2026, 9, 7), people, agree=5, cbi=2)
    _caseloads(world, before=25, after=15)
    idea = _adopted(world)

    with time_machine.travel(datetime(2026, 10, 5, 9, 0, tzinfo=LONDON), tick=False):
        client = signed_in_client(world.manager)
        idea_page = client.get(reverse("ideas:idea", args=[idea.pk])).content.decode()
        measures = client.get(reverse("ideas:measures")).content.decode()

    section = idea_page[idea_page.index('id="did-it-work"') :]
    assert "Survey: Psychological safety in the team" in section
    assert "The average score went from 25 to 100" in section
    assert "In figures: difference +75.00" in section
    assert "Workforce: average caseload in the team" in section
    table = measures[measures.index('id="judged-ideas"') :]
    table = table[: table.index("</table>")]
    assert f"Idea {idea.pk} (Assessment)" in table
    assert "Survey: Psychological safety in the team" in table
    assert "The average caseload went from 25.0 to 15.0" in table
