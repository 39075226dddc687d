"""Demo data for sign-in through an organisation's own provider (ADR 0031).

Riverside has a provider set up, so `make run` shows the "Sign in with your organisation's
account" journey and its administrator's settings page. Its issuer is a placeholder under
the reserved `.example` domain: nothing answers there, so pressing "Sign in with Riverside
Council (Microsoft)" shows the clear "could not reach" message, and "Test connection"
says the same. Point it at a real tenant on the settings page to sign in for real.
"""

from __future__ import annotations

from candour.accounts.models import User
from candour.accounts.providers.services import ProviderSettings, configure_provider
from candour.core.models import Organisation

DEMO_ISSUER = "https://sign-in.riverside.example/00000000-0000-0000-0000-000000000000/v2.0"
DEMO_CLIENT_ID = "candour-demo-client"


def load(riverside: Organisation, administrator: User) -> None:
    configure_provider(
        actor=administrator,
        organisation=riverside,
        values=ProviderSettings(
            name="Riverside Council (Microsoft)",
            issuer=DEMO_ISSUER,
            client_id=DEMO_CLIENT_ID,
            domains=["riverside.example"],
            acr_values=[],
            enabled=True,
            # A placeholder, sealed like a real one; no provider will ever accept it.
            new_secret="demo-placeholder-client-secret",  # noqa: S106
        ),
    )
