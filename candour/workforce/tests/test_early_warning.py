from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.health_stats.spiral import Limit, SpiralThresholds
from candour.notifications.models import Notification
from candour.workforce.early_warning import assess, change_thresholds, thresholds_for
from candour.workforce.models import HealthStatus
from candour.workforce.tests.builders import TODAY, assessment_team, small_team


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
    # June's absence (5.7% of working days) is over 4.2%: strained, for the team and the whole.
    assert {(s.team_id, s.status) for s in statuses} == {
        (None, "strained"),
        (built.assessment.pk, "strained"),
        (built.child_in_need.pk, "strained"),
    }
    assert statuses.get(team=built.assessment).period == date(2025, 6, 30)
    assert AuditEvent.objects.filter(event_type=AuditEventType.HEALTH_STATUS_CHANGED).count() == 3
    assert _subjects(built.manager) == [
        "Early warning: Assessment is strained",
        "Early warning: Riverside is strained",
    ]
    assert _subjects(built.other_manager) == [
        "Early warning: Child in Need is strained",
        "Early warning: Riverside is strained",
    ]
    assert len(_subjects(built.admin)) == 3
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
    assert len([r for r in results if r.changed]) == 3
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
