"""Local codes: an organisation's own additions to the taxonomy (ADR 0006).

A local code's key starts with its organisation's id, so no two organisations' codes
(nor a later national code) can clash, and it is usable in that organisation's coding
only (`CodeQuerySet.usable_by`). Retired, never deleted, so old coding keeps its meaning.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.learning.models import Axis, Code, TaxonomyVersion


def local_key(organisation: Organisation, axis: str, label: str) -> str:
    return f"local.{organisation.pk}.{axis}.{slugify(label)[:40] or 'code'}"


@transaction.atomic
def add_local_code(
    *, actor: User, organisation: Organisation, axis: str, label: str, description: str = ""
) -> Code:
    """Add a code for one organisation's coding on one axis."""
    label = " ".join(label.split())
    if axis not in Axis.values:
        raise ValidationError({"axis": _("Choose an axis")})
    if not label:
        raise ValidationError({"label": _("Enter a name for the code")})
    if Code.objects.usable_by(organisation).filter(axis=axis, label__iexact=label).exists():
        raise ValidationError({"label": _("There is already a code with this name on this axis")})
    version = TaxonomyVersion.objects.order_by("-number").first()
    if version is None:
        raise ValidationError(_("No taxonomy has been loaded"))
    base = local_key(organisation, axis, label)
    key, suffix = base, 2
    # A retired local code keeps its key; a new one with the same name gets a fresh key.
    while Code.objects.filter(key=key).exists():
        key, suffix = f"{base}-{suffix}", suffix + 1
    code = Code.objects.create(
        key=key,
        axis=axis,
        level="local",
        label=label,
        description=description.strip(),
        organisation=organisation,
        introduced_in=version,
    )
    record(
        AuditEventType.LOCAL_CODE_ADDED,
        actor_id=actor.pk,
        organisation=organisation,
        target=code,
        data={"axis": axis},
    )
    return code


@transaction.atomic
def retire_local_code(*, actor: User, code: Code) -> Code:
    """Stop offering a local code; coding that used it keeps it."""
    if code.organisation_id is None:
        raise ValidationError(_("National codes change only with a new taxonomy version"))
    if code.retired_in_id is None:
        code.retired_in = TaxonomyVersion.objects.order_by("-number").first()
        code.save(update_fields=["retired_in"])
        record(
            AuditEventType.LOCAL_CODE_RETIRED,
            actor_id=actor.pk,
            organisation=code.organisation,
            target=code,
        )
    return code
