from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from candour.accounts import lockout, services
from candour.accounts.current import current_user
from candour.accounts.forms import PersonForm, RoleForm, SecurityCodeForm, SignInForm
from candour.accounts.roles import Role
from candour.core.access import (
    get_administered_membership,
    get_administered_organisation,
    get_administered_user,
)
from candour.core.form_actions import submit


def _safe_next(request: HttpRequest) -> str | None:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return None


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect("core:home")
    form = SignInForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = services.sign_in(
            request=request,
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password"],
        )
        if result.outcome is services.SignInOutcome.SIGNED_IN:
            response = redirect(_safe_next(request) or "core:home")
            lockout.remember_device(form.cleaned_data["email"], response)
            return response
        if result.outcome is services.SignInOutcome.LOCKED:
            status = 429
            form.add_error(
                None,
                _(
                    "Too many attempts to sign in. Try again in 15 minutes, or ask your "
                    "organisation's administrator for help."
                ),
            )
        else:
            status = 400
            form.add_error("email", _("Enter a correct email address and password"))
    return render(
        request, "accounts/sign_in.html", {"form": form, "next": _safe_next(request)}, status=status
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    services.sign_out(request=request)
    return redirect("core:start")


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if services.confirmed_totp_device(user) is not None:
        return redirect("accounts:two-factor-verify")
    device = services.enrolling_totp_device(session=request.session, user=user)
    form = SecurityCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_totp_enrolment(
            request=request, user=user, token=form.cleaned_data["token"]
        ):
            messages.success(request, _("Your authenticator app is set up"))
            return redirect("core:home")
        form.add_error("token", _("The security code is not right. Try the newest code."))
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=4, title=_("QR code for your authenticator app")
    )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {"form": form, "qr_svg": qr_svg, "secret": _grouped_base32(device.bin_key)},
    )


def _grouped_base32(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    if services.confirmed_totp_device(user) is None:
        return redirect("accounts:two-factor-setup")
    form = SecurityCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if services.verify_second_factor(
            request=request, user=user, token=form.cleaned_data["token"]
        ):
            return redirect(_safe_next(request) or "core:home")
        form.add_error("token", _("The security code is not right. Try the newest code."))
    return render(request, "accounts/two_factor_verify.html", {"form": form})


@login_required
@require_http_methods(["GET"])
def account(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    return render(
        request,
        "accounts/account.html",
        {
            "person": user,
            "has_authenticator": services.confirmed_totp_device(user) is not None,
        },
    )


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    services.sign_out_everywhere(request=request)
    return redirect("core:start")


@login_required
@require_http_methods(["GET", "POST"])
def add_person(request: HttpRequest, slug: str) -> HttpResponse:
    admin = current_user(request)
    organisation = get_administered_organisation(admin, slug)
    form = PersonForm(request.POST if request.method == "POST" else None, organisation=organisation)
    if submit(
        request,
        form,
        lambda data: services.add_person(
            actor=admin,
            organisation=organisation,
            email=data["email"],
            full_name=data["full_name"],
            role=Role(data["role"]),
            team=data["team"],
        ),
        success=lambda person: _("%(name)s added") % {"name": person.full_name},
    ):
        return redirect("core:organisation", slug=organisation.slug)
    return render(request, "accounts/add_person.html", {"form": form, "organisation": organisation})


@login_required
@require_http_methods(["GET", "POST"])
def grant_role(request: HttpRequest, slug: str, person_id: int) -> HttpResponse:
    admin = current_user(request)
    organisation = get_administered_organisation(admin, slug)
    person = get_administered_user(admin, organisation, person_id)
    form = RoleForm(request.POST if request.method == "POST" else None, organisation=organisation)
    if submit(
        request,
        form,
        lambda data: services.grant_role(
            actor=admin,
            user=person,
            organisation=organisation,
            role=Role(data["role"]),
            team=data["team"],
        ),
        success=_("Role given to %(name)s") % {"name": person.full_name},
    ):
        return redirect("core:organisation", slug=organisation.slug)
    return render(
        request,
        "accounts/grant_role.html",
        {"form": form, "organisation": organisation, "person": person},
    )


@login_required
@require_http_methods(["GET", "POST"])
def revoke_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    admin = current_user(request)
    organisation = get_administered_organisation(admin, slug)
    membership = get_administered_membership(admin, organisation, membership_id)
    if request.method == "POST":
        services.revoke_role(actor=admin, membership=membership)
        messages.success(request, _("Role removed"))
        return redirect("core:organisation", slug=organisation.slug)
    return render(
        request,
        "accounts/revoke_role.html",
        {"organisation": organisation, "membership": membership},
    )
