"""Scoped reads for information sharing (ADR 0003, ADR 0017)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    import datetime as dt

    from candour.accounts.models import User
    from candour.sharing.models import (  # noqa: F401 - string bases
        Attendance,
        ChildFlag,
        Lookup,
        SettingKey,
        SharingSetting,
        SupersededNumber,
    )


def flag_keeper_organisation_ids(user: User) -> set[int]:
    """Organisations whose flags the person keeps: where they are a manager or administrator
    (the kind, local authority, is checked by the querysets)."""
    from candour.accounts.roles import Role

    return user.organisation_ids_with_role(Role.MANAGER) | user.organisation_ids_with_role(
        Role.ORG_ADMIN
    )


def lookup_organisation_ids(user: User) -> set[int]:
    """Organisations where the person may look children up: any role but Caldicott
    Guardian, who oversees lookups and makes none (least privilege, ADR 0025)."""
    from candour.accounts.roles import Role

    return {
        org_id
        for role in Role
        if role != Role.CALDICOTT_GUARDIAN
        for org_id in user.organisation_ids_with_role(role)
    }


class ChildFlagQuerySet(models.QuerySet["ChildFlag"]):
    def visible_to(self, user: User) -> ChildFlagQuerySet:
        """Flags of local authorities where the person is a manager or administrator."""
        return self.filter(
            organisation_id__in=flag_keeper_organisation_ids(user),
            organisation__kind="local_authority",
        )

    def current(self, today: dt.date) -> ChildFlagQuerySet:
        """Flags that answer a lookup today: started, and not past their end date."""
        return self.filter(start_date__lte=today).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=today)
        )


class SupersededNumberQuerySet(models.QuerySet["SupersededNumber"]):
    pass


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def visible_to(self, user: User) -> AttendanceQuerySet:
        return self.filter(
            flag__organisation_id__in=flag_keeper_organisation_ids(user),
            flag__organisation__kind="local_authority",
        )


class SharingSettingQuerySet(models.QuerySet["SharingSetting"]):
    def active(self) -> SharingSettingQuerySet:
        return self.filter(active=True)

    def visible_to(self, user: User) -> SharingSettingQuerySet:
        """Active settings the person works in (any role in the setting's organisation but
        Caldicott Guardian)."""
        return self.active().filter(organisation_id__in=lookup_organisation_ids(user))


class SettingKeyQuerySet(models.QuerySet["SettingKey"]):
    def active(self) -> SettingKeyQuerySet:
        return self.filter(revoked_at__isnull=True)


class LookupQuerySet(models.QuerySet["Lookup"]):
    def visible_to(self, user: User) -> LookupQuerySet:
        """A setting's own lookups, for the people who work there; never anyone else's."""
        return self.filter(setting__organisation_id__in=lookup_organisation_ids(user))
