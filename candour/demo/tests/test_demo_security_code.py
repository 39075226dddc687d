from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from candour.accounts.models import User
from candour.demo.core import load_demo_data

pytestmark = pytest.mark.django_db


def test_prints_a_code_that_the_device_accepts() -> None:
    load_demo_data()
    user = User.objects.get(email="alex.morgan@riverside.example")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=False)
    out = io.StringIO()
    call_command("demo_security_code", "alex.morgan@riverside.example", stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6
    assert device.verify_token(code)


def test_refused_for_anyone_but_demo_personas_and_in_production() -> None:
    with pytest.raises(CommandError, match="Only for the demo personas"):
        call_command("demo_security_code", "someone@council.example")
    with override_settings(IS_PRODUCTION=True), pytest.raises(CommandError, match="production"):
        call_command("demo_security_code", "alex.morgan@riverside.example")


def test_prints_a_code_for_the_set_up_page_a_persona_has_open() -> None:
    # The key being set up waits in the persona's session; the command finds it there, so
    # a demo can be tried before any device is stored.
    load_demo_data()
    email = "alex.morgan@riverside.example"
    client = Client()
    client.force_login(User.objects.get(email=email))
    assert client.get(reverse("accounts:two-factor-setup")).status_code == 200
    assert not TOTPDevice.objects.filter(user__email=email).exists()
    out = io.StringIO()
    call_command("demo_security_code", email, stdout=out)
    confirmed = client.post(reverse("accounts:two-factor-setup"), {"token": out.getvalue().strip()})
    assert confirmed.status_code == 302
    assert TOTPDevice.objects.get(user__email=email).confirmed
