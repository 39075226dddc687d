"""Who sees an access report: a setting's managers and administrators (its Caldicott
Guardian holds one of these roles) and a local authority's flag keepers. 404 otherwise."""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.sharing.models import SharingSetting


def overseen_settings(user: User) -> list[SharingSetting]:
    """Settings whose access report the person may read, by name (inactive ones too)."""
    overseers = user.organisation_ids_with_role(Role.MANAGER) | user.organisation_ids_with_role(
        Role.ORG_ADMIN
    )
    return list(
        SharingSetting.objects.filter(organisation_id__in=overseers)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def overseen_setting(user: User, setting_id: object = None) -> SharingSetting:
    choices = overseen_settings(user)
    if setting_id in (None, ""):
        if choices:
            return choices[0]
        raise Http404
    chosen = next((s for s in choices if str(s.pk) == str(setting_id)), None)
    if chosen is None:
        raise Http404
    return chosen
