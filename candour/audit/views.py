from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from candour.accounts.current import current_user
from candour.audit.models import AuditEvent
from candour.audit.presenters import actor_names, audit_rows
from candour.core.access import get_administered_organisation
from candour.core.keyset import keyset_page
from candour.core.sealed_cursor import open_sealed, seal

PAGE_SIZE = 50
_CURSOR_PURPOSE = "organisation-audit"


def _write_cursor(sequence: int) -> str:
    return seal(sequence, purpose=_CURSOR_PURPOSE)


def _read_cursor(token: str) -> int | None:
    return open_sealed(token, purpose=_CURSOR_PURPOSE)


@login_required
@require_GET
def organisation_audit(request: HttpRequest, slug: str) -> HttpResponse:
    user = current_user(request)
    organisation = get_administered_organisation(user, slug)
    events = AuditEvent.objects.visible_to(user).for_organisation(organisation.pk)
    page = keyset_page(
        events,
        request.GET,
        key="sequence",
        size=PAGE_SIZE,
        write_cursor=_write_cursor,
        read_cursor=_read_cursor,
    )
    names = actor_names(organisation, {e.actor_id for e in page.items if e.actor_id})
    return render(
        request,
        "audit/organisation_audit.html",
        {
            "organisation": organisation,
            "page": page,
            "rows": audit_rows(page.items, names),
        },
    )
