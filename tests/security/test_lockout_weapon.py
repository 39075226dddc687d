"""Route 8: failed sign-ins and token guesses must not lock the real person out.

Addresses follow first.last, so anyone could type five wrong passwords for a named
manager and keep them out; ten wrong secrets on a known token prefix paused the real
token. Now the guesser is throttled, and the real person signs in from their own client.
"""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from candour.api.services import create_api_token
from conftest import PASSWORD, World

pytestmark = pytest.mark.django_db

SIGN_IN = reverse("accounts:sign-in")
IDEAS = "/api/v1/ideas"
ATTACKER = "203.0.113.66"
GUESSES = 10  # the API pauses a client after this many failed tokens


def _sign_in(client: Client, email: str, password: str) -> int:
    return client.post(SIGN_IN, {"email": email, "password": password}).status_code


def test_an_attacker_is_throttled_and_the_real_person_still_signs_in(world: World) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    outcomes = [_sign_in(attacker, world.manager.email, f"guess-{n}") for n in range(8)]
    assert outcomes[:4] == [400] * 4
    assert set(outcomes[4:]) == {429}  # the guesser is paused...
    assert _sign_in(attacker, world.manager.email, PASSWORD) == 429  # ...even when right

    # ...but the manager, at their own computer, signs in with the right password.
    assert _sign_in(Client(REMOTE_ADDR="198.51.100.7"), world.manager.email, PASSWORD) == 302


@override_settings(CANDOUR_SIGN_IN_CLIENT_FAILURE_LIMIT=6)
def test_spraying_many_names_from_one_client_is_throttled(world: World) -> None:
    attacker = Client(REMOTE_ADDR=ATTACKER)
    people = [world.staff, world.manager, world.analyst, world.admin, world.other_manager]
    outcomes = [_sign_in(attacker, p.email, "Password1") for p in people]
    outcomes += [_sign_in(attacker, p.email, "Password2") for p in people]
    assert 429 in outcomes
    assert _sign_in(attacker, world.staff.email, PASSWORD) == 429
    assert _sign_in(Client(REMOTE_ADDR="198.51.100.7"), world.staff.email, PASSWORD) == 302


@override_settings(CANDOUR_SIGN_IN_ACCOUNT_FAILURE_LIMIT=8)
def test_guessing_from_many_addresses_leaves_the_persons_own_browser_working(
    world: World,
) -> None:
    own_browser = Client(REMOTE_ADDR="198.51.100.7")
    assert _sign_in(own_browser, world.staff.email, PASSWORD) == 302
    own_browser.post(reverse("accounts:sign-out"))
    # A guesser with many addresses stays under each client's limit.
    for n in range(12):
        _sign_in(Client(REMOTE_ADDR=f"203.0.113.{n}"), world.staff.email, f"guess-{n}")
    # Past the account's limit a new client cannot try the name even with the password
    # (so the guesses cannot be confirmed)...
    assert _sign_in(Client(REMOTE_ADDR="192.0.2.44"), world.staff.email, PASSWORD) == 429
    # ...but the browser the person signed in from before still can.
    assert _sign_in(own_browser, world.staff.email, PASSWORD) == 302


def test_wrong_secrets_on_a_known_token_prefix_leave_the_real_token_working(
    world: World,
) -> None:
    issued = create_api_token(actor=world.staff, name="Reports script")
    guesser = Client(REMOTE_ADDR=ATTACKER)
    wrong = {"Authorization": f"Bearer candour_{issued.token.prefix}_{'x' * 43}"}
    statuses = [guesser.get(IDEAS, headers=wrong).status_code for _ in range(GUESSES + 5)]
    assert statuses[:GUESSES] == [401] * GUESSES
    assert set(statuses[GUESSES:]) == {429}

    owner = Client(REMOTE_ADDR="198.51.100.7")
    response = owner.get(IDEAS, headers={"Authorization": f"Bearer {issued.value}"})
    assert response.status_code == 200
