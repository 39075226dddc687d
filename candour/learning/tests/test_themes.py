from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.demo import learning_corpus as demo_corpus
from candour.learning import services
from candour.learning.models import Code, DefenceState, Theme, ThemeStatus
from candour.learning.themes import services as themes
from candour.learning.themes.profile import build_profile, candidates
from candour.learning.themes.services import find_themes
from candour.reporting.models import Report
from candour.reporting.tests.factories import reviewed_report, submit
from candour.reporting.vocabulary import Outcome
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


def _corpus(world: World, count: int = 40) -> dict[int, str]:
    """Demo-corpus reports for Riverside; returns each report's scenario (the truth)."""
    teams = {team: world.assessment for s in demo_corpus.SCENARIOS for team in s.teams}
    demo_corpus.load(world.riverside, teams, world.analyst, count=count)
    tellings = {t.what_happened: s.key for s in demo_corpus.SCENARIOS for t in s.tellings}
    return {
        report.pk: tellings[report.what_happened]
        for report in Report.objects.filter(organisation=world.riverside)
    }


def _coded(world: World, outcome: Outcome, keys: list[str], **overrides: Any) -> Report:
    report = reviewed_report(world, outcome=outcome, **overrides)
    codes = {code.key: code for code in Code.objects.all()}
    choices = []
    for item in keys:
        key, _sep, state = item.partition(":")
        choices.append(services.CodeChoice(codes[key], DefenceState(state) if state else None))
    services.save_coding(analyst=world.analyst, report=report, choices=choices)
    report.refresh_from_db()
    return report


def test_finding_themes_groups_reports_that_share_a_trap(world: World) -> None:
    truth = _corpus(world)
    result = find_themes(world.riverside)
    suggested = list(Theme.objects.filter(organisation=world.riverside))
    assert result.reports == 40
    assert result.suggested == len(suggested) >= 3
    for theme in suggested:
        members = list(theme.memberships.values_list("report_id", flat=True))
        assert len(members) >= 4
        scenario, count = Counter(truth[pk] for pk in members).most_common(1)[0]
        assert count / len(members) >= 0.8, (theme.name, scenario)
        assert theme.status == ThemeStatus.SUGGESTED
        assert theme.key_terms
    labels = {theme.name for theme in suggested}
    assert "A child was not seen, or not seen alone" in labels
    event = AuditEvent.objects.filter(event_type=AuditEventType.THEMES_FOUND).get()
    assert event.data == {"reports": 40, "suggested": len(suggested), "replaced": 0}


def test_looking_again_keeps_curated_themes_and_does_not_repeat_dismissed_ones(
    world: World,
) -> None:
    _corpus(world)
    find_themes(world.riverside)
    first, second, *rest = Theme.objects.filter(organisation=world.riverside).order_by("pk")
    themes.update_theme(actor=world.analyst, theme=first, name="Our name", description="")
    dismissed_members = set(second.memberships.values_list("report_id", flat=True))
    themes.dismiss_theme(actor=world.analyst, theme=second)
    kept_members = set(first.memberships.values_list("report_id", flat=True))

    result = find_themes(world.riverside, actor=world.analyst)

    first.refresh_from_db()
    assert (first.name, first.status) == ("Our name", ThemeStatus.CONFIRMED)
    assert set(first.memberships.values_list("report_id", flat=True)) == kept_members
    assert Theme.objects.get(pk=second.pk).status == ThemeStatus.DISMISSED
    assert result.replaced == len(rest)
    for theme in Theme.objects.filter(status=ThemeStatus.SUGGESTED):
        members = set(theme.memberships.values_list("report_id", flat=True))
        assert len(members & dismissed_members) < len(members) / 2
        assert len(members & kept_members) < len(members) / 2
    assert not Theme.objects.filter(pk__in=[t.pk for t in rest]).exists()


def test_curating_merges_splits_attaches_and_detaches_with_an_audit_trail(world: World) -> None:
    reports = [_coded(world, Outcome.NEAR_MISS, ["event.child_not_seen"]) for _ in range(4)]
    one = themes.create_theme(
        actor=world.analyst,
        organisation=world.riverside,
        name=" Late  visits ",
        reports=reports[:2],
    )
    two = Theme.objects.create(
        organisation=world.riverside, name="Suggested", status=ThemeStatus.SUGGESTED
    )
    assert one.name == "Late visits"
    assert themes.attach_report(actor=world.analyst, theme=two, report=reports[2]) is True
    assert themes.attach_report(actor=world.analyst, theme=two, report=reports[2]) is False
    two.refresh_from_db()
    assert two.status == ThemeStatus.CONFIRMED  # touching a suggestion confirms it

    themes.merge_themes(actor=world.analyst, source=two, target=one)
    two.refresh_from_db()
    assert (two.status, two.merged_into_id) == (ThemeStatus.MERGED, one.pk)
    assert set(one.reports.all()) == set(reports[:3])
    with pytest.raises(ValidationError):
        themes.attach_report(actor=world.analyst, theme=two, report=reports[3])

    new = themes.split_theme(actor=world.analyst, theme=one, reports=[reports[0]], name="Split")
    assert list(new.reports.all()) == [reports[0]]
    assert set(one.reports.all()) == {reports[1], reports[2]}
    with pytest.raises(ValidationError, match="Leave at least one"):
        themes.split_theme(actor=world.analyst, theme=new, reports=[reports[0]], name="Again")

    themes.detach_report(actor=world.analyst, theme=one, report=reports[1])
    assert list(one.reports.all()) == [reports[2]]
    with pytest.raises(ValidationError):
        themes.detach_report(actor=world.analyst, theme=one, report=reports[1])

    unreviewed = submit(world).report
    elsewhere = submit(world, organisation=world.moorland, team=world.moorland_team).report
    for report in (unreviewed, elsewhere):
        with pytest.raises(ValidationError):
            themes.attach_report(actor=world.analyst, theme=one, report=report)

    recorded = Counter(AuditEvent.objects.values_list("event_type", flat=True))
    assert recorded[AuditEventType.THEME_SAVED] == 1
    assert recorded[AuditEventType.THEME_REPORT_ATTACHED] == 1
    assert recorded[AuditEventType.THEME_MERGED] == 1
    assert recorded[AuditEventType.THEME_SPLIT] == 1
    assert recorded[AuditEventType.THEME_REPORT_DETACHED] == 1


def test_the_profile_shows_trend_factors_and_what_distinguishes_caught_near_misses(
    world: World,
) -> None:
    caught = [
        _coded(
            world,
            Outcome.NEAR_MISS,
            ["event.child_not_seen", "factor.organisation.workload", "defence.supervision:held"],
            occurred_month=date(2026, 10, 1),
        )
        for _ in range(3)
    ]
    missed = [
        _coded(
            world,
            Outcome.HARM,
            [
                "event.child_not_seen",
                "factor.organisation.workload",
                "defence.supervision:failed",
                "defence.seeing_the_child:failed",
            ],
            occurred_month=date(2026, 5, 1),
        )
        for _ in range(2)
    ]
    theme = themes.create_theme(
        actor=world.analyst,
        organisation=world.riverside,
        name="Not seen",
        reports=[*caught, *missed],
    )
    profile = build_profile(theme, TODAY)

    months = dict(profile.trend.months)
    assert months[date(2026, 10, 1)] == 3
    assert months[date(2026, 5, 1)] == 2
    assert len(profile.trend.months) == 18
    assert (profile.trend.recent, profile.trend.before) == (3, 2)
    assert list(profile.trend.chart.series[0].values) == [n for _month, n in profile.trend.months]
    assert [(row.label, row.count) for row in profile.factors] == [("Caseload and workload", 5)]
    assert {row.label: row.count for row in profile.failed_defences} == {
        "Supervision and management oversight": 2,
        "Seeing and hearing the child": 2,
    }
    assert (profile.caught, profile.not_caught) == (3, 2)
    rows = {row.label: row for row in profile.distinctions}
    held = rows["Supervision and management oversight (held)"]
    assert (held.caught, held.not_caught, held.favours_caught) == (3, 0, True)
    failed = rows["Supervision and management oversight (failed)"]
    assert (failed.caught, failed.not_caught_share) == (0, 1.0)
    assert "Caseload and workload" not in rows  # the same in both: it distinguishes nothing


def test_candidates_are_like_the_theme_and_not_in_it(world: World) -> None:
    truth = _corpus(world, count=30)
    counts = Counter(truth.values())
    scenario = counts.most_common(1)[0][0]
    members = [pk for pk, key in truth.items() if key == scenario]
    theme = themes.create_theme(
        actor=world.analyst,
        organisation=world.riverside,
        name="Half of it",
        reports=list(Report.objects.filter(pk__in=members[: len(members) // 2 + 1])),
    )
    offered = candidates(theme)
    assert offered
    assert all(report.pk not in members[: len(members) // 2 + 1] for report in offered)
    assert Counter(truth[r.pk] for r in offered).most_common(1)[0][0] == scenario


def test_analysts_curate_themes_through_the_pages(world: World) -> None:
    reports = [_coded(world, Outcome.NEAR_MISS, ["event.child_not_seen"]) for _ in range(3)]
    client = signed_in_client(world.analyst)
    response = client.post(
        reverse("learning:theme-new"), {"name": "Children not seen", "description": "Busy days"}
    )
    theme = Theme.objects.get(name="Children not seen")
    assert response["Location"] == reverse("learning:theme", args=[theme.pk])

    url = reverse("learning:theme-reports", args=[theme.pk])
    for report in reports:
        client.post(url, {"reference": report.reference.lower(), "action": "attach"})
    assert theme.reports.count() == 3
    page = client.post(url, {"reference": "CR-NOPE00"}, follow=True).content.decode()
    assert "There is no report with that reference in this organisation" in page

    page = client.get(reverse("learning:theme", args=[theme.pk])).content.decode()
    assert "Children not seen" in page
    assert "Busy days" in page
    assert reports[0].reference in page
    assert "When it happens" in page
    assert "What was different when it was caught" in page

    response = client.post(
        reverse("learning:theme-split", args=[theme.pk]),
        {"reports": [str(reports[0].pk)], "name": "Split off"},
    )
    split = Theme.objects.get(name="Split off")
    assert list(split.reports.all()) == [reports[0]]
    client.post(reverse("learning:theme-merge", args=[split.pk]), {"target": str(theme.pk)})
    assert Theme.objects.get(pk=split.pk).status == ThemeStatus.MERGED
    assert theme.reports.count() == 3

    client.post(reverse("learning:theme-status", args=[theme.pk]), {"action": "dismiss"})
    assert Theme.objects.get(pk=theme.pk).status == ThemeStatus.DISMISSED
    listing = client.get(reverse("learning:themes")).content.decode()
    assert "1 dismissed or merged theme" not in listing  # two: the split and this one
    assert "2 dismissed or merged themes" in listing


def test_themes_are_for_the_organisations_analysts_only(world: World) -> None:
    theme = themes.create_theme(actor=world.analyst, organisation=world.riverside, name="Ours")
    moorland_analyst = make_person("analyst@moorland.example", world.moorland, Role.ANALYST)
    for person in (world.manager, world.staff, moorland_analyst, world.national_analyst):
        client = signed_in_client(person)
        assert client.get(reverse("learning:theme", args=[theme.pk])).status_code == 404
        assert (
            client.post(reverse("learning:theme-status", args=[theme.pk]), {"action": "dismiss"})
        ).status_code == 404
    assert Theme.objects.get(pk=theme.pk).status == ThemeStatus.CONFIRMED
    assert signed_in_client(world.manager).get(reverse("learning:themes")).status_code == 404


def test_the_command_finds_themes_for_every_organisation(world: World) -> None:
    _corpus(world, count=20)
    out, err = StringIO(), StringIO()
    call_command("find_themes", stdout=out, stderr=err)
    assert "Riverside: 20 reports" in out.getvalue()
    assert "Moorland: 0 reports, 0 themes" in out.getvalue()
    assert "Finding themes [" in err.getvalue()
    assert Theme.objects.filter(organisation=world.riverside).exists()


def test_the_dashboard_counts_confirmed_themes_and_hides_small_numbers(world: World) -> None:
    reports = [_coded(world, Outcome.NEAR_MISS, ["event.child_not_seen"]) for _ in range(5)]
    themes.create_theme(
        actor=world.analyst, organisation=world.riverside, name="Five of them", reports=reports
    )
    themes.create_theme(
        actor=world.analyst, organisation=world.riverside, name="Two of them", reports=reports[:2]
    )
    page = signed_in_client(world.manager).get(reverse("learning:dashboard")).content.decode()
    assert "Confirmed themes (recurring error traps)" in page
    assert "Five of them" in page
    two = page.index("Two of them")
    assert "fewer than 5" in page[two : two + 400]


def test_theme_pages_read_report_vectors_from_the_index_not_by_embedding_each_time(
    world: World, settings, tmp_path
) -> None:
    from candour.learning.similar import vectors
    from candour.learning.similar.store import build_index

    settings.CANDOUR_SIMILARITY_DIR = tmp_path / "similarity"
    truth = _corpus(world, count=30)
    scenario = Counter(truth.values()).most_common(1)[0][0]
    members = [pk for pk, key in truth.items() if key == scenario]
    theme = themes.create_theme(
        actor=world.analyst,
        organisation=world.riverside,
        name="Half of it",
        reports=list(Report.objects.filter(pk__in=members[: len(members) // 2 + 1])),
    )
    vectors.forget()

    # No index yet: each report is embedded once, then remembered.
    before = vectors.embedded_count
    first = candidates(theme)
    assert vectors.embedded_count - before == len(truth)
    assert candidates(theme) == first
    assert vectors.embedded_count - before == len(truth)

    # With the index built, its stored vectors are used and nothing is embedded.
    build_index()
    vectors.forget()
    before = vectors.embedded_count
    offered = candidates(theme)
    assert vectors.embedded_count == before
    assert offered
    assert Counter(truth[r.pk] for r in offered).most_common(1)[0][0] == scenario
    assert all(r.pk not in members[: len(members) // 2 + 1] for r in offered)
