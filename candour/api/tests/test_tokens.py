from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone

from candour.accounts.roles import Role
from candour.api import tokens
from candour.api.auth import FAILURES_PER_CLIENT, user_for_token
from candour.api.models import ApiToken
from candour.api.services import create_api_token, revoke_api_token
from candour.api.tests.support import ApiCaller
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from conftest import make_person, signed_in_client

IDEAS = "/api/v1/ideas"


def test_a_token_is_returned_once_and_only_its_keyed_hash_is_kept(world):
    issued = create_api_token(actor=world.staff, name="Team dashboard")

    stored = ApiToken.objects.get()
    assert issued.value.startswith(f"candour_{stored.prefix}_")
    assert stored.digest == tokens.digest(issued.value)
    assert issued.value not in {stored.name, stored.prefix, stored.digest}
    assert user_for_token(issued.value) == world.staff


def test_creating_a_token_is_audited_without_the_token(world):
    issued = create_api_token(actor=world.staff, name="Team dashboard")

    event = AuditEvent.objects.get(event_type=AuditEventType.API_TOKEN_CREATED)
    assert event.actor_id == world.staff.pk
    assert event.organisation == world.riverside
    assert event.data == {"prefix": issued.token.prefix}
    assert issued.value not in str(event.data)


def test_people_whose_role_needs_two_factor_cannot_create_tokens(world):
    with pytest.raises(ValidationError, match="security code"):
        create_api_token(actor=world.analyst, name="Scripts")

    assert not ApiToken.objects.exists()


def test_a_token_needs_a_name(world):
    with pytest.raises(ValidationError) as raised:
        create_api_token(actor=world.staff, name="   ")

    assert raised.value.message_dict == {"name": ["Enter a name for the token"]}


def test_a_revoked_token_is_refused_and_the_revocation_audited(world):
    issued = create_api_token(actor=world.staff, name="Old script")

    revoke_api_token(actor=world.staff, token=issued.token)

    assert ApiToken.objects.get().revoked_at is not None
    assert user_for_token(issued.value) is None
    assert ApiCaller(issued.value).get(IDEAS).status_code == 401
    event = AuditEvent.objects.get(event_type=AuditEventType.API_TOKEN_REVOKED)
    assert event.actor_id == world.staff.pk
    assert event.data == {"prefix": issued.token.prefix}


def test_only_the_owner_can_revoke_a_token(world):
    issued = create_api_token(actor=world.staff, name="Mine")

    with pytest.raises(PermissionDenied):
        revoke_api_token(actor=world.manager, token=issued.token)

    assert ApiToken.objects.get().revoked_at is None


def test_a_token_stops_working_when_its_owner_is_deactivated(world):
    issued = create_api_token(actor=world.staff, name="Mine")
    world.staff.is_active = False
    world.staff.save()

    assert ApiCaller(issued.value).get(IDEAS).status_code == 401


def test_a_token_stops_working_when_its_owner_gains_a_two_factor_role(world):
    from candour.accounts.services import grant_role

    issued = create_api_token(actor=world.staff, name="Mine")
    grant_role(actor=None, user=world.staff, organisation=world.riverside, role=Role.ANALYST)

    assert ApiCaller(issued.value).get(IDEAS).status_code == 401


def test_last_used_is_written_at_most_once_a_minute(world):
    issued = create_api_token(actor=world.staff, name="Mine")
    caller = ApiCaller(issued.value)

    caller.get(IDEAS)
    first = ApiToken.objects.get().last_used_at
    caller.get(IDEAS)
    assert first is not None
    assert ApiToken.objects.get().last_used_at == first

    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=2))
    caller.get(IDEAS)
    touched = ApiToken.objects.get().last_used_at
    assert touched is not None
    assert touched > first


def test_guessing_a_tokens_secret_pauses_the_guesser_not_the_token(world):
    issued = create_api_token(actor=world.staff, name="Mine")
    wrong = f"candour_{issued.token.prefix}_{'x' * 43}"
    guesser = Client(REMOTE_ADDR="203.0.113.9")
    headers = {"Authorization": f"Bearer {wrong}"}

    for _ in range(FAILURES_PER_CLIENT):
        assert guesser.get(IDEAS, headers=headers).status_code == 401
    paused = guesser.get(IDEAS, headers=headers)

    assert paused.status_code == 429
    assert paused["Retry-After"] == "900"
    # While paused even the right token is not checked from that client, so guesses
    # cannot be confirmed; from the owner's own machine it keeps working.
    right = {"Authorization": f"Bearer {issued.value}"}
    assert guesser.get(IDEAS, headers=right).status_code == 429
    assert ApiCaller(issued.value).get(IDEAS).status_code == 200


def test_requests_without_a_token_are_unauthorised(world):
    response = Client().get(IDEAS)

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in response.json()["detail"]


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Basic c3RhZmY6cGFzc3dvcmQ=", "Bearer ", "candour_00000000_x"],
)
def test_malformed_credentials_are_unauthorised(world, header):
    response = Client().get(IDEAS, headers={"Authorization": header})

    assert response.status_code == 401


def test_a_signed_in_browser_session_cannot_use_the_api(world):
    client = signed_in_client(world.manager)

    assert client.get(IDEAS).status_code == 401
    response = client.post(
        IDEAS,
        {
            "team_id": world.assessment.pk,
            "problem_kind": "waste",
            "problem": "p",
            "idea": "i",
            "expected_benefit": "b",
        },
        content_type="application/json",
    )
    assert response.status_code == 401


# The tokens page ---------------------------------------------------------------------

PAGE = "/account/api-tokens/"


def test_the_tokens_page_creates_a_token_and_shows_it_only_once(world):
    client = signed_in_client(world.staff)

    created = client.post(PAGE, {"name": "Team dashboard"})

    token = ApiToken.objects.get()
    assert created.status_code == 200
    assert created["Cache-Control"] == "no-store"
    body = created.content.decode()
    value = body.split('id="new-token"')[1].split('value="')[1].split('"')[0]
    assert tokens.parse(value) is not None
    assert user_for_token(value) == world.staff
    again = client.get(PAGE).content.decode()
    assert value not in again
    assert f"candour_{token.prefix}_" in again
    assert "Team dashboard" in again


def test_the_tokens_page_shows_name_errors(world):
    response = signed_in_client(world.staff).post(PAGE, {"name": ""})

    assert "Enter a name for the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_the_tokens_page_needs_csrf(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)

    assert client.post(PAGE, {"name": "Forged"}).status_code == 403
    assert not ApiToken.objects.exists()


def test_two_factor_roles_are_told_why_they_cannot_have_tokens(world):
    client = signed_in_client(world.analyst)

    page = client.get(PAGE).content.decode()
    refused = client.post(PAGE, {"name": "Scripts"})

    assert "cannot use API tokens yet" in page
    assert 'name="name"' not in page
    assert refused.status_code == 403
    assert not ApiToken.objects.exists()


def test_the_tokens_page_needs_signing_in(world):
    response = Client().get(PAGE)

    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_a_token_is_revoked_from_its_page(world):
    issued = create_api_token(actor=world.staff, name="Old script")
    client = signed_in_client(world.staff)
    url = f"/account/api-tokens/{issued.token.pk}/revoke/"

    assert "Old script" in client.get(url).content.decode()
    response = client.post(url)

    assert response.status_code == 302
    assert ApiToken.objects.get().revoked_at is not None
    assert "Revoked" in client.get(PAGE).content.decode()


def test_nobody_else_can_see_or_revoke_a_persons_token(world):
    issued = create_api_token(actor=world.staff, name="Mine")
    colleague = make_person("jo@riverside.example", world.riverside, Role.STAFF, world.assessment)
    client = signed_in_client(colleague)
    url = f"/account/api-tokens/{issued.token.pk}/revoke/"

    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert "Mine" not in client.get(PAGE).content.decode()
    assert ApiToken.objects.get().revoked_at is None
