from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.accounts.roles import Role
from candour.core.form_actions import attempt, submit
from candour.learning import services
from candour.learning.access import (
    alerts_for,
    alerts_from_report,
    codes_by_key,
    get_alert_for_recipient,
    get_analyst_organisation,
    get_bulletin_for_reader,
    get_dashboard_organisation,
    get_lesson_for_analyst,
    get_lesson_for_reader,
    get_local_code,
    get_taxonomy_organisation,
    lessons_from_report,
    local_codes_of,
    own_and_other_codings,
    reviewed_reports,
    reviews_of,
)
from candour.learning.alerts import services as alerts_service
from candour.learning.changes import Change, judge
from candour.learning.coding import services as coding_services
from candour.learning.coding import suggesting
from candour.learning.coding.quality import suggester_overview
from candour.learning.dashboard import build_dashboard
from candour.learning.forms import (
    AlertActionForm,
    AlertForm,
    BulletinForm,
    JustCultureForm,
    LessonForm,
    LocalCodeForm,
    OutcomeForm,
    ReferralForm,
)
from candour.learning.just_culture import services as just_culture_service
from candour.learning.lessons import services as lessons_service
from candour.learning.lessons.bulletin_content import bulletin_content
from candour.learning.lessons.bulletin_pdf import render_pdf
from candour.learning.library.access import open_copy_of, open_copy_of_bulletin
from candour.learning.models import Axis, Bulletin, DefenceState, Lesson, ThemeStatus
from candour.learning.presenters import coding_form
from candour.lib.coarse_dates import week_start
from candour.reporting.access import get_report_for_learning_team
from candour.reporting.models import Report


def _task_list(reference: str) -> HttpResponse:
    """Back to the report's task list, where every task page returns once saved."""
    return redirect("reporting:learning-detail", reference=reference)


@login_required
@require_http_methods(["GET", "POST"])
def code_outcome(request: HttpRequest, reference: str) -> HttpResponse:
    """The task page for the outcome and harm, as the analyst reads the report."""
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    own, _others = own_and_other_codings(report, user)
    form = OutcomeForm(
        request.POST if request.method == "POST" else None,
        initial={"outcome": (own.outcome if own else "") or report.outcome},
    )
    if submit(
        request,
        form,
        lambda data: services.code_outcome(analyst=user, report=report, outcome=data["outcome"]),
        success=_("Outcome saved"),
    ):
        return _task_list(reference)
    return render(
        request,
        "learning/code_outcome.html",
        {"report": report, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def code_report(request: HttpRequest, reference: str) -> HttpResponse:
    """The task page for the human-factors codes (the outcome has its own page)."""
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
        if not choices:
            # No codes at all would read as "nothing applies" to the suggester's training.
            messages.error(request, _("Choose at least one code, or a defence that held or failed"))
            return redirect("learning:code-report", reference=reference)
        if attempt(
            request,
            lambda: services.save_coding(
                analyst=user, report=report, choices=choices, note=request.POST.get("note", "")
            ),
            success=_("Coding saved"),
        ):
            return _task_list(reference)
        return redirect("learning:code-report", reference=reference)
    comparison = None
    own_coded = own is not None and own.values.exists()
    if own is not None and others and own_coded:
        primary = own if own.is_primary else next((c for c in others if c.is_primary), others[0])
        second = others[0] if own.is_primary else own
        comparison = services.differences(primary, second)
    return render(
        request,
        "learning/code_report.html",
        {
            "report": report,
            "groups": coding_form(
                report.organisation, own, suggesting.accepted_for_form(report, user, own)
            ),
            "own": own,
            "own_coded": own_coded,
            "others_count": len(others),
            "comparison": comparison,
            "suggestions": suggesting.suggestions_for(report, user),
            "suggestions_withheld": suggesting.is_blind_second_coding(report, user),
            "decided_note": _decided_note(request, report),
        },
    )


@login_required
@require_POST
def decide_suggestion(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    decision = request.POST.get("decision", "")
    suggestion = suggesting.offered(report, user, request.POST.get("label", ""))
    if suggestion is None or decision not in {"accept", "reject"}:
        messages.error(request, _("That suggestion is no longer offered"))
        return redirect("learning:code-report", reference=reference)
    done = attempt(
        request,
        lambda: coding_services.decide_suggestion(
            analyst=user,
            report=report,
            code=codes_by_key(report.organisation)[suggestion.key],
            accepted=decision == "accept",
            score=suggestion.score,
        ),
    )
    if done is None:
        return redirect("learning:code-report", reference=reference)
    # Back to where the analyst was, the decision said there rather than in a banner at
    # the top (which takes focus, and the page with it, back up). An accepted code stays
    # ticked in the form, across reloads, until the coding is saved.
    query = urlencode({"decided": decision, "code": suggestion.key})
    url = reverse("learning:code-report", args=[reference])
    return redirect(f"{url}?{query}#suggested-codes")


def _decided_note(request: HttpRequest, report: Report) -> str:
    """What the analyst just decided about a suggestion, to say beside the suggestions."""
    decision = request.GET.get("decided", "")
    code = codes_by_key(report.organisation).get(request.GET.get("code", ""))
    if code is None or decision not in {"accept", "reject"}:
        return ""
    if decision == "accept":
        return _("Accepted: %(code)s is ticked in the form below and kept until you save.") % {
            "code": code.label
        }
    return _("Rejected: %(code)s will not be suggested for this report again.") % {
        "code": code.label
    }


@login_required
@require_GET
def suggestions(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = get_analyst_organisation(user, request.GET.get("organisation"))
    return render(
        request,
        "learning/suggestions.html",
        {"organisation": organisation, "overview": suggester_overview(organisation)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_codes(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = get_taxonomy_organisation(user, request.GET.get("organisation"))
    adding = request.method == "POST" and "retire" not in request.POST
    form = LocalCodeForm(request.POST if adding else None)
    if request.method == "POST" and "retire" in request.POST:
        code = get_local_code(organisation, request.POST["retire"])
        coding_services.retire_local_code(actor=user, code=code)
        messages.success(request, _("%(code)s retired") % {"code": code.label})
        return redirect(request.get_full_path())
    if adding and submit(
        request,
        form,
        lambda data: coding_services.add_local_code(
            actor=user,
            organisation=organisation,
            axis=data["axis"],
            label=data["label"],
            description=data["description"],
        ),
        success=lambda code: _("%(code)s added") % {"code": code.label},
    ):
        return redirect(request.get_full_path())
    return render(
        request,
        "learning/local_codes.html",
        {"organisation": organisation, "codes": local_codes_of(organisation), "form": form},
        status=400 if form.errors else 200,
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
        },
    )


@login_required
@require_GET
def lessons(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    items = Lesson.objects.visible_to(user).select_related("organisation")
    return render(
        request,
        "learning/lessons.html",
        {
            "lessons": items,
            "bulletins": Bulletin.objects.visible_to(user)[:12],
            "is_analyst": bool(user.organisation_ids_with_role(Role.ANALYST)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    user = current_user(request)
    lesson = get_lesson_for_analyst(user, pk) if pk else None
    organisation = (
        lesson.organisation
        if lesson
        else get_analyst_organisation(user, request.GET.get("organisation"))
    )
    choices = reviewed_reports(organisation)
    # Written from a report's task list: that report chosen, and back there once saved.
    from_report = next((r for r in choices if r.reference == request.GET.get("report")), None)
    initial: dict[str, object] = {"reports": [str(from_report.pk)]} if from_report else {}
    if lesson is not None:
        initial = {
            "title": lesson.title,
            "story": lesson.story,
            "commentary": lesson.commentary,
            "action_taken": lesson.action_taken,
            "reports": [str(r.pk) for r in lesson.reports.all()],
        }
    form = LessonForm(
        request.POST if request.method == "POST" else None, initial=initial, reports=choices
    )
    done = submit(
        request,
        form,
        lambda data: lessons_service.save_lesson(
            actor=user,
            organisation=organisation,
            title=data["title"],
            story=data["story"],
            commentary=data["commentary"],
            action_taken=data["action_taken"],
            reports=[r for r in choices if str(r.pk) in set(data["reports"])],
            lesson=lesson,
        ),
        success=_lesson_saved,
    )
    if done:
        if from_report is not None:
            return _task_list(from_report.reference)
        return redirect("learning:lesson", pk=done.value.pk)
    return render(
        request,
        "learning/lesson_form.html",
        {"form": form, "lesson": lesson, "from_report": from_report},
        status=400 if form.errors else 200,
    )


def _lesson_saved(saved: Lesson) -> str:
    if saved.bulletins.exists():
        return _(
            "Lesson saved. Bulletins already published keep the text they were published with."
        )
    return _("Lesson saved") if saved.published_at else _("Lesson saved as a draft")


@login_required
@require_GET
def lesson(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    item = get_lesson_for_reader(user, pk)
    return render(
        request,
        "learning/lesson.html",
        {
            "lesson": item,
            "can_edit": item.organisation_id in user.organisation_ids_with_role(Role.ANALYST),
            "reports": list(item.reports.all()),
            "open_copy": open_copy_of(item),
        },
    )


@login_required
@require_POST
def lesson_publish(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    item = get_lesson_for_analyst(user, pk)
    lessons_service.publish_lesson(actor=user, lesson=item)
    messages.success(request, _("Lesson published"))
    return redirect("learning:lesson", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def bulletin_new(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = get_analyst_organisation(user, request.GET.get("organisation"))
    today = timezone.localdate()
    form = BulletinForm(
        request.POST if request.method == "POST" else None,
        initial={"period_start": today.replace(day=1), "period_end": today},
    )
    done = submit(
        request,
        form,
        lambda data: lessons_service.publish_bulletin(
            actor=user,
            organisation=organisation,
            title=data["title"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            introduction=data["introduction"],
        ),
        success=_("Bulletin published"),
    )
    if done:
        return redirect("learning:bulletin", pk=done.value.pk)
    return render(
        request, "learning/bulletin_form.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def bulletin(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    item = get_bulletin_for_reader(user, pk)
    return render(
        request,
        "learning/bulletin.html",
        {
            "content": bulletin_content(item, judged=True),
            "can_open": item.organisation_id in user.organisation_ids_with_role(Role.ANALYST),
            "open_copy": open_copy_of_bulletin(item),
        },
    )


@login_required
@require_GET
def bulletin_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_bulletin_for_reader(current_user(request), pk)
    response = HttpResponse(
        render_pdf(bulletin_content(item, judged=True)), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="candour-bulletin-{item.pk}.pdf"'
    return response


def _yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


@login_required
@require_http_methods(["GET", "POST"])
def just_culture(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    referral = just_culture_service.referral_of(report)
    if referral is None:
        # Only a referred report opens the aid: referring is a deliberate step, with a reason.
        referral_form = ReferralForm(request.POST if request.method == "POST" else None)
        if submit(
            request,
            referral_form,
            lambda data: just_culture_service.refer_report(
                analyst=user, report=report, reason=data["reason"]
            ),
            success=_("Referred to the decision aid"),
        ):
            return redirect("learning:just-culture", reference=reference)
        return render(
            request,
            "learning/just_culture_referral.html",
            {"report": report, "form": referral_form},
            status=400 if referral_form.errors else 200,
        )
    form = JustCultureForm(request.POST if request.method == "POST" else None)
    done = submit(
        request,
        form,
        lambda data: just_culture_service.record_review(
            analyst=user,
            report=report,
            answers=just_culture_service.Answers(
                deliberate_harm=data["deliberate_harm"] == "yes",
                deliberate_harm_reason=data["deliberate_harm_reason"],
                incapacity=_yes_no(data["incapacity"]),
                incapacity_reason=data["incapacity_reason"],
                foresight=_yes_no(data["foresight"]),
                foresight_reason=data["foresight_reason"],
                substitution=_yes_no(data["substitution"]),
                substitution_reason=data["substitution_reason"],
                mitigating_circumstances=data["mitigating_circumstances"],
            ),
        ),
    )
    result = done.value if done else None
    return render(
        request,
        "learning/just_culture.html",
        {
            "report": report,
            "referral": referral,
            "form": form,
            "result": result,
            "previous": reviews_of(report),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def raise_alert(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    form = AlertForm(request.POST if request.method == "POST" else None)
    if submit(
        request,
        form,
        lambda data: alerts_service.raise_alert(
            actor=user,
            report=report,
            hazard=data["hazard"],
            could_identify_reporter=data["could_identify_reporter"] == "yes",
            base_url=request.build_absolute_uri("/"),
        ),
        success=_("Alert raised"),
    ):
        return _task_list(reference)
    return render(
        request,
        "learning/alert_form.html",
        {"form": form, "report": report, "lead": report.organisation.safety_lead},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def lesson_or_alert(request: HttpRequest, reference: str) -> HttpResponse:
    """The task page for what the report leads to: a lesson, an alert, or neither."""
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    return render(
        request,
        "learning/lesson_or_alert.html",
        {
            "report": report,
            "lessons": lessons_from_report(report),
            "alerts": alerts_from_report(report),
            "referred": just_culture_service.referral_of(report) is not None,
        },
    )


@login_required
@require_GET
def alerts(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    return render(request, "learning/alerts.html", {"alerts": alerts_for(user), "me": user.pk})


@login_required
@require_http_methods(["GET", "POST"])
def alert(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    item = get_alert_for_recipient(user, pk)
    form = AlertActionForm(
        request.POST if request.method == "POST" and "action_taken" in request.POST else None
    )
    if request.method == "POST":
        if "acknowledge" in request.POST:
            alerts_service.acknowledge(actor=user, alert=item)
            messages.success(request, _("Alert acknowledged"))
            return redirect("learning:alert", pk=pk)
        if submit(
            request,
            form,
            lambda data: alerts_service.record_action(
                actor=user, alert=item, action_taken=data["action_taken"]
            ),
            success=_("Action recorded"),
        ):
            return redirect("learning:alert", pk=pk)
    effects = []
    if item.acted_on_at is not None:
        # Did the action work? Each theme the alert's report is in, from when it was taken,
        # and the organisation's other streams (ratings, survey, workforce).
        themes = item.report.themes.filter(status=ThemeStatus.CONFIRMED)
        effects = judge(
            Change(
                item.acted_on_at,
                item.organisation_id,
                theme_ids=tuple(themes.values_list("pk", flat=True)),
            )
        )
    return render(request, "learning/alert.html", {"alert": item, "form": form, "effects": effects})


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    organisation = get_dashboard_organisation(user, request.GET.get("organisation"))
    today = timezone.localdate()
    start = date(today.year - 1, today.month, 1)
    live = organisation.pk in user.organisation_ids_with_role(Role.ANALYST)
    # Managers see counts to the end of last week, not live (issue 16): a manager reloading
    # a live count could time a new report to the second and so guess who sent it.
    end = today if live else week_start(today) - timedelta(days=1)
    return render(
        request,
        "learning/dashboard.html",
        {
            "dashboard": build_dashboard(organisation, start=start, end=end, learning_team=live),
            "as_of": None if live else end,
            "is_analyst": live,
        },
    )
