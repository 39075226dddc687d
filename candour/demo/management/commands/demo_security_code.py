from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from candour.accounts.models import User
from candour.accounts.services import ENROLMENT_SESSION_KEY
from candour.demo.core import PERSONAS
from candour.demo.languages import WELSH_ADMIN


class Command(BaseCommand):
    help = (
        "Print the current security code for a demo persona's authenticator, so that a demo "
        "can be tried without a phone. Refused in production and for anyone else."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("Not available in production.")
        email = options["email"].strip().lower()
        if email not in {p.email for p in PERSONAS} | {WELSH_ADMIN[0]}:
            raise CommandError("Only for the demo personas that `load-demo-data` prints.")
        device = TOTPDevice.objects.filter(user__email=email).order_by("-confirmed", "-id").first()
        if device is None:
            device = _enrolling_device(email)
        if device is None:
            raise CommandError("Sign in as this persona first, so that the set-up page opens.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.stdout.write(f"{totp.token():0{device.digits}d}")


def _enrolling_device(email: str) -> TOTPDevice | None:
    """The device on the persona's open set-up page: its key waits in their session."""
    user = User.objects.filter(email=email).first()
    if user is None:
        return None
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).order_by("-expire_date")
    for session in sessions:
        data = session.get_decoded()
        key = data.get(ENROLMENT_SESSION_KEY)
        if data.get(SESSION_KEY) == str(user.pk) and isinstance(key, str):
            return TOTPDevice(user=user, key=key, confirmed=False)
    return None
