"""The reporter's question pages, check page and sending (no account, no JavaScript needed).

Every answer is kept in the sealed draft as soon as it is posted, accepted or not, so
nothing typed is lost to a refusal, a Back link or a Change link (ADR 0029). Reporting
routes never log or store the address or browser of whoever uses them.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from candour.accounts.models import User
from candour.core.form_actions import attempt
from candour.core.languages import use_organisation_language
from candour.core.models import Organisation
from candour.keys import envelope
from candour.reporting import services
from candour.reporting.access import reporting_organisations
from candour.reporting.journey.draft import IDLE_HOURS, ReportDraft
from candour.reporting.journey.steps import (
    BY_SLUG,
    STEP_OF_FIELD,
    Step,
    collected,
    first_incomplete,
    form_for,
    next_after,
    previous_before,
    sequence,
)
from candour.reporting.limits.submissions import WINDOW_MINUTES, may_send_report
from candour.reporting.limits.visitors import client_tag
from candour.reporting.presenters import factor_labels, preview_removals
from candour.reporting.vocabulary import (
    NARRATIVE_FIELDS,
    Outcome,
    PartOfDay,
    Route,
    Setting,
)

# The one-off tokens of the check pages this browser was given (the last few).
SUBMISSION_TOKENS = "candour_report_tokens"


def _token_mark(token: str) -> str:
    """What the session keeps of a check page's one-off token: a keyed hash, so that the
    session row of a signed-in reporter cannot be joined to ``ReportSubmission``'s plain
    SHA-256 of the same token (the key is derived from the KEK, never in the database)."""
    kek = envelope.derive_kek(settings.CANDOUR_KEY_ENCRYPTION_KEY)
    key = envelope.derive_purpose_key(kek, purpose="report-send-token")
    return hmac.new(key, token.encode(), hashlib.sha256).hexdigest()


FROM_CHECK = "check"


def _step_url(step: Step, *, changing: str = "") -> str:
    url = reverse("reporting:step", args=[step.slug])
    if changing:
        # Back to the check page after this page, focused on the answer being changed.
        return f"{url}?from={FROM_CHECK}&answer={changing}"
    return url


def _organisation_from_link_or_account(request: HttpRequest) -> Organisation | None:
    """The organisation of the reporting link (?organisation=slug), else a signed-in
    person's own; None when neither says."""
    slug = request.GET.get("organisation", "")
    if slug:
        return reporting_organisations().filter(slug=slug).first()
    user = request.user
    if isinstance(user, User):
        ids = sorted(user.organisation_ids())
        if ids:
            return reporting_organisations().filter(pk=ids[0]).first()
    return None


def _say_if_expired(request: HttpRequest, draft: ReportDraft) -> None:
    if draft.expired:
        messages.warning(
            request,
            _(
                "We deleted your earlier answers because they were not used for %(hours)s "
                "hours. Please answer the questions again."
            )
            % {"hours": IDLE_HOURS},
        )


def _speak_its_language(request: HttpRequest, draft: ReportDraft) -> None:
    """The report's organisation's default language on its pages, unless the reporter chose
    one (ADR 0030)."""
    organisation = draft.organisation()
    if organisation is not None:
        use_organisation_language(request, organisation.default_language)


@require_GET
def begin(request: HttpRequest) -> HttpResponse:
    """Start (or carry on with) a report: straight to the first page still to answer."""
    draft = ReportDraft(request)
    _say_if_expired(request, draft)
    organisation = _organisation_from_link_or_account(request)
    if organisation is not None and "organisation" not in draft.answered:
        draft.preset_organisation(organisation)
    _speak_its_language(request, draft)
    missing = first_incomplete(draft)
    target = _step_url(missing) if missing else reverse("reporting:check")
    return draft.keep_key(redirect(target))


def _posted(step: Step, request: HttpRequest) -> dict[str, Any]:
    return {
        name: request.POST.getlist(name)
        if isinstance(step.form.base_fields[name], forms.MultipleChoiceField)
        else request.POST.get(name, "")
        for name in step.fields
    }


def _after(step: Step, draft: ReportDraft, *, changing: bool) -> str:
    """Where an accepted page goes: the next page, or the check page when changing an
    answer from it (unless the change left another page to answer)."""
    missing = first_incomplete(draft)
    if changing:
        return _step_url(missing, changing=missing.fields[0]) if missing else _check_url()
    following = next_after(step, draft)
    return _step_url(following) if following else _check_url()


def _check_url() -> str:
    return reverse("reporting:check")


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, slug: str) -> HttpResponse:
    asked = BY_SLUG.get(slug)
    if asked is None:
        raise Http404
    draft = ReportDraft(request)
    _say_if_expired(request, draft)
    _speak_its_language(request, draft)
    changing = request.GET.get("from") == FROM_CHECK
    status = 200
    if request.method == "POST":
        values = _posted(asked, request)
        form = form_for(asked, draft, values)
        accepted = form.is_valid()
        # Kept before anything else, accepted or not: the words are never lost.
        draft.keep(asked.slug, asked.form.to_keep(values))
        missing = first_incomplete(draft, before=asked)
        if missing is not None:
            return draft.keep_key(redirect(_step_url(missing)))
        if accepted:
            return draft.keep_key(redirect(_after(asked, draft, changing=changing)))
        status = 400
    else:
        missing = first_incomplete(draft, before=asked)
        if missing is not None:
            return draft.keep_key(redirect(_step_url(missing)))
        form = form_for(asked, draft)
        answer = request.GET.get("answer", "")
        if changing and answer in form.fields:
            form.fields[answer].widget.attrs["autofocus"] = True
    previous = previous_before(asked, draft)
    if changing:
        back = _check_url()
    elif previous is not None:
        back = _step_url(previous)
    else:
        back = reverse("reporting:start")
    return draft.keep_key(
        render(
            request,
            asked.template,
            {
                "form": form,
                "step": asked,
                "back": back,
                "action": request.get_full_path(),
                "first": asked is sequence(draft)[0],
                "idle_hours": IDLE_HOURS,
            },
            status=status,
        )
    )


@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    """Check every answer before sending, with a Change link to the page of each."""
    draft = ReportDraft(request)
    _say_if_expired(request, draft)
    _speak_its_language(request, draft)
    answers = collected(draft)
    if request.method == "POST":
        token = _own_token(request)
        if answers is None:
            # The draft is gone because this token's report was sent a moment ago (a
            # second press of Send that arrived late): the same report, a new receipt.
            again = services.receipt_again(submission_token=token)
            if again is not None:
                return draft.keep_key(_receipt_page(request, again))
        else:
            return _send(request, draft, answers, token)
    if answers is None:
        missing = first_incomplete(draft)
        return draft.keep_key(redirect(_step_url(missing) if missing else reverse("reporting:new")))
    return draft.keep_key(_check_page(request, draft, answers))


def _own_token(request: HttpRequest) -> str:
    # Only a token this browser was given: a copied page cannot re-issue a receipt.
    token = request.POST.get("submission_token", "")
    return token if _token_mark(token) in request.session.get(SUBMISSION_TOKENS, []) else ""


def _send(
    request: HttpRequest, draft: ReportDraft, answers: dict[str, Any], token: str
) -> HttpResponse:
    if not request.session.session_key:
        request.session.save()
    if not may_send_report(
        session_key=request.session.session_key or "",
        client_tag=client_tag(request, purpose="report"),
    ):
        # The check page again, every answer still in the draft: nothing typed is lost.
        return draft.keep_key(
            _check_page(request, draft, answers, too_many=WINDOW_MINUTES, status=429)
        )
    done = attempt(
        request,
        lambda: services.submit_answers(answers, submission_token=token),
    )
    if done is None:
        return draft.keep_key(_check_page(request, draft, answers, status=400))
    draft.discard()
    return draft.keep_key(_receipt_page(request, done.value))


def _receipt_page(request: HttpRequest, submitted: services.SubmittedReport) -> HttpResponse:
    # Rendered, not redirected: the receipt exists only in this one response.
    return render(
        request,
        "reporting/receipt.html",
        {
            "receipt": submitted.receipt,
            "report": submitted.report,
            "repeated": submitted.repeated,
            "working_days": settings.CANDOUR_REPORT_RESPONSE_WORKING_DAYS,
        },
    )


def _check_page(
    request: HttpRequest,
    draft: ReportDraft,
    answers: dict[str, Any],
    *,
    too_many: int = 0,
    status: int = 200,
) -> HttpResponse:
    """Check answers, with Change links, what will be taken out marked, and a one-off
    token so that pressing Send twice sends one report."""
    narrative = {name: answers[name] for name in NARRATIVE_FIELDS}
    marked, removals = preview_removals(narrative, services.policy_for(answers["organisation"]))
    by_name = {field.name: field for field in marked}
    token = secrets.token_urlsafe(24)
    marks = request.session.get(SUBMISSION_TOKENS, [])[-4:]
    request.session[SUBMISSION_TOKENS] = [*marks, _token_mark(token)]
    return render(
        request,
        "reporting/journey/check.html",
        {
            "answers": [
                (
                    name,
                    label,
                    value,
                    by_name.get(name),
                    _step_url(STEP_OF_FIELD[name], changing=name),
                )
                for name, label, value in _rows(answers)
            ],
            "removals": removals,
            "submission_token": token,
            "too_many": too_many,
            "back": _step_url(sequence(draft)[-1]),
        },
        status=status,
    )


def _change_url(name: str) -> str:
    return _step_url(STEP_OF_FIELD[name], changing=name)


def _rows(answers: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Each answer as (its field, its label, what was given), in the order asked."""
    not_given = _("Not given")
    rows: list[tuple[str, str, str]] = [
        ("organisation", _("Organisation"), str(answers["organisation"])),
        ("what_happened", _("What happened"), answers["what_happened"]),
        ("outcome", _("Outcome"), str(Outcome(answers["outcome"]).label)),
        (
            "occurred_month",
            _("When"),
            date_format(date.fromisoformat(answers["occurred_month"]), "F Y"),
        ),
        ("part_of_day", _("Part of the day"), str(PartOfDay(answers["part_of_day"]).label)),
        ("setting", _("Where"), str(Setting(answers["setting"]).label)),
        ("team", _("Team"), answers["team_obj"].name if answers["team_obj"] else not_given),
        ("what_caught_it", _("What caught it"), answers["what_caught_it"] or not_given),
        (
            "factors",
            _("What made it more likely"),
            ", ".join(factor_labels(answers["factors"])) or not_given,
        ),
        (
            "what_made_it_likely",
            _("Anything else that made it more likely"),
            answers["what_made_it_likely"] or not_given,
        ),
        (
            "what_would_prevent",
            _("What would stop it happening again"),
            answers["what_would_prevent"] or not_given,
        ),
        (
            "route",
            _("How you are sending it"),
            _("Anonymously") if answers["route"] == Route.ANONYMOUS else _("In confidence"),
        ),
    ]
    if answers["route"] == Route.CONFIDENTIAL:
        rows.append(("contact", _("Your contact details"), answers["contact"]))
    return rows


@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest) -> HttpResponse:
    """Delete the half-finished report, after asking once."""
    draft = ReportDraft(request)
    if request.method == "POST":
        draft.discard()
        messages.success(request, _("Your answers have been deleted"))
        return draft.keep_key(redirect("reporting:start"))
    # "No, carry on" resumes where the reporter was: the first page still to answer.
    return render(request, "reporting/journey/delete.html", {"back": reverse("reporting:new")})
