"""Registering unscheduled-care settings (the national hub's administrators) and issuing and
revoking their API keys (the setting's own managers and administrators)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.core.form_actions import attempt
from candour.sharing import services
from candour.sharing.admin.access import (
    all_settings,
    key_of,
    keyed_setting,
    keys_of,
    ods_codes,
    registrable_organisations,
    require_registrar,
)


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    require_registrar(user)
    organisations = registrable_organisations()
    if request.method == "POST":
        chosen = next(
            (o for o in organisations if str(o.pk) == request.POST.get("organisation")), None
        )
        if chosen is None:
            messages.error(request, _("Choose an organisation"))
        elif "ods_code" in request.POST:
            attempt(
                request,
                lambda: services.set_ods_code(
                    actor=user, organisation=chosen, code=request.POST.get("ods_code", "")
                ),
                success=_("ODS code saved"),
            )
        else:
            attempt(
                request,
                lambda: services.register_setting(
                    actor=user, organisation=chosen, active=request.POST.get("active") != "no"
                ),
                success=_("Saved"),
            )
        return redirect("sharing:settings")
    return render(
        request,
        "sharing/settings.html",
        {
            "settings": all_settings(),
            "organisations": organisations,
            "ods_codes": ods_codes(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def keys_page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    setting = keyed_setting(user)
    issued = None
    error = ""
    if request.method == "POST":
        try:
            issued = services.create_setting_key(
                actor=user, setting=setting, name=request.POST.get("name", "")
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "sharing/keys.html",
        {"setting": setting, "keys": keys_of(setting), "issued": issued, "error": error},
        status=400 if error else 200,
    )


@login_required
@require_POST
def revoke_key(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    setting = keyed_setting(user)
    services.revoke_setting_key(actor=user, key=key_of(setting, pk))
    messages.success(request, _("Key revoked: it no longer works"))
    return redirect("sharing:keys")
