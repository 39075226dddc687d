from __future__ import annotations

import dataclasses
import importlib
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import PermissionDenied

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.lib.statistics.spiral import Indicator, Limit, SpiralThresholds
from candour.notifications.models import Notification
from candour.workforce.demand import surge_months
from candour.workforce.early_warning.services import (
    assess,
    change_thresholds,
    thresholds_for,
)
from candour.workforce.early_warning.words import evidence_words
from candour.workforce.models import Caseload, DemandCount, HealthStatus, WorkforceSettings
from candour.workforce.tests.builders import (
    TODAY,
    assessment_team,
    batch,
    monthly_demand,
    small_team,
)


@pytest.fixture
def built(world):
    assessment_team(world.assessment)
    small_team(world.child_in_need)
    return world


def _subjects(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


def test_a_change_is_stored_audited_and_told_once(built):
    assess(built.riverside, today=TODAY)
    assess(built.riverside, today=TODAY)

    statuses = HealthStatus.objects.filter(organisation=built.riverside)
    # June's absence (5.7% of working days) is over 4.2%: strained, for the team and the
    # whole. Child in Need (2 people) is judged without its absence: steady, and not told.
    assert {(s.team_id, s.status) for s in statuses} == {
        (None, "strained"),
        (built.assessment.pk, "strained"),
        (built.child_in_need.pk, "steady"),
    }
    assert statuses.get(team=built.assessment).period == date(2025, 6, 30)
    assert AuditEvent.objects.filter(event_type=AuditEventType.HEALTH_STATUS_CHANGED).count() == 3
    assert _subjects(built.manager) == [
        "Early warning: Assessment is strained",
        "Early warning: Riverside is strained",
    ]
    assert _subjects(built.other_manager) == ["Early warning: Riverside is strained"]
    assert len(_subjects(built.admin)) == 2
    assert _subjects(built.staff) == []
    assert _subjects(built.other_admin) == []
    body = Notification.objects.filter(recipient=built.manager).first().body  # type: ignore[union-attr]
    assert "absence rate (%) is 5.7, over 4.2" in body
    assert "A1" not in body


def test_new_thresholds_change_the_status_and_are_audited(built):
    assess(built.riverside, today=TODAY)
    relaxed = SpiralThresholds(absence_rate=Limit(strain=10.0, worsening=20.0))

    change_thresholds(actor=built.admin, organisation=built.riverside, thresholds=relaxed)
    results = assess(built.riverside, today=TODAY)

    assert thresholds_for(built.riverside).absence_rate.strain == 10.0
    assert {r.stored.status for r in results if r.stored is not None} == {"steady"}
    assert len([r for r in results if r.changed]) == 2
    assert "Early warning: Riverside is steady" in _subjects(built.manager)
    event = AuditEvent.objects.get(event_type=AuditEventType.HEALTH_THRESHOLDS_CHANGED)
    assert event.data == {"fields": ["absence_rate"]}


def test_only_administrators_change_thresholds(built):
    with pytest.raises(PermissionDenied):
        change_thresholds(
            actor=built.manager, organisation=built.riverside, thresholds=SpiralThresholds()
        )


def test_no_data_means_no_status(world):
    assert all(not r.changed for r in assess(world.riverside, today=TODAY))
    assert not HealthStatus.objects.exists()


def test_a_small_teams_absence_is_never_evidence(built):
    # Child in Need's C1 lost 2 of 2 x 21 working days in June (4.8%, over 4.2%), but a
    # team of 2 is judged without absence, so no page, notification or API quotes it.
    results = {r.team.pk if r.team else None: r for r in assess(built.riverside, today=TODAY)}

    small = results[built.child_in_need.pk].assessment
    assert small is not None
    assert small.status == "steady"
    assert all(
        item.latest is None for item in small.evidence if item.indicator.name == "ABSENCE_RATE"
    )
    assert not any("absence" in line for line in small.explanation())
    assert Notification.objects.filter(subject__contains="Child in Need").count() == 0


def test_referrals_per_case_holder_are_judged_against_the_teams_usual_level(built):
    # Assessment holds cases on 4 FTE each month; 20 referrals a month (5 per case
    # holder) is its usual level, and 40 in June (10 per case holder) is twice that.
    demand_batch = batch(built.riverside, "demand")
    caseload_batch = batch(built.riverside, "caseloads")
    for month in range(7, 19):
        year, number = 2024 + (month - 1) // 12, (month - 1) % 12 + 1
        DemandCount.objects.create(
            organisation=built.riverside,
            team=built.assessment,
            team_name="Assessment",
            batch=demand_batch,
            period_start=date(year, number, 1),
            period_type="month",
            measure="referrals",
            count=40 if (year, number) == (2025, 6) else 20,
        )
        if (year, number) != (2025, 6):
            for person, cases in (("A1", 10), ("A2", 22), ("A3", 31), ("A4", 15)):
                Caseload.objects.create(
                    organisation=built.riverside,
                    team=built.assessment,
                    team_name="Assessment",
                    batch=caseload_batch,
                    person_reference=person,
                    on_date=date(year, number, 15),
                    cases=cases,
                )
    relaxed = SpiralThresholds(absence_rate=Limit(strain=10.0, worsening=20.0))
    change_thresholds(actor=built.admin, organisation=built.riverside, thresholds=relaxed)

    results = {r.team.pk if r.team else None: r for r in assess(built.riverside, today=TODAY)}

    team = results[built.assessment.pk].assessment
    assert team is not None
    assert team.status == "strained"
    assert Indicator.DEMAND in team.over_threshold
    words = "referrals per case-holding worker is 10.0, over 6.0 (20% above its usual 5.0)"
    assert words in team.explanation()
    stored = HealthStatus.objects.get(team=built.assessment)
    assert words in evidence_words(stored.evidence)

    # A month at the usual level is not strained on demand, however high the level is.
    DemandCount.objects.filter(period_start=date(2025, 6, 1)).update(count=20)
    results = {r.team.pk if r.team else None: r for r in assess(built.riverside, today=TODAY)}
    team = results[built.assessment.pk].assessment
    assert team is not None
    assert Indicator.DEMAND not in team.over_threshold

    # Configurable: a fixed line, and no line relative to the usual, leaves it steady.
    DemandCount.objects.filter(period_start=date(2025, 6, 1)).update(count=40)
    higher = SpiralThresholds(
        absence_rate=Limit(strain=10.0, worsening=20.0),
        # Doubling in a month is also a rise of 100%: worsening only from 200%.
        demand_per_worker=Limit(strain=12.0, worsening=2.0, relative=True),
    )
    change_thresholds(actor=built.admin, organisation=built.riverside, thresholds=higher)
    assert thresholds_for(built.riverside).demand_per_worker.strain == 12.0
    results = {r.team.pk if r.team else None: r for r in assess(built.riverside, today=TODAY)}
    assert results[built.assessment.pk].assessment.status == "steady"  # type: ignore[union-attr]


def test_only_the_lines_an_administrator_changed_are_stored(built):
    in_force = thresholds_for(built.riverside)
    change_thresholds(actor=built.admin, organisation=built.riverside, thresholds=in_force)
    settings = WorkforceSettings.objects.get(organisation=built.riverside)
    # Saved unchanged: nothing of its own, so the national lines still reach it later.
    assert settings.thresholds == {}
    event = AuditEvent.objects.get(event_type=AuditEventType.HEALTH_THRESHOLDS_CHANGED)
    assert event.data == {"fields": []}

    tighter = dataclasses.replace(in_force, vacancy_rate=Limit(strain=12.0, worsening=3.0))
    change_thresholds(actor=built.admin, organisation=built.riverside, thresholds=tighter)
    later = dataclasses.replace(
        thresholds_for(built.riverside), absence_rate=Limit(strain=6.0, worsening=0.5)
    )
    change_thresholds(actor=built.admin, organisation=built.riverside, thresholds=later)
    settings.refresh_from_db()
    # An earlier choice is kept when another line changes.
    assert sorted(settings.thresholds) == ["absence_rate", "vacancy_rate"]
    assert thresholds_for(built.riverside).vacancy_rate.strain == 12.0


def test_lines_stored_only_because_the_old_form_prefilled_them_are_dropped(built):
    migration = importlib.import_module(
        "candour.workforce.migrations.0005_thresholds_only_overrides"
    )
    stored = {
        # The form before issue 20 stored every line as it was pre-filled ...
        "caseload": {"strain": 20.0, "worsening": 0.1, "relative": True},
        "demand_per_worker": {"strain": 4.0, "worsening": 0.1, "relative": True},
        "window": 6,
        # ... and the one the administrator really chose.
        "absence_rate": {"strain": 6.0, "worsening": 0.5, "relative": False},
    }
    WorkforceSettings.objects.update_or_create(
        organisation=built.riverside, defaults={"thresholds": stored}
    )
    migration.forwards(django_apps, None)

    settings = WorkforceSettings.objects.get(organisation=built.riverside)
    assert settings.thresholds == {"absence_rate": stored["absence_rate"]}
    demand = thresholds_for(built.riverside).demand_per_worker
    # No fixed line of 4 any more: judged against its own usual level.
    assert demand.strain is None
    assert demand.above_usual == 0.2


def test_a_team_whose_own_demand_surges_has_it_among_its_evidence(built):
    # Assessment sends its own monthly referrals; Child in Need sends none.
    counts = [100, 104, 98, 101, 97, 103, 99, 102, 100, 96, 104, 100] * 3
    counts += [100, 101, 99, 103, 100, 182]  # January to June 2025: June is far out.
    monthly_demand(built.riverside, counts, team=built.assessment)

    assert surge_months(built.riverside, built.assessment)[date(2025, 6, 30)] == ("Referrals",)
    assert surge_months(built.riverside, built.child_in_need) == {}
    results = {r.team.pk if r.team else None: r for r in assess(built.riverside, today=TODAY)}
    team = results[built.assessment.pk].assessment
    assert team is not None
    assert team.surges == ("Referrals",)
    other = results[built.child_in_need.pk].assessment
    assert other is None or other.surges == ()
