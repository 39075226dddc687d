"""What a person may follow: only what the pages would show them (ADR 0034)."""

from __future__ import annotations

from dataclasses import dataclass

from candour.accounts.models import User
from candour.core.models import Team
from candour.learning.models import Axis, Code, Theme
from candour.reporting.vocabulary import Setting
from candour.subscriptions.vocabulary import Kind


@dataclass(frozen=True)
class Option:
    kind: str
    target: str
    label: str


def settings_for(user: User) -> list[Option]:
    if not user.organisation_ids():
        return []
    return [Option(Kind.SETTING, value, str(label)) for value, label in Setting.choices]


def factors_for(user: User) -> list[Option]:
    organisations = user.organisation_ids()
    if not organisations:
        return []
    codes = (
        Code.objects.filter(axis=Axis.FACTOR, retired_in__isnull=True, merged_into__isnull=True)
        .filter(organisation__isnull=True)
        .order_by("label")
    )
    local = Code.objects.filter(
        axis=Axis.FACTOR,
        retired_in__isnull=True,
        merged_into__isnull=True,
        organisation_id__in=organisations,
    ).order_by("label")
    return [Option(Kind.FACTOR, code.key, code.label) for code in [*codes, *local]]


def teams_for(user: User) -> list[Option]:
    """Teams whose ideas are on the person's own boards."""
    teams = Team.objects.filter(organisation_id__in=user.organisation_ids()).order_by("name")
    return [Option(Kind.TEAM, str(team.pk), team.name) for team in teams]


def themes_for(user: User) -> list[Option]:
    """Live themes: theme pages are the learning team's, so only analysts may follow one."""
    themes = Theme.objects.for_learning_team(user).live().order_by("name")
    return [Option(Kind.THEME, str(theme.pk), theme.name) for theme in themes]


def options_for(user: User) -> dict[str, list[Option]]:
    return {
        Kind.THEME: themes_for(user),
        Kind.FACTOR: factors_for(user),
        Kind.SETTING: settings_for(user),
        Kind.TEAM: teams_for(user),
    }


def label_for(user: User, kind: str, target: str) -> str | None:
    """The name of something the person may follow, or None if they may not."""
    for option in options_for(user).get(kind, []):
        if option.target == target:
            return option.label
    return None
