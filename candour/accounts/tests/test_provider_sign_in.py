"""Signing in through the organisation's own provider, end to end against a real one.

The provider (tests/identity_provider.py) is a real OpenID Connect server on 127.0.0.1,
built from Authlib's server parts. Candour fetches its discovery document and keys and
swaps codes at its token endpoint over HTTP; the test plays the browser between them with
`requests`, posting the provider's own login form.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from candour.accounts.models import IdentityProvider, ProviderSecondFactor
from candour.accounts.providers.services import ProviderSettings, configure_provider
from candour.accounts.services import revoke_role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from conftest import World
from tests.identity_provider import ProviderPerson, TestProvider

CLIENT_ID = "candour-riverside"
CLIENT_SECRET = "a-client-secret-only-the-provider-and-candour-know"
CALLBACK = "http://testserver/sign-in/organisation/return/"
BUTTON_NAME = "Riverside Council (Microsoft)"
PROVIDER_PASSWORD = "provider-password"


@pytest.fixture(scope="module")
def running_provider() -> Iterator[TestProvider]:
    provider = TestProvider(title="Riverside Council sign-in").start()
    provider.register_client(CLIENT_ID, CLIENT_SECRET, [CALLBACK])
    yield provider
    provider.stop()


@pytest.fixture
def idp(running_provider: TestProvider) -> Iterator[TestProvider]:
    """The provider, well behaved, with nobody on it yet; Candour's caches emptied."""
    running_provider.misbehave(None)
    running_provider.people.clear()
    running_provider.authorisation_requests.clear()
    cache.clear()
    yield running_provider
    running_provider.misbehave(None)


def _configure(world: World, issuer: str, **changes: Any) -> IdentityProvider:
    values: dict[str, Any] = {
        "name": BUTTON_NAME,
        "issuer": issuer,
        "client_id": CLIENT_ID,
        "domains": ["riverside.example"],
        "acr_values": [],
        "enabled": True,
        "new_secret": CLIENT_SECRET,
    }
    values.update(changes)
    return configure_provider(
        actor=world.admin, organisation=world.riverside, values=ProviderSettings(**values)
    )


@pytest.fixture
def riverside_provider(world: World, idp: TestProvider) -> IdentityProvider:
    return _configure(world, idp.issuer)


def _person(idp: TestProvider, email: str, **options: Any) -> ProviderPerson:
    return idp.add_person(ProviderPerson(email=email, password=PROVIDER_PASSWORD, **options))


def _to_provider(client: Client, email: str) -> str:
    """Candour's two pages: the email, then the button. The provider's address."""
    offered = client.post(reverse("accounts:provider-sign-in"), {"email": email})
    assert offered.status_code == 200
    assert f"Sign in with {BUTTON_NAME}" in _text(offered)
    start = client.get(reverse("accounts:provider-start"))
    assert start.status_code == 302, start.content.decode()
    return str(start["Location"])


def _at_provider(authorise_url: str, username: str, *, action: str = "sign-in") -> str:
    """The person at the provider's real login page; where it sends the browser back."""
    page = requests.get(authorise_url, timeout=5)
    assert page.status_code == 200
    assert "Riverside Council sign-in" in page.text
    answer = requests.post(
        authorise_url,
        data={"username": username, "password": PROVIDER_PASSWORD, "action": action},
        allow_redirects=False,
        timeout=5,
    )
    assert answer.status_code == 302, answer.text
    return str(answer.headers["Location"])


def _back_to_candour(client: Client, location: str) -> Any:
    parts = urlsplit(location)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CALLBACK
    return client.get(f"{parts.path}?{parts.query}")


def sign_in_through_provider(client: Client, email: str, *, username: str | None = None) -> Any:
    return _back_to_candour(client, _at_provider(_to_provider(client, email), username or email))


def _text(response: Any) -> str:
    return str(html.unescape(response.content.decode()))


def _signed_in_as(client: Client) -> str | None:
    home = client.get(reverse("core:home"))
    if home.status_code != 200:
        return None
    return str(client.session.get("_auth_user_id"))


def _failure_reasons(world: World) -> list[str]:
    events = AuditEvent.objects.filter(
        event_type=AuditEventType.SIGN_IN_FAILED, organisation=world.riverside
    ).order_by("sequence")
    return [event.data.get("reason", "") for event in events]


def test_a_staff_member_signs_in_with_their_councils_account(
    world: World, idp: TestProvider, riverside_provider: IdentityProvider
) -> None:
    _person(idp, "staff@riverside.example")
    client = Client()

    response = sign_in_through_provider(client, "Staff@Riverside.example")

    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    home = _text(client.get(reverse("core:home")))
    assert "Your team" in home
    event = AuditEvent.objects.get(
        event_type=AuditEventType.SIGN_IN_SUCCEEDED, actor_id=world.staff.pk
    )
    assert event.organisation_id == world.riverside.pk
    assert event.data == {"method": "provider", "provider_multi_factor": False}
    # What Candour asked the provider for: the code flow with PKCE, state and nonce.
    asked = idp.authorisation_requests[-1]
    assert asked["response_type"] == "code"
    assert asked["client_id"] == CLIENT_ID
    assert asked["code_challenge_method"] == "S256"
    assert len(asked["code_challenge"]) == 43
    assert len(asked["state"]) >= 32
    assert len(asked["nonce"]) >= 32
    assert asked["scope"] == "openid email profile"
    assert asked["login_hint"] == "staff@riverside.example"
    assert asked["redirect_uri"] == CALLBACK
    # The code was used once, and nothing of the sign-in is left waiting in the session.
    assert idp.codes == {}
    waiting = list(client.session.keys())
    assert not [key for key in waiting if key.startswith("candour_provider")]


def test_the_client_secret_is_sealed_not_stored_in_plain_text(
    riverside_provider: IdentityProvider,
) -> None:
    stored = IdentityProvider.objects.get(pk=riverside_provider.pk)
    assert stored.client_secret_sealed is not None
    assert CLIENT_SECRET.encode() not in bytes(stored.client_secret_sealed)
    assert stored.client_secret_key is not None
    assert stored.client_secret_variable == ""


def test_someone_at_a_domain_the_council_did_not_list_is_refused(
    world: World, idp: TestProvider, riverside_provider: IdentityProvider
) -> None:
    # The provider vouches for a real Candour account, but at Moorland's domain.
    _person(idp, "admin@moorland.example")
    client = Client()

    response = sign_in_through_provider(
        client, "staff@riverside.example", username="admin@moorland.example"
    )

    assert response.status_code == 403
    body = _text(response)
    assert "do not have a Candour account with a role in Riverside" in body
    assert "There is a problem" in body
    assert _signed_in_as(client) is None
    assert _failure_reasons(world) == ["domain_not_allowed"]


def test_someone_the_provider_knows_but_candour_does_not_is_refused_and_not_created(
    world: World, idp: TestProvider, riverside_provider: IdentityProvider
) -> None:
    _person(idp, "new.starter@riverside.example")
    client = Client()

    response = sign_in_through_provider(client, "new.starter@riverside.example")

    assert response.status_code == 403
    assert "Ask your organisation's Candour administrator to add you" in _text(response)
    assert _signed_in_as(client) is None
    assert _failure_reasons(world) == ["unknown_account"]
    assert not world.riverside.memberships.filter(user__email="new.starter@riverside.example")


def test_an_account_without_a_role_in_the_council_is_refused(
    world: World, idp: TestProvider, riverside_provider: IdentityProvider
) -> None:
    for membership in world.staff.memberships.all():
        revoke_role(actor=world.admin, membership=membership)
    _person(idp, "staff@riverside.example")
    client = Client()

    response = sign_in_through_provider(client, "staff@riverside.example")

    assert response.status_code == 403
    assert _signed_in_as(client) is None
    assert _failure_reasons(world) == ["no_active_role"]


@pytest.mark.parametrize(
    ("misbehaviour", "reason"),
    [
        ("signature", "signature"),
        ("nonce", "claim_nonce"),
        ("audience", "claim_aud"),
        ("issuer", "claim_iss"),
        ("expired", "claim_exp"),
    ],
)
def test_an_id_token_that_fails_a_check_is_refused(
    world: World,
    idp: TestProvider,
    riverside_provider: IdentityProvider,
    misbehaviour: str,
    reason: str,
) -> None:
    _person(idp, "staff@riverside.example")
    idp.misbehave(misbehaviour)
    client = Client()

    response = sign_in_through_provider(client, "staff@riverside.example")

    assert response.status_code == 400
    body = _text(response)
    assert "Candour could not check the answer from Riverside Council (Microsoft)" in body
    assert "<title>Error:" in body
    assert _signed_in_as(client) is None
    assert _failure_reasons(world) == [reason]
    assert not AuditEvent.objects.filter(event_type=AuditEventType.SIGN_IN_SUCCEEDED).exists()


def test_a_two_factor_role_is_verified_by_the_providers_multi_factor_claim(
    world: World, idp: TestProvider, riverside_provider: IdentityProvider
) -> None:
    _person(idp, "admin@riverside.example", amr=["pwd", "mfa"])
    client = Client()

    sign_in_through_provider(client, "admin@riverside.example")

    home = client.get(reverse("core:home"))
    assert home.status_code == 200
    assert "Organisations you administer" in _text(home)
    device = ProviderSecondFactor.objects.get(user=world.admin)
    assert device.verify_token("123456") is False
    verified = AuditEvent.objects.get(
        event_type=AuditEventType.TWO_FACTOR_VERIFIED, actor_id=world.admin.pk
    )
    assert verified.data == {"method": "provider"}


def test_a_two_factor_role_without_the_claim_is_asked_for_candours_own_code(
    world: World, idp: TestProvider, riverside_provider: IdentityProvider
) -> None:
    _person(idp, "admin@riverside.example", amr=["pwd"])
    client = Client()

    sign_in_through_provider(client, "admin@riverside.example")

    home = client.get(reverse("core:home"))
    assert home.status_code == 302
    assert home["Location"] == reverse("accounts:two-factor-setup")
    assert not ProviderSecondFactor.objects.filter(user=world.admin).exists()


def test_an_acr_value_the_council_listed_counts_as_multi_factor(
    world: World, idp: TestProvider
) -> None:
    _configure(world, idp.issuer, acr_values=["c1"])
    _person(idp, "analyst@riverside.example", amr=["pwd"], acr="c1")
    client = Client()

    sign_in_through_provider(client, "analyst@riverside.example")

    assert client.get(reverse("core:home")).status_code == 200
    # Candour asked for that strength, in the standard's words and in a claims request.
    asked = idp.authorisation_requests[-1]
    assert asked["acr_values"] == "c1"
    assert '"acrs"' in asked["claims"]


def test_a_provider_that_is_down_gives_a_clear_message(world: World, idp: TestProvider) -> None:
    down = TestProvider().start()
    issuer = down.issuer
    down.stop()
    _configure(world, issuer)
    client = Client()

    client.post(reverse("accounts:provider-sign-in"), {"email": "staff@riverside.example"})
    response = client.get(reverse("accounts:provider-start"))

    assert response.status_code == 502
    body = _text(response)
    assert "Candour could not reach Riverside Council (Microsoft)" in body
    assert "Try again in a few minutes" in body
    assert "<title>Error:" in body
    assert 'value="staff@riverside.example"' in body


def test_a_provider_whose_token_endpoint_fails_gives_the_same_clear_message(
    world: World, idp: TestProvider, riverside_provider: IdentityProvider
) -> None:
    _person(idp, "staff@riverside.example")
    idp.misbehave("token_error")
    client = Client()

    response = sign_in_through_provider(client, "staff@riverside.example")

    assert response.status_code == 502
    assert "Candour could not reach Riverside Council (Microsoft)" in _text(response)
    assert _signed_in_as(client) is None


def test_a_return_with_someone_elses_state_is_refused(
    world: World, idp: TestProvider, riverside_provider: IdentityProvider
) -> None:
    _person(idp, "staff@riverside.example")
    client = Client()
    url = _to_provider(client, "staff@riverside.example")
    location = _at_provider(url, "staff@riverside.example")
    code = parse_qs(urlsplit(location).query)["code"][0]

    response = client.get(reverse("accounts:provider-callback"), {"code": code, "state": "forged"})

    assert response.status_code == 400
    assert "Your sign-in did not finish" in _text(response)
    assert _signed_in_as(client) is None
    assert _failure_reasons(world) == ["state"]


def test_a_return_without_a_started_sign_in_is_refused(world: World) -> None:
    response = Client().get(reverse("accounts:provider-callback"), {"code": "x", "state": "y"})
    assert response.status_code == 400
    assert "Your sign-in did not finish" in _text(response)


def test_cancelling_at_the_provider_says_so(
    world: World, idp: TestProvider, riverside_provider: IdentityProvider
) -> None:
    _person(idp, "staff@riverside.example")
    client = Client()
    url = _to_provider(client, "staff@riverside.example")

    response = _back_to_candour(client, _at_provider(url, "", action="cancel"))

    assert response.status_code == 400
    assert "Riverside Council (Microsoft) did not sign you in" in _text(response)
    assert _failure_reasons(world) == ["provider_refused"]


def test_an_email_at_a_domain_without_a_provider_is_sent_to_passwords(world: World) -> None:
    response = Client().post(
        reverse("accounts:provider-sign-in"), {"email": "someone@moorland.example"}
    )
    body = _text(response)
    assert response.status_code == 400
    assert "does not sign in to Candour with its own account" in body
    assert 'href="#id_email"' in body
    assert "<title>Error:" in body


@override_settings(CANDOUR_SIGN_IN_CLIENT_FAILURE_LIMIT=3)
def test_a_client_walking_a_list_of_domains_is_paused(
    world: World, riverside_provider: IdentityProvider
) -> None:
    client = Client()
    for domain in ("a.example", "b.example", "c.example"):
        client.post(reverse("accounts:provider-sign-in"), {"email": f"x@{domain}"})

    response = client.post(reverse("accounts:provider-sign-in"), {"email": "x@riverside.example"})

    assert response.status_code == 429
    assert "Too many attempts to sign in" in _text(response)
    assert BUTTON_NAME not in _text(response)


def test_a_disabled_provider_is_not_offered(world: World, idp: TestProvider) -> None:
    _configure(world, idp.issuer, enabled=False)
    response = Client().post(
        reverse("accounts:provider-sign-in"), {"email": "staff@riverside.example"}
    )
    assert response.status_code == 400
    assert BUTTON_NAME not in _text(response)


def test_the_secret_can_come_from_a_named_environment_variable(
    world: World, idp: TestProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CANDOUR_PROVIDER_SECRET_RIVERSIDE", CLIENT_SECRET)
    provider = _configure(
        world, idp.issuer, new_secret="", secret_variable="CANDOUR_PROVIDER_SECRET_RIVERSIDE"
    )
    assert provider.client_secret_sealed is None
    _person(idp, "staff@riverside.example")
    client = Client()

    response = sign_in_through_provider(client, "staff@riverside.example")

    assert response.status_code == 302
    assert _signed_in_as(client) == str(world.staff.pk)


def test_no_address_or_token_reaches_the_logs(
    world: World,
    idp: TestProvider,
    riverside_provider: IdentityProvider,
    caplog: pytest.LogCaptureFixture,
) -> None:
    _person(idp, "staff@riverside.example")
    with caplog.at_level(logging.DEBUG):
        sign_in_through_provider(Client(), "staff@riverside.example")
    # The test's own browser (requests, urllib3) and the provider (werkzeug) log what they
    # like; Candour, Django and Authlib must not log the address, code or state.
    ours = [
        record.getMessage()
        for record in caplog.records
        if record.name.split(".")[0] in ("candour", "django", "authlib", "joserfc")
    ]
    assert not [line for line in ours if "riverside.example" in line or "code=" in line]


def test_the_named_variables_file_variant_is_read_like_every_secret_setting(
    world: World, idp: TestProvider, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    secret_file = tmp_path / "provider-secret"
    secret_file.write_text(CLIENT_SECRET + "\n")
    monkeypatch.delenv("CANDOUR_PROVIDER_SECRET_RIVERSIDE", raising=False)
    monkeypatch.setenv("CANDOUR_PROVIDER_SECRET_RIVERSIDE_FILE", str(secret_file))
    _configure(
        world, idp.issuer, new_secret="", secret_variable="CANDOUR_PROVIDER_SECRET_RIVERSIDE"
    )
    _person(idp, "staff@riverside.example")
    client = Client()

    sign_in_through_provider(client, "staff@riverside.example")

    assert _signed_in_as(client) == str(world.staff.pk)


def test_a_secret_the_provider_does_not_accept_is_refused_at_the_token_endpoint(
    world: World, idp: TestProvider
) -> None:
    _configure(world, idp.issuer, new_secret="not-the-registered-secret")
    _person(idp, "staff@riverside.example")
    client = Client()

    response = sign_in_through_provider(client, "staff@riverside.example")

    assert response.status_code == 400
    assert _signed_in_as(client) is None
    assert _failure_reasons(world) == ["code_refused"]
