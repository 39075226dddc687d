from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from candour.accounts.current import current_user
from candour.notifications import services
from candour.notifications.models import Notification


@dataclass(frozen=True)
class Kind:
    heading: str
    notifications: list[Notification]


@dataclass(frozen=True)
class Group:
    heading: str
    notifications: list[Notification]
    # The same notifications by what they are about (ideas, safeguarding...), so that a
    # day of thirty is a few short lists, not a wall (issue 18).
    kinds: list[Kind]


# What a notification is about, by the part of the service its link opens.
KIND_HEADINGS = {
    "ideas": _lazy("Improvement ideas"),
    "voice": _lazy("Safeguarding and feedback"),
    "sharing": _lazy("Information sharing"),
    "workforce": _lazy("Workforce health"),
    "surveys": _lazy("Safety culture survey"),
    "learning": _lazy("Learning"),
    "reporting": _lazy("Reports"),
}


def _kind_of(notification: Notification) -> str:
    try:
        namespace = resolve(urlsplit(notification.url).path).namespace if notification.url else ""
    except Resolver404:
        namespace = ""
    return str(KIND_HEADINGS.get(namespace, _lazy("Other")))


def _by_kind(notifications: list[Notification]) -> list[Kind]:
    kinds: dict[str, list[Notification]] = {}
    for notification in notifications:
        kinds.setdefault(_kind_of(notification), []).append(notification)
    return [Kind(heading, items) for heading, items in kinds.items()]


def _day_heading(day: date, today: date) -> str:
    if day == today:
        return str(_("Today"))
    if day == today - timedelta(days=1):
        return str(_("Yesterday"))
    return date_format(day, "l j F Y")


def grouped(notifications: list[Notification]) -> list[Group]:
    """Unread first, in one group; then what was read, a group for each day; each group
    in kinds (ideas, safeguarding, information sharing...)."""
    today = timezone.localdate()
    unread = [n for n in notifications if n.read_at is None]
    groups = [Group(str(_("Unread")), unread, _by_kind(unread))] if unread else []
    for day, items in groupby(
        (n for n in notifications if n.read_at is not None),
        key=lambda n: timezone.localtime(n.created_at).date(),
    ):
        listed = list(items)
        groups.append(Group(_day_heading(day, today), listed, _by_kind(listed)))
    return groups


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    # Unread sort first whatever their date; read ones newest first, so days stay together.
    ordered = (
        Notification.objects.visible_to(user)
        .annotate(unread=ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField()))
        .order_by("-unread", "-created_at", "-pk")
    )
    page = Paginator(ordered, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/inbox.html",
        {"page": page, "groups": grouped(list(page.object_list))},
    )


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    count = services.mark_read(
        user=user, notifications=Notification.objects.visible_to(user).unread()
    )
    messages.success(request, _("Marked %(count)s as read") % {"count": count})
    return redirect("notifications:inbox")
