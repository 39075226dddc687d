from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from candour.accounts.current import current_user
from candour.notifications import services
from candour.notifications.models import Notification


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    page = Paginator(Notification.objects.visible_to(user), 30).get_page(request.GET.get("page"))
    return render(request, "notifications/inbox.html", {"page": page})


@login_required
@require_POST
def mark_all_read(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    count = services.mark_read(
        user=user, notifications=Notification.objects.visible_to(user).unread()
    )
    messages.success(request, _("Marked %(count)s as read") % {"count": count})
    return redirect("notifications:inbox")
