"""A human factor's own page: what it means, counts with small numbers hidden, lessons,
themes for the learning team, and following it (issue 23)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from candour.learning import services as learning
from candour.learning.lessons.services import publish_lesson, save_lesson
from candour.learning.models import Axis, Code
from candour.learning.themes.services import create_theme, update_theme
from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report
from candour.subscriptions.models import Subscription
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 12, 10, 0, tzinfo=LONDON)


def _factor() -> Code:
    return Code.objects.filter(axis=Axis.FACTOR, organisation__isnull=True).order_by("key")[0]


def _coded(world: World, code: Code, count: int, received: date) -> list[Report]:
    reports = []
    for _ in range(count):
        report = reviewed_report(world, today=received, occurred_month=received.replace(day=1))
        learning.save_coding(
            analyst=world.analyst, report=report, choices=[learning.CodeChoice(code=code)]
        )
        reports.append(report)
    return reports


@time_machine.travel(NOW, tick=False)
def test_the_factor_page_counts_lists_lessons_and_themes_and_hides_small_numbers(
    world: World,
) -> None:
    code = _factor()
    recent = _coded(world, code, 6, date(2026, 9, 14))
    _coded(world, code, 2, date(2025, 6, 16))  # the year before: fewer than 5
    _coded(world, code, 3, date(2026, 11, 9))  # this month: not counted yet
    lesson = publish_lesson(
        actor=world.analyst,
        lesson=save_lesson(
            actor=world.analyst,
            organisation=world.riverside,
            reports=recent[:2],
            title="Supervision that looks at the child",
            story="A story.",
            commentary="What we learned.",
            action_taken="What changed.",
        ),
    )
    theme = create_theme(
        actor=world.analyst, organisation=world.riverside, name="Missed visits", reports=recent
    )
    update_theme(actor=world.analyst, theme=theme, name="Missed visits", description="")
    url = reverse("learning:factor", args=[code.key])

    staff_page = signed_in_client(world.staff).get(url).content.decode()
    analyst_page = signed_in_client(world.analyst).get(url).content.decode()

    assert f'<h1 class="govuk-heading-l">{code.label}</h1>' in staff_page
    counts = staff_page[staff_page.index('id="factor-counts"') :]
    assert "November 2025 to October 2026" in counts
    assert ">6</td>" in counts
    assert ">fewer than 5</td>" in counts
    assert reverse("learning:lesson", args=[lesson.pk]) in staff_page
    assert "Supervision that looks at the child" in staff_page
    assert "Missed visits" not in staff_page  # theme pages are the learning team's
    assert reverse("learning:theme", args=[theme.pk]) in analyst_page
    for report in recent:
        assert report.reference not in staff_page
        assert report.reference not in analyst_page


def test_staff_follow_a_factor_from_its_page(world: World) -> None:
    code = _factor()
    url = reverse("learning:factor", args=[code.key])
    client = signed_in_client(world.staff)
    assert "Follow</button>" in client.get(url).content.decode()

    response = client.post(
        reverse("subscriptions:follow"), {"kind": "factor", "target": code.key, "next": url}
    )

    assert response.status_code == 302
    assert Subscription.objects.filter(user=world.staff, kind="factor", target=code.key).exists()
    assert "Stop following" in client.get(url).content.decode()
    page = client.get(reverse("subscriptions:page")).content.decode()
    assert f'href="{url}"' in page


def test_another_organisations_local_factor_and_other_codes_are_not_found(world: World) -> None:
    local = Code.objects.create(
        key="factor.local.moorland_only",
        axis=Axis.FACTOR,
        label="Moorland's own",
        organisation=world.moorland,
        introduced_in=_factor().introduced_in,
    )
    defence = Code.objects.filter(axis=Axis.DEFENCE)[0]
    client = signed_in_client(world.staff)

    assert client.get(reverse("learning:factor", args=[local.key])).status_code == 404
    assert client.get(reverse("learning:factor", args=[defence.key])).status_code == 404
    assert client.get(reverse("learning:factor", args=["factor.nothing"])).status_code == 404


def test_the_theme_page_links_its_factors_to_their_pages(world: World) -> None:
    code = _factor()
    reports = _coded(world, code, 2, date(2026, 9, 14))
    theme = create_theme(
        actor=world.analyst, organisation=world.riverside, name="Missed visits", reports=reports
    )

    page = signed_in_client(world.analyst).get(reverse("learning:theme", args=[theme.pk]))

    table = page.content.decode().split('id="theme-factors"')[1].split("</table>")[0]
    assert f'href="{reverse("learning:factor", args=[code.key])}"' in table
