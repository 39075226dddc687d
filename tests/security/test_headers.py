"""Every answer carries the browser protections; production's cookies are locked down.

Every route is requested (as nobody, and as people of each kind), and every answer, be it
a page, a redirect, an error page or the API's JSON, must carry the strict Content
Security Policy, no framing, no MIME sniffing, a same-origin referrer and no caching.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, World, signed_in_client
from tests.security.personas import UNKNOWN_ID
from tests.security.urlmatrix import PARAMETER, url_routes

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as HttpResponse

pytestmark = pytest.mark.django_db

STRICT_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
}


def header_problems(response: HttpResponse) -> list[str]:
    problems = []
    policy = response.get("Content-Security-Policy", "")
    directives = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    for name, values in STRICT_DIRECTIVES.items():
        if directives.get(name) != values:
            problems.append(f"CSP {name} is {directives.get(name)}")
    if "unsafe-inline" in policy or "unsafe-eval" in policy:
        problems.append("CSP allows unsafe script or style")
    expected = {
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cache-Control": "no-store",
    }
    for header, value in expected.items():
        if response.get(header) != value:
            problems.append(f"{header} is {response.get(header)!r}")
    if "camera=()" not in response.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    return problems


def _path(route: str) -> str:
    # Unknown ids and slugs: the refusal pages need the headers as much as the pages do.
    def value(match: re.Match[str]) -> str:
        return str(UNKNOWN_ID) if match.group("converter") in ("int", None) else "nothing"

    return "/" + PARAMETER.sub(value, route)


def test_every_answer_to_every_route_carries_the_security_headers(world: World) -> None:
    clients = {
        "anonymous": Client(raise_request_exception=False),
        "staff": signed_in_client(world.staff),
        "analyst": signed_in_client(world.analyst),
        "admin": signed_in_client(world.admin),
    }
    problems = []
    for route in url_routes():
        if "sign-out" in route:
            continue  # would end the session the next routes need; covered by anonymous
        for persona, client in clients.items():
            response = client.get(_path(route))
            problems += [f"GET {route} as {persona}: {p}" for p in header_problems(response)]
    assert not problems, "\n".join(problems)


def test_error_pages_carry_the_security_headers_too() -> None:
    client = Client(raise_request_exception=False)
    answers = {
        "400 (bad host)": client.get("/", headers={"host": "evil.example"}),
        "400 (NUL)": client.get("/?q=%00"),
        "413": client.post(
            reverse("reporting:step", args=["what-happened"]),
            {"x": "y" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)},
        ),
        "403 (CSRF)": Client(enforce_csrf_checks=True).post(
            reverse("reporting:step", args=["what-happened"]), {}
        ),
        "404": client.get("/no-such-page/"),
        "404 (API)": client.get("/api/v1/no-such-thing"),
    }
    problems = [f"{name}: {p}" for name, r in answers.items() for p in header_problems(r)]
    assert not problems, "\n".join(problems)


def test_session_and_csrf_cookies_are_httponly_and_same_site(world: World) -> None:
    client = Client()
    client.get(reverse("accounts:sign-in"))
    client.post(reverse("accounts:sign-in"), {"email": world.staff.email, "password": PASSWORD})
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    csrf = client.cookies[settings.CSRF_COOKIE_NAME]
    assert session["httponly"]
    assert session["samesite"] == "Lax"
    assert csrf["httponly"]
    assert csrf["samesite"] == "Strict"


def test_production_settings_lock_cookies_and_transport_down() -> None:
    """Production is the default environment: its cookies are Secure, host-only, HttpOnly
    and same-site; HTTPS is forced and remembered for a year; debug is off."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANDOUR_")}
    env.update(
        {
            "CANDOUR_SECRET_KEY": "x" * 50,
            "CANDOUR_AUDIT_KEY": "y" * 50,
            "CANDOUR_KEY_ENCRYPTION_KEY": "k" * 40,
            "CANDOUR_ALLOWED_HOSTS": "candour.example",
            "DJANGO_SETTINGS_MODULE": "candour.config.settings",
        }
    )
    names = [
        "DEBUG",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "SESSION_COOKIE_SAMESITE",
        "SESSION_COOKIE_NAME",
        "CSRF_COOKIE_SECURE",
        "CSRF_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SAMESITE",
        "CSRF_COOKIE_NAME",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
        "ALLOWED_HOSTS",
    ]
    script = (
        "import json; from candour.config import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {names!r}}}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    production = json.loads(result.stdout)
    assert production == {
        "DEBUG": False,
        "SESSION_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_NAME": "__Host-candour-session",
        "CSRF_COOKIE_SECURE": True,
        "CSRF_COOKIE_HTTPONLY": True,
        "CSRF_COOKIE_SAMESITE": "Strict",
        "CSRF_COOKIE_NAME": "__Host-candour-csrf",
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
        "X_FRAME_OPTIONS": "DENY",
        "ALLOWED_HOSTS": ["candour.example"],
    }
