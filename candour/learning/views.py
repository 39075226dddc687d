from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from candour.accounts.current import current_user
from candour.accounts.roles import Role
from candour.learning import services
from candour.learning.access import (
    codes_by_key,
    get_analyst_organisation,
    own_and_other_codings,
)
from candour.learning.models import Axis, DefenceState
from candour.learning.presenters import coding_form
from candour.reporting.access import get_report_for_learning_team


@login_required
@require_http_methods(["GET", "POST"])
def code_report(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    own, others = own_and_other_codings(report, user)
    if request.method == "POST":
        lookup = codes_by_key(report.organisation)
        choices = []
        for key in request.POST.getlist("code"):
            if key in lookup and lookup[key].axis != Axis.DEFENCE:
                choices.append(services.CodeChoice(lookup[key]))
        for key, code in lookup.items():
            state = request.POST.get(f"defence_{key}", "")
            if code.axis == Axis.DEFENCE and state in DefenceState.values:
                choices.append(services.CodeChoice(code, DefenceState(state)))
        try:
            services.save_coding(
                analyst=user, report=report, choices=choices, note=request.POST.get("note", "")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Coding saved"))
        return redirect("learning:code-report", reference=reference)
    comparison = None
    if own is not None and others:
        primary = own if own.is_primary else next((c for c in others if c.is_primary), others[0])
        second = others[0] if own.is_primary else own
        comparison = services.differences(primary, second)
    return render(
        request,
        "learning/code_report.html",
        {
            "report": report,
            "groups": coding_form(report.organisation, own),
            "own": own,
            "others_count": len(others),
            "comparison": comparison,
        },
    )


@login_required
@require_GET
def agreement(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = get_analyst_organisation(user, request.GET.get("organisation"))
    today = timezone.localdate()
    try:
        start = date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        start = today - timedelta(days=365)
    try:
        end = date.fromisoformat(request.GET.get("to", ""))
    except ValueError:
        end = today
    return render(
        request,
        "learning/agreement.html",
        {
            "organisation": organisation,
            "rows": services.agreement_by_code(
                organisation_id=organisation.pk, start=start, end=end
            ),
            "start": start,
            "end": end,
            "is_analyst": Role.ANALYST in user.roles(),
        },
    )
