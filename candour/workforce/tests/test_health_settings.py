"""Setting the DfE area and adding chart events: pages, services and the CLI."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.workforce.health.services import add_chart_event, set_dfe_area
from candour.workforce.models import ChartEvent, DfeNeighbour, DfeValue, WorkforceSettings
from candour.workforce.tests.builders import monthly_demand
from conftest import signed_in_client

HEALTH = reverse("workforce:health")
DFE_AREA = reverse("workforce:health-dfe-area")
EVENTS = reverse("workforce:health-events")
DEMAND = reverse("workforce:health-demand")


def _value(code: str, level: str, amount: str, region: str = "R1") -> None:
    DfeValue.objects.create(
        dataset="csww_indicators",
        measure="turnover_rate_fte",
        time_period="2025",
        year_ending=date(2025, 9, 30),
        level=level,
        area_code=code,
        area_name=f"Area {code}",
        region_code=region,
        value=Decimal(amount),
    )


@pytest.fixture
def dfe(db):
    _value("E1", "Local authority", "15.0")
    _value("N1", "Local authority", "10.0")
    _value("R1", "Regional", "13.0", region="")
    _value("E92000001", "National", "11.8", region="")
    DfeNeighbour.objects.create(area_code="E1", neighbour_code="N1", rank=1)


def test_an_administrator_sets_the_dfe_area_and_the_comparisons_appear(world, dfe):
    client = signed_in_client(world.admin)
    before = client.get(HEALTH).content.decode()
    # England is compared before any area is chosen; the area's own figure is not.
    assert "11.8" in before
    assert "15.0" not in before
    assert 'id="dfe-area-link"' in before

    page = client.get(DFE_AREA).content.decode()
    assert "Area E1 (E1)" in page
    assert "Area R1" not in page  # regions are not choices
    response = client.post(DFE_AREA, {"area_code": "E1"})

    assert response.status_code == 302
    assert WorkforceSettings.objects.get(organisation=world.riverside).dfe_area_code == "E1"
    event = AuditEvent.objects.get(event_type=AuditEventType.WORKFORCE_DFE_AREA_SET)
    assert event.data == {"before": "", "after": "E1"}
    content = client.get(HEALTH).content.decode()
    assert 'id="comparison-turnover_rate_fte"' in content
    assert "15.0" in content
    assert "10.0 (1)" in content
    assert "13.0" in content
    assert "11.8" in content


def test_an_area_not_in_the_dfe_figures_is_refused(world, dfe):
    response = signed_in_client(world.admin).post(DFE_AREA, {"area_code": "E99"})

    assert response.status_code == 200
    assert "Choose a local authority from the list" in response.content.decode()
    assert not WorkforceSettings.objects.filter(organisation=world.riverside).exists()
    with pytest.raises(ValueError, match="R1"):
        set_dfe_area(actor=world.admin, organisation=world.riverside, area_code="R1")


@pytest.mark.parametrize("persona", ["manager", "analyst", "staff", "other_admin"])
def test_only_the_organisations_administrators_set_the_dfe_area(world, dfe, persona):
    client = signed_in_client(getattr(world, persona))
    assert client.post(DFE_AREA, {"area_code": "E1"}).status_code in (302, 404)
    assert not WorkforceSettings.objects.filter(organisation=world.riverside).exists()
    with pytest.raises(PermissionDenied):
        set_dfe_area(actor=getattr(world, persona), organisation=world.riverside, area_code="E1")


def test_a_manager_adds_an_event_that_shows_on_the_demand_chart_and_table(world):
    monthly_demand(world.riverside, [100, 104, 98, 101, 97, 103], start=date(2025, 1, 1))
    client = signed_in_client(world.manager)
    assert 'id="events-link"' in client.get(DEMAND).content.decode()

    response = client.post(EVENTS, {"on_date": "2025-03-14", "label": "Ofsted inspection"})

    assert response.status_code == 302
    event = ChartEvent.objects.get(organisation=world.riverside)
    assert AuditEvent.objects.get(event_type=AuditEventType.WORKFORCE_CHART_EVENT_ADDED).data == {
        "on_date": "2025-03-14"
    }
    content = client.get(DEMAND).content.decode()
    table = content[content.index('id="table-referrals"') :]
    assert '<td class="govuk-table__cell">Ofsted inspection</td>' in table
    chart = content[: content.index('id="table-referrals"')]
    assert "Ofsted inspection" in chart  # the annotation on the chart itself

    client.post(reverse("workforce:health-delete-event", args=[event.pk]))
    assert not ChartEvent.objects.filter(pk=event.pk).exists()
    assert "Ofsted inspection" not in client.get(DEMAND).content.decode()


def test_events_are_refused_to_staff_and_other_organisations(world):
    event = add_chart_event(
        actor=world.admin,
        organisation=world.riverside,
        on_date=date(2025, 3, 1),
        label="Restructure",
    )
    assert signed_in_client(world.staff).get(EVENTS).status_code == 404
    other = signed_in_client(world.other_admin)
    assert other.get(EVENTS, {"organisation": world.riverside.pk}).status_code == 404
    assert other.post(reverse("workforce:health-delete-event", args=[event.pk])).status_code == 404
    assert ChartEvent.objects.filter(pk=event.pk).exists()
    with pytest.raises(PermissionDenied):
        add_chart_event(
            actor=world.analyst, organisation=world.riverside, on_date=date(2025, 1, 1), label="x"
        )


def test_a_bad_event_shows_each_error(world):
    response = signed_in_client(world.manager).post(EVENTS, {"on_date": "14/03", "label": ""})
    content = response.content.decode()
    assert "Enter a real date, like 14 March 2025" in content
    assert "Enter what happened" in content
    assert not ChartEvent.objects.exists()


def test_the_command_adds_lists_and_deletes_events(world):
    out = StringIO()
    call_command(
        "workforce",
        "event",
        "add",
        "2025-03-14",
        "Front door reorganised",
        "--organisation",
        world.riverside.slug,
        stdout=out,
    )
    event = ChartEvent.objects.get(organisation=world.riverside)
    call_command("workforce", "event", "list", "--organisation", world.riverside.slug, stdout=out)
    assert f"{event.pk:>5}  2025-03-14  Front door reorganised" in out.getvalue()
    with pytest.raises(CommandError, match="No event"):
        call_command(
            "workforce", "event", "delete", str(event.pk), "--organisation", world.moorland.slug
        )
    call_command(
        "workforce",
        "event",
        "delete",
        str(event.pk),
        "--organisation",
        world.riverside.slug,
        stdout=out,
    )
    assert not ChartEvent.objects.exists()
