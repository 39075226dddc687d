"""Signing in through an organisation's provider, and its administrator's page.

Staff enter their work email; if its domain belongs to an organisation with a provider,
the next page offers "Sign in with <provider>". Nothing lists organisations, and the
answer for a domain says nothing about whether anyone at it has an account (ADR 0031).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts import lockout
from candour.accounts.current import current_user
from candour.accounts.models import IdentityProvider
from candour.accounts.providers import protocol, services
from candour.accounts.providers.access import pending_provider, provider_for_email, provider_of
from candour.accounts.providers.client_secret import MissingSecretError, client_secret
from candour.accounts.providers.connection import check_connection
from candour.accounts.providers.discovery import (
    ProviderMisconfiguredError,
    ProviderUnreachableError,
)
from candour.accounts.providers.forms import IdentityProviderForm, OrganisationSignInForm
from candour.core.access import get_administered_organisation
from candour.core.form_actions import submit

PENDING_SESSION_KEY = "candour_provider_sign_in"
# The address the person typed, kept with the pending sign-in so a refusal can show it.
PENDING_EMAIL_SESSION_KEY = "candour_provider_sign_in_email"
TEMPLATE = "accounts/provider_sign_in.html"


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _callback_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("accounts:provider-callback"))


def _paused_message() -> str:
    return _(
        "Too many attempts to sign in. Try again in 15 minutes, or ask your "
        "organisation's administrator for help."
    )


def _page(
    request: HttpRequest,
    form: OrganisationSignInForm,
    *,
    provider: IdentityProvider | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"form": form, "provider": provider, "next": _safe_next(request)}
    return render(request, TEMPLATE, context, status=status)


def _refused(request: HttpRequest, email: str, message: str, status: int) -> HttpResponse:
    """The email page again, with the reason in the error summary: the address the person
    typed is shown again, and only the reason is an error."""
    form = OrganisationSignInForm({"email": email})
    form.is_valid()
    form.errors.clear()
    form.add_error(None, message)
    return _page(request, form, status=status)


@require_http_methods(["GET", "POST"])
def organisation_sign_in(request: HttpRequest) -> HttpResponse:
    """Ask for a work email; offer the organisation's provider if its domain has one."""
    if request.user.is_authenticated and request.method == "GET":
        return redirect("core:home")
    form = OrganisationSignInForm(request.POST if request.method == "POST" else None)
    if request.method != "POST" or not form.is_valid():
        return _page(request, form, status=400 if form.is_bound else 200)
    if lockout.is_client_paused(request):
        form.add_error(None, _paused_message())
        return _page(request, form, status=429)
    email = form.cleaned_data["email"].strip().lower()
    provider = provider_for_email(email)
    if provider is None:
        # Counted, so that a client cannot walk a list of domains to learn which councils
        # use Candour.
        lockout.note_client_failure(request)
        form.add_error(
            "email",
            _(
                "Your organisation does not sign in to Candour with its own account. Sign in "
                "with your email address and password instead."
            ),
        )
        return _page(request, form, status=400)
    request.session[PENDING_EMAIL_SESSION_KEY] = email
    return _page(request, form, provider=provider)


@require_GET
def start_provider_sign_in(request: HttpRequest) -> HttpResponse:
    """Send the browser to the provider, with state, nonce and PKCE kept in the session.

    A link, not a form: the strict CSP's form-action 'self' would stop a form whose answer
    redirects to another site, and a link carries nothing a stranger could use (the
    address it signs in for was put in this session by the page before)."""
    email = str(request.session.get(PENDING_EMAIL_SESSION_KEY, "") or "")
    provider = provider_for_email(email) if email else None
    if provider is None:
        return redirect("accounts:provider-sign-in")
    if lockout.is_client_paused(request):
        return _refused(request, email, _paused_message(), 429)
    try:
        url, pending = protocol.start(
            provider_id=provider.pk,
            issuer=provider.issuer,
            client_id=provider.client_id,
            redirect_uri=_callback_url(request),
            login_hint=email,
            next_url=_safe_next(request),
            acr_values=list(provider.multi_factor_acr_values),
        )
    except ProviderUnreachableError:
        return _refused(request, email, _unreachable_message(provider), 502)
    except ProviderMisconfiguredError:
        return _refused(request, email, _misconfigured_message(provider), 502)
    request.session[PENDING_SESSION_KEY] = pending.to_session()
    return redirect(url)


def _unreachable_message(provider: IdentityProvider) -> str:
    return _(
        "Candour could not reach %(provider)s, so you cannot sign in with it at the moment. "
        "Try again in a few minutes. If it keeps happening, tell your organisation's IT "
        "service desk."
    ) % {"provider": provider.name}


def _misconfigured_message(provider: IdentityProvider) -> str:
    return _(
        "Signing in with %(provider)s is not set up correctly. Ask your organisation's "
        "Candour administrator to test the connection."
    ) % {"provider": provider.name}


@require_GET
def provider_callback(request: HttpRequest) -> HttpResponse:
    """The provider sends the browser back here with a code (or an error) and the state."""
    pending = protocol.PendingSignIn.from_session(request.session.pop(PENDING_SESSION_KEY, None))
    email = str(request.session.pop(PENDING_EMAIL_SESSION_KEY, "") or "")
    start_again = _("Your sign-in did not finish. Enter your work email address to start again.")
    if lockout.is_client_paused(request):
        return _refused(request, email, _paused_message(), 429)
    if pending is None:
        lockout.note_client_failure(request)
        return _refused(request, email, start_again, 400)
    provider = pending_provider(pending.provider_id)
    if provider is None:
        return _refused(request, email, start_again, 400)
    state = request.GET.get("state", "")
    if pending.has_expired() or not constant_time_compare(state, pending.state):
        services.record_provider_failure(request=request, provider=provider, reason="state")
        return _refused(request, email, start_again, 400)
    if request.GET.get("error") or not request.GET.get("code"):
        services.record_provider_failure(
            request=request, provider=provider, reason="provider_refused"
        )
        message = _("%(provider)s did not sign you in. Enter your work email address to try again.")
        return _refused(request, email, message % {"provider": provider.name}, 400)
    try:
        claims = protocol.finish(
            pending=pending,
            issuer=provider.issuer,
            client_id=provider.client_id,
            client_secret=client_secret(provider),
            redirect_uri=_callback_url(request),
            code=request.GET["code"],
        )
    except ProviderUnreachableError:
        return _refused(request, email, _unreachable_message(provider), 502)
    except (ProviderMisconfiguredError, MissingSecretError):
        return _refused(request, email, _misconfigured_message(provider), 502)
    except protocol.TokenRefusedError as exc:
        services.record_provider_failure(request=request, provider=provider, reason=exc.reason)
        message = _(
            "Candour could not check the answer from %(provider)s, so you have not been signed "
            "in. Try again; if it keeps happening, ask your organisation's Candour administrator."
        )
        return _refused(request, email, message % {"provider": provider.name}, 400)
    result = services.sign_in_with_provider(request=request, provider=provider, claims=claims)
    if result.user is None:
        message = _(
            "%(provider)s signed you in, but you do not have a Candour account with a role in "
            "%(organisation)s. Ask your organisation's Candour administrator to add you."
        )
        names = {"provider": provider.name, "organisation": provider.organisation.name}
        return _refused(request, email, message % names, 403)
    response = redirect(pending.next_url or "core:home")
    lockout.remember_device(result.user.email, response)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def identity_provider(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation administrator sets up sign-in through their own provider."""
    admin = current_user(request)
    organisation = get_administered_organisation(admin, slug)
    provider = provider_of(organisation)
    initial = {"enabled": "yes"}
    if provider is not None:
        initial = {
            "name": provider.name,
            "issuer": provider.issuer,
            "client_id": provider.client_id,
            "secret_variable": provider.client_secret_variable,
            "domains": "\n".join(provider.domain_names),
            "acr_values": "\n".join(provider.multi_factor_acr_values),
            "enabled": "yes" if provider.enabled else "no",
        }
    form = IdentityProviderForm(request.POST if request.method == "POST" else None, initial=initial)
    if submit(
        request,
        form,
        lambda _data: services.configure_provider(
            actor=admin,
            organisation=organisation,
            values=services.ProviderSettings(**form.settings_values()),
        ),
        success=_("Sign-in settings saved. Test the connection to check them."),
    ):
        return redirect("accounts:identity-provider", slug=organisation.slug)
    return render(
        request,
        "accounts/identity_provider.html",
        {
            "form": form,
            "organisation": organisation,
            "provider": provider,
            "callback_url": _callback_url(request),
        },
        status=400 if form.is_bound else 200,
    )


@login_required
@require_POST
def test_identity_provider(request: HttpRequest, slug: str) -> HttpResponse:
    """Fetch the saved provider's discovery document and keys now, and say what happened."""
    organisation = get_administered_organisation(current_user(request), slug)
    provider = provider_of(organisation)
    if provider is None:
        return redirect("accounts:identity-provider", slug=organisation.slug)
    check = check_connection(provider)
    if not check.reached:
        messages.error(request, _("Connection failed: %(problem)s") % {"problem": check.problem})
    elif not check.secret_ready:
        messages.error(
            request,
            _(
                "Candour reached the provider, but cannot read the client secret: set the "
                "environment variable, or enter the secret again."
            ),
        )
    else:
        messages.success(
            request,
            _(
                "Connection works: Candour read the provider's configuration and %(count)s "
                "signing keys, and can read the client secret."
            )
            % {"count": check.key_count},
        )
    return redirect("accounts:identity-provider", slug=organisation.slug)
