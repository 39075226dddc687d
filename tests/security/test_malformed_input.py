"""Oversized and malformed input: a GOV.UK error page (JSON for the API), never a 500.

An outside attacker scripting against the public forms sends whatever bytes they like.
Each answer must be the service's own page, in its layout and in plain English, never
Django's bare "Bad Request" and never a server error (which would also page someone).
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from candour.api.services import create_api_token
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db

GARBAGE = os.urandom(4096) + b"\x00\xff\xfe" * 300

if TYPE_CHECKING:
    # The test client's response type, as django-stubs names it.
    from django.test.client import _MonkeyPatchedWSGIResponse as HttpResponse


def _client() -> Client:
    # Show the answer a browser would get, even if a view raised.
    return Client(raise_request_exception=False)


def assert_govuk_error_page(response: HttpResponse, status: int, heading: str) -> None:
    body = response.content.decode(errors="replace")
    assert response.status_code == status, (response.status_code, body[:300])
    assert response["Content-Type"].startswith("text/html"), response["Content-Type"]
    assert 'class="govuk-template"' in body, body[:300]
    assert f'<h1 class="govuk-heading-l">{heading}</h1>' in body, body[:600]
    assert "Bad Request (400)" not in body


def assert_govuk_page(response: HttpResponse) -> None:
    """Any answer but a server error, in the service's layout."""
    body = response.content.decode(errors="replace")
    assert response.status_code < 500, (response.status_code, body[:300])
    if response.status_code != 302:
        assert 'class="govuk-template"' in body, (response.status_code, body[:300])


TOO_BIG = "The request was too large"
# A question page of the report: public, and it reads what is posted to it.
REPORT_PAGE = "/report/new/what-happened/"
NOT_READ = "Sorry, we could not read that request"


def test_a_body_beyond_the_upload_limit_gets_the_too_large_page() -> None:
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = _client().post(REPORT_PAGE, {"what_happened": big})
    assert_govuk_error_page(response, 413, TOO_BIG)


def test_too_many_fields_get_the_too_large_page() -> None:
    fields = {f"field{n}": "x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = _client().post(REPORT_PAGE, fields)
    assert_govuk_error_page(response, 413, TOO_BIG)


def test_a_query_string_with_too_many_fields_gets_the_too_large_page() -> None:
    query = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    # Pages that never read the query string ignore it; the sign-in page reads "next".
    response = _client().get(reverse("accounts:sign-in") + "?" + query)
    assert_govuk_error_page(response, 413, TOO_BIG)


def test_a_huge_query_string_is_ignored_or_refused_politely() -> None:
    response = _client().get(reverse("reporting:start") + "?q=" + "a" * 200_000)
    assert_govuk_page(response)


def test_malformed_multipart_gets_the_could_not_read_page() -> None:
    body = b'--broken\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'
    for content_type in (
        "multipart/form-data",  # no boundary at all
        "multipart/form-data; boundary=" + "b" * 100,  # a boundary the body never uses
        "multipart/form-data; boundary=\x00",
    ):
        response = _client().generic("POST", REPORT_PAGE, body, content_type=content_type)
        assert response.status_code < 500, content_type
        assert_govuk_page(response)


def test_invalid_utf8_in_a_form_and_query_string_is_not_a_crash() -> None:
    client = _client()
    response = client.generic(
        "POST",
        REPORT_PAGE,
        b"what_happened=%ff%fe%c3%28&outcome=\xff\xfe",
        content_type="application/x-www-form-urlencoded",
    )
    assert_govuk_page(response)
    response = client.get(reverse("reporting:new") + "?organisation=%ff%fe%c3%28")
    assert_govuk_page(response)


def test_nul_bytes_in_a_query_string_get_the_could_not_read_page(world: World) -> None:
    # PostgreSQL cannot hold a NUL: a parameter reaching a query would be a server error there.
    analyst = signed_in_client(world.analyst)
    for path in (
        reverse("reporting:queue") + "?status=open%00",
        reverse("learning:national-search") + "?q=%00",
        reverse("accounts:sign-in") + "?next=/home/%00",
    ):
        response = analyst.get(path)
        assert_govuk_error_page(response, 400, NOT_READ)


def test_nul_bytes_in_form_fields_are_refused_by_the_form_without_a_crash(world: World) -> None:
    client = _client()
    response = client.post(
        reverse("accounts:sign-in"), {"email": "staff@riverside\x00.example", "password": "x"}
    )
    assert_govuk_page(response)
    assert 'class="govuk-error-summary"' in response.content.decode()
    staff = signed_in_client(world.staff)
    response = staff.post(
        reverse("ideas:new"),
        {"team": world.assessment.pk, "problem_kind": "waste", "problem": "a\x00b", "idea": "c"},
    )
    assert_govuk_page(response)
    assert "Null characters are not allowed" in response.content.decode()


def test_a_bad_host_header_gets_the_could_not_read_page() -> None:
    response = _client().get(reverse("core:start"), headers={"host": "evil.example"})
    assert_govuk_error_page(response, 400, NOT_READ)
    response = _client().post(REPORT_PAGE, {"what_happened": "x"}, headers={"host": "bad host\x00"})
    assert_govuk_error_page(response, 400, NOT_READ)


def test_binary_garbage_as_a_csv_import_is_a_problem_listed_on_the_page(world: World) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    manager = signed_in_client(world.manager)
    response = manager.post(
        reverse("sharing:import"),
        {"file": SimpleUploadedFile("flags.csv", GARBAGE, content_type="text/csv")},
    )
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in response.content.decode()
    admin = signed_in_client(world.admin)
    response = admin.post(
        reverse("workforce:imports", args=[world.riverside.slug]),
        {
            "kind": "vacancies",
            "file": SimpleUploadedFile("vacancies.csv", GARBAGE, content_type="text/csv"),
        },
    )
    assert response.status_code == 200
    assert 'class="govuk-error-summary"' in response.content.decode()


# The API: errors are JSON with a plain-English detail (ADR 0010), never an HTML page.


def _api(world: World) -> tuple[Client, dict[str, str]]:
    token = create_api_token(actor=world.staff, name="Tests").value
    return Client(raise_request_exception=False), {"Authorization": f"Bearer {token}"}


def assert_json_problem(response: HttpResponse, status: int) -> dict[str, object]:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    problem = json.loads(response.content)
    assert isinstance(problem["detail"], str), problem
    assert problem["detail"], problem
    return problem  # type: ignore[no-any-return]


def test_api_invalid_json_wrong_types_and_huge_numbers_are_json_problems(world: World) -> None:
    client, headers = _api(world)
    ideas = "/api/v1/ideas"
    sent = client.generic("POST", ideas, b"{not json", content_type="application/json",
                          headers=headers)  # fmt: skip
    assert_json_problem(sent, 400 if sent.status_code == 400 else 422)
    sent = client.generic("POST", ideas, GARBAGE, content_type="application/json", headers=headers)
    assert sent.status_code in (400, 422)
    assert_json_problem(sent, sent.status_code)
    for payload in (
        {"team_id": "seven", "problem_kind": 3, "problem": ["x"], "idea": {}},
        {"team_id": 10**40, "problem_kind": "waste", "problem": "p", "idea": "i",
         "expected_benefit": "b"},
        {"team_id": -(2**63) - 1, "problem_kind": "waste", "problem": "p\x00", "idea": "i",
         "expected_benefit": "b"},
    ):  # fmt: skip
        sent = client.post(ideas, payload, content_type="application/json", headers=headers)
        assert_json_problem(sent, 422)
    for query in ("?limit=99999999999999999999999", "?offset=-1", "?offset=1e309"):
        assert_json_problem(client.get(ideas + query, headers=headers), 422)
    assert_json_problem(client.get(ideas + "?status=%00", headers=headers), 400)
    status = client.post(
        "/api/v1/ideas/99999999999999999999999999/status",
        {"to_status": "accepted"},
        content_type="application/json",
        headers=headers,
    )
    assert status.status_code in (404, 422)
    assert_json_problem(status, status.status_code)


def test_api_oversized_body_and_unknown_paths_are_json_problems(world: World) -> None:
    client, headers = _api(world)
    big = json.dumps({"problem": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)})
    sent = client.post("/api/v1/ideas", big, content_type="application/json", headers=headers)
    assert sent.status_code in (413, 422)
    assert_json_problem(sent, sent.status_code)
    assert_json_problem(client.get("/api/v1/", headers=headers), 404)
    assert_json_problem(client.get("/api/v1/no-such-thing", headers=headers), 404)
    assert_json_problem(
        client.get("/api/v1/ideas", headers={**headers, "host": "evil.example"}), 400
    )
