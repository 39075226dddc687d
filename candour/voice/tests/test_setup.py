"""An organisation's feedback set-up: the duty contact and feedback links with QR codes."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import segno
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.voice import services
from candour.voice.models import DutyContact, FeedbackLink
from candour.voice.setup.views import public_url
from conftest import World, signed_in_client


def contact_url(world: World) -> str:
    return reverse("voice:duty-contact", args=[world.riverside.slug])


def make_link(world: World, name: str = "Assessment visits") -> FeedbackLink:
    return services.create_link(
        actor=world.admin, organisation=world.riverside, team=world.assessment, name=name
    )


def test_the_duty_contact_page_says_what_happens_to_disclosures(world: World) -> None:
    response = signed_in_client(world.admin).get(contact_url(world))
    text = response.content.decode()
    assert response.status_code == 200
    assert "the child's own words" in text
    assert "within 15 minutes" in text


def test_only_the_organisations_administrators_set_the_duty_contact(world: World) -> None:
    for person in (world.staff, world.manager, world.other_admin):
        assert signed_in_client(person).get(contact_url(world)).status_code == 404


def test_the_duty_contact_needs_a_real_email_and_phone_number(world: World) -> None:
    client = signed_in_client(world.admin)
    response = client.post(contact_url(world), {"email": "not an email", "phone": "call us"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Enter an email address in the right format" in text
    assert "Enter a phone number, like 01632 960 001" in text
    response = client.post(contact_url(world), {"email": "", "phone": ""})
    assert "Enter the duty team&#x27;s email address" in response.content.decode()
    assert "Enter the duty team&#x27;s phone number" in response.content.decode()
    assert not DutyContact.objects.exists()


def test_saving_the_duty_contact_is_audited(world: World) -> None:
    client = signed_in_client(world.admin)
    response = client.post(
        contact_url(world), {"email": "mash@riverside.example", "phone": "01632  960 001"}
    )
    assert response.status_code == 302
    contact = DutyContact.objects.get(organisation=world.riverside)
    assert (contact.email, contact.phone) == ("mash@riverside.example", "01632 960 001")
    event = AuditEvent.objects.get(event_type=AuditEventType.DUTY_CONTACT_CHANGED)
    assert event.actor_id == world.admin.pk
    assert event.organisation_id == world.riverside.pk
    # The form shows what is saved.
    assert "mash@riverside.example" in client.get(contact_url(world)).content.decode()


def test_the_organisation_page_links_to_the_set_up(world: World) -> None:
    text = (
        signed_in_client(world.admin)
        .get(reverse("core:organisation", args=[world.riverside.slug]))
        .content.decode()
    )
    assert contact_url(world) in text
    assert reverse("voice:links", args=[world.riverside.slug]) in text


def test_an_administrator_makes_a_link_for_a_team(world: World) -> None:
    client = signed_in_client(world.admin)
    url = reverse("voice:add-link", args=[world.riverside.slug])
    assert "Moorland North" not in client.get(url).content.decode()
    response = client.post(url, {"name": "  Assessment   visits ", "team": world.assessment.pk})
    link = FeedbackLink.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("voice:link", args=[world.riverside.slug, link.pk])
    assert (link.name, link.team, link.active) == ("Assessment visits", world.assessment, True)
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.FEEDBACK_LINK_CREATED, object_id=str(link.pk)
    ).exists()
    listing = client.get(reverse("voice:links", args=[world.riverside.slug])).content.decode()
    assert public_url(link) in listing
    assert public_url(link).startswith(("http://", "https://"))


def test_a_link_for_the_whole_service_has_no_team(world: World) -> None:
    client = signed_in_client(world.admin)
    url = reverse("voice:add-link", args=[world.riverside.slug])
    client.post(url, {"name": "Leaflet for parents", "team": ""})
    assert FeedbackLink.objects.get().team is None


def test_a_link_needs_a_name_and_a_team_of_the_organisation(world: World) -> None:
    client = signed_in_client(world.admin)
    url = reverse("voice:add-link", args=[world.riverside.slug])
    text = client.post(url, {"name": ""}).content.decode()
    assert "Enter a name for the link" in text
    assert "Choose a team, or the whole service" in text
    response = client.post(url, {"name": "Theirs", "team": world.moorland_team.pk})
    assert "Select a valid choice" in response.content.decode()
    assert not FeedbackLink.objects.exists()


def test_the_print_page_shows_a_large_qr_code_and_the_short_address(world: World) -> None:
    link = make_link(world)
    response = signed_in_client(world.admin).get(
        reverse("voice:link", args=[world.riverside.slug, link.pk])
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in text
    assert f"/feedback/{link.token}/" in text
    # The strict CSP allows no inline style: none in the QR code either.
    qr = text[text.index('id="qr-code"') :].split("</svg>")[0]
    assert "style=" not in qr
    assert "<script" not in qr


def test_the_qr_code_downloads_as_an_svg_file_of_the_link(world: World) -> None:
    from django.conf import settings

    link = make_link(world)
    response = signed_in_client(world.admin).get(
        reverse("voice:link-qr", args=[world.riverside.slug, link.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert (
        response["Content-Disposition"] == 'attachment; filename="feedback-assessment-visits.svg"'
    )
    root = ElementTree.fromstring(response.content)  # noqa: S314 - our own response
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    path = root.find("{http://www.w3.org/2000/svg}path")
    assert path is not None
    assert re.match(r"^M\d", path.attrib["d"])
    # The same modules as a QR code of the link's address made independently.
    url = settings.CANDOUR_BASE_URL.rstrip("/") + f"/feedback/{link.token}/"
    assert url in response.content.decode()
    expected = segno.make(url, error="m").svg_inline(scale=10)
    assert path.attrib["d"] in expected


def test_deactivating_a_link_stops_its_journey_and_is_audited(world: World) -> None:
    link = make_link(world)
    client = signed_in_client(world.admin)
    assert client.get(reverse("voice:start", args=[link.token])).status_code == 200
    url = reverse("voice:deactivate-link", args=[world.riverside.slug, link.pk])
    assert "Stop using Assessment visits?" in client.get(url).content.decode()

    response = client.post(url)

    assert response.status_code == 302
    link.refresh_from_db()
    assert not link.active
    event = AuditEvent.objects.get(
        event_type=AuditEventType.FEEDBACK_LINK_DEACTIVATED, object_id=str(link.pk)
    )
    assert event.actor_id == world.admin.pk
    assert client.get(reverse("voice:start", args=[link.token])).status_code == 404
    qr = reverse("voice:link-qr", args=[world.riverside.slug, link.pk])
    assert client.get(qr).status_code == 404
    listing = client.get(reverse("voice:links", args=[world.riverside.slug])).content.decode()
    assert "Stopped" in listing


def test_another_organisations_links_are_not_found(world: World) -> None:
    link = make_link(world)
    client = signed_in_client(world.other_admin)
    for name in ("voice:link", "voice:link-qr", "voice:deactivate-link"):
        assert client.get(reverse(name, args=[world.riverside.slug, link.pk])).status_code == 404
        assert client.get(reverse(name, args=[world.moorland.slug, link.pk])).status_code == 404
    assert (
        client.post(
            reverse("voice:deactivate-link", args=[world.moorland.slug, link.pk])
        ).status_code
        == 404
    )
    link.refresh_from_db()
    assert link.active
    staff = signed_in_client(world.staff)
    assert staff.get(reverse("voice:links", args=[world.riverside.slug])).status_code == 404
