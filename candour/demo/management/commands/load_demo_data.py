from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from candour.demo.core import DEMO_PASSWORD, PERSONAS, load_demo_data
from candour.demo.languages import WELSH_ADMIN, WELSH_COUNCIL


class Command(BaseCommand):
    help = "Load demo organisations, teams and people (harmless to run twice)."

    def handle(self, *args: Any, **options: Any) -> None:
        if load_demo_data():
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        else:
            self.stdout.write("Demo data already present; nothing changed.")
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})")
        for persona in PERSONAS:
            self.stdout.write(f"  {persona.email:<40} {persona.description}")
        email, _name = WELSH_ADMIN
        self.stdout.write(f"  {email:<40} administrator of {WELSH_COUNCIL} (two-factor)")
        self.stdout.write(
            f"\n{WELSH_COUNCIL}'s public pages start in Welsh: "
            "/report/new/?organisation=cyngor-sir-aberafon"
        )
        self.stdout.write(
            "\nAnalysts and administrators set up an authenticator app at first sign-in. "
            "Without a phone, `candour demo-security-code EMAIL` prints the current code."
        )
