from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, World

pytestmark = pytest.mark.django_db


def test_start_page_explains_what_happens_to_what_people_tell_us() -> None:
    body = Client().get("/").content.decode()
    assert "What happens to what you tell us" in body
    assert "Managers never see who told us" in body
    assert "call 999" in body


def test_strict_content_security_policy_and_security_headers() -> None:
    response = Client().get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    # No inline script or style anywhere in the layout.
    assert "<script>" not in body
    assert "style=" not in body


def test_no_crown_no_govuk_logo_and_no_gds_font() -> None:
    body = Client().get("/").content.decode()
    assert "govuk-header__logotype" not in body
    assert "crown" not in body.lower()
    from pathlib import Path

    css = Path("candour/static/build/candour.css")
    assert css.exists(), "run `make assets` (npm run build) first"
    assert "GDS Transport" not in css.read_text()


def test_forms_refuse_posts_without_a_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:sign-in"), {"email": world.staff.email, "password": PASSWORD}
    )
    assert response.status_code == 403
    assert "Your page was out of date" in response.content.decode()


def test_health_endpoint_reports_the_database() -> None:
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {
        "status": "ok",
        "database": __import__("django.db").db.connection.vendor,
    }


def test_unknown_pages_get_a_plain_not_found_page() -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_the_layout_has_a_skip_link_and_a_phase_banner() -> None:
    body = Client().get("/").content.decode()
    assert 'href="#main-content" class="govuk-skip-link"' in body
    assert 'id="main-content"' in body
    assert "govuk-phase-banner" in body
    assert 'lang="en-gb"' in body
