from __future__ import annotations

from typing import ClassVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from candour.accounts.querysets import IdentityProviderQuerySet, MembershipQuerySet, UserManager
from candour.accounts.roles import ROLES_REQUIRING_TWO_FACTOR, Role


# django-stubs cannot type the reverse manager of ProviderSecondFactor.user, which comes
# from django-otp's untyped abstract Device.
class User(AbstractBaseUser):  # type: ignore[django-manager-missing]
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)
    # Raising this number invalidates every session the person has ("sign out everywhere").
    session_epoch = models.PositiveIntegerField(default=0)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")

    def __str__(self) -> str:
        return self.full_name

    # Django's contrib.auth asks these of a user model; Candour has no Django admin site.
    is_staff = False
    is_superuser = False

    def has_perm(self, perm: str, obj: object = None) -> bool:
        return False

    def has_module_perms(self, app_label: str) -> bool:
        return False

    def get_session_auth_hash(self) -> str:
        return salted_hmac(
            "candour.accounts.User.get_session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            algorithm="sha256",
        ).hexdigest()

    def _active_roles(self) -> list[tuple[int, str, int | None]]:
        # Cached on the instance: one query per request, however many checks a page makes.
        cached: list[tuple[int, str, int | None]] | None = getattr(self, "_roles_cache", None)
        if cached is None:
            cached = list(
                Membership.objects.filter(user=self, revoked_at__isnull=True).values_list(
                    "organisation_id", "role", "team_id"
                )
            )
            self._roles_cache = cached
        return cached

    def forget_roles(self) -> None:
        self.__dict__.pop("_roles_cache", None)

    def organisation_ids(self) -> set[int]:
        return {org_id for org_id, _, _ in self._active_roles()}

    def organisation_ids_with_role(self, role: Role) -> set[int]:
        return {org_id for org_id, held, _ in self._active_roles() if held == role}

    def team_ids_with_role(self, role: Role) -> set[int]:
        return {
            team_id
            for _, held, team_id in self._active_roles()
            if held == role and team_id is not None
        }

    def service_manager_organisation_ids(self) -> set[int]:
        """Organisations where the person manages no one team but the service: the next
        manager up, to whom overdue improvement ideas escalate."""
        return {
            org_id
            for org_id, held, team_id in self._active_roles()
            if held == Role.MANAGER and team_id is None
        }

    def roles(self) -> set[Role]:
        return {Role(held) for _, held, _ in self._active_roles()}

    def has_role_anywhere(self, role: Role) -> bool:
        return role in self.roles()

    def is_safety_lead(self) -> bool:
        from candour.core.models import Organisation

        return Organisation.objects.filter(safety_lead=self).exists()

    def requires_two_factor(self) -> bool:
        return bool(self.roles() & ROLES_REQUIRING_TWO_FACTOR)


class Membership(models.Model):
    """A role a person holds in an organisation, for one team where the role is per team."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    team = models.ForeignKey(
        "core.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects: ClassVar[MembershipQuerySet] = MembershipQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["organisation", "role"]
        indexes = [models.Index(fields=["user", "revoked_at"], name="membership_user_active")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.role} {self.organisation_id}"

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


class IdentityProvider(models.Model):
    """An organisation's own OpenID Connect provider (Microsoft Entra ID, most often), through
    which its staff may sign in (ADR 0031).

    Only people who already have a Candour account and a role in the organisation can sign
    in this way: the provider proves who someone is, Candour still decides what they hold.
    The client secret is never stored in plain text: either sealed under its own data key
    (keys.services) or named as an environment variable the server's operator sets.
    """

    organisation = models.OneToOneField(
        "core.Organisation", on_delete=models.PROTECT, related_name="identity_provider"
    )
    # Shown on the button: "Sign in with <name>".
    name = models.CharField(_("name shown to staff"), max_length=100)
    issuer = models.URLField(_("issuer URL"), max_length=300)
    client_id = models.CharField(_("client ID"), max_length=200)
    client_secret_key = models.ForeignKey(
        "keys.DataKey", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    client_secret_sealed = models.BinaryField(null=True, blank=True)
    client_secret_variable = models.CharField(
        _("environment variable holding the client secret"), max_length=100, blank=True
    )
    # `acr` values (and Entra's authentication-context `acrs`) that mean the provider asked
    # for more than one factor; an `amr` naming a second factor counts whatever these say.
    multi_factor_acr_values = models.JSONField(default=list, blank=True)
    enabled = models.BooleanField(_("offer this sign-in"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects: ClassVar[IdentityProviderQuerySet] = IdentityProviderQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("identity provider")

    def __str__(self) -> str:
        return self.name

    @property
    def domain_names(self) -> list[str]:
        return sorted(domain.domain for domain in self.domains.all())


class IdentityProviderDomain(models.Model):
    """An email domain whose people sign in with the provider. One organisation per domain,
    so that an email address leads to one provider only."""

    provider = models.ForeignKey(IdentityProvider, on_delete=models.CASCADE, related_name="domains")
    domain = models.CharField(_("email domain"), max_length=253, unique=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("identity provider domain")

    def __str__(self) -> str:
        return self.domain


class ProviderSecondFactor(Device):  # type: ignore[misc]  # django-otp has no types
    """The organisation's provider, as the second factor of a session (django-otp device).

    When the provider's ID token says it asked for more than one factor, the session is
    marked verified with this device, as a TOTP code would mark it; it never accepts a code
    itself. Deleting the provider deletes these, and such sessions need a code again.
    """

    provider: models.ForeignKey[IdentityProvider, IdentityProvider] = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("identity provider second factor")
        constraints = [
            models.UniqueConstraint(fields=["user", "provider"], name="provider_second_factor_once")
        ]

    def verify_token(self, token: object) -> bool:
        return False
