"""An organisation administrator sets up sign-in through their provider, and tests it."""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.urls import reverse

from candour.accounts.models import IdentityProvider
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.keys.models import DataKey
from conftest import World, signed_in_client
from tests.identity_provider import TestProvider
from tests.row_counts import changed_tables, row_counts

SECRET = "the-secret-entra-showed-once"


@pytest.fixture(scope="module")
def running_provider() -> Iterator[TestProvider]:
    provider = TestProvider().start()
    yield provider
    provider.stop()


@pytest.fixture
def idp(running_provider: TestProvider) -> Iterator[TestProvider]:
    running_provider.misbehave(None)
    cache.clear()
    yield running_provider
    running_provider.misbehave(None)


def _page(world: World) -> str:
    return reverse("accounts:identity-provider", args=[world.riverside.slug])


def _form(issuer: str, **changes: str) -> dict[str, str]:
    data = {
        "name": "Riverside Council (Microsoft)",
        "issuer": issuer,
        "client_id": "11111111-2222-3333-4444-555555555555",
        "new_secret": SECRET,
        "secret_variable": "",
        "domains": "@Riverside.example\n",
        "acr_values": "",
        "enabled": "yes",
    }
    data.update(changes)
    return data


def _text(response: Any) -> str:
    return str(html.unescape(response.content.decode()))


def test_the_organisation_page_links_to_the_sign_in_settings(world: World) -> None:
    client = signed_in_client(world.admin)
    page = _text(client.get(reverse("core:organisation", args=[world.riverside.slug])))
    assert _page(world) in page


def test_the_page_shows_the_redirect_uri_to_register(world: World) -> None:
    page = _text(signed_in_client(world.admin).get(_page(world)))
    assert "http://testserver/sign-in/organisation/return/" in page
    assert '<form method="post" novalidate>' in page
    assert "Set it up" in page


def test_an_empty_form_names_every_missing_answer_in_the_one_error_pattern(world: World) -> None:
    response = signed_in_client(world.admin).post(_page(world), {})
    body = _text(response)
    assert response.status_code == 400
    assert "<title>Error: Sign-in with your organisation's account" in body
    assert "There is a problem" in body
    for message, field in [
        ("Enter the name staff will see on the button", "id_name"),
        ("Enter the issuer URL", "id_issuer"),
        ("Enter the client ID", "id_client_id"),
        ("Enter at least one email domain, like riverside.gov.uk", "id_domains"),
        ("Choose whether to offer this sign-in to staff", "id_enabled_0"),
    ]:
        assert f'<a href="#{field}">{message}</a>' in body
        assert message in body.split("govuk-error-summary", 2)[-1]
    assert 'id="id_issuer-error"' in body
    assert not IdentityProvider.objects.exists()


def test_the_service_refuses_what_the_form_cannot_check_all_at_once(world: World) -> None:
    response = signed_in_client(world.admin).post(
        _page(world),
        _form(
            "http://login.example.org/tenant/v2.0",
            new_secret="",
            secret_variable="CANDOUR_SECRET_KEY",
            domains="moorland.example\nriverside",
        ),
    )
    body = _text(response)
    assert response.status_code == 400
    assert "The issuer URL must start with https://" in body
    assert "Nobody in Riverside has an email address at moorland.example" in body
    assert "riverside is not an email domain" in body
    assert "The variable's name must start with CANDOUR_PROVIDER_SECRET_" in body
    # What was typed is kept, but never the secret.
    assert 'value="CANDOUR_SECRET_KEY"' in body
    assert SECRET not in body
    assert not IdentityProvider.objects.exists()


def test_saving_seals_the_secret_and_audits_without_it(world: World, idp: TestProvider) -> None:
    client = signed_in_client(world.admin)

    response = client.post(_page(world), _form(idp.issuer))

    assert response.status_code == 302
    provider = IdentityProvider.objects.get(organisation=world.riverside)
    assert provider.domain_names == ["riverside.example"]
    assert provider.client_secret_key is not None
    assert SECRET.encode() not in bytes(provider.client_secret_sealed or b"")
    event = AuditEvent.objects.get(event_type=AuditEventType.IDENTITY_PROVIDER_CHANGED)
    assert event.actor_id == world.admin.pk
    assert event.data["created"] is True
    assert event.data["secret_kept_as"] == "sealed"
    assert SECRET not in str(event.data)
    page = _text(client.get(_page(world)))
    assert "Sign-in settings saved" in page
    assert "Stored encrypted" in page
    assert SECRET not in page


def test_a_new_secret_destroys_the_old_ones_key(world: World, idp: TestProvider) -> None:
    client = signed_in_client(world.admin)
    client.post(_page(world), _form(idp.issuer))
    first_key = IdentityProvider.objects.get().client_secret_key_id
    assert first_key is not None

    client.post(_page(world), _form(idp.issuer, new_secret="a-rotated-secret"))

    assert IdentityProvider.objects.get().client_secret_key_id != first_key
    assert DataKey.objects.get(pk=first_key).is_destroyed


def test_leaving_the_secret_empty_keeps_it(world: World, idp: TestProvider) -> None:
    client = signed_in_client(world.admin)
    client.post(_page(world), _form(idp.issuer))
    key = IdentityProvider.objects.get().client_secret_key_id

    response = client.post(_page(world), _form(idp.issuer, new_secret="", name="Riverside"))

    assert response.status_code == 302
    provider = IdentityProvider.objects.get()
    assert provider.name == "Riverside"
    assert provider.client_secret_key_id == key


def test_another_organisation_cannot_claim_a_domain_in_use(world: World, idp: TestProvider) -> None:
    signed_in_client(world.admin).post(_page(world), _form(idp.issuer))
    moorland_person = create_user(
        actor=None, organisation=world.moorland, email="x@riverside.example", full_name="X"
    )
    grant_role(
        actor=None,
        user=moorland_person,
        organisation=world.moorland,
        role=Role.STAFF,
        team=world.moorland_team,
    )

    response = signed_in_client(world.other_admin).post(
        reverse("accounts:identity-provider", args=[world.moorland.slug]), _form(idp.issuer)
    )

    assert response.status_code == 400
    assert "Another organisation already signs in people at riverside.example" in _text(response)


def test_an_administrator_of_another_organisation_cannot_reach_the_page(world: World) -> None:
    client = signed_in_client(world.other_admin)
    assert client.get(_page(world)).status_code == 404
    assert client.post(_page(world), _form("https://x.example")).status_code == 404
    test_url = reverse("accounts:identity-provider-test", args=[world.riverside.slug])
    assert client.post(test_url).status_code == 404


def test_staff_cannot_reach_the_page(world: World) -> None:
    assert signed_in_client(world.staff).get(_page(world)).status_code == 404


def test_test_connection_reads_the_discovery_document_and_keys(
    world: World, idp: TestProvider
) -> None:
    client = signed_in_client(world.admin)
    client.post(_page(world), _form(idp.issuer))
    test_url = reverse("accounts:identity-provider-test", args=[world.riverside.slug])

    response = client.post(test_url, follow=True)

    body = _text(response)
    assert "Connection works: Candour read the provider's configuration and 1 signing keys" in body
    assert "<title>Error:" not in body


def test_test_connection_says_when_the_issuer_does_not_match(
    world: World, idp: TestProvider
) -> None:
    client = signed_in_client(world.admin)
    client.post(_page(world), _form(idp.issuer))
    idp.misbehave("discovery_issuer")

    response = client.post(
        reverse("accounts:identity-provider-test", args=[world.riverside.slug]), follow=True
    )

    body = _text(response)
    assert "Connection failed: The provider names a different issuer" in body
    assert "<title>Error:" in body
    assert "There is a problem" in body


def test_test_connection_says_when_the_provider_is_down(world: World, idp: TestProvider) -> None:
    down = TestProvider().start()
    issuer = down.issuer
    down.stop()
    client = signed_in_client(world.admin)
    client.post(_page(world), _form(issuer))

    response = client.post(
        reverse("accounts:identity-provider-test", args=[world.riverside.slug]), follow=True
    )

    assert "Connection failed: Candour could not reach the provider" in _text(response)


def test_test_connection_says_when_the_secrets_variable_is_not_set(
    world: World, idp: TestProvider, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CANDOUR_PROVIDER_SECRET_RIVERSIDE", raising=False)
    client = signed_in_client(world.admin)
    client.post(
        _page(world),
        _form(idp.issuer, new_secret="", secret_variable="CANDOUR_PROVIDER_SECRET_RIVERSIDE"),
    )

    response = client.post(
        reverse("accounts:identity-provider-test", args=[world.riverside.slug]), follow=True
    )

    body = _text(response)
    assert "cannot read the client secret" in body
    assert "Read from the environment variable CANDOUR_PROVIDER_SECRET_RIVERSIDE" in body


def test_test_connection_writes_nothing(world: World, idp: TestProvider) -> None:
    client = signed_in_client(world.admin)
    client.post(_page(world), _form(idp.issuer))
    before = row_counts()

    client.post(reverse("accounts:identity-provider-test", args=[world.riverside.slug]))

    assert changed_tables(before, row_counts()) == {}
