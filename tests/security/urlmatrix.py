"""Every URL pattern Candour answers, with its path parameters aimed at the victim's objects."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver

from tests.security.personas import UNKNOWN_ID, UNKNOWN_TOKEN, Victim

PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")

# Which of the victim's objects an integer id names, by the route it appears in (the
# longest matching prefix wins). None: an id that belongs to nothing.
_ID_BY_PREFIX: dict[str, str | None] = {
    "learning/themes/": "theme",
    "alerts/": "alert",
    "report/follow-up/alert/": "alert",
    "lessons/": "lesson",
    "library/": None,  # open copies: Moorland's lesson is not open, so no id names one
    "lessons/bulletins/": "bulletin",
    "ideas/": "idea",
    "api/v1/ideas/": "idea",
    "learning/feedback/": "feedback",
    "learning/feedback/themes/": "feedback_theme",
    "safeguarding/alerts/": "safeguarding_alert",
    "organisation/<slug:slug>/feedback-links/": "link",
    "organisation/<slug:slug>/people/": "person",
    "organisation/<slug:slug>/workforce/imports/": None,
    "health/events/": "chart_event",
    "surveys/": "wave",
    "sharing/flags/": "flag",
    "api/v1/sharing/flags/": "flag",
    "sharing/keys/": "setting_key",
    "account/api-tokens/": "api_token",
}


def url_routes() -> list[str]:
    """Every route in the URLconf, as its full pattern text (the API's too), once each."""

    def walk(resolver: URLResolver, prefix: str) -> Iterator[str]:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return sorted(set(walk(get_resolver(), "")))


def _id_for(route: str, position: int, victim: Victim) -> str:
    before = route[:position]
    prefixes = [p for p in _ID_BY_PREFIX if before.startswith(p)]
    if not prefixes:
        raise AssertionError(f"no object for the id in {route!r}: add it to _ID_BY_PREFIX")
    name = _ID_BY_PREFIX[max(prefixes, key=len)]
    if name is None:
        return str(UNKNOWN_ID)
    return str(victim.ids[name])


def fill(route: str, victim: Victim) -> str:
    """The route as a path, each parameter naming something of the victim's (or nothing)."""

    def value(match: re.Match[str]) -> str:
        name = match.group("name")
        if name == "slug":
            return victim.organisation.slug
        if name == "reference":
            return victim.reference
        if name == "membership_id":
            return str(victim.membership_id)
        if name == "token":
            # Feedback links are printed on posters (public); survey links are personal.
            return victim.link_token if route.startswith("feedback/") else UNKNOWN_TOKEN
        if name == "secret":
            return UNKNOWN_TOKEN
        if name == "key":
            return "what_would_be_better"
        if name == "band":
            return "8_12"  # a paper feedback form's age band (ADR 0035)
        if name == "action":
            return "move"
        if name == "kind":
            return "vacancies"
        if name == "table":
            return "coded-reports"
        if name == "file_format":
            return "csv"
        return _id_for(route, match.start(), victim)

    return "/" + PARAMETER.sub(value, route)
