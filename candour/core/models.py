from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from candour.core.languages import ENGLISH, ORGANISATION_LANGUAGES
from candour.core.querysets import OrganisationQuerySet, TeamQuerySet


class OrganisationKind(models.TextChoices):
    LOCAL_AUTHORITY = "local_authority", _("Local authority children's services")
    PARTNER_AGENCY = "partner_agency", _("Partner agency")
    NATIONAL_HUB = "national_hub", _("National learning hub")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    # ONS or DfE code for a local authority (e.g. E09000007), for national comparisons.
    code = models.CharField(_("code"), max_length=16, blank=True)
    # Regular expressions for this organisation's own case and reference numbers, which
    # de-identification removes on top of the common shapes it already knows.
    case_reference_patterns = models.JSONField(default=list, blank=True)
    # Who receives urgent hazard alerts raised from reports.
    safety_lead = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The language its public pages (report form, feedback links, survey) start in, until
    # a person chooses another with the language switch (ADR 0030).
    default_language = models.CharField(
        _("language of public pages"),
        max_length=8,
        choices=ORGANISATION_LANGUAGES,
        default=ENGLISH,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[OrganisationQuerySet] = OrganisationQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("name"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[TeamQuerySet] = TeamQuerySet.as_manager()  # type: ignore[assignment]

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Throttle(models.Model):
    """One fixed-window counter of attempts at something guessable or floodable.

    Every limit in Candour counts here (see core/throttle.py): receipts, reports,
    feedback, API tokens, sharing keys and sign-ins. The key names a purpose and, at most,
    a keyed hash of a session, client or account name: never an address or a person.
    """

    key = models.CharField(max_length=64, unique=True)
    window_started_at = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"throttle {self.key[:24]}: {self.count}"
