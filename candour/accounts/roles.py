from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("Staff member")
    ANALYST = "analyst", _("Learning team analyst")
    MANAGER = "manager", _("Manager")
    NATIONAL_ANALYST = "national_analyst", _("National analyst")
    ORG_ADMIN = "org_admin", _("Organisation administrator")
    # Oversees the organisation's use of confidential information: for a setting that
    # looks children's plans up, reads its monthly access report (ADR 0025).
    CALDICOTT_GUARDIAN = "caldicott_guardian", _("Caldicott Guardian")
    # Types in reports and feedback given on paper, by phone or in person, for the people
    # who gave them; reads nothing back but the receipt it just made (ADR 0035).
    ADVOCATE = "advocate", _("Advocate (enters paper and phone reports and feedback)")


# Roles that see de-identified learning across people or administer accounts must
# prove a second factor (issue 2; PRODUCT.md "least privilege").
ROLES_REQUIRING_TWO_FACTOR = frozenset(
    {Role.ANALYST, Role.NATIONAL_ANALYST, Role.ORG_ADMIN, Role.CALDICOTT_GUARDIAN}
)
# Not the advocate: it reads nothing Candour holds, and writes only what anyone may send
# through the public pages (ADR 0035).
# Roles held for particular teams rather than the whole organisation.
TEAM_ROLES = frozenset({Role.STAFF, Role.MANAGER})
