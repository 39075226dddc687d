"""The reporter's question pages (ADR 0029): one page at a time with Back links, errors
that keep what was typed, Change links that go to the page and come back, and a draft
that is sealed in the session, never in plain text, and gone once sent or deleted."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
import time_machine
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from candour.reporting.models import Report
from candour.reporting.tests.factories import (
    PAGES,
    answer_every_page,
    page_answers,
    receipt_of,
    send_checked,
)
from conftest import World, signed_in_client

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as HttpResponse

pytestmark = pytest.mark.django_db

NEW = "/report/new/"
CHECK = "/report/new/check/"
SECRET_WORDS = "Kasia Nowak at 14 Elm Road"


def _page(slug: str) -> str:
    return f"/report/new/{slug}/"


def _post(client: Client, slug: str, answers: dict[str, object]) -> HttpResponse:
    fields = dict(PAGES)[slug]
    return client.post(_page(slug), {name: answers[name] for name in fields if name in answers})


def _back_link(body: str) -> str:
    found = re.search(r'<a href="([^"]+)" class="govuk-back-link">', body)
    assert found, body
    return found.group(1)


def _h1(body: str) -> str:
    found = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    assert found, body
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


def _sealed_rows() -> str:
    """Everything the session store holds, raw and decoded."""
    rows = list(Session.objects.all())
    return " ".join(
        [row.session_data for row in rows] + [json.dumps(row.get_decoded()) for row in rows]
    )


def test_each_page_asks_its_question_with_a_back_link_to_the_one_before(world: World) -> None:
    client = Client()
    assert client.get(NEW)["Location"] == _page("organisation")
    answers = page_answers(world)
    expected = {
        "organisation": ("Which organisation is this about?", "/report/"),
        "what-happened": ("What happened?", _page("organisation")),
        "outcome": ("What was the outcome?", _page("what-happened")),
        "when-and-where": ("When and where did it happen?", _page("outcome")),
        "what-helped": ("What helped, and what made it more likely?", _page("when-and-where")),
        "staying-in-touch": ("How do you want to send this?", _page("what-helped")),
    }
    for index, (slug, _fields) in enumerate(PAGES):
        page = client.get(_page(slug))
        body = page.content.decode()
        assert page.status_code == 200, slug
        heading, back = expected[slug]
        assert _h1(body) == heading
        assert _back_link(body) == back
        assert "novalidate" in body
        following = _post(client, slug, answers)
        next_page = _page(PAGES[index + 1][0]) if index + 1 < len(PAGES) else CHECK
        assert following["Location"] == next_page, slug
    check = client.get(CHECK).content.decode()
    assert _back_link(check) == _page("staying-in-touch")
    assert "Kasia Nowak" in check
    assert Report.objects.count() == 0


def test_a_page_cannot_be_reached_before_the_pages_it_needs(world: World) -> None:
    client = Client()
    assert client.get(_page("when-and-where"))["Location"] == _page("organisation")
    assert client.get(CHECK)["Location"] == _page("organisation")
    assert client.get(_page("no-such-page")).status_code == 404
    _post(client, "organisation", page_answers(world))
    assert client.get(_page("outcome"))["Location"] == _page("what-happened")


def test_the_names_warning_is_on_the_pages_that_ask_for_words(world: World) -> None:
    client = Client()
    answers = page_answers(world)
    _post(client, "organisation", answers)
    assert "Do not write names" in client.get(_page("what-happened")).content.decode()
    assert "Sign in" not in client.get(_page("what-happened")).content.decode().split("<main")[1]


def test_an_organisations_link_skips_its_question_and_lists_only_its_teams(
    world: World,
) -> None:
    client = Client()
    start = client.get(NEW, {"organisation": world.moorland.slug})
    assert start["Location"] == _page("what-happened")
    body = client.get(_page("what-happened")).content.decode()
    assert _back_link(body) == "/report/"
    assert "We keep your answers, encrypted" in body
    answers = page_answers(world, organisation=str(world.moorland.pk), team="")
    for slug in ("what-happened", "outcome"):
        _post(client, slug, answers)
    teams = client.get(_page("when-and-where")).content.decode()
    assert f'<option value="{world.moorland_team.pk}"' in teams
    assert f'<option value="{world.assessment.pk}"' not in teams
    # The check page still names the organisation, and offers to change it.
    for slug in ("when-and-where", "what-helped", "staying-in-touch"):
        _post(client, slug, answers)
    check = client.get(CHECK).content.decode()
    assert world.moorland.name in check
    assert f'href="{_page("organisation")}?from=check&amp;answer=organisation"' in check


def test_a_signed_in_persons_own_organisation_is_the_one_asked_about(world: World) -> None:
    client = signed_in_client(world.staff)
    assert client.get(NEW)["Location"] == _page("what-happened")


def test_a_refused_page_shows_every_error_and_keeps_what_was_typed(world: World) -> None:
    client = Client()
    answers = page_answers(world)
    for slug in ("organisation", "what-happened", "outcome", "when-and-where"):
        _post(client, slug, answers)
    too_long = "The health visitor rang. " + "x" * 5000
    refused = client.post(
        _page("what-helped"),
        {
            "what_caught_it": too_long,
            "factors": ["workload", "supervision"],
            "what_would_prevent": "See the child <awake> & talk.",
        },
    )
    body = refused.content.decode()
    assert refused.status_code == 400
    assert re.search(r"<title>\s*Error: ", body)
    assert 'class="govuk-error-summary"' in body
    assert '<a href="#id_what_caught_it">Keep it to 5000 characters or fewer</a>' in body
    assert 'id="id_what_caught_it-error"' in body
    assert escape(too_long) in body
    assert escape("See the child <awake> & talk.") in body
    assert re.search(r'<input[^>]*value="supervision"[^>]*checked', body)
    # Away by the Back link and back again: still there, waiting to be put right.
    client.get(_page("when-and-where"))
    again = client.get(_page("what-helped")).content.decode()
    assert escape(too_long) in again
    assert re.search(r'<input[^>]*value="supervision"[^>]*checked', again)
    # Nothing is checked or sent while a page is refused.
    _post(client, "staying-in-touch", answers)
    assert client.get(CHECK)["Location"] == _page("what-helped")


def test_errors_on_a_question_that_is_the_heading_link_to_it(world: World) -> None:
    client = Client()
    _post(client, "organisation", page_answers(world))
    refused = client.post(_page("what-happened"), {"what_happened": "   "})
    body = refused.content.decode()
    assert refused.status_code == 400
    assert '<a href="#id_what_happened">Tell us what happened</a>' in body
    assert '<h1 class="govuk-label-wrapper">' in body
    outcome = client.post(_page("what-happened"), {"what_happened": "A visit was missed."})
    assert outcome["Location"] == _page("outcome")
    radios = client.post(_page("outcome"), {}).content.decode()
    assert '<a href="#id_outcome_0">Choose what the outcome was</a>' in radios
    assert '<h1 class="govuk-fieldset__heading">' in radios


def test_in_confidence_needs_a_way_to_contact_and_anonymous_keeps_none(world: World) -> None:
    client = Client()
    answers = page_answers(world)
    for slug, _fields in PAGES[:-1]:
        _post(client, slug, answers)
    refused = client.post(_page("staying-in-touch"), {"route": "confidential", "contact": " "})
    assert refused.status_code == 400
    assert "Give a way to contact you, or choose anonymous" in refused.content.decode()
    # Typed, then anonymous chosen after all: the address is not kept, even sealed.
    client.post(_page("staying-in-touch"), {"route": "anonymous", "contact": "me@example.org"})
    shown = client.get(_page("staying-in-touch")).content.decode()
    assert "me@example.org" not in shown
    assert "me@example.org" not in client.get(CHECK).content.decode()


def test_a_change_link_goes_to_the_answer_and_comes_back_to_the_check_page(
    world: World,
) -> None:
    client = Client()
    check = answer_every_page(client, page_answers(world)).content.decode()
    change = f"{_page('what-helped')}?from=check&answer=what_caught_it"
    assert f'href="{escape(change)}"' in check
    assert 'Change<span class="govuk-visually-hidden"> what caught it</span>' in check
    page = client.get(change).content.decode()
    assert _back_link(page) == CHECK
    assert re.search(r'<textarea[^>]*name="what_caught_it"[^>]*autofocus', page)
    assert "The health visitor rang." in page
    posted = client.post(
        change,
        {
            "what_caught_it": "A colleague noticed.",
            "factors": ["workload"],
            "what_would_prevent": "See the child awake.",
        },
    )
    assert posted["Location"] == CHECK
    again = client.get(CHECK).content.decode()
    assert "A colleague noticed." in again
    assert "The health visitor rang." not in again
    assert Report.objects.count() == 0


def test_changing_the_organisation_asks_for_the_team_again_then_returns(world: World) -> None:
    client = Client()
    answer_every_page(client, page_answers(world))
    changed = client.post(
        f"{_page('organisation')}?from=check&answer=organisation",
        {"organisation": str(world.moorland.pk)},
    )
    # Riverside's team is not Moorland's: that page again, then back to checking.
    assert changed["Location"] == f"{_page('when-and-where')}?from=check&answer=occurred_month"
    page = client.get(changed["Location"]).content.decode()
    assert "Choose a team" in page or world.moorland_team.name in page
    back = client.post(
        changed["Location"],
        {
            "occurred_month": timezone.localdate().replace(day=1).isoformat(),
            "part_of_day": "afternoon",
            "setting": "home_visit",
            "team": str(world.moorland_team.pk),
        },
    )
    assert back["Location"] == CHECK
    check = client.get(CHECK).content.decode()
    assert world.moorland.name in check
    assert world.moorland_team.name in check


def test_the_session_store_never_holds_the_reporters_words(world: World) -> None:
    client = Client()
    answers = page_answers(world, route="confidential", contact="kasia.reporter@example.org")
    answer_every_page(client, answers)
    stored = _sealed_rows()
    assert "sealed-draft:report" in stored
    for words in (SECRET_WORDS, "health visitor", "kasia.reporter", "See the child awake"):
        assert words not in stored
    # The browser holds half of the key; without it the draft cannot be read.
    cookie = client.cookies["candour-draft-report"]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert SECRET_WORDS not in cookie.value
    client.cookies.pop("candour-draft-report")
    assert client.get(CHECK)["Location"] == _page("organisation")


def test_sending_deletes_the_draft_and_the_browsers_half_of_its_key(world: World) -> None:
    client = Client()
    check = answer_every_page(client, page_answers(world))
    sent = send_checked(client, check)
    assert "Report sent" in sent.content.decode()
    assert sent.cookies["candour-draft-report"]["max-age"] == 0
    assert "sealed-draft:report" not in _sealed_rows()
    report = Report.objects.get()
    assert report.team == world.assessment
    assert "Kasia" not in report.what_happened
    assert client.get(NEW)["Location"] == _page("organisation")


def test_deleting_asks_once_then_forgets_everything(world: World) -> None:
    client = Client()
    answer_every_page(client, page_answers(world))
    ask = client.get("/report/new/delete/").content.decode()
    assert "Delete your answers?" in ask
    assert 'href="/report/new/"' in ask
    assert "sealed-draft:report" in _sealed_rows()
    deleted = client.post("/report/new/delete/", follow=True)
    assert "Your answers have been deleted" in deleted.content.decode()
    assert "sealed-draft:report" not in _sealed_rows()
    assert client.get(CHECK)["Location"] == _page("organisation")
    assert Report.objects.count() == 0


def test_a_draft_unused_for_two_hours_is_deleted_and_the_reporter_told(world: World) -> None:
    client = Client()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        answer_every_page(client, page_answers(world))
        clock.shift(timedelta(hours=1, minutes=59))
        assert client.get(CHECK).status_code == 200  # still there, and its time restarts
        clock.shift(timedelta(hours=2, minutes=1))
        gone = client.get(CHECK, follow=True)
    assert gone.redirect_chain[-1][0] == _page("organisation")
    assert "We deleted your earlier answers" in gone.content.decode()
    assert "sealed-draft:report" not in _sealed_rows()


def test_pressing_send_twice_sends_one_report_and_the_last_page_has_a_working_receipt(
    world: World,
) -> None:
    client = Client()
    check = answer_every_page(client, page_answers(world))
    first = send_checked(client, check)
    # The second press arrives after the first sent the report and deleted the draft.
    second = send_checked(client, check)
    assert Report.objects.count() == 1
    assert "Your report was sent once" in second.content.decode()
    assert "Your report was sent once" not in first.content.decode()
    opened = client.post("/report/follow-up/", {"receipt": receipt_of(second)})
    assert opened.status_code == 302
    assert client.post("/report/follow-up/", {"receipt": receipt_of(first)}).status_code == 400


def test_a_token_this_browser_was_not_given_cannot_reissue_a_receipt(world: World) -> None:
    owner = Client()
    check = answer_every_page(owner, page_answers(world))
    send_checked(owner, check)
    stranger = Client()
    answer_every_page(stranger, page_answers(world))
    send_checked(stranger, check)  # the owner's token, from another browser
    assert Report.objects.count() == 2
    assert "Your report was sent once" not in send_checked(Client(), check).content.decode()


def test_the_check_page_marks_what_will_be_taken_out(world: World) -> None:
    check = answer_every_page(Client(), page_answers(world)).content.decode()
    happened = check.split('id="answer-what_happened"', 1)[1].split("</dd>", 1)[0]
    assert re.search(r"<mark[^>]*>.*Kasia Nowak</mark>", happened)
    assert "Will be taken out:" in happened
    assert 'id="removals"' in check


def test_the_confirmation_says_when_to_come_back(world: World) -> None:
    client = Client()
    body = send_checked(client, answer_every_page(client, page_answers(world))).content.decode()
    report = Report.objects.get()
    assert "When to come back" in body
    assert "working days" in body
    assert f"{report.due_on.day} {report.due_on:%B %Y}" in body


def test_the_contact_box_is_revealed_only_under_in_confidence(world: World) -> None:
    client = Client()
    for slug, _fields in PAGES[:-1]:
        _post(client, slug, page_answers(world))
    page = client.get(_page("staying-in-touch")).content.decode()
    assert 'data-candour-reveals="conditional-contact"' in page
    conditional = page.split('id="conditional-contact"', 1)[1].split("</fieldset>", 1)[0]
    assert 'name="contact"' in conditional
    assert "govuk-radios__conditional--hidden" in page


def test_a_team_from_another_organisation_is_an_error_not_a_crash(world: World) -> None:
    client = Client()
    answers = page_answers(world, team=str(world.moorland_team.pk))
    for slug in ("organisation", "what-happened", "outcome"):
        _post(client, slug, answers)
    refused = _post(client, "when-and-where", answers)
    assert refused.status_code == 400
    assert "Choose a team in the organisation you chose" in refused.content.decode()


def test_an_unknown_link_asks_which_organisation(world: World) -> None:
    client = Client()
    assert client.get(NEW, {"organisation": "no-such-council"})["Location"] == _page("organisation")
    page = client.get(_page("organisation")).content.decode()
    assert f'<option value="{world.riverside.pk}">' in page
    assert f'<option value="{world.hub.pk}">' not in page  # a national hub takes no reports
