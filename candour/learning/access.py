from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation
from candour.learning.models import Code, Coding
from candour.reporting.models import Report


def own_and_other_codings(report: Report, user: User) -> tuple[Coding | None, list[Coding]]:
    """The analyst's own coding and everyone else's (shown only after their own, blind)."""
    codings = list(Coding.objects.filter(report=report).select_related("analyst"))
    own = next((c for c in codings if c.analyst_id == user.pk), None)
    return own, [c for c in codings if c.analyst_id != user.pk]


def codes_by_key(organisation: Organisation) -> dict[str, Code]:
    return {code.key: code for code in Code.objects.usable_by(organisation)}


def get_analyst_organisation(user: User, organisation_id: str | None) -> Organisation:
    """One organisation where the person is an analyst (the first, unless one is asked for)."""
    allowed = sorted(user.organisation_ids_with_role(Role.ANALYST))
    if not allowed:
        raise Http404
    chosen = int(organisation_id) if organisation_id and organisation_id.isdigit() else allowed[0]
    if chosen not in allowed:
        raise Http404
    return Organisation.objects.get(pk=chosen)
