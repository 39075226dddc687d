"""The language switch, the remembered choice and an organisation's own default (ADR 0030)."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.voice.tests.factories import feedback_link
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db


def html_tag(page: str) -> str:
    found = re.search(r"<html[^>]*>", page)
    assert found is not None
    return found.group(0)


def switch_of(page: str) -> str:
    found = re.search(r'<nav class="candour-language-switch".*?</nav>', page, re.S)
    assert found is not None, "no language switch on the page"
    return found.group(0)


def test_every_page_has_the_english_cymraeg_switch_with_lang_and_hreflang(world: World) -> None:
    page = Client().get(reverse("reporting:start")).content.decode()
    assert 'lang="en-gb"' in html_tag(page)
    assert 'dir="ltr"' in html_tag(page)
    switch = switch_of(page)
    assert re.search(r'<span[^>]*lang="en-gb"[^>]*aria-current="true"[^>]*>English</span>', switch)
    link = re.search(r"<a [^>]*>Cymraeg</a>", switch)
    assert link is not None
    assert 'lang="cy"' in link.group(0)
    assert 'hreflang="cy"' in link.group(0)
    assert 'href="/report/?lang=cy"' in link.group(0)
    # Only English and Welsh away from the children's and families' pages.
    assert "Polski" not in switch


def test_choosing_welsh_is_remembered_on_the_next_page(world: World) -> None:
    client = Client()
    chosen = client.get(reverse("reporting:start") + "?lang=cy")
    assert chosen.status_code == 302
    assert chosen["Location"] == reverse("reporting:start")
    cookie = chosen.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "cy"
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 300 * 24 * 60 * 60
    next_page = client.get(reverse("reporting:follow-up"))
    assert 'lang="cy"' in html_tag(next_page.content.decode())
    assert next_page["Content-Language"] == "cy"
    assert "Cookie" in next_page["Vary"]
    back = client.get(reverse("reporting:follow-up") + "?lang=en-gb")
    assert back.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en-gb"
    assert 'lang="en-gb"' in html_tag(client.get(reverse("reporting:start")).content.decode())


def test_the_switch_keeps_the_rest_of_the_query_and_never_leaves_the_site(world: World) -> None:
    client = Client()
    kept = client.get(reverse("reporting:new") + "?organisation=riverside&lang=cy")
    assert kept["Location"] == reverse("reporting:new") + "?organisation=riverside"
    # "//host/" would be a protocol-relative redirect to another site.
    elsewhere = client.get("/", {"lang": "cy"}, PATH_INFO="//evil.example/")
    assert elsewhere["Location"] == "/evil.example/"
    ignored = client.get(reverse("reporting:start") + "?lang=xx")
    assert ignored.status_code == 200
    # Not on the APIs: a machine asking for JSON is never redirected.
    assert client.get("/api/v1/openapi.json?lang=cy").status_code == 200
    assert client.get("/healthz?lang=cy").status_code == 200


def test_a_community_language_is_not_claimed_on_a_page_not_written_in_it(world: World) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(reverse("reporting:start")).content.decode()
    assert 'lang="en-gb"' in html_tag(page)
    assert 'dir="ltr"' in html_tag(page)


def test_feedback_pages_offer_the_community_languages_and_arabic_reads_right_to_left(
    world: World,
) -> None:
    token = feedback_link(world).token
    client = Client()
    page = client.get(reverse("voice:start", args=[token])).content.decode()
    switch = switch_of(page)
    for name, code in [
        ("Cymraeg", "cy"),
        ("Polski", "pl"),
        ("اردو", "ur"),
        ("Română", "ro"),
        ("العربية", "ar"),
    ]:
        assert re.search(rf'<a [^>]*lang="{code}" hreflang="{code}"[^>]*>{name}</a>', switch)
    client.get(reverse("voice:start", args=[token]) + "?lang=ar")
    arabic = client.get(reverse("voice:start", args=[token])).content.decode()
    assert 'lang="ar"' in html_tag(arabic)
    assert 'dir="rtl"' in html_tag(arabic)
    client.get(reverse("voice:start", args=[token]) + "?lang=ur")
    urdu = client.get(reverse("voice:start", args=[token])).content.decode()
    assert 'dir="rtl"' in html_tag(urdu)
    client.get(reverse("voice:start", args=[token]) + "?lang=pl")
    polish = client.get(reverse("voice:start", args=[token])).content.decode()
    assert 'lang="pl"' in html_tag(polish)
    assert 'dir="ltr"' in html_tag(polish)


def test_no_switch_on_a_page_answering_a_form_so_nothing_typed_is_lost(world: World) -> None:
    token = feedback_link(world).token
    refused = Client().post(reverse("voice:start", args=[token]), {})
    assert refused.status_code == 400
    assert "candour-language-switch" not in refused.content.decode()


def test_an_organisation_that_chooses_welsh_has_its_public_pages_start_in_welsh(
    world: World,
) -> None:
    admin = signed_in_client(world.admin)
    url = reverse("core:default-language", args=[world.riverside.slug])
    assert "Cymraeg" in admin.get(url).content.decode()
    saved = admin.post(url, {"language": "cy"})
    assert saved.status_code == 302
    world.riverside.refresh_from_db()
    assert world.riverside.default_language == "cy"
    event = AuditEvent.objects.filter(
        event_type=AuditEventType.ORGANISATION_SETTINGS_CHANGED
    ).latest("sequence")
    assert event.data == {"setting": "default_language", "language": "cy"}
    overview = admin.get(reverse("core:organisation", args=[world.riverside.slug])).content
    assert "Cymraeg" in overview.decode()

    token = feedback_link(world).token
    visitor = Client()
    page = visitor.get(reverse("voice:start", args=[token])).content.decode()
    assert 'lang="cy"' in html_tag(page)
    form = visitor.get(reverse("reporting:new") + "?organisation=riverside", follow=True)
    assert form.redirect_chain  # to the first question page
    assert 'lang="cy"' in html_tag(form.content.decode())
    # A person's own choice wins over the organisation's.
    visitor.get(reverse("voice:start", args=[token]) + "?lang=en-gb")
    assert 'lang="en-gb"' in html_tag(
        visitor.get(reverse("voice:start", args=[token])).content.decode()
    )
    # Pages not under the organisation's links stay in English.
    assert 'lang="en-gb"' in html_tag(Client().get(reverse("core:start")).content.decode())


def test_only_english_or_welsh_can_be_an_organisations_default(world: World) -> None:
    admin = signed_in_client(world.admin)
    refused = admin.post(
        reverse("core:default-language", args=[world.riverside.slug]), {"language": "ar"}
    )
    assert "Choose English or Welsh" in refused.content.decode()
    world.riverside.refresh_from_db()
    assert world.riverside.default_language == "en-gb"


def test_another_organisations_administrator_cannot_change_the_language(world: World) -> None:
    other = signed_in_client(world.other_admin)
    url = reverse("core:default-language", args=[world.riverside.slug])
    assert other.get(url).status_code == 404
    assert other.post(url, {"language": "cy"}).status_code == 404
    world.riverside.refresh_from_db()
    assert world.riverside.default_language == "en-gb"
