"""The 'Your subscriptions' page: what is followed, what else may be, and how often."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.subscriptions.followable import Option, options_for
from candour.subscriptions.models import DigestPreference, Subscription
from candour.subscriptions.vocabulary import Frequency, Kind


@dataclass(frozen=True)
class Section:
    kind: str
    heading: str
    follow_label: str
    followed: list[Option]
    others: list[Option]


@dataclass(frozen=True)
class Page:
    frequency: str
    frequency_label: str
    sections: list[Section]

    @property
    def follows_anything(self) -> bool:
        return any(section.followed for section in self.sections)


def _headings() -> dict[str, tuple[str, str]]:
    """Each kind's heading and the label of its choice, whole sentences for translators."""
    return {
        Kind.THEME: (_("Themes"), _("Follow a theme")),
        Kind.FACTOR: (_("Contributing factors"), _("Follow a contributing factor")),
        Kind.SETTING: (_("Settings"), _("Follow a setting")),
        Kind.TEAM: (_("Teams' ideas"), _("Follow a team's ideas")),
    }


def page_for(user: User) -> Page:
    chosen = {(s.kind, s.target) for s in Subscription.objects.of(user)}
    preference = DigestPreference.objects.filter(user=user).first()
    frequency = preference.frequency if preference else Frequency.WEEKLY
    sections = []
    for kind, options in options_for(user).items():
        if not options:
            continue
        sections.append(
            Section(
                kind=kind,
                heading=_headings()[kind][0],
                follow_label=_headings()[kind][1],
                followed=[o for o in options if (o.kind, o.target) in chosen],
                others=[o for o in options if (o.kind, o.target) not in chosen],
            )
        )
    return Page(
        frequency=frequency,
        frequency_label=str(Frequency(frequency).label),
        sections=sections,
    )
