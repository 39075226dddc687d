"""Reads for theme pages, scoped to the organisations where the person is an analyst."""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.core.models import Organisation
from candour.learning.models import Theme, ThemeStatus
from candour.reporting.models import Report


def get_theme_for_analyst(user: User, pk: int) -> Theme:
    theme = (
        Theme.objects.for_learning_team(user)
        .filter(pk=pk)
        .select_related("organisation", "merged_into")
        .first()
    )
    if theme is None:
        raise Http404
    return theme


def themes_of(organisation: Organisation) -> list[Theme]:
    """Every theme of the organisation, with its number of reports."""
    from django.db.models import Count

    return list(
        Theme.objects.filter(organisation=organisation)
        .annotate(report_count=Count("memberships"))
        .order_by("status", "-report_count", "name")
    )


def other_live_themes(theme: Theme) -> list[Theme]:
    return list(
        Theme.objects.filter(organisation_id=theme.organisation_id)
        .live()
        .exclude(pk=theme.pk)
        .order_by("name")
    )


def theme_reports(theme: Theme, ids: list[int]) -> list[Report]:
    """Those of `ids` that are in the theme (anything else is ignored)."""
    return list(theme.reports.filter(pk__in=ids))


def live_themes_with_report(report: Report) -> list[Theme]:
    return list(
        Theme.objects.filter(
            memberships__report=report,
            status__in=[ThemeStatus.SUGGESTED, ThemeStatus.CONFIRMED],
        ).order_by("name")
    )


def find_report_for_theme(user: User, theme: Theme, reference: str) -> Report | None:
    """A report of the theme's organisation that the analyst may see, by its reference."""
    return (
        Report.objects.for_learning_team(user)
        .filter(organisation_id=theme.organisation_id, reference=reference.strip().upper())
        .first()
    )
