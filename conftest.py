"""Shared fixtures: a small world of organisations, teams and named personas."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.config.catalogues import compile_catalogues
from candour.core.models import Organisation, OrganisationKind, Team
from candour.core.services import create_organisation, create_team

PASSWORD = "a-long-persona-password"  # noqa: S105 - test personas only


@dataclass
class World:
    riverside: Organisation
    moorland: Organisation
    hub: Organisation
    assessment: Team
    child_in_need: Team
    moorland_team: Team
    staff: User
    analyst: User
    manager: User
    other_manager: User
    admin: User
    other_admin: User
    national_analyst: User


def make_person(
    email: str, organisation: Organisation, role: Role, team: Team | None = None
) -> User:
    user = create_user(
        actor=None,
        organisation=organisation,
        email=email,
        full_name=email.split("@")[0].replace(".", " ").title(),
        password=PASSWORD,
    )
    grant_role(actor=None, user=user, organisation=organisation, role=role, team=team)
    return user


def pytest_configure(config: pytest.Config) -> None:
    # The .mo files are built, not committed (ADR 0030): `make test` builds them, and a
    # plain `pytest` after a catalogue changed must not test yesterday's translations.
    compile_catalogues(only_stale=True)


@pytest.fixture(autouse=True)
def _similarity_index_per_test(settings: Any, tmp_path: Path) -> None:
    """Each test gets its own similar-reports index directory: one built by a test (the
    demo loader builds one) must not answer another test's questions."""
    settings.CANDOUR_SIMILARITY_DIR = tmp_path / "similarity"
    # Likewise the audit anchor: each test's database has its own audit head.
    settings.CANDOUR_AUDIT_ANCHOR_FILE = tmp_path / "audit-anchor.json"


@pytest.fixture
def world(db: None) -> World:
    riverside = create_organisation(
        actor=None, name="Riverside", kind=OrganisationKind.LOCAL_AUTHORITY
    )
    moorland = create_organisation(
        actor=None, name="Moorland", kind=OrganisationKind.LOCAL_AUTHORITY
    )
    hub = create_organisation(actor=None, name="Hub", kind=OrganisationKind.NATIONAL_HUB)
    assessment = create_team(actor=None, organisation=riverside, name="Assessment")
    child_in_need = create_team(actor=None, organisation=riverside, name="Child in Need")
    moorland_team = create_team(actor=None, organisation=moorland, name="Moorland North")
    return World(
        riverside=riverside,
        moorland=moorland,
        hub=hub,
        assessment=assessment,
        child_in_need=child_in_need,
        moorland_team=moorland_team,
        staff=make_person("staff@riverside.example", riverside, Role.STAFF, assessment),
        analyst=make_person("analyst@riverside.example", riverside, Role.ANALYST),
        manager=make_person("manager@riverside.example", riverside, Role.MANAGER, assessment),
        other_manager=make_person(
            "cin.manager@riverside.example", riverside, Role.MANAGER, child_in_need
        ),
        admin=make_person("admin@riverside.example", riverside, Role.ORG_ADMIN),
        other_admin=make_person("admin@moorland.example", moorland, Role.ORG_ADMIN),
        national_analyst=make_person("national@hub.example", hub, Role.NATIONAL_ANALYST),
    )


def signed_in_client(user: User, *, verified: bool = True) -> Client:
    """A client signed in as the person; with verified=True, as if their code was accepted."""
    client = Client()
    client.force_login(user)
    if verified and user.requires_two_factor():
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client
