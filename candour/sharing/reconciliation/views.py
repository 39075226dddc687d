"""The local authority's daily file, uploaded by hand (its case system can send the same
file to `POST /api/v1/sharing/flags/reconcile`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from candour.accounts.current import current_user
from candour.sharing.access import flag_organisation
from candour.sharing.forms import ImportForm
from candour.sharing.reconciliation.services import reconcile_flags


@login_required
@require_http_methods(["GET", "POST"])
def reconcile(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = flag_organisation(user)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = reconcile_flags(
            actor=user, organisation=organisation, data=form.cleaned_data["file"].read()
        )
    return render(
        request,
        "sharing/reconcile.html",
        {"organisation": organisation, "form": form, "result": result},
        status=400 if result is not None and not result.ok else 200,
    )
