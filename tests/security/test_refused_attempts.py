"""Route 11 (first part): refused sharing lookups cannot grow the audit trail without limit.

Every lookup sent with a bad key used to write an audit row, so anyone could grow the
chain at will. Refusals are now audited in aggregate: one row per client (per proven
key) and window, carrying the count of refusals since that group's last row.
"""

from __future__ import annotations

import pytest
from django.test import Client

from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.models import OrganisationKind, Throttle
from candour.core.services import create_organisation, create_team
from candour.sharing import services
from candour.sharing.models import Lookup
from conftest import World, make_person

pytestmark = pytest.mark.django_db

LOOKUPS = "/api/v1/sharing/lookups"
BODY = {"nhs_number": "9434765919", "reason": "attending_now", "requested_by": "Dr A (ED 1)"}


def _key(world: World) -> str:
    organisation = create_organisation(
        actor=None, name="Riverside Hospital", kind=OrganisationKind.PARTNER_AGENCY
    )
    team = create_team(actor=None, organisation=organisation, name="Emergency Department")
    lead = make_person("lead@hospital.example", organisation, Role.MANAGER, team)
    setting = services.register_setting(actor=None, organisation=organisation)
    return services.create_setting_key(actor=lead, setting=setting, name="ED").value


def _post(client: Client, key: str) -> int:
    response = client.post(
        LOOKUPS, BODY, content_type="application/json", headers={"Authorization": f"Bearer {key}"}
    )
    return response.status_code


def _refusal_rows() -> list[dict[str, object]]:
    return [
        event.data
        for event in AuditEvent.objects.filter(event_type=AuditEventType.SHARING_LOOKUP)
        if "refused" in event.data
    ]


def test_a_flood_of_bad_keys_writes_one_row_with_a_count(world: World) -> None:
    real = _key(world)
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    before = AuditEvent.objects.count()
    # Wrong secrets on the real prefix, and made-up prefixes: all refused.
    for n in range(40):
        assert _post(attacker, real[:-4] + f"{n:04d}") == 401
        assert _post(attacker, f"cpis_fake{n:04d}_{'x' * 43}") == 401
    assert AuditEvent.objects.count() - before == 1
    assert len(_refusal_rows()) == 1

    # In the next window, the first refusal is audited with how many went unrecorded.
    Throttle.objects.filter(key__startswith="sharing-refused-key:").update(
        window_started_at=Throttle.objects.get(key="sharing-refused-key:all").window_started_at
        - services.REFUSED_KEY_WINDOW
    )
    assert _post(attacker, real[:-4] + "ZZZZ") == 401
    rows = _refusal_rows()
    assert len(rows) == 2
    assert rows[-1]["refused"] == "wrong_key"
    assert rows[-1]["earlier_attempts"] == 79


def test_the_real_key_still_works_and_other_clients_are_still_audited(world: World) -> None:
    real = _key(world)
    attacker = Client(REMOTE_ADDR="203.0.113.5")
    for n in range(20):
        _post(attacker, real[:-4] + f"{n:04d}")
    assert _post(Client(REMOTE_ADDR="198.51.100.20"), real[:-4] + "QQQQ") == 401
    assert len(_refusal_rows()) == 2  # one per client
    assert _post(Client(REMOTE_ADDR="198.51.100.21"), real) == 200
    assert Lookup.objects.filter(refusal="").count() == 1
