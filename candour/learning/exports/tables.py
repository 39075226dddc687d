"""Downloads for quality teams (issue 23): coded reports and themes, for the learning team.

Only reports whose redactions were reviewed, so nothing here holds a reporter's own words
or a name de-identification found; no free text at all, since codes are what a quality
team counts. Team names follow the pages' small-team rule. Written by `core.downloads`.
"""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.core.downloads import Table
from candour.learning.models import Axis, Coding, Theme, ThemeReport, ThemeStatus
from candour.reporting.models import Report
from candour.reporting.presenters import factor_labels, safe_team_name, team_sizes
from candour.reporting.vocabulary import Outcome, Setting

AXES = (Axis.EVENT, Axis.DEFENCE, Axis.FACTOR, Axis.REASONING, Axis.RECOVERY)


def _made_note() -> str:
    return _("Made %(when)s by Candour.") % {
        "when": timezone.localtime().strftime("%Y-%m-%d %H:%M")
    }


def coded_reports(user: User) -> Table:
    """One row per reviewed report of the person's learning teams, with its primary coding."""
    reports = (
        Report.objects.for_learning_team(user)
        .reviewed()
        .select_related("organisation", "team")
        .prefetch_related(
            Prefetch(
                "codings",
                queryset=Coding.objects.filter(is_primary=True).prefetch_related("values__code"),
                to_attr="primary_codings",
            ),
            Prefetch(
                "theme_memberships",
                queryset=ThemeReport.objects.filter(theme__status=ThemeStatus.CONFIRMED)
                .select_related("theme")
                .order_by("theme__name"),
                to_attr="confirmed_themes",
            ),
        )
        .order_by("organisation__name", "occurred_month", "reference")
    )
    sizes = team_sizes({r.team_id for r in reports if r.team_id})
    headings = [
        _("Organisation"),
        _("Reference"),
        _("Month it happened"),
        _("Setting"),
        _("Team"),
        _("Outcome (reporter)"),
        _("Outcome (analyst)"),
        _("Status"),
        _("Factors the reporter chose"),
        *(str(axis.label) for axis in AXES),
        _("Defences that failed"),
        _("Themes"),
    ]
    rows = []
    for report in reports:
        coding = report.primary_codings[0] if report.primary_codings else None  # type: ignore[attr-defined]
        by_axis: dict[str, list[str]] = defaultdict(list)
        failed: list[str] = []
        for value in coding.values.all() if coding else ():
            by_axis[value.code.axis].append(value.code.label)
            if value.defence_state == "failed":
                failed.append(value.code.label)
        rows.append(
            [
                report.organisation.name,
                report.reference,
                report.occurred_month.strftime("%Y-%m"),
                str(Setting(report.setting).label),
                safe_team_name(report, sizes),
                str(Outcome(report.outcome).label),
                str(Outcome(coding.outcome).label) if coding and coding.outcome else "",
                report.get_status_display(),
                "; ".join(factor_labels(report.factors)),
                *("; ".join(sorted(by_axis[axis])) for axis in AXES),
                "; ".join(sorted(failed)),
                "; ".join(m.theme.name for m in report.confirmed_themes),  # type: ignore[attr-defined]
            ]
        )
    notes = [
        _("Reports whose redactions the learning team has reviewed; none of the reporters' words."),
        _("Codes are the primary analyst's. Teams with fewer than 5 staff are not named."),
        _made_note(),
    ]
    return Table("coded-reports", headings, rows, notes)


def themes(user: User) -> Table:
    """One row per live theme of the person's learning teams, with its reports by outcome."""
    found = (
        Theme.objects.for_learning_team(user)
        .live()
        .select_related("organisation")
        .prefetch_related("reports")
        .order_by("organisation__name", "name")
    )
    outcomes = list(Outcome)
    headings = [
        _("Organisation"),
        _("Theme"),
        _("Status"),
        _("Reports"),
        *(str(outcome.label) for outcome in outcomes),
        _("First month"),
        _("Latest month"),
        _("Key terms"),
    ]
    rows = []
    for theme in found:
        members = list(theme.reports.all())
        months = sorted(r.occurred_month for r in members)
        rows.append(
            [
                theme.organisation.name,
                theme.name,
                theme.get_status_display(),
                len(members),
                *(sum(1 for r in members if r.outcome == outcome) for outcome in outcomes),
                months[0].strftime("%Y-%m") if months else "",
                months[-1].strftime("%Y-%m") if months else "",
                ", ".join(theme.key_terms),
            ]
        )
    notes = [
        _("Suggested and confirmed themes; dismissed and merged ones are left out."),
        _made_note(),
    ]
    return Table("themes", headings, rows, notes)
