"""Reads for the kaizen measures and 'what we changed' pages, scoped to the person.

Measures are for those who run the scheme (managers, analysts, organisation
administrators); what we changed is for everyone in the organisation. National analysts
see neither for organisations they do not belong to.
"""

from __future__ import annotations

from django.db.models import QuerySet

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation
from candour.core.organisation_picker import organisations_with_roles
from candour.ideas.models import Idea
from candour.ideas.vocabulary import IMPLEMENTED_STATUSES

MEASURES_ROLES = (Role.MANAGER, Role.ANALYST, Role.ORG_ADMIN)


def measures_organisations(user: User) -> list[Organisation]:
    """Organisations whose measures the person may read."""
    return organisations_with_roles(user, MEASURES_ROLES)


def member_organisations(user: User) -> list[Organisation]:
    """The person's own organisations (never every organisation, even for national analysts)."""
    return list(Organisation.objects.filter(pk__in=user.organisation_ids()).order_by("name"))


def adopted_ideas(organisation: Organisation) -> QuerySet[Idea]:
    """The organisation's own adopted and shared ideas, most recently adopted first.

    A query, not a list: the page shows 25 of what can be tens of thousands.
    """
    return (
        Idea.objects.filter(organisation=organisation, status__in=IMPLEMENTED_STATUSES)
        .select_related("team", "organisation")
        .order_by("-adopted_at", "-pk")
    )


def ideas_shared_with(organisation: Organisation) -> list[Idea]:
    """Adopted ideas other organisations have shared with this one."""
    return list(
        Idea.objects.filter(shares__organisation=organisation, status__in=IMPLEMENTED_STATUSES)
        .exclude(organisation=organisation)
        .select_related("team", "organisation")
        .distinct()
        .order_by("-adopted_at", "-pk")
    )
