"""Who sees an access report (ADR 0025): a setting's report, its Caldicott Guardian only;
an authority's report, its flag keepers and its Caldicott Guardian. 404 otherwise."""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.models import Organisation, OrganisationKind
from candour.sharing.models import SharingSetting
from candour.sharing.querysets import flag_keeper_organisation_ids


def overseen_settings(user: User) -> list[SharingSetting]:
    """Settings whose access report the person may read, by name (inactive ones too).

    Least privilege: the report names every clinician who looked a child up, so the
    setting's managers and administrators do not see it; its Caldicott Guardian does."""
    guardian_of = user.organisation_ids_with_role(Role.CALDICOTT_GUARDIAN)
    return list(
        SharingSetting.objects.filter(organisation_id__in=guardian_of)
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


def overseen_authorities(user: User) -> list[Organisation]:
    """Local authorities whose access report the person may read: those whose flags they
    keep, and those where they are the Caldicott Guardian."""
    ids = flag_keeper_organisation_ids(user) | user.organisation_ids_with_role(
        Role.CALDICOTT_GUARDIAN
    )
    return list(
        Organisation.objects.filter(pk__in=ids, kind=OrganisationKind.LOCAL_AUTHORITY).order_by(
            "name"
        )
    )


def overseen_authority(user: User, organisation_id: object = None) -> Organisation:
    choices = overseen_authorities(user)
    chosen = next(
        (o for o in choices if organisation_id in (None, "") or str(o.pk) == str(organisation_id)),
        None,
    )
    if chosen is None:
        raise Http404
    return chosen
