"""The open lessons library: public pages, feed and data; and the learning team's opening.

Public views need no account and show only open copies (ADR 0033); searching is limited
per client in the core throttle, as other public routes are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.accounts.models import User
from candour.core import throttle
from candour.core.client import client_key
from candour.core.form_actions import attempt
from candour.learning.access import get_lesson_for_analyst
from candour.learning.library import services
from candour.learning.library.access import (
    filter_choices,
    get_bulletin_for_analyst,
    get_public_bulletin,
    get_public_lesson,
    open_copy_of,
    open_copy_of_bulletin,
    public_bulletins,
    public_lessons,
)
from candour.learning.library.data import bulletins_csv_file, csv_file, json_download
from candour.learning.library.feed import atom_feed, bulletin_entry, lesson_entry
from candour.learning.library.presenters import (
    LICENCE_NAME,
    LICENCE_URL,
    OpenBulletinShown,
    OpenLessonShown,
    previewed,
    previewed_bulletin,
    shown_bulletins,
    shown_lessons,
)
from candour.learning.library.search import (
    QUERY_LENGTH,
    search_open_bulletins,
    search_open_lessons,
)

SEARCH_WINDOW = timedelta(minutes=1)
SEARCHES_PER_MINUTE = 30
# Newest first; the library is browsed by its filters, and the data holds everything.
PAGE_SIZE = 50
FILTERS = ("setting", "factor", "outcome", "theme")


def _lesson_url(request: HttpRequest, lesson: OpenLessonShown) -> str:
    return request.build_absolute_uri(reverse("learning:library-lesson", args=[lesson.pk]))


def _bulletin_url(request: HttpRequest, bulletin: OpenBulletinShown) -> str:
    return request.build_absolute_uri(reverse("learning:library-bulletin", args=[bulletin.pk]))


@require_GET
def library(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_LENGTH]
    chosen = {name: request.GET.get(name, "").strip()[:200] for name in FILTERS}
    allowed = public_lessons().matching(**chosen)
    if query:
        if not throttle.hit(
            # 40 hex characters of the client's keyed hash fit the throttle's key column.
            f"library-search:{client_key(request)[:40]}",
            limit=SEARCHES_PER_MINUTE,
            window=SEARCH_WINDOW,
            aligned=True,
        ):
            return _page(request, query, chosen, [], [], too_many=True, status=429)
        found = search_open_lessons(query, allowed)
        # The filters describe lessons: a bulletin gathers many, so it is left out of them.
        bulletins = [] if any(chosen.values()) else search_open_bulletins(query, public_bulletins())
    else:
        found = list(allowed[:PAGE_SIZE])
        bulletins = [] if any(chosen.values()) else list(public_bulletins()[:PAGE_SIZE])
    return _page(request, query, chosen, shown_lessons(found), shown_bulletins(bulletins))


def _page(
    request: HttpRequest,
    query: str,
    chosen: dict[str, str],
    lessons: list[OpenLessonShown],
    bulletins: list[OpenBulletinShown],
    *,
    too_many: bool = False,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "learning/library/library.html",
        {
            "query": query,
            "chosen": chosen,
            "choices": filter_choices(),
            "lessons": lessons,
            "bulletins": bulletins,
            "filtered": any(chosen.values()),
            "too_many": too_many,
            "query_length": QUERY_LENGTH,
            "page_size": PAGE_SIZE,
        },
        status=status,
    )


@require_GET
def library_lesson(request: HttpRequest, pk: int) -> HttpResponse:
    (lesson,) = shown_lessons([get_public_lesson(pk)])
    return render(
        request,
        "learning/library/lesson.html",
        {"lesson": lesson, "licence_name": LICENCE_NAME, "licence_url": LICENCE_URL},
    )


@require_GET
def library_bulletin(request: HttpRequest, pk: int) -> HttpResponse:
    (bulletin,) = shown_bulletins([get_public_bulletin(pk)])
    return render(
        request,
        "learning/library/bulletin.html",
        {"bulletin": bulletin, "licence_name": LICENCE_NAME, "licence_url": LICENCE_URL},
    )


@require_GET
def library_feed(request: HttpRequest) -> HttpResponse:
    entries = [
        lesson_entry(lesson, _lesson_url(request, lesson))
        for lesson in shown_lessons(public_lessons()[:PAGE_SIZE])
    ] + [
        bulletin_entry(bulletin, _bulletin_url(request, bulletin))
        for bulletin in shown_bulletins(public_bulletins()[:PAGE_SIZE])
    ]
    body = atom_feed(
        entries,
        service_name=settings.CANDOUR_SERVICE_NAME,
        library_url=request.build_absolute_uri(reverse("learning:library")),
        feed_url=request.build_absolute_uri(reverse("learning:library-feed")),
    )
    return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")


@require_GET
def library_csv(request: HttpRequest) -> HttpResponse:
    lessons = shown_lessons(public_lessons())
    return csv_file(lessons, [_lesson_url(request, lesson) for lesson in lessons])


@require_GET
def library_bulletins_csv(request: HttpRequest) -> HttpResponse:
    bulletins = shown_bulletins(public_bulletins())
    return bulletins_csv_file(bulletins, [_bulletin_url(request, item) for item in bulletins])


@require_GET
def library_json(request: HttpRequest) -> HttpResponse:
    lessons = shown_lessons(public_lessons())
    bulletins = shown_bulletins(public_bulletins())
    return json_download(
        lessons,
        [_lesson_url(request, lesson) for lesson in lessons],
        title=_("%(service)s open lessons library") % {"service": settings.CANDOUR_SERVICE_NAME},
        bulletins=bulletins,
        bulletin_urls=[_bulletin_url(request, item) for item in bulletins],
    )


# ---------------------------------------------------------------- the learning team's side


@dataclass(frozen=True)
class _Openable:
    """What differs between opening a lesson and opening a bulletin."""

    kind: str  # "lesson" or "bulletin": the preview's wording and the page to go back to
    get: Callable[[User, int], Any]  # the analyst's own lesson or bulletin, else 404
    current: Callable[[Any], Any]  # its open copy, or None
    copy: Callable[[Any, date], Any]  # what would be public now
    preview: Callable[[Any, str], Any]  # that copy as the public page shows it
    publish: Callable[..., Any]
    withdraw: Callable[..., Any]
    public_page: str  # the open copy's URL name
    published: str
    withdrawn: str


def _openable(kind: str) -> _Openable:
    if kind == "bulletin":
        return _Openable(
            kind,
            get_bulletin_for_analyst,
            open_copy_of_bulletin,
            services.bulletin_copy,
            previewed_bulletin,
            lambda actor, item, previewed: services.publish_bulletin_openly(
                actor=actor, bulletin=item, previewed=previewed
            ),
            services.withdraw_bulletin_openly,
            "learning:library-bulletin",
            _("Bulletin published in the open library"),
            _("Bulletin withdrawn from the open library"),
        )
    return _Openable(
        kind,
        get_lesson_for_analyst,
        open_copy_of,
        services.lesson_copy,
        previewed,
        lambda actor, item, previewed: services.publish_openly(
            actor=actor, lesson=item, previewed=previewed
        ),
        services.withdraw_openly,
        "learning:library-lesson",
        _("Lesson published in the open library"),
        _("Lesson withdrawn from the open library"),
    )


def _open(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    """Preview exactly what would be public; a POST with the preview's digest confirms it."""
    openable = _openable(kind)
    user = current_user(request)
    item = openable.get(user, pk)
    current = openable.current(item)
    if current is not None:
        return redirect(openable.public_page, pk=current.pk)
    page = f"learning:{kind}"
    if request.method == "POST":
        done = attempt(
            request,
            lambda: openable.publish(user, item, request.POST.get("digest", "")),
            success=openable.published,
        )
        if done:
            return redirect(page, pk=item.pk)
    copy = openable.copy(item, timezone.localdate())
    return render(
        request,
        "learning/library/preview.html",
        {
            "kind": kind,
            "item": item,
            "copy": copy,
            "preview": openable.preview(copy, item.organisation.name),
        },
        # A refused confirmation (a stale preview) shows the fresh preview and why.
        status=400 if copy.problems or request.method == "POST" else 200,
    )


def _withdraw(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    openable = _openable(kind)
    user = current_user(request)
    item = openable.get(user, pk)
    current = openable.current(item)
    if current is not None:
        openable.withdraw(actor=user, opened=current)
        messages.success(request, openable.withdrawn)
    return redirect(f"learning:{kind}", pk=item.pk)


@login_required
@require_http_methods(["GET", "POST"])
def lesson_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _open(request, "lesson", pk)


@login_required
@require_POST
def lesson_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _withdraw(request, "lesson", pk)


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_open(request: HttpRequest, pk: int) -> HttpResponse:
    return _open(request, "bulletin", pk)


@login_required
@require_POST
def bulletin_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _withdraw(request, "bulletin", pk)
