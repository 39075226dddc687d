"""Pages for the API: the signed-in person's own tokens, and how to use the API."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from candour.accounts.current import current_user
from candour.api import services
from candour.api.api import api
from candour.api.forms import TokenForm
from candour.api.models import ApiToken
from candour.api.tokens import SCHEME
from candour.core.form_actions import submit


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    allowed = services.may_use_tokens(user)
    posted = request.method == "POST"
    form = TokenForm(request.POST if posted and allowed else None)
    issued = None
    done = (
        submit(request, form, lambda data: services.create_api_token(actor=user, name=data["name"]))
        if allowed
        else None
    )
    if done:
        issued = done.value
        form = TokenForm()
    # The new token is rendered in this response only (never a redirect, a message or the
    # session), and the page is sent with Cache-Control: no-store.
    return render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "allowed": allowed,
            "issued": issued,
            "tokens": ApiToken.objects.visible_to(user),
            "scheme": SCHEME,
        },
        status=403 if posted and not allowed else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def revoke_api_token(request: HttpRequest, token_id: int) -> HttpResponse:
    user = current_user(request)
    token = ApiToken.objects.visible_to(user).active().filter(pk=token_id).first()
    if token is None:
        raise Http404
    if request.method == "POST":
        services.revoke_api_token(actor=user, token=token)
        messages.success(request, _("Token revoked: %(name)s") % {"name": token.name})
        return redirect("api:tokens")
    return render(request, "api/revoke_token.html", {"token": token, "scheme": SCHEME})


def _operations() -> list[dict[str, Any]]:
    """The API's operations, read from its own OpenAPI document so this page never drifts."""
    schema = api.get_openapi_schema()
    return [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            # The document's descriptions are Markdown; the page shows them as plain text.
            "description": operation.get("description", "").replace("`", ""),
        }
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


@require_GET
def api_home(request: HttpRequest) -> HttpResponse:
    return render(request, "api/index.html", {"operations": _operations(), "scheme": SCHEME})
