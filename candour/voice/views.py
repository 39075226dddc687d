"""Children's and families' side: the feedback journey (no account, no JavaScript), and the
duty contact's acknowledgement of a routed disclosure."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from candour.accounts.current import current_user
from candour.core.form_actions import attempt
from candour.core.languages import (
    ENGLISH,
    offers_community_languages,
    use_organisation_language,
)
from candour.reporting.limits.visitors import client_tag
from candour.voice import easy_read as easy_read_text
from candour.voice import services
from candour.voice.access import (
    active_link,
    feedback_sent_through,
    get_alert_for_reader,
    public_replies,
)
from candour.voice.alerts import services as bursts
from candour.voice.draft import FeedbackDraft, with_draft
from candour.voice.feedback_limits import WINDOW_MINUTES
from candour.voice.journey import answer_choices, step_named, steps_for
from candour.voice.models import FeedbackLink, SafeguardingAlert
from candour.voice.pictures import (
    SAFE_PICTURE,
    THANKS_PICTURE,
    age_band_picture,
    choice_picture,
    question_picture,
)
from candour.voice.vocabulary import (
    RATING_WORDS,
    YOUNG_CHOICES,
    AgeBand,
    AlertState,
)

ALERTS_PAGE_SIZE = 50
YOU_SAID_SHOWN = 50
LONGEST = services.LONGEST_ANSWER


def _public_link(request: HttpRequest, token: str) -> FeedbackLink:
    """The link a page is for, its organisation's language the page's default."""
    link = active_link(token)
    use_organisation_language(request, link.organisation.default_language)
    return link


@offers_community_languages
@never_cache
@require_http_methods(["GET", "POST"])
@with_draft
def start(request: HttpRequest, draft: FeedbackDraft, token: str) -> HttpResponse:
    link = _public_link(request, token)
    answers = draft.answers(token)
    error = ""
    if request.method == "POST":
        band = request.POST.get("age_band", "")
        if band in AgeBand.values:
            draft.save(
                token,
                {"age_band": band} | {k: v for k, v in answers.items() if k != "age_band"},
            )
            return redirect("voice:question", token=token, key=steps_for(band)[0].key)
        error = str(_("Choose who is filling this in"))
    return render(
        request,
        "voice/start.html",
        {
            "link": link,
            "bands": [(value, label, age_band_picture(value)) for value, label in AgeBand.choices],
            "chosen": answers.get("age_band", ""),
            "error": error,
        },
        status=400 if error else 200,
    )


def _choices(band: str, key: str) -> list[tuple[str, Any]]:
    # The same choices the paper forms print (ADR 0035).
    return answer_choices(band, key)


def _pictured(band: str, key: str) -> list[tuple[str, Any, str]]:
    """The choices with their pictures: every one for 4 to 7 year olds, faces for others."""
    return [
        (
            option,
            label,
            choice_picture(key, option) if band == AgeBand.YOUNG or key == "rating" else "",
        )
        for option, label in _choices(band, key)
    ]


def _shown(band: str, key: str, value: str) -> str:
    """An answer as the child chose or wrote it (a chosen option's words, not its code)."""
    choices = dict(_choices(band, key))
    if choices:
        return str(choices.get(value, ""))
    return value


@offers_community_languages
@never_cache
@require_http_methods(["GET", "POST"])
@with_draft
def question(request: HttpRequest, draft: FeedbackDraft, token: str, key: str) -> HttpResponse:
    link = _public_link(request, token)
    answers = draft.answers(token)
    band = answers.get("age_band")
    if band not in AgeBand.values:
        return redirect("voice:start", token=token)
    found = step_named(band, key)
    if found is None:
        raise Http404
    index, asked = found
    steps = steps_for(band)
    choices = _choices(band, key)
    error = ""
    value = answers.get(key, "")
    if request.method == "POST":
        # A NUL character (pasted, or sent by a broken keyboard) means nothing to a reader
        # and PostgreSQL cannot store it: drop it rather than lose the child's answer.
        value = request.POST.get(key, "").replace("\x00", "").strip()
        if choices and value and value not in {c[0] for c in choices}:
            value = ""
        if not value and not asked.optional:
            error = str(_("Choose one answer"))
        elif len(value) > LONGEST:
            error = str(_("Please write less than %(count)s letters") % {"count": LONGEST})
        else:
            answers[key] = value
            draft.save(token, answers)
            if index + 1 < len(steps):
                return redirect("voice:question", token=token, key=steps[index + 1].key)
            return redirect("voice:check", token=token)
    back = ("voice:question", steps[index - 1].key) if index > 0 else ("voice:start", None)
    return render(
        request,
        "voice/question.html",
        {
            "link": link,
            "band": band,
            "young": band == AgeBand.YOUNG,
            "asked": asked,
            "question": asked.question(band),
            "hint": asked.hint(band),
            "choices": _pictured(band, key),
            "picture": question_picture(key) if band == AgeBand.YOUNG else "",
            "value": value,
            "error": error,
            "step": index + 1,
            "steps": len(steps),
            "back": back,
            "longest": LONGEST,
        },
        status=400 if error else 200,
    )


@offers_community_languages
@never_cache
@require_http_methods(["GET", "POST"])
@with_draft
def check(request: HttpRequest, draft: FeedbackDraft, token: str) -> HttpResponse:
    link = _public_link(request, token)
    answers = draft.answers(token)
    band = answers.get("age_band")
    if band not in AgeBand.values or "rating" not in answers:
        return redirect("voice:start", token=token)
    # Only the questions this band is asked: a child who changed their age band part way
    # may have answered questions the new band does not have, and did not check them.
    asked = {question.key for question in steps_for(band)}
    if request.method == "POST":

        def given(key: str) -> str:
            if key not in asked:
                return ""
            if band == AgeBand.YOUNG and key in YOUNG_CHOICES:
                # Stored in English whatever the page's language: the safeguarding check
                # reads English, and "Something made me scared or sad" must reach it.
                with translation.override(ENGLISH):
                    return _shown(band, key, answers.get(key, ""))
            return answers.get(key, "")

        if not request.session.session_key:
            request.session.save()
        try:
            submitted, _secret = services.submit_feedback(
                session_key=request.session.session_key or "",
                link=link,
                answers=services.Answers(
                    age_band=band,
                    rating=answers["rating"],
                    what_was_good=given("what_was_good"),
                    what_would_be_better=given("what_would_be_better"),
                    idea=given("idea"),
                    worked_with=given("worked_with"),
                ),
                language=translation.get_language(),
            )
        except services.FeedbackRateLimitedError:
            # The answers stay in the session, so sending again later needs no retyping.
            return render(
                request,
                "voice/too_many.html",
                {
                    "link": link,
                    "minutes": WINDOW_MINUTES,
                    "young": band == AgeBand.YOUNG,
                    "parent": band == AgeBand.PARENT,
                },
                status=429,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("voice:start", token=token)
        # A private code to read the answer to this feedback (not after a disclosure: the
        # duty team answers that, and a code on the page could be found by whoever hurt them).
        # Feedback routed only because nobody could read it yet is, to the family, ordinary
        # feedback: the page says nothing the detector did not find (ADR 0030).
        concern = submitted.alert is not None and submitted.alert.detected
        reply_code = (
            services.give_reply_code(feedback=submitted.feedback)
            if not concern and band != AgeBand.YOUNG
            else ""
        )
        draft.sent(
            token,
            {
                "token": token,
                "concern": concern,
                "reply_code": reply_code,
                "band": band,
                # Only to let a child who disclosed add a way to reach them, on the next page.
                "feedback": submitted.feedback.pk if concern else None,
            },
        )
        return redirect("voice:thanks", token=token)
    words = RATING_WORDS[band]
    rows = []
    for step in steps_for(band):
        value = answers.get(step.key, "")
        shown = str(words.get(value, "")) if step.key == "rating" else _shown(band, step.key, value)
        picture = choice_picture(step.key, value) if band == AgeBand.YOUNG and value else ""
        rows.append((step.key, step.question(band), shown, picture))
    return render(
        request,
        "voice/check.html",
        {"link": link, "rows": rows, "young": band == AgeBand.YOUNG},
    )


@offers_community_languages
@never_cache
@require_http_methods(["GET", "POST"])
@with_draft
def thanks(request: HttpRequest, draft: FeedbackDraft, token: str) -> HttpResponse:
    link = _public_link(request, token)
    done = draft.done
    if done.get("token") != token:
        return redirect("voice:start", token=token)
    error = ""
    contact = ""
    feedback = feedback_sent_through(link, done.get("feedback"))
    if request.method == "POST":
        if feedback is None:
            raise Http404
        contact = request.POST.get("contact", "")
        try:
            services.give_disclosure_contact(feedback=feedback, contact=contact)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            draft.sent(token, done | {"contact_given": True})
            return redirect("voice:thanks", token=token)
    return render(
        request,
        "voice/thanks.html",
        {
            "link": link,
            "concern": bool(done.get("concern")),
            "can_add_contact": feedback is not None,
            "contact_given": bool(done.get("contact_given")),
            "reply_code": done.get("reply_code", ""),
            "contact": contact,
            "error": error,
            "young": done.get("band") == AgeBand.YOUNG,
            "parent": done.get("band") == AgeBand.PARENT,
            "thanks_picture": THANKS_PICTURE,
            "safe_picture": SAFE_PICTURE,
        },
        status=400 if error else 200,
    )


@offers_community_languages
@never_cache
@require_http_methods(["GET", "POST"])
def your_reply(request: HttpRequest, token: str) -> HttpResponse:
    """A family reads the answer to its own feedback with its private code. Rendered on
    the POST, never kept: the code is not in any address or session."""
    link = _public_link(request, token)
    error = ""
    code = ""
    feedback = None
    if request.method == "POST":
        code = request.POST.get("code", "")
        try:
            feedback = services.feedback_for_reply_code(
                link=link, code=code, client_tag=client_tag(request, purpose="feedback-reply")
            )
        except ValidationError as exc:
            error = " ".join(exc.messages)
    return render(
        request,
        "voice/your_reply.html",
        {
            "link": link,
            "code": code,
            "error": error,
            "feedback": feedback,
            "replies": list(feedback.replies.only("you_said", "we_did", "created_at"))
            if feedback
            else [],
        },
        status=400 if error else 200,
    )


@offers_community_languages
@require_GET
def easy_read(request: HttpRequest, token: str) -> HttpResponse:
    """Easy read: what happens to what you tell us, a picture beside each line."""
    link = _public_link(request, token)
    return render(request, "voice/easy_read.html", {"link": link, "parts": easy_read_text.PARTS})


@offers_community_languages
@require_GET
def you_said(request: HttpRequest, token: str) -> HttpResponse:
    """The public "you said, we did" for the people a link was handed to: only what staff
    wrote as answers, never feedback itself and never who wrote the answer."""
    link = _public_link(request, token)
    return render(
        request,
        "voice/you_said.html",
        {"link": link, "replies": public_replies(link)[:YOU_SAID_SHOWN]},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def acknowledge(request: HttpRequest, secret: str) -> HttpResponse:
    """The duty contact's link: read the disclosure and say it is being acted on."""
    alert = services.alert_for_secret(secret)
    if alert is None:
        raise Http404
    error: dict[str, str] = {}
    if request.method == "POST" and alert.state == AlertState.SENT:
        try:
            services.acknowledge_alert(
                alert=alert,
                action=request.POST.get("action", ""),
                by_name=request.POST.get("name", ""),
            )
        except ValidationError as exc:
            error = {field: " ".join(errors) for field, errors in exc.message_dict.items()}
        else:
            return redirect("voice:acknowledge", secret=secret)
    # Single use (ADR 0015): once acknowledged, the link says who has it and when, and
    # no longer shows the child's words to whoever else holds the email.
    used = alert.state == AlertState.ACKNOWLEDGED
    return render(
        request,
        "voice/acknowledge.html",
        {
            "alert": alert,
            "used": used,
            "words": None if used else services.raw_answers(alert.feedback),
            "contact": "" if used else services.disclosure_contact(alert.feedback),
            "error": error,
            "posted": request.POST if error else {},
        },
        status=400 if error else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def burst_acknowledge(request: HttpRequest, secret: str) -> HttpResponse:
    """The duty contact's link for a burst: read every waiting alert, acknowledge them all."""
    burst = bursts.burst_for_secret(secret)
    if burst is None:
        raise Http404
    error: dict[str, str] = {}
    if request.method == "POST":
        try:
            bursts.acknowledge_burst(
                burst=burst,
                action=request.POST.get("action", ""),
                by_name=request.POST.get("name", ""),
            )
        except ValidationError as exc:
            error = {field: " ".join(errors) for field, errors in exc.message_dict.items()}
        else:
            return redirect("voice:burst", secret=secret)
    waiting = bursts.waiting_in(burst)
    return render(
        request,
        "voice/burst_acknowledge.html",
        {
            "burst": burst,
            "waiting": [(alert, services.raw_answers(alert.feedback)) for alert in waiting],
            "error": error,
            "posted": request.POST if error else {},
        },
        status=400 if error else 200,
    )


def _burst_first(alert: SafeguardingAlert) -> tuple[object, ...]:
    # A burst's alerts together, where its first alert would fall.
    start = alert.burst.started_at if alert.burst else alert.sent_at
    return (start, alert.burst_id or 0, alert.sent_at, alert.pk)


@login_required
@require_GET
def alert_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    visible = SafeguardingAlert.objects.visible_to(user).select_related(
        "feedback__team", "burst__link"
    )
    # Every waiting alert, oldest first and never cut off: these are the ones to act on.
    waiting = sorted(visible.filter(state=AlertState.SENT), key=_burst_first)
    done = Paginator(
        visible.filter(state=AlertState.ACKNOWLEDGED).order_by("-sent_at", "-pk"),
        ALERTS_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    return render(request, "voice/alerts.html", {"waiting": waiting, "done": done})


@login_required
@require_http_methods(["GET", "POST"])
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    alert = get_alert_for_reader(user, pk)
    if request.method == "POST":
        attempt(
            request,
            lambda: services.acknowledge_alert(
                alert=alert, action=request.POST.get("action", ""), by=user
            ),
            success=_("Acknowledged"),
        )
        return redirect("voice:alert", pk=alert.pk)
    return render(
        request,
        "voice/alert.html",
        {
            "alert": alert,
            "words": services.raw_answers(alert.feedback),
            "contact": services.disclosure_contact(alert.feedback),
        },
    )
