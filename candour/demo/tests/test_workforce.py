"""The workforce demo: its files import cleanly and the health pages show what it is for."""

from __future__ import annotations

from django.urls import reverse

from candour.demo import workforce as demo
from candour.workforce.models import (
    AbsenceSpell,
    Caseload,
    ChartEvent,
    DemandCount,
    ImportBatch,
    StaffPost,
    WorkforceSettings,
)
from conftest import signed_in_client

ABSENCE = reverse("workforce:health-absence")
WORKFORCE = reverse("workforce:health-workforce")


def test_the_demo_data_imports_cleanly_and_shows_the_pressures(world):
    teams = {"Assessment": world.assessment, "Child in Need": world.child_in_need}
    rows = demo.load(world.riverside, teams, world.admin)

    assert rows == sum(batch.rows for batch in ImportBatch.objects.all())
    assert ImportBatch.objects.count() == 5
    assert StaffPost.objects.filter(agency=True).exists()
    assert StaffPost.objects.exclude(ended_on=None).exists()
    assert not StaffPost.objects.filter(team=None).exists()
    assert Caseload.objects.filter(cases__gt=20).count() >= 3
    assert Caseload.objects.filter(cases__gt=30).count() == 1
    assert AbsenceSpell.objects.filter(reason="mental_health").exists()
    assert DemandCount.objects.filter(period_type="week", measure="referrals").count() == 156
    assert set(DemandCount.objects.values_list("measure", flat=True)) == {
        "referrals",
        "s47",
        "icpc",
        "cp_plans_started",
    }
    weekly = list(
        DemandCount.objects.filter(period_type="week")
        .order_by("period_start")
        .values_list("count", flat=True)
    )
    assert sum(weekly[-10:]) > 1.2 * sum(weekly[-62:-52])
    assert WorkforceSettings.objects.get(organisation=world.riverside).dfe_area_code == "E09000023"
    assert ChartEvent.objects.count() == 2


def test_the_demo_shows_starters_and_absence_over_time(world):
    demo.load(
        world.riverside,
        {"Assessment": world.assessment, "Child in Need": world.child_in_need},
        world.admin,
    )
    client = signed_in_client(world.admin)

    absence = client.get(ABSENCE)
    workforce = client.get(WORKFORCE)

    assert absence.status_code == workforce.status_code == 200
    assert 'id="absence-quarters"' in absence.content.decode()
    assert "Starters (FTE)" in workforce.content.decode()
