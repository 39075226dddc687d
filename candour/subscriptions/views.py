from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.core.form_actions import attempt
from candour.subscriptions import services
from candour.subscriptions.forms import FollowForm, FrequencyForm
from candour.subscriptions.links import preference_for_token
from candour.subscriptions.presenters import page_for


def _back(request: HttpRequest, form: FollowForm) -> HttpResponse:
    target = form.cleaned_data.get("next") if form.is_valid() else ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("subscriptions:page")


@login_required
@require_GET
def page(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    view = page_for(user)
    return render(
        request,
        "subscriptions/page.html",
        {"view": view, "frequency_form": FrequencyForm(initial={"frequency": view.frequency})},
    )


@login_required
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = FollowForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose something to follow."))
        return redirect("subscriptions:page")
    attempt(
        request,
        lambda: services.follow(
            actor=user, kind=form.cleaned_data["kind"], target=form.cleaned_data["target"]
        ),
        success=_("You are now following it."),
    )
    return _back(request, form)


@login_required
@require_POST
def unfollow(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = FollowForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.unfollow(
                actor=user, kind=form.cleaned_data["kind"], target=form.cleaned_data["target"]
            ),
            success=_("You are no longer following it."),
        )
    return _back(request, form)


@login_required
@require_POST
def frequency(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    form = FrequencyForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            lambda: services.set_frequency(actor=user, frequency=form.cleaned_data["frequency"]),
            success=_("Your choice of how often you hear has been saved."),
        )
    else:
        messages.error(request, _("Choose how often you want to hear."))
    return redirect("subscriptions:page")


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "subscriptions/link_not_valid.html", status=404)


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The landing page of the email's link: a GET (a person, or a mail scanner fetching
    every link) changes nothing; only the button's POST unsubscribes. No sign-in needed."""
    preference = preference_for_token(token)
    if preference is None:
        return _refused(request)
    if request.method == "POST":
        services.unsubscribe_by_link(preference=preference)
        return render(request, "subscriptions/unsubscribed.html")
    return render(request, "subscriptions/unsubscribe.html", {"token": token})


# RFC 8058: the mail provider POSTs "List-Unsubscribe=One-Click" with no cookies, so no
# CSRF token can come; the signed, revocable token in the path is the authority.
@csrf_exempt
@require_POST
def one_click(request: HttpRequest, token: str) -> HttpResponse:
    preference = preference_for_token(token)
    if preference is None:
        return _refused(request)
    if request.POST.get("List-Unsubscribe") != "One-Click":
        return HttpResponseBadRequest(_("This address only takes one-click unsubscribe."))
    services.unsubscribe_by_link(preference=preference)
    return render(request, "subscriptions/unsubscribed.html")
