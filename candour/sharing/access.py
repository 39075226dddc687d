"""Access functions for information sharing pages and the API: 404, never 403 (ADR 0003)."""

from __future__ import annotations

from django.http import Http404

from candour.accounts.models import User
from candour.core.models import Organisation, OrganisationKind
from candour.sharing.models import Attendance, ChildFlag, SharingSetting
from candour.sharing.querysets import flag_keeper_organisation_ids


def flag_organisations(user: User) -> list[Organisation]:
    """Local authorities whose flags the person keeps (managers and administrators)."""
    return list(
        Organisation.objects.filter(
            pk__in=flag_keeper_organisation_ids(user),
            kind=OrganisationKind.LOCAL_AUTHORITY,
        ).order_by("name")
    )


def flag_organisation(user: User, organisation_id: int | None = None) -> Organisation:
    organisations = flag_organisations(user)
    chosen = next(
        (o for o in organisations if organisation_id is None or o.pk == organisation_id), None
    )
    if chosen is None:
        raise Http404
    return chosen


def get_flag_for_keeper(user: User, pk: int) -> ChildFlag:
    flag = ChildFlag.objects.visible_to(user).filter(pk=pk).select_related("organisation").first()
    if flag is None:
        raise Http404
    return flag


def attendances_of(flag: ChildFlag) -> list[Attendance]:
    return list(flag.attendances.select_related("setting__organisation"))


def settings_of(user: User) -> list[SharingSetting]:
    """The active settings the person works in, by name."""
    return list(
        SharingSetting.objects.visible_to(user)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )


def setting_of(user: User, setting_id: object = None) -> SharingSetting | None:
    """The setting the person chose (by id), or their only or first setting; None if the id
    is not one of theirs or they work in none."""
    choices = settings_of(user)
    if setting_id in (None, ""):
        return choices[0] if choices else None
    return next((s for s in choices if str(s.pk) == str(setting_id)), None)
