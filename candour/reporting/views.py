"""Reporting pages: the reporter's (no account needed) and the learning team's.

Reporting routes never log or store the address or browser of whoever uses them.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from candour.accounts.current import current_user
from candour.accounts.roles import Role
from candour.core.form_actions import attempt, submit
from candour.core.languages import use_organisation_language
from candour.keys.sealed_drafts import SealedDraft
from candour.learning.access import (
    alert_awaiting_consent,
    alerts_awaiting_consent,
    published_lessons_for_report,
)
from candour.learning.alerts import services as alerts_service
from candour.learning.similar.search import similar_reports
from candour.learning.task_list import report_tasks
from candour.reporting import services
from candour.reporting.access import (
    analysts_of,
    get_analyst_for_report,
    get_report_for_learning_team,
    get_report_for_reader,
    report_for_receipt_holder,
)
from candour.reporting.forms import (
    CloseForm,
    QuestionForm,
    ReceiptForm,
    ReplyForm,
    TriageForm,
)
from candour.reporting.limits.visitors import client_tag
from candour.reporting.models import Report
from candour.reporting.presenters import (
    deidentified_fields,
    factor_labels,
    harm_rank,
    highlight,
    summarise,
    team_sizes,
)
from candour.reporting.vocabulary import (
    NARRATIVE_FIELDS,
    ClosureReason,
    Status,
)

FOLLOW_UP_MINUTES = 30


@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/start.html")


def _follow_up(request: HttpRequest) -> SealedDraft:
    """Which report this browser opened with its receipt code, sealed like a draft: the
    session row alone (a signed-in reporter's row names them) cannot say which report
    is theirs. Not renewed by reading, so it ends ``FOLLOW_UP_MINUTES`` after the code."""
    return SealedDraft(request, name="follow-up", idle=timedelta(minutes=FOLLOW_UP_MINUTES))


def _follow_up_report(request: HttpRequest) -> Report | None:
    report_id = _follow_up(request).read().get("id")
    return report_for_receipt_holder(report_id) if isinstance(report_id, int) else None


@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest) -> HttpResponse:
    form = ReceiptForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not request.session.session_key:
            request.session.save()
        try:
            report = services.find_by_receipt(
                typed=form.cleaned_data["receipt"],
                session_key=request.session.session_key or "",
                client_tag=client_tag(request, purpose="receipt"),
            )
        except services.ReceiptRateLimitedError:
            form.add_error(
                "receipt", _("Too many attempts. Wait 15 minutes, then try your code again.")
            )
            status = 429
        else:
            if report is None:
                form.add_error(
                    "receipt",
                    _("We could not find a report with that code. Check it and try again."),
                )
                status = 400
            else:
                request.session.cycle_key()
                opened = _follow_up(request)
                opened.write({"id": report.pk})
                return opened.keep_key(redirect("reporting:your-report"))
    return render(request, "reporting/follow_up.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def your_report(request: HttpRequest) -> HttpResponse:
    report = _follow_up_report(request)
    if report is None:
        return redirect("reporting:follow-up")
    use_organisation_language(request, report.organisation.default_language)
    form = ReplyForm(request.POST if request.method == "POST" else None)
    if submit(
        request,
        form,
        lambda data: services.reply_as_reporter(report=report, text=data["text"]),
        success=_("Sent to the learning team"),
    ):
        return redirect("reporting:your-report")
    return render(
        request,
        "reporting/your_report.html",
        {
            "report": report,
            "status": Status(report.status).label,
            "messages_list": services.messages_for(report),
            "fields": deidentified_fields(report),
            "form": form,
            "lessons": published_lessons_for_report(report),
            "consent_alerts": alerts_awaiting_consent(report),
        },
    )


@require_POST
def leave_follow_up(request: HttpRequest) -> HttpResponse:
    opened = _follow_up(request)
    opened.discard()
    request.session.cycle_key()
    return opened.keep_key(redirect("reporting:start"))


# The learning team's pages.


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    reports = Report.objects.for_learning_team(user).select_related("assigned_to", "team")
    status = request.GET.get("status", "open")
    # Harm first, then the nearest due date: a child who was harmed is never on page 3.
    reports = reports.annotate(harm_rank=harm_rank())
    if status == "open":
        reports = reports.open().order_by("harm_rank", "due_on", "pk")
    elif status in Status.values:
        reports = reports.filter(status=status).order_by("harm_rank", "due_on", "pk")
    if request.GET.get("mine"):
        reports = reports.filter(assigned_to=user)
    page = Paginator(reports, 25).get_page(request.GET.get("page"))
    today = timezone.localdate()
    rows = list(page.object_list)
    sizes = team_sizes({r.team_id for r in rows if r.team_id})
    return render(
        request,
        "reporting/queue.html",
        {
            "page": page,
            "rows": [summarise(r, today=today, sizes=sizes) for r in rows],
            "status": status,
            "statuses": Status.choices,
            "mine": bool(request.GET.get("mine")),
            "is_analyst": bool(user.organisation_ids_with_role(Role.ANALYST)),
        },
    )


@login_required
@require_GET
def learning_detail(request: HttpRequest, reference: str) -> HttpResponse:
    """The analyst's report as a task list (ADR 0029): each task has its own page, which
    saves and comes back here. The reporter's own words are shown only on the redactions
    page, where viewing them is audited."""
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    tasks = report_tasks(report, user)
    return render(
        request,
        "reporting/learning_detail.html",
        {
            "report": report,
            "summary": summarise(
                report,
                today=timezone.localdate(),
                sizes=team_sizes({report.team_id} if report.team_id else set()),
            ),
            "factors": factor_labels(report.factors),
            "fields": deidentified_fields(report),
            "contact": services.contact_details(report),
            "tasks": tasks,
            "tasks_done": sum(task.done for task in tasks),
            "similar": similar_reports(report),
            "closure_reason": ClosureReason(report.closure_reason).label
            if report.closure_reason
            else "",
        },
    )


def _task_list(reference: str) -> HttpResponse:
    return redirect("reporting:learning-detail", reference=reference)


@login_required
@require_http_methods(["GET", "POST"])
def review_redactions(request: HttpRequest, reference: str) -> HttpResponse:
    """The task page for checking what the de-identifier took out."""
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    if request.method == "POST":
        keep = {
            name: [int(v) for v in request.POST.getlist(f"keep_{name}") if v.isdigit()]
            for name in NARRATIVE_FIELDS
        }
        add = {
            name: [
                line for line in request.POST.get(f"add_{name}", "").splitlines() if line.strip()
            ]
            for name in NARRATIVE_FIELDS
        }
        if attempt(
            request,
            lambda: services.review_redactions(
                actor=user, report=report, keep=keep, add_phrases=add
            ),
            success=_("Redactions saved. Others now see the de-identified text."),
        ):
            return _task_list(reference)
    raw = services.raw_narrative(report)
    if raw is None:
        # Closed: the words are destroyed, and there is nothing left to check.
        return _task_list(reference)
    services.note_raw_text_viewed(actor=user, report=report)
    return render(
        request,
        "reporting/redactions.html",
        {
            "report": report,
            "task_title": _("Check the redactions"),
            "highlighted": highlight(raw, report.redactions),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: HttpRequest, reference: str) -> HttpResponse:
    """The task page for questions to the reporter, with the messages so far."""
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    form = QuestionForm(request.POST if request.method == "POST" else None)
    if submit(
        request,
        form,
        lambda data: services.ask_reporter(actor=user, report=report, question=data["question"]),
        success=_("Question sent. The reporter will see it with their receipt."),
    ):
        return _task_list(reference)
    return render(
        request,
        "reporting/questions.html",
        {
            "report": report,
            "task_title": _("Ask the reporter questions"),
            "form": form,
            "messages_list": services.messages_for(report),
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def update(request: HttpRequest, reference: str) -> HttpResponse:
    """Who the report is assigned to and its status, on one page with one Save."""
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    form = TriageForm(
        request.POST if request.method == "POST" else None,
        initial={"analyst": report.assigned_to_id, "status": report.status},
        analysts=analysts_of(report),
    )
    if submit(
        request,
        form,
        lambda data: services.update_triage(
            actor=user,
            report=report,
            analyst=get_analyst_for_report(report, int(data["analyst"]))
            if data["analyst"]
            else None,
            status=Status(data["status"]),
        ),
        success=_("Assignment and status saved"),
    ):
        return _task_list(reference)
    return render(
        request,
        "reporting/triage.html",
        {"report": report, "task_title": _("Assignment and status"), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, reference: str) -> HttpResponse:
    """The task page for closing: the reason and the reporter's message, then a
    confirmation of its own, since closing destroys the reporter's words."""
    user = current_user(request)
    report = get_report_for_learning_team(user, reference)
    form = CloseForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirmed") != "yes":
            return render(
                request,
                "reporting/close_confirm.html",
                {
                    "report": report,
                    "reason": data["reason"],
                    "reason_label": ClosureReason(data["reason"]).label,
                    "outcome_for_reporter": data["outcome_for_reporter"],
                },
            )
        if attempt(
            request,
            lambda: services.close_report(
                actor=user,
                report=report,
                reason=ClosureReason(data["reason"]),
                outcome_for_reporter=data["outcome_for_reporter"],
            ),
            success=_("Report closed. The reporter's own words and contact details are destroyed."),
            form=form,
        ):
            return _task_list(reference)
    return render(
        request,
        "reporting/close.html",
        {"report": report, "task_title": _("Close the report"), "form": form},
        status=400 if form.errors else 200,
    )


# De-identified reports for everyone else in the organisation.


@login_required
@require_GET
def reports(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    page = Paginator(
        Report.objects.visible_to(user).select_related("team", "assigned_to"), 25
    ).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    sizes = team_sizes({r.team_id for r in rows if r.team_id})
    today = timezone.localdate()
    return render(
        request,
        "reporting/reports.html",
        {"page": page, "rows": [summarise(r, today=today, sizes=sizes) for r in rows]},
    )


@login_required
@require_GET
def report_detail(request: HttpRequest, reference: str) -> HttpResponse:
    user = current_user(request)
    report = get_report_for_reader(user, reference)
    sizes = team_sizes({report.team_id} if report.team_id else set())
    return render(
        request,
        "reporting/report_detail.html",
        {
            "summary": summarise(report, today=timezone.localdate(), sizes=sizes),
            "fields": deidentified_fields(report),
            "factors": factor_labels(report.factors),
        },
    )


@require_POST
def alert_consent(request: HttpRequest, pk: int) -> HttpResponse:
    report = _follow_up_report(request)
    if report is None:
        return redirect("reporting:follow-up")
    item = alert_awaiting_consent(report, pk)
    given = request.POST.get("consent") == "yes"
    alerts_service.answer_consent(alert=item, given=given, base_url=request.build_absolute_uri("/"))
    messages.success(
        request,
        _("Thank you. The alert has been sent.")
        if given
        else _("Thank you. The alert will not be sent."),
    )
    return redirect("reporting:your-report")
