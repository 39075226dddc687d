from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.core.models import Organisation, OrganisationKind
from candour.core.services import create_organisation
from candour.sharing import services
from candour.sharing.models import SettingKey, SharingSetting
from conftest import World, make_person, signed_in_client

pytestmark = pytest.mark.django_db


def _hospital() -> Organisation:
    return create_organisation(
        actor=None, name="Riverside Hospital", kind=OrganisationKind.PARTNER_AGENCY
    )


def test_only_the_hubs_administrators_register_settings(world: World) -> None:
    hospital = _hospital()
    hub_admin = make_person("admin@hub.example", world.hub, Role.ORG_ADMIN)
    url = reverse("sharing:settings")
    for person in (world.admin, world.manager, world.national_analyst):
        assert signed_in_client(person).get(url).status_code == 404
    client = signed_in_client(hub_admin)
    assert "Unscheduled-care settings" in client.get(url).content.decode()
    client.post(url, {"organisation": str(hospital.pk), "active": "yes"})
    assert SharingSetting.objects.get(organisation=hospital).active
    client.post(url, {"organisation": str(hospital.pk), "active": "no"})
    assert not SharingSetting.objects.get(organisation=hospital).active
    assert AuditEvent.objects.filter(event_type=AuditEventType.SHARING_SETTING_CHANGED).count() == 2


def test_a_settings_manager_issues_a_key_once_and_revokes_it(world: World) -> None:
    hospital = _hospital()
    setting = services.register_setting(actor=None, organisation=hospital)
    team = hospital.teams.create(name="Emergency department")
    lead = make_person("lead@hospital.example", hospital, Role.MANAGER, team)
    client = signed_in_client(lead)
    page = client.post(reverse("sharing:keys"), {"name": "ED system"}).content.decode()
    key = SettingKey.objects.get(setting=setting)
    assert f"cpis_{key.prefix}_" in page  # shown once, in this response only
    assert key.digest not in page
    assert services.setting_for_key(page.split("<code>", 1)[1].split("</code>", 1)[0]) == key
    listing = client.get(reverse("sharing:keys")).content.decode()
    assert "ED system" in listing
    assert "cpis_" + key.prefix + "_" not in listing.replace(f"<code>{key.prefix}</code>", "")
    client.post(reverse("sharing:revoke-key", args=[key.pk]))
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert signed_in_client(world.manager).get(reverse("sharing:keys")).status_code == 404


def test_the_hubs_administrators_set_ods_codes_for_fhir_answers(world: World) -> None:
    hospital = _hospital()
    hub_admin = make_person("admin@hub.example", world.hub, Role.ORG_ADMIN)
    client = signed_in_client(hub_admin)
    url = reverse("sharing:settings")

    client.post(url, {"organisation": hospital.pk, "ods_code": " rxx01 "})
    refused = client.post(
        url, {"organisation": world.riverside.pk, "ods_code": "RXX01"}, follow=True
    )
    bad = client.post(url, {"organisation": world.riverside.pk, "ods_code": "R!"}, follow=True)

    assert hospital.sharing_ods_code.code == "RXX01"
    assert "Another organisation has this ODS code" in refused.content.decode()
    assert "3 to 12 letters and digits" in bad.content.decode()
    assert "RXX01" in client.get(url).content.decode()
    assert AuditEvent.objects.filter(event_type=AuditEventType.SHARING_ODS_CODE_SET).count() == 1
    with pytest.raises(PermissionDenied):
        services.set_ods_code(actor=world.admin, organisation=hospital, code="RYY02")
