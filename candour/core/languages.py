"""Which language a page is in (ADR 0030).

The person's own choice (the language switch, remembered in a cookie) when the page is
offered in it; else, on an organisation's public pages, the organisation's own default;
else English. Never the browser's Accept-Language: a shared family tablet or a library
computer says nothing about the person holding it, and every page must be predictable.

English and Welsh are offered on every page. The community languages are offered only
on the children's and families' feedback pages, the only pages translated into them:
elsewhere a page would claim a language it is not written in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.cache import patch_vary_headers

ENGLISH = "en-gb"
WELSH = "cy"
# Every page.
SITE_LANGUAGES = (ENGLISH, WELSH)
# Children's and families' feedback pages only.
COMMUNITY_LANGUAGES = ("pl", "ur", "ro", "ar")
# What an organisation may make its public pages' default.
ORGANISATION_LANGUAGES = [(ENGLISH, "English"), (WELSH, "Cymraeg")]
# The query parameter the language switch's links carry.
SWITCH_PARAMETER = "lang"
# Addresses that are not pages: the switch's parameter means nothing there.
NOT_PAGES = ("/api/", "/healthz")


@dataclass(frozen=True)
class Language:
    code: str
    # Its name in itself: a person looks for their own language's name, not ours for it.
    name: str
    right_to_left: bool


def language(code: str) -> Language:
    info = translation.get_language_info(code)
    return Language(code=code, name=dict(settings.LANGUAGES)[code], right_to_left=info["bidi"])


def _page_languages(request: HttpRequest) -> tuple[str, ...]:
    return getattr(request, "page_languages", SITE_LANGUAGES)


def _chosen(request: HttpRequest) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in SITE_LANGUAGES + COMMUNITY_LANGUAGES else ""


def _use(request: HttpRequest, code: str) -> None:
    translation.activate(code)
    request.LANGUAGE_CODE = code


def page_languages(request: HttpRequest) -> list[Language]:
    """The languages this page is offered in, for the switch."""
    return [language(code) for code in _page_languages(request)]


def use_organisation_language(request: HttpRequest, code: str) -> None:
    """On an organisation's public page: its default language, unless the person has
    chosen one this page is offered in."""
    if _chosen(request) not in _page_languages(request) and code in SITE_LANGUAGES:
        _use(request, code)


ViewFunction = TypeVar("ViewFunction", bound=Callable[..., HttpResponse])


def offers_community_languages(view: ViewFunction) -> ViewFunction:
    """Marks a children's and families' page: offered in the community languages too."""
    view.community_languages = True  # type: ignore[attr-defined]
    return view


class LanguageMiddleware:
    """Activates the page's language; the switch's links (?lang=cy) set the choice and
    come back to the same page without the parameter."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        switched = request.GET.get(SWITCH_PARAMETER, "")
        # Pages only: the APIs answer JSON to machines and keep their own parameters.
        is_page = not request.path.startswith(NOT_PAGES)
        if request.method == "GET" and is_page and switched in SITE_LANGUAGES + COMMUNITY_LANGUAGES:
            return self._remember(request, switched)
        chosen = _chosen(request)
        request.page_languages = SITE_LANGUAGES  # type: ignore[attr-defined]
        _use(request, chosen if chosen in SITE_LANGUAGES else ENGLISH)
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        # The same address answers in different languages for different cookies.
        patch_vary_headers(response, ("Cookie",))
        return response

    def process_view(
        self,
        request: HttpRequest,
        view: Callable[..., HttpResponse],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> None:
        if getattr(view, "community_languages", False):
            request.page_languages = SITE_LANGUAGES + COMMUNITY_LANGUAGES  # type: ignore[attr-defined]
            if _chosen(request) in COMMUNITY_LANGUAGES:
                _use(request, _chosen(request))

    def _remember(self, request: HttpRequest, code: str) -> HttpResponse:
        query = request.GET.copy()
        del query[SWITCH_PARAMETER]
        # The same path, never another address: "//host/" would be a protocol-relative
        # redirect to that host, so leading slashes and backslashes become one slash.
        target = "/" + request.path.lstrip("/\\") + (f"?{query.urlencode()}" if query else "")
        response = HttpResponseRedirect(target)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            code,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            # Lax: the choice comes along when a person follows a link to Candour.
            samesite="Lax",
        )
        return response


def switch_links(request: HttpRequest) -> list[dict[str, Any]]:
    """The language switch: each language this page is offered in, with the link that
    chooses it (the current page, its query kept)."""
    current = translation.get_language()
    links = []
    for offered in page_languages(request):
        query = request.GET.copy()
        query[SWITCH_PARAMETER] = offered.code
        links.append(
            {
                "language": offered,
                "current": offered.code == current,
                "href": f"{request.path}?{query.urlencode()}",
            }
        )
    return links
