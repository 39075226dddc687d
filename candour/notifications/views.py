from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from candour.accounts.current import current_user
from candour.notifications import services
from candour.notifications.models import Notification


@dataclass(frozen=True)
class Group:
    heading: str
    notifications: list[Notification]


def _day_heading(day: date, today: date) -> str:
    if day == today:
        return str(_("Today"))
    if day == today - timedelta(days=1):
        return str(_("Yesterday"))
    return date_format(day, "l j F Y")


def grouped(notifications: list[Notification]) -> list[Group]:
    """Unread first, in one group; then what was read, a group for each day."""
    today = timezone.localdate()
    unread = [n for n in notifications if n.read_at is None]
    groups = [Group(str(_("Unread")), unread)] if unread else []
    for day, items in groupby(
        (n for n in notifications if n.read_at is not None),
        key=lambda n: timezone.localtime(n.created_at).date(),
    ):
        groups.append(Group(_day_heading(day, today), list(items)))
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
