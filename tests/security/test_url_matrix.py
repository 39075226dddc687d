"""Every URL pattern, as every persona, aimed at another organisation: refused by default.

Each route in the URLconf (the API's too) is requested with GET and POST by every persona,
its path parameters naming Moorland's objects (or nothing). A (route, persona) pair not in
REACHABLE must be refused: sent to sign in, 401 (API), 403, 404 or 405. Nothing may answer
500, and no answer to anyone outside Moorland may contain Moorland's sentinel word. A new
route that is not in REACHABLE fails until someone decides who may reach it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from candour.lib.nhs_number import numbers_for_trials
from tests.security.personas import (
    IDENTIFIER,
    PERSONAS,
    SENTINEL,
    SIGNED_IN,
    Attackers,
    Victim,
    build_attackers,
    build_victim,
    session_client,
)
from tests.security.urlmatrix import fill, url_routes

PUBLIC = frozenset(PERSONAS)
EVERYONE_SIGNED_IN = frozenset(SIGNED_IN)
# The people who run or improve services in a local authority (not the hub, not a hospital).
LEADERS = frozenset({"manager", "other_manager", "analyst", "admin"})
MANAGERS = frozenset({"manager", "other_manager"})
NOBODY: frozenset[str] = frozenset()

# Who may reach each route at all (any answer but 500 and a leak), GET or POST. Pages of
# lists show each persona only their own organisation's rows; pages for one object (ids,
# references, slugs: all Moorland's here) are reachable by nobody outside Moorland.
REACHABLE: dict[str, AbstractSet[str]] = {
    # Public pages: the start page, help, the health check and the sign-in journey.
    "": PUBLIC,
    "accessibility/": PUBLIC,
    "healthz": PUBLIC,
    "sign-in/": PUBLIC,
    # Sign-in through the organisation's own provider (ADR 0031): the email page, the
    # button that sends the browser away, and the provider's return (refused without a
    # sign-in started in the same session).
    "sign-in/organisation/": PUBLIC,
    "sign-in/organisation/continue/": PUBLIC,
    "sign-in/organisation/return/": PUBLIC,
    "sign-out/": PUBLIC,
    "api/": PUBLIC,  # how to use the API, no data
    "api/v1/openapi.json": PUBLIC,  # the published description, no data
    # Reporting is anonymous by design; follow-up is unlocked by the receipt in the session.
    "report/": PUBLIC,
    "report/new/": PUBLIC,
    # The report's question pages, check page and delete: each reads and writes only the
    # browser's own sealed draft (ADR 0029); an unknown page is not found.
    "report/new/<slug:slug>/": PUBLIC,
    "report/new/check/": PUBLIC,
    "report/new/delete/": PUBLIC,
    "report/follow-up/": PUBLIC,
    "report/follow-up/your-report/": PUBLIC,
    "report/follow-up/leave/": PUBLIC,
    "report/follow-up/alert/<int:pk>/": PUBLIC,  # sends anyone without a receipt back
    # A family's feedback link is printed on posters: whoever holds it may give feedback.
    "feedback/<str:token>/": PUBLIC,
    "feedback/<str:token>/<slug:key>/": PUBLIC,
    "feedback/<str:token>/check/": PUBLIC,
    "feedback/<str:token>/thank-you/": PUBLIC,
    "feedback/<str:token>/you-said/": PUBLIC,
    "feedback/<str:token>/your-reply/": PUBLIC,
    "feedback/<str:token>/what-happens/": PUBLIC,
    "survey/thank-you/": PUBLIC,
    # The open lessons library: open copies only, which an organisation chose to publish
    # (ADR 0033); one of Moorland's lessons is never open here, so its id finds nothing.
    "library/": PUBLIC,
    "library/<int:pk>/": PUBLIC,
    "library/bulletins/<int:pk>/": PUBLIC,
    "library/feed.atom": PUBLIC,
    "library/data.csv": PUBLIC,
    "library/data.json": PUBLIC,
    # Capabilities: a personal survey link or an acknowledgement (or burst) secret; unknown
    # ones fail.
    "survey/<str:token>/": NOBODY,
    "safeguarding/acknowledge/<str:secret>/": NOBODY,
    "safeguarding/burst/<str:secret>/": NOBODY,
    # One's own account, home page and lists scoped to the person.
    "home/": EVERYONE_SIGNED_IN,
    "account/": EVERYONE_SIGNED_IN,
    "account/sign-out-everywhere/": EVERYONE_SIGNED_IN,
    "account/api-tokens/": EVERYONE_SIGNED_IN,
    "account/api-tokens/<int:token_id>/revoke/": NOBODY,
    # What one follows: the choices offered and accepted are only what one's pages show.
    "account/subscriptions/": EVERYONE_SIGNED_IN,
    "account/subscriptions/follow/": EVERYONE_SIGNED_IN,
    "account/subscriptions/unfollow/": EVERYONE_SIGNED_IN,
    "account/subscriptions/frequency/": EVERYONE_SIGNED_IN,
    # A digest's signed, revocable unsubscribe link (ADR 0034): unknown tokens fail.
    "unsubscribe/<str:token>/": NOBODY,
    "unsubscribe/<str:token>/one-click/": NOBODY,
    "two-factor/set-up/": EVERYONE_SIGNED_IN,
    "two-factor/verify/": EVERYONE_SIGNED_IN,
    "notifications/": EVERYONE_SIGNED_IN,
    "notifications/read/": EVERYONE_SIGNED_IN,
    "alerts/": EVERYONE_SIGNED_IN,  # alerts addressed to the person
    "safeguarding/alerts/": EVERYONE_SIGNED_IN,  # alerts of the person's duty team
    "reports/": EVERYONE_SIGNED_IN,  # reviewed reports of teams the person manages
    "learning/reports/": EVERYONE_SIGNED_IN,  # the person's learning team's queue
    "lessons/": EVERYONE_SIGNED_IN,
    "feedback/published/": EVERYONE_SIGNED_IN,
    "feedback/you-said-we-did/": EVERYONE_SIGNED_IN - {"national_analyst"},
    "feedback/results/": LEADERS,
    # Improvement ideas: the person's own organisation's board.
    "ideas/": EVERYONE_SIGNED_IN - {"national_analyst"},
    "ideas/new/": EVERYONE_SIGNED_IN - {"national_analyst"},
    "ideas/similar/": EVERYONE_SIGNED_IN,
    "ideas/bottlenecks/": EVERYONE_SIGNED_IN,
    "ideas/changed/": EVERYONE_SIGNED_IN,
    "ideas/measures/": LEADERS,
    "ideas/<int:pk>/": NOBODY,
    "ideas/<int:pk>/<slug:action>/": NOBODY,
    "organisations/<slug:slug>/idea-response-time/": NOBODY,
    # The learning team's own tools.
    "learning/dashboard/": MANAGERS | {"analyst"},
    # Downloads for quality teams: the learning team's own organisation's rows only.
    "learning/exports/": {"analyst"},
    "learning/exports/<slug:table>.<slug:file_format>": {"analyst"},
    "ideas/export.<slug:file_format>": MANAGERS | {"analyst", "admin"},
    "learning/agreement/": {"analyst"},
    "learning/suggestions/": {"analyst"},
    "learning/taxonomy/local-codes/": {"analyst", "admin"},
    "learning/themes/": {"analyst"},
    "learning/themes/find/": {"analyst"},
    "learning/themes/new/": {"analyst"},
    "learning/feedback/": {"analyst"},
    "learning/feedback/themes/": {"analyst"},
    "lessons/new/": {"analyst"},
    "lessons/bulletins/new/": {"analyst"},
    # The national hub: every organisation's reviewed, de-identified reports (by design).
    "national/": {"national_analyst"},
    "national/reports/<str:reference>/": {"national_analyst"},
    # Organisational health and the staff survey.
    "health/": LEADERS,
    "health/workforce/": LEADERS,
    "health/absence/": LEADERS,
    "health/demand/": LEADERS,
    "health/trends/": LEADERS,
    "health/events/": MANAGERS | {"admin"},
    "health/dfe-area/": {"admin"},
    "health/thresholds/": {"admin"},
    "surveys/": LEADERS | {"national_analyst"},  # the hub is sent on to the benchmark
    "surveys/new/": {"admin"},
    "surveys/benchmark/": {"national_analyst"},
    # Child protection information sharing: flag keepers, and the hospital's clinician.
    "sharing/": MANAGERS | {"admin", "clinician", "guardian"},  # a redirect to the person's part
    "sharing/flags/": MANAGERS | {"admin"},
    "sharing/flags/new/": MANAGERS | {"admin"},
    "sharing/flags/import/": MANAGERS | {"admin"},
    "sharing/lookup/": {"clinician"},
    "sharing/lookup/answer/": {"clinician"},
    "sharing/lookups/": {"clinician"},
    "sharing/flags/reconcile/": MANAGERS | {"admin"},
    # The authority's report shows only its own children's lookups.
    "sharing/access-report/authority/": MANAGERS | {"admin"},
    "sharing/access-report/setting/": {"guardian"},  # the setting's Caldicott Guardian only
    # FHIR R4: the CapabilityStatement is public (no data); a search needs a setting key,
    # so no session persona gets anything but 401 or 405.
    "api/fhir/R4/metadata": PUBLIC,
    "api/fhir/R4/Flag": NOBODY,
    "api/fhir/R4/Flag/_search": NOBODY,
    "sharing/settings/": NOBODY,  # the hub's administrators only
    "sharing/keys/": NOBODY,  # the setting's managers only
}
# Every route with a parameter not listed above names one of Moorland's objects: nobody
# outside Moorland may reach any of them.
_ONE_OBJECT_PREFIXES = (
    "organisation/<slug:slug>/",
    "learning/reports/<str:reference>/",
    "reports/<str:reference>/",
    "learning/themes/<int:pk>/",
    "learning/feedback/<int:pk>/",
    "learning/feedback/themes/<int:pk>/",
    "alerts/<int:pk>/",
    "lessons/<int:pk>/",
    "lessons/bulletins/<int:pk>/",
    "safeguarding/alerts/<int:pk>/",
    "health/events/<int:pk>/",
    "surveys/<int:pk>/",
    "sharing/flags/<int:pk>/",
    "sharing/keys/<int:pk>/",
)
# The JSON API takes bearer credentials only: no session persona reaches any of it (401).
_API_PREFIX = "api/v1/"

# API callers: personal tokens (roles without a second factor may hold one) and the
# hospital's setting key. Which may use each API route and method at all.
API_CALLERS = ("token:staff", "token:manager", "token:clinician", "setting_key")
TOKENS = frozenset({"token:staff", "token:manager", "token:clinician"})
API_REACHABLE: dict[str, dict[str, frozenset[str]]] = {
    "api/v1/": {"get": NOBODY, "post": NOBODY},
    "api/v1/openapi.json": {"get": frozenset(API_CALLERS), "post": NOBODY},
    # The caller's own board; a new idea for one of Moorland's teams is refused (422).
    "api/v1/ideas": {"get": TOKENS, "post": TOKENS},
    "api/v1/ideas/<idea_id>/status": {"get": NOBODY, "post": NOBODY},  # Moorland's idea
    "api/v1/health/indicators": {"get": frozenset({"token:manager"}), "post": NOBODY},
    "api/v1/health/series": {"get": frozenset({"token:manager"}), "post": NOBODY},
    # The flags the caller keeps (none, for most); recording one for Moorland is refused.
    "api/v1/sharing/flags": {"get": TOKENS, "post": NOBODY},
    "api/v1/sharing/flags/<flag_id>/end": {"get": NOBODY, "post": NOBODY},  # Moorland's
    "api/v1/sharing/flags/<flag_id>/birth": {"get": NOBODY, "post": NOBODY},  # Moorland's
    # A keeper's own authority only; the JSON body here is not a CSV file (422).
    "api/v1/sharing/flags/reconcile": {"get": NOBODY, "post": NOBODY},
    # A setting may look up any child: that is the service (an unflagged child here, since
    # a found plan names its team to contact by design).
    "api/v1/sharing/lookups": {"get": NOBODY, "post": frozenset({"setting_key"})},
}

if TYPE_CHECKING:
    # The test client's response type, as django-stubs names it.
    from django.test.client import _MonkeyPatchedWSGIResponse as HttpResponse


def api_body(route: str, victim: Victim) -> dict[str, object]:
    """A well-formed body for each API route, aimed at Moorland, so the answer is about
    access and not about a missing field."""
    today = timezone.localdate().isoformat()
    bodies: dict[str, dict[str, object]] = {
        "api/v1/ideas": {
            "team_id": victim.ids["team"],
            "problem_kind": "waste",
            "problem": "p",
            "idea": "i",
            "expected_benefit": "b",
        },
        "api/v1/ideas/<idea_id>/status": {"to_status": "under_review"},
        "api/v1/sharing/flags": {
            "organisation_id": victim.organisation.pk,
            "nhs_number": numbers_for_trials(count=2)[1],
            "plan_type": "child_protection_plan",
            "start_date": today,
            "team_name": "t",
            "team_phone": "01632 960000",
        },
        "api/v1/sharing/flags/<flag_id>/end": {"end_date": today},
        "api/v1/sharing/lookups": {
            "nhs_number": numbers_for_trials(count=3)[2],
            "requested_by": "Dr Test",
            "reason": "attending_now",
        },
    }
    return bodies.get(route, {})


REFUSED = frozenset({401, 403, 404, 405})
# In the API a well-formed body naming a team that is not the caller's is "choose one of
# your teams" (422) rather than "not found".
API_REFUSED = REFUSED | {422}
SIGN_IN = reverse("accounts:sign-in")


def reachable(route: str) -> frozenset[str]:
    if route in REACHABLE:
        return frozenset(REACHABLE[route])
    if route.startswith(_API_PREFIX) and route in API_REACHABLE:
        return NOBODY
    if route.startswith(_ONE_OBJECT_PREFIXES):
        return NOBODY
    raise KeyError(route)


def _problem(
    route: str,
    who: str,
    method: str,
    response: HttpResponse,
    allowed: bool,
    refused: frozenset[int] = REFUSED,
) -> str:
    status = response.status_code
    body = response.content.decode(errors="replace")
    where = f"{method} {route} as {who}"
    if status >= 500:
        return f"{where}: answered {status}"
    if SENTINEL in body and route != "national/reports/<str:reference>/":
        return f"{where}: shows Moorland's sentinel ({status})"
    if IDENTIFIER in body:
        return f"{where}: shows the reporter's telephone number ({status})"
    if allowed:
        return ""
    if status in refused:
        return ""
    if status == 302 and response["Location"].startswith(SIGN_IN):
        return ""
    return f"{where}: should be refused but answered {status} {response.get('Location', '')}"


def _not_json(route: str, who: str, method: str, response: HttpResponse) -> str:
    if response["Content-Type"].startswith("application/json"):
        return ""
    return f"{method} {route} as {who}: a {response.status_code} that is not JSON"


def _collect(problems: Iterable[str]) -> list[str]:
    return [p for p in problems if p]


def test_every_url_pattern_is_classified() -> None:
    unclassified = []
    for route in url_routes():
        try:
            reachable(route)
        except KeyError:
            unclassified.append(route)
        if route.startswith(_API_PREFIX) and route not in API_REACHABLE:
            unclassified.append(route)
    assert not unclassified, "\n".join(
        f"unclassified URL pattern {r!r}: add it to the matrix in {__name__}" for r in unclassified
    )


def test_the_matrix_names_no_route_that_does_not_exist() -> None:
    routes = set(url_routes())
    stale = (set(REACHABLE) | set(API_REACHABLE)) - routes
    assert not stale, f"routes in the matrix that no longer exist: {sorted(stale)}"


@pytest.fixture
def attack(db: None) -> tuple[Attackers, Victim]:
    return build_attackers(), build_victim()


def _requesters(attackers: Attackers) -> dict[str, Callable[[], Client]]:
    made: dict[str, Callable[[], Client]] = {"anonymous": Client}
    for name in SIGNED_IN:
        made[name] = lambda user=attackers.users[name]: session_client(user)  # type: ignore[misc]
    return made


def test_every_route_as_every_persona_is_refused_unless_meant_to_be_reached(
    attack: tuple[Attackers, Victim],
) -> None:
    attackers, victim = attack
    problems: list[str] = []
    requesters = _requesters(attackers)
    for route in url_routes():
        path = fill(route, victim)
        allowed = reachable(route)
        for persona in PERSONAS:
            for method in ("get", "post"):
                # A new client each time: some routes sign the person out.
                response = getattr(requesters[persona](), method)(path)
                problems.append(_problem(route, persona, method, response, persona in allowed))
    found = _collect(problems)
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


def _api_headers(attackers: Attackers, caller: str) -> dict[str, str]:
    if caller == "setting_key":
        return {"Authorization": f"Bearer {attackers.setting_key}"}
    return {"Authorization": f"Bearer {attackers.api_tokens[caller.removeprefix('token:')]}"}


def test_every_api_route_with_every_bearer_credential_is_refused_unless_meant_to_be(
    attack: tuple[Attackers, Victim],
) -> None:
    attackers, victim = attack
    problems: list[str] = []
    for route in url_routes():
        if not route.startswith(_API_PREFIX):
            continue
        path = fill(route, victim)
        for caller in API_CALLERS:
            headers = _api_headers(attackers, caller)
            for method in ("get", "post"):
                client = Client(enforce_csrf_checks=True)
                if method == "get":
                    response = client.get(path, headers=headers)
                else:
                    body = api_body(route, victim)
                    response = client.post(
                        path, body, content_type="application/json", headers=headers
                    )
                allowed = caller in API_REACHABLE[route][method]
                problems.append(_problem(route, caller, method, response, allowed, API_REFUSED))
                if response.status_code >= 400:
                    problems.append(_not_json(route, caller, method, response))
    found = _collect(problems)
    assert not found, f"{len(found)} problems:\n" + "\n".join(found)


def test_a_post_without_the_csrf_token_is_refused_on_every_page(
    attack: tuple[Attackers, Victim],
) -> None:
    """The CSRF check comes before any view: a forged form post does nothing anywhere."""
    attackers, victim = attack
    problems = []
    clients = {
        "anonymous": Client(enforce_csrf_checks=True),
        "staff": session_client(attackers.users["staff"], enforce_csrf_checks=True),
    }
    for route in url_routes():
        if route.startswith((_API_PREFIX, "api/fhir/R4/Flag")):
            continue  # bearer tokens only, never cookies (ADR 0010, ADR 0025)
        if route == "unsubscribe/<str:token>/one-click/":
            # RFC 8058: mail providers post without cookies; the token is the key (ADR 0034).
            continue
        path = fill(route, victim)
        for persona, client in clients.items():
            response = client.post(path, {"anything": "forged"})
            body = response.content.decode(errors="replace")
            if response.status_code != 403 or "govuk-template" not in body:
                problems.append(f"POST {route} as {persona}: {response.status_code}")
    assert not problems, "accepted without a CSRF token:\n" + "\n".join(problems)


def test_the_victims_own_people_do_see_the_sentinel(attack: tuple[Attackers, Victim]) -> None:
    """The control: the paths really do name Moorland's objects, and the sentinel shows."""
    _attackers, victim = attack
    analyst = session_client(victim.analyst)
    for route in (
        "learning/reports/<str:reference>/",
        "learning/themes/<int:pk>/",
        "lessons/<int:pk>/",
        "learning/feedback/themes/<int:pk>/",
    ):
        response = analyst.get(fill(route, victim))
        assert response.status_code == 200, route
        assert SENTINEL in response.content.decode(), route
    admin = session_client(victim.admin)
    response = admin.get(fill("surveys/<int:pk>/", victim))
    assert SENTINEL in response.content.decode()
