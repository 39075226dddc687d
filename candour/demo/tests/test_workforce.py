"""The workforce demo: its files import cleanly and the health pages show what it is for."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from candour.demo import workforce as demo
from candour.workforce.demand import AnnotatedPoint, demand_series
from candour.workforce.early_warning.services import backtest
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
HEALTH = reverse("workforce:health")
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
    assert DemandCount.objects.filter(period_type="week", measure="referrals").count() == 208
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
    # Reasons in words, never the import's codes.
    assert "Anxiety, stress, depression or other mental ill health" in absence.content.decode()
    assert "mental_health" not in absence.content.decode()
    assert "Starters (FTE)" in workforce.content.decode()


def _flag_episodes(points: list[AnnotatedPoint]) -> int:
    """Runs of flagged periods: a flag after an unflagged period starts a new one."""
    episodes, before = 0, False
    for item in points:
        episodes += item.point.surge and not before
        before = item.point.surge
    return episodes


def test_the_demos_surge_is_flagged_and_the_early_warning_changes_with_it(world):
    # The surge is ours (candour.demo.workforce): the last ten weeks of referrals, and
    # +30% in section 47 enquiries, conferences and plans started in the last 3 months.
    demo.load(
        world.riverside,
        {"Assessment": world.assessment, "Child in Need": world.child_in_need},
        world.admin,
    )

    charts = {series.measure: series for series in demand_series(world.riverside)}

    for measure in ("s47", "icpc", "cp_plans_started"):
        points = charts[measure].points
        assert points[-1].point.surge, measure  # by the surge's third month
        # Ordinary months: at most one false flag in the year before the surge.
        assert _flag_episodes(points[-15:-3]) <= 1, measure
    weekly = charts["referrals"].points
    assert any(item.point.surge for item in weekly[-demo.SURGE_WEEKS :])
    assert _flag_episodes(weekly[-demo.SURGE_WEEKS - 52 : -demo.SURGE_WEEKS]) <= 1

    # Strained by vacancies all year; the surge on top of that is the spiral forming.
    months = backtest(world.riverside)
    assert months[-1].status == "spiralling"
    assert any("a surge flagged on its control chart" in line for line in months[-1].lines)
    assert months[-4].status == "strained"
    out = StringIO()
    call_command("workforce", "backtest", "--organisation", world.riverside.slug, stdout=out)
    assert "(changed)" in out.getvalue()
    page = signed_in_client(world.admin).get(HEALTH).content.decode()
    assert "Section 47 enquiries: a surge flagged on its control chart" in page
