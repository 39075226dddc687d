"""A human factor's own page, where staff can follow it (issue 23)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from candour.accounts.current import current_user
from candour.learning.factors import factor_page, get_factor_for_member, may_see_themes


@login_required
@require_GET
def factor(request: HttpRequest, key: str) -> HttpResponse:
    user = current_user(request)
    code = get_factor_for_member(user, key)
    if code.merged_into_id is not None:
        # A merged code's page is the code it was merged into.
        return redirect("learning:factor", key=code.current.key)
    return render(
        request,
        "learning/factor.html",
        {
            "page": factor_page(user, code, timezone.localdate()),
            "themes_shown": may_see_themes(user),
        },
    )
