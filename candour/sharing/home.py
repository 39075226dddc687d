"""The sharing app's answers to the platform's menu (core.hooks)."""

from __future__ import annotations

from candour.accounts.models import User
from candour.core.models import Organisation
from candour.sharing.models import SharingSetting
from candour.sharing.querysets import flag_keeper_organisation_ids


def shares_information(user: User) -> bool:
    """Local-authority managers and administrators, and people of registered settings."""
    keeper = flag_keeper_organisation_ids(user)
    if keeper and Organisation.objects.filter(pk__in=keeper, kind="local_authority").exists():
        return True
    return SharingSetting.objects.visible_to(user).exists()
