"""An idea's timeline as a reader may see it: names only within the reader's organisation.

An adopted idea shared with a partner organisation shows its history there too. Naming
the other organisation's managers would hand a partner a staff list it has no need of,
so people outside the reader's organisations appear as their role and organisation
("a manager at Riverside"), never by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candour.accounts.models import Membership, User
from candour.accounts.roles import Role
from candour.ideas.models import Idea, IdeaEvent
from candour.ideas.vocabulary import EventKind

# Most senior first: the role a person is described by when they hold several.
_DESCRIPTIONS: list[tuple[Role, Promise]] = [
    (Role.ORG_ADMIN, gettext_lazy("an administrator at %(organisation)s")),
    (Role.MANAGER, gettext_lazy("a manager at %(organisation)s")),
    (Role.ANALYST, gettext_lazy("a learning team analyst at %(organisation)s")),
    (Role.STAFF, gettext_lazy("a member of staff at %(organisation)s")),
]


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    heading: str
    who: str  # empty: not shown
    note: str


def _heading(event: IdeaEvent) -> str:
    if event.kind == EventKind.STATUS:
        return _("Moved to %(status)s") % {"status": event.get_to_status_display()}
    return str(event.get_kind_display())


def _described(actor_ids: set[int], idea: Idea) -> dict[int, str]:
    """How people from another organisation are shown: role and organisation."""
    held: dict[int, set[str]] = {}
    organisation_names: dict[int, str] = {}
    for user_id, role, organisation_name in Membership.objects.filter(
        user_id__in=actor_ids
    ).values_list("user_id", "role", "organisation__name"):
        held.setdefault(user_id, set()).add(role)
        organisation_names.setdefault(user_id, organisation_name)
    found = {}
    for user_id in actor_ids:
        organisation = organisation_names.get(user_id, idea.organisation.name)
        roles = held.get(user_id, set())
        phrase = next(
            (text for role, text in _DESCRIPTIONS if role in roles),
            gettext_lazy("someone at %(organisation)s"),
        )
        found[user_id] = str(phrase) % {"organisation": organisation}
    return found


def history_rows(viewer: User, idea: Idea, *, show_author: bool) -> list[HistoryRow]:
    """The idea's events for ``viewer``: colleagues by name, anyone else by role."""
    events = list(idea.events.select_related("actor"))
    own = viewer.organisation_ids()
    actor_ids = {event.actor_id for event in events if event.actor_id is not None}
    colleagues = set(
        Membership.objects.filter(
            user_id__in=actor_ids, organisation_id__in=own, revoked_at__isnull=True
        ).values_list("user_id", flat=True)
    )
    outsiders = _described(actor_ids - colleagues, idea)
    rows = []
    for event in events:
        who = ""
        shown = event.actor_id != idea.author_id or show_author
        if event.actor is not None and event.kind != EventKind.THANKED and shown:
            colleague = event.actor_id in colleagues
            who = event.actor.full_name if colleague else outsiders[event.actor.pk]
        rows.append(HistoryRow(at=event.at, heading=_heading(event), who=who, note=event.note))
    return rows
