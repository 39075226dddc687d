from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.hashers import check_password
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from candour.accounts.models import User
from candour.accounts.services import ENROLMENT_SESSION_KEY
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.models import Throttle
from conftest import PASSWORD, World, signed_in_client
from tests.row_counts import changed_tables, row_counts

SIGN_IN = "/sign-in/"


def _sign_in(client: Client, email: str, password: str = PASSWORD) -> Any:
    return client.post(SIGN_IN, {"email": email, "password": password})


def _current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_staff_sign_in_and_reach_their_home_page(world: World) -> None:
    client = Client()
    response = _sign_in(client, "STAFF@riverside.example ")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")
    home = client.get(reverse("core:home"))
    assert "Your team" in home.content.decode()
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.SIGN_IN_SUCCEEDED, actor_id=world.staff.pk
    ).exists()


def test_a_wrong_password_says_so_and_keeps_the_email(world: World) -> None:
    response = _sign_in(Client(), world.staff.email, "wrong")
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body
    assert "Enter a correct email address and password" in body
    assert 'value="staff@riverside.example"' in body
    # The password is never sent back to the browser.
    assert 'value="wrong"' not in body


def test_an_empty_form_names_each_missing_field(world: World) -> None:
    body = Client().post(SIGN_IN, {}).content.decode()
    assert "Enter your email address" in body
    assert "Enter your password" in body
    assert 'href="#id_email"' in body


@override_settings(CANDOUR_SIGN_IN_FAILURE_LIMIT=3)
def test_repeated_failures_pause_that_client_even_for_the_right_password(
    world: World,
) -> None:
    client = Client()
    for _ in range(2):
        assert _sign_in(client, world.staff.email, "wrong").status_code == 400
    locked = _sign_in(client, world.staff.email, "wrong")
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    assert _sign_in(client, world.staff.email).status_code == 429
    assert AuditEvent.objects.filter(event_type=AuditEventType.SIGN_IN_LOCKED_OUT).count() == 1
    # Throttles are keyed by keyed hashes: neither the email nor the address is stored.
    for throttle in Throttle.objects.all():
        assert world.staff.email not in throttle.key
        assert "127.0.0.1" not in throttle.key
        assert len(throttle.key) == 64


def test_failed_sign_ins_for_unknown_accounts_are_audited_without_the_address(
    world: World,
) -> None:
    _sign_in(Client(), "nobody@example.org", "guess")
    event = AuditEvent.objects.filter(event_type=AuditEventType.SIGN_IN_FAILED).get()
    assert event.actor_id is None
    assert event.data == {"known_account": False}


def test_passwords_are_hashed_with_argon2(world: World) -> None:
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"]):
        user = User.objects.get(pk=world.staff.pk)
        user.set_password("another-long-password")
        user.save()
        assert user.password.startswith("argon2$argon2id$")
        assert check_password("another-long-password", user.password)


def test_an_external_next_address_is_ignored(world: World) -> None:
    response = Client().post(
        SIGN_IN + "?next=https://evil.example/", {"email": world.staff.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("core:home")


def test_analyst_must_set_up_an_authenticator_before_anything_else(world: World) -> None:
    client = Client()
    _sign_in(client, world.analyst.email)
    home = client.get(reverse("core:home"))
    assert home.status_code == 302
    assert home["Location"] == reverse("accounts:two-factor-setup")
    setup = client.get(reverse("accounts:two-factor-setup"))
    body = setup.content.decode()
    assert "Set up your authenticator app" in body
    assert "<svg" in body  # the QR code, inline so the CSP needs no exceptions
    assert not TOTPDevice.objects.filter(user=world.analyst).exists()  # nothing stored yet
    key = client.session[ENROLMENT_SESSION_KEY]

    wrong = client.post(reverse("accounts:two-factor-setup"), {"token": "000000"})
    assert "The security code is not right" in wrong.content.decode()

    # The first attempt stored the device being set up, with the key the page showed.
    device = TOTPDevice.objects.get(user=world.analyst, confirmed=False)
    assert device.key == key
    # django-otp slows guessing after a failure; a real person waits a moment.
    assert device.throttling_failure_count == 1
    device.throttle_reset()
    ok = client.post(reverse("accounts:two-factor-setup"), {"token": _current_code(device)})
    assert ok.status_code == 302
    assert "Learning team" in client.get(reverse("core:home")).content.decode()
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.TWO_FACTOR_ENROLLED, actor_id=world.analyst.pk
    ).exists()


def test_a_returning_administrator_enters_a_code(world: World) -> None:
    device = TOTPDevice.objects.create(user=world.admin, name="phone", confirmed=True)
    client = Client()
    _sign_in(client, world.admin.email)
    assert client.get(reverse("core:home"))["Location"] == reverse("accounts:two-factor-verify")
    bad = client.post(reverse("accounts:two-factor-verify"), {"token": "12ab"})
    assert "The security code must be 6 digits" in bad.content.decode()
    response = client.post(reverse("accounts:two-factor-verify"), {"token": _current_code(device)})
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_staff_and_managers_are_not_asked_for_a_second_factor(world: World) -> None:
    for person in (world.staff, world.manager):
        client = Client()
        _sign_in(client, person.email)
        assert client.get(reverse("core:home")).status_code == 200


def test_sign_out_everywhere_ends_every_session(world: World) -> None:
    laptop = signed_in_client(world.staff)
    phone = signed_in_client(world.staff)
    assert phone.get(reverse("core:home")).status_code == 200
    laptop.post(reverse("accounts:sign-out-everywhere"))
    assert phone.get(reverse("core:home")).status_code == 302
    assert laptop.get(reverse("core:home")).status_code == 302
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.SIGNED_OUT_EVERYWHERE, actor_id=world.staff.pk
    ).exists()


def test_sign_out_needs_a_post(world: World) -> None:
    client = signed_in_client(world.staff)
    assert client.get(reverse("accounts:sign-out")).status_code == 405
    client.post(reverse("accounts:sign-out"))
    assert client.get(reverse("core:home")).status_code == 302


def test_session_cookies_are_http_only(world: World) -> None:
    client = Client()
    _sign_in(client, world.staff.email)
    from django.conf import settings

    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"


pytestmark = pytest.mark.django_db


def test_opening_the_set_up_page_writes_nothing_and_keeps_the_same_key(world: World) -> None:
    client = Client()
    _sign_in(client, world.analyst.email)
    url = reverse("accounts:two-factor-setup")
    before = row_counts()
    first = client.get(url).content.decode()
    again = client.get(url).content.decode()
    assert changed_tables(before, row_counts()) == {}
    assert not TOTPDevice.objects.filter(user=world.analyst).exists()
    # The same setup key on every visit, so a half-scanned QR code still works.
    setup_key = first.split('id="setup-key">')[1].split("<")[0].strip()
    assert len(setup_key.replace(" ", "")) == 32
    assert setup_key in again
    # Someone else setting up at the same time is given a different secret.
    other = Client()
    _sign_in(other, world.admin.email)
    assert setup_key not in other.get(url).content.decode()
