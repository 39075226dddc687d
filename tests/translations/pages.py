"""Every page a member of the public sees, walked as they would walk it (ADR 0030).

Each walk yields (a name for the page, its HTML) for a client that chose its language
with the switch. The feedback walk covers every age band, every question, errors, the
check page, both thank-you pages (ordinary and a disclosure), the "too many" page, "you
said, we did" and reading an answer with a private code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from candour.core.services import set_safety_lead
from candour.learning.alerts import services as hazard_alerts
from candour.learning.lessons import services as lessons
from candour.learning.library import services as open_library
from candour.learning.library.content import open_copy
from candour.reporting.forms import NARRATIVE_MAX
from candour.reporting.journey.steps import STEPS
from candour.reporting.tests.factories import reviewed_report, submit
from candour.subscriptions.links import unsubscribe_token
from candour.subscriptions.models import DigestPreference
from candour.subscriptions.services import follow
from candour.subscriptions.vocabulary import Kind
from candour.surveys.services import close_wave
from candour.surveys.services import open_wave as open_survey_wave
from candour.surveys.tests.helpers import full_answers
from candour.voice import services as voice
from candour.voice.journey import steps_for
from candour.voice.models import Feedback, FeedbackLink
from candour.voice.moderation.services import reply
from candour.voice.tests.factories import feedback_link
from candour.voice.vocabulary import AgeBand
from conftest import World

Page = tuple[str, str]
# Words the detector reads as a child unsafe now (ADR 0012).
DISCLOSURE = "My stepdad hits me and I am scared to go home"


def staff_language() -> translation.override:
    """What staff do between the public's pages, done as staff would: in English (the test
    client leaves the last page's language active in this thread)."""
    return translation.override("en-gb")


def chosen(language: str) -> Client:
    """A browser that chose `language` with the switch."""
    client = Client()
    assert client.get(reverse("core:start") + f"?lang={language}").status_code == 302
    return client


def _html(response: object, expected: int = 200) -> str:
    status = getattr(response, "status_code", 0)
    assert status == expected, f"status {status}, expected {expected}"
    return getattr(response, "content", b"").decode()


def _answer_for(band: str, key: str, page: str) -> str:
    choice = re.search(rf'name="{key}" type="radio" value="([^"]+)"', page)
    if choice:
        return choice.group(1)
    return "" if key != "what_was_good" else "They listened."


def feedback_pages(world: World, language: str, link: FeedbackLink | None = None) -> Iterator[Page]:
    """The children's and families' pages, at every age band."""
    link = link or feedback_link(world)
    token = link.token
    for band in AgeBand.values:
        client = chosen(language)
        start = reverse("voice:start", args=[token])
        yield f"feedback start ({band})", _html(client.get(start))
        if band == AgeBand.YOUNG:
            yield "feedback start, nobody chosen", _html(client.post(start, {}), 400)
        client.post(start, {"age_band": band})
        for step in steps_for(band):
            url = reverse("voice:question", args=[token, step.key])
            page = _html(client.get(url))
            yield f"{step.key} ({band})", page
            if not step.optional:
                yield f"{step.key} unanswered ({band})", _html(client.post(url, {}), 400)
            if step.key == "what_was_good" and band != AgeBand.YOUNG:
                yield (
                    f"{step.key} too long ({band})",
                    _html(client.post(url, {step.key: "x" * 2001}), 400),
                )
            client.post(url, {step.key: _answer_for(band, step.key, page)})
        check = reverse("voice:check", args=[token])
        yield f"check your answers ({band})", _html(client.get(check))
        client.post(check)
        yield f"thank you ({band})", _html(client.get(reverse("voice:thanks", args=[token])))

    # A child who tells us a worry, then says how to reach them.
    client = chosen(language)
    client.post(reverse("voice:start", args=[token]), {"age_band": AgeBand.MIDDLE})
    for step in steps_for(AgeBand.MIDDLE):
        value = DISCLOSURE if step.key == "what_would_be_better" else ""
        value = "good" if step.key == "rating" else value
        client.post(reverse("voice:question", args=[token, step.key]), {step.key: value})
    client.post(reverse("voice:check", args=[token]))
    thanks = reverse("voice:thanks", args=[token])
    yield "thank you after a worry", _html(client.get(thanks))
    yield "how to reach me, empty", _html(client.post(thanks, {"contact": ""}), 400)
    client.post(thanks, {"contact": "At school, Riverside Primary"})
    yield "thank you, contact given", _html(client.get(thanks))

    # "You said, we did" with nothing yet, then with an answer; reading one's own answer.
    said = reverse("voice:link-you-said", args=[token])
    yield "you said, we did (nothing yet)", _html(chosen(language).get(said))
    reply_page = reverse("voice:your-reply", args=[token])
    client = chosen(language)
    yield "read your answer", _html(client.get(reply_page))
    yield "read your answer, wrong code", _html(client.post(reply_page, {"code": "X"}), 400)
    with staff_language():
        code = _sent_with_a_reply_code(world, link)
    yield "read your answer, not answered yet", _html(client.post(reply_page, {"code": code}))
    feedback = Feedback.objects.filter(link=link).order_by("-pk").first()
    assert feedback is not None
    with staff_language():
        voice.publish_feedback(actor=world.analyst, feedback=feedback)
        reply(
            actor=world.analyst,
            feedback=feedback,
            you_said="Visits were late.",
            we_did="We text the day before.",
        )
    yield "read your answer, answered", _html(client.post(reply_page, {"code": code}))
    yield "you said, we did", _html(chosen(language).get(said))


def easy_read_pages(world: World, language: str) -> Iterator[Page]:
    """Easy read: what happens to what you tell us (ADR 0036), and the pages linking to it."""
    token = feedback_link(world).token
    client = chosen(language)
    start = _html(client.get(reverse("voice:start", args=[token])))
    easy_read = reverse("voice:easy-read", args=[token])
    assert f'href="{easy_read}"' in start, "the start page links to easy read"
    yield "easy read", _html(client.get(easy_read))


def library_pages(world: World, language: str) -> Iterator[Page]:
    """The open lessons library (ADR 0033): empty, with an open lesson, searched, filtered
    and found nothing; the lesson's own page."""
    library = reverse("learning:library")
    yield "library, empty", _html(chosen(language).get(library))
    with staff_language():
        reports = [reviewed_report(world) for _ in range(3)]
        lesson = lessons.save_lesson(
            actor=world.analyst,
            organisation=world.riverside,
            reports=reports,
            title="See the child, awake",
            story="A visit went ahead without the child being seen.",
            commentary="Back-to-back visits made it easy to miss.",
            action_taken="Visits are spaced.",
        )
        lesson = lessons.publish_lesson(actor=world.analyst, lesson=lesson)
        digest = open_copy(lesson, today=timezone.localdate()).digest
        opened = open_library.publish_openly(actor=world.analyst, lesson=lesson, previewed=digest)
    client = chosen(language)
    yield "library", _html(client.get(library))
    yield "library, searched", _html(client.get(library, {"q": "child awake"}))
    yield "library, nothing found", _html(client.get(library, {"q": "zzzz qqqq"}))
    yield "library, filtered", _html(client.get(library, {"outcome": "near_miss"}))
    yield "library lesson", _html(client.get(reverse("learning:library-lesson", args=[opened.pk])))


def unsubscribe_pages(world: World, language: str) -> Iterator[Page]:
    """Stopping digest emails from the email's link, without signing in (ADR 0034)."""
    with staff_language():
        follow(actor=world.staff, kind=Kind.TEAM, target=str(world.assessment.pk))
    token = unsubscribe_token(DigestPreference.objects.get(user=world.staff))
    url = reverse("subscriptions:unsubscribe", args=[token])
    client = chosen(language)
    yield "unsubscribe", _html(client.get(url))
    yield "unsubscribed", _html(client.post(url))
    bad = reverse("subscriptions:unsubscribe", args=["nonsense"])
    yield "unsubscribe, link not valid", _html(client.get(bad), 404)


def _sent_with_a_reply_code(world: World, link: FeedbackLink) -> str:
    submitted, _secret = voice.submit_feedback(
        link=link, answers=voice.Answers(age_band=AgeBand.PARENT, rating="good")
    )
    return voice.give_reply_code(feedback=submitted.feedback)


def too_many_page(world: World, language: str) -> Iterator[Page]:
    """The page for feedback past the session's limit (the caller lowers the limit)."""
    token = feedback_link(world).token
    client = chosen(language)
    for _round in range(2):
        client.post(reverse("voice:start", args=[token]), {"age_band": AgeBand.TEEN})
        client.post(reverse("voice:question", args=[token, "rating"]), {"rating": "good"})
        response = client.post(reverse("voice:check", args=[token]))
    yield "too much feedback", _html(response, 429)


# What a reporter answers on each question page (ADR 0029), by the page's slug. The
# telephone number is there so the check page marks something it will take out.
def _report_answers(world: World) -> dict[str, dict[str, object]]:
    return {
        "organisation": {"organisation": str(world.riverside.pk)},
        "what-happened": {
            "what_happened": "I did not see the baby on the visit. I rang 07700 900123 after."
        },
        "outcome": {"outcome": "near_miss"},
        "when-and-where": {
            "occurred_month": timezone.localdate().replace(day=1).isoformat(),
            "part_of_day": "afternoon",
            "setting": "home_visit",
            "team": str(world.assessment.pk),
        },
        "what-helped": {
            "what_caught_it": "The health visitor rang.",
            "factors": ["workload"],
            "what_made_it_likely": "",
            "what_would_prevent": "See the child awake.",
        },
        "staying-in-touch": {"route": "confidential", "contact": "reporter@example.org"},
    }


def _redirected_to(response: object) -> str:
    assert getattr(response, "status_code", 0) == 302, getattr(response, "status_code", 0)
    return str(getattr(response, "url", ""))


def _link(page: str, pattern: str) -> str:
    """The address of the first link on the page whose href matches `pattern`."""
    found = re.search(rf'href="([^"]*{pattern}[^"]*)"', page)
    assert found is not None, pattern
    return html.unescape(found.group(1))


def reporting_pages(world: World, language: str) -> Iterator[Page]:
    """Reporting without an account, a question a page (ADR 0029): the start page, each
    question page and its errors (the organisation asked, as no link gave it), the contact
    box under "in confidence", the check page, a Change link there and back, deleting the
    answers, sending and the receipt; then coming back with the receipt."""
    client = chosen(language)
    answers = _report_answers(world)
    yield "report start", _html(client.get(reverse("reporting:start")))
    first = _redirected_to(client.get(reverse("reporting:new")))
    assert first == reverse("reporting:step", args=["organisation"])
    for step in STEPS:
        url = reverse("reporting:step", args=[step.slug])
        yield f"report, {step.slug}", _html(client.get(url))
        if step.slug == "what-helped":
            # Every question here is optional: the error is an answer that is too long.
            too_long = {"what_caught_it": "x" * (NARRATIVE_MAX + 1)}
            yield f"report, {step.slug} too long", _html(client.post(url, too_long), 400)
        else:
            yield f"report, {step.slug} unanswered", _html(client.post(url, {}), 400)
        if step.slug == "staying-in-touch":
            no_contact = {"route": "confidential", "contact": ""}
            yield "report, in confidence with no contact", _html(client.post(url, no_contact), 400)
        _redirected_to(client.post(url, answers[step.slug]))
    check_url = reverse("reporting:check")
    check = _html(client.get(check_url))
    assert 'class="candour-redaction"' in check, "the number is marked to be taken out"
    yield "report check page", check
    # A Change link on the check page, and back to the check page with the new answer.
    change = _link(check, "answer=what_caught_it")
    changing = _html(client.get(change))
    assert "autofocus" in changing, "the answer being changed has the focus"
    yield "report, changing an answer", changing
    changed = {**answers["what-helped"], "what_caught_it": "The health visitor rang me."}
    assert _redirected_to(client.post(change, changed)) == check_url
    check = _html(client.get(check_url))
    yield "report check page, answer changed", check
    delete = _link(check, reverse("reporting:delete"))
    yield "report, delete your answers?", _html(client.get(delete))
    token = re.search(r'name="submission_token" value="([^"]+)"', check)
    assert token is not None
    receipt_page = _html(client.post(check_url, {"submission_token": token.group(1)}))
    yield "report receipt", receipt_page
    # Another reporter who starts, then deletes what they wrote.
    client = chosen(language)
    new = reverse("reporting:new") + f"?organisation={world.riverside.slug}"
    step_url = _redirected_to(client.get(new))
    client.post(step_url, answers["what-happened"])
    assert _redirected_to(client.post(reverse("reporting:delete"))) == reverse("reporting:start")
    deleted = _html(client.get(reverse("reporting:start")))
    assert "govuk-notification-banner--success" in deleted, "says the answers were deleted"
    yield "report start, answers deleted", deleted
    follow_up = reverse("reporting:follow-up")
    yield "come back with your code", _html(client.get(follow_up))
    yield (
        "come back, wrong code",
        _html(client.post(follow_up, {"receipt": "AAAA-BBBB-CCCC-DDDD"}), 400),
    )
    # A report the learning team asked about, with an alert waiting for consent.
    with staff_language():
        set_safety_lead(actor=world.admin, organisation=world.riverside, lead=world.manager)
        submitted = submit(world)
        hazard_alerts.raise_alert(
            actor=world.analyst,
            report=submitted.report,
            hazard="Out-of-hours calls were diverted to a number nobody answers.",
            could_identify_reporter=True,
        )
    client = chosen(language)
    client.post(follow_up, {"receipt": submitted.receipt})
    yours = reverse("reporting:your-report")
    yield "your report", _html(client.get(yours))
    yield "your report, empty answer", _html(client.post(yours, {"text": ""}))
    client.post(yours, {"text": "The diverted number was the old duty phone."})
    yield "your report, answer sent", _html(client.get(yours))
    alert = submitted.report.alerts.get()
    client.post(reverse("reporting:alert-consent", args=[alert.pk]), {"consent": "no"})
    yield "your report, consent answered", _html(client.get(yours))


def survey_pages(world: World, language: str) -> Iterator[Page]:
    """The safety culture survey through a person's own link."""
    with staff_language():
        opened = open_survey_wave(
            actor=world.admin,
            organisation=world.riverside,
            title="Autumn",
            teams=[world.assessment],
            closes_on=timezone.localdate() + timedelta(days=14),
        )
    token = opened.tokens[world.staff.pk]
    client = chosen(language)
    answer = reverse("surveys:answer", args=[token])
    yield "survey", _html(client.get(answer))
    yield "survey, nothing answered", _html(client.post(answer, {}), 400)
    yield (
        "survey, unknown link",
        _html(client.get(reverse("surveys:answer", args=["no-such-link"])), 404),
    )
    yield "survey, thank you", _html(client.get(reverse("surveys:thanks")))
    client.post(answer, full_answers())
    yield "survey, link already used", _html(client.get(answer), 410)
    with staff_language():
        close_wave(actor=world.admin, wave=opened.wave)
    closed = reverse("surveys:answer", args=[opened.tokens[world.manager.pk]])
    yield "survey, closed", _html(chosen(language).get(closed), 410)


def general_pages(language: str) -> Iterator[Page]:
    client = chosen(language)
    yield "start page", _html(client.get(reverse("core:start")))
    yield "accessibility", _html(client.get(reverse("core:accessibility")))
    yield "page not found", _html(client.get("/no-such-page/"), 404)
