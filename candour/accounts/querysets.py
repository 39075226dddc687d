from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.base_user import BaseUserManager
from django.db import models

if TYPE_CHECKING:
    from candour.accounts.models import IdentityProvider, Membership, User  # noqa: F401 - string base
    from candour.core.models import Organisation


class UserQuerySet(models.QuerySet["User"]):
    def in_organisation(self, organisation: Organisation) -> UserQuerySet:
        return self.filter(
            memberships__organisation=organisation, memberships__revoked_at__isnull=True
        ).distinct()


class UserManager(BaseUserManager["User"]):
    def get_queryset(self) -> UserQuerySet:
        return UserQuerySet(self.model, using=self._db)

    def in_organisation(self, organisation: Organisation) -> UserQuerySet:
        return self.get_queryset().in_organisation(organisation)

    def get_by_email(self, email: str) -> User | None:
        return self.get_queryset().filter(email=email.strip().lower()).first()


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(revoked_at__isnull=True)

    def in_organisation(self, organisation: Organisation) -> MembershipQuerySet:
        return self.filter(organisation=organisation)


class IdentityProviderQuerySet(models.QuerySet["IdentityProvider"]):
    def enabled(self) -> IdentityProviderQuerySet:
        return self.filter(enabled=True)

    def for_email(self, email: str) -> IdentityProviderQuerySet:
        """The provider whose domains include this address's domain (at most one)."""
        domain = email.strip().lower().rpartition("@")[2]
        return self.filter(domains__domain=domain) if domain else self.none()

    def of_organisation(self, organisation: Organisation) -> IdentityProviderQuerySet:
        return self.filter(organisation=organisation)
