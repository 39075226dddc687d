"""The sharing app's answers to the platform's menu and home page (core.hooks)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.core.hooks import Waiting
from candour.core.models import Organisation
from candour.sharing.models import SharingSetting
from candour.sharing.oversight.access import overseen_settings
from candour.sharing.oversight.report import Month, setting_report
from candour.sharing.querysets import flag_keeper_organisation_ids


def shares_information(user: User) -> bool:
    """Local-authority managers and administrators, people of registered settings, and
    Caldicott Guardians."""
    keeper = flag_keeper_organisation_ids(user)
    if keeper and Organisation.objects.filter(pk__in=keeper, kind="local_authority").exists():
        return True
    if user.organisation_ids_with_role(Role.CALDICOTT_GUARDIAN):
        return True
    return SharingSetting.objects.visible_to(user).exists()


def waiting(user: User, since: datetime | None) -> Iterator[Waiting]:
    """A Caldicott Guardian's setting reports: this month's unusual patterns to look into,
    and how many lookups there were."""
    if not user.organisation_ids_with_role(Role.CALDICOTT_GUARDIAN):
        return
    month = Month.parse(None, timezone.localdate())
    for setting in overseen_settings(user):
        report = setting_report(setting, month)
        yield Waiting(
            key=f"sharing-access-{setting.pk}",
            title=_("Unusual lookups at %(setting)s this month")
            % {"setting": setting.organisation.name},
            count=len(report.patterns),
            href=reverse("sharing:setting-access-report") + f"?setting={setting.pk}",
            changed=sum(1 for row in report.rows if since and row.asked_at > since),
            hint=_("%(count)s lookups so far this month") % {"count": len(report.rows)},
            kind="act" if report.patterns else "watch",
        )
