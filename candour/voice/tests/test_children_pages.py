"""The pages a child or family reaches from a link: safe to leave, no staff furniture,
honest after a disclosure, with a way to be reached if they choose; listen-aloud, pictures
for 4 to 7 year olds and the easy-read page (ADR 0036)."""

from __future__ import annotations

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from candour.audit.events import AuditEventType
from candour.audit.models import AuditEvent
from candour.lib.codes import LOOK_ALIKES
from candour.voice import services
from candour.voice.journey import steps_for
from candour.voice.models import DisclosureContact, Feedback, SafeguardingAlert
from candour.voice.tests.factories import feedback_link
from candour.voice.tests.pages import walk
from candour.voice.vocabulary import YOUNG_CHOICES, AgeBand
from conftest import World, signed_in_client

pytestmark = pytest.mark.django_db
# Words the safeguarding check reads as a child unsafe now (ADR 0012).
DISCLOSURE = "my stepdad hits me and im scared"


@pytest.fixture
def token(world: World) -> str:
    """A feedback link's code, as printed on a poster."""
    return feedback_link(world).token


@pytest.fixture
def child() -> Client:
    """A child's browser: no account, nothing in its session yet."""
    return Client()


def _sent(client: Client, token: str, band: str, answers: dict[str, str]) -> str:
    """Answer every question, send from the check page; the thank-you page's HTML."""
    walk(client, token, band, answers)
    return client.post(reverse("voice:check", args=[token]), follow=True).content.decode()


def _page(client: Client, name: str, *args: str) -> str:
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    return response.content.decode()


def test_childrens_pages_offer_exit_this_page_and_no_staff_navigation_or_beta_banner(
    world: World, token: str, child: Client
) -> None:
    start = _page(child, "voice:start", token)
    assert 'class="govuk-exit-this-page"' in start
    assert 'href="https://www.bbc.co.uk/weather"' in start
    assert "govuk-service-navigation" not in start
    assert "Sign in" not in start
    assert "Report a mistake" not in start
    assert "govuk-phase-banner" not in start
    assert "mailto:" not in start
    # Staff pages keep theirs.
    staff = signed_in_client(world.manager).get(reverse("core:home")).content.decode()
    assert "govuk-service-navigation" in staff
    assert "govuk-exit-this-page" not in staff


def test_new_link_codes_have_no_look_alike_characters(world: World) -> None:
    link = services.create_link(
        actor=world.admin, organisation=world.riverside, team=None, name="Poster"
    )
    assert len(link.token) == 12
    assert not set(link.token) & LOOK_ALIKES


def test_an_anonymous_child_who_disclosed_is_told_honestly_and_may_say_how_to_reach_them(
    world: World, token: str, child: Client
) -> None:
    thanks = _sent(
        child,
        token,
        "8_12",
        {"rating": "very_poor", "what_would_be_better": DISCLOSURE},
    )
    assert "they may not know who you are" in thanks
    assert "Would you like someone to contact you? (optional)" in thanks

    url = reverse("voice:thanks", args=[token])
    refused = child.post(url, {"contact": "   "})
    assert refused.status_code == 400
    assert "<title>Error: " in refused.content.decode()
    assert 'href="#contact"' in refused.content.decode()

    done = child.post(url, {"contact": "Sam, 07700 900123, Hill School"}, follow=True)
    assert "We have passed on how to reach you" in done.content.decode()
    given = DisclosureContact.objects.get()
    assert b"07700" not in bytes(given.sealed or b"")
    assert AuditEvent.objects.filter(event_type=AuditEventType.FEEDBACK_CONTACT_GIVEN).exists()
    assert "07700" not in str(AuditEvent.objects.values_list("data", flat=True)[::1])

    alert = SafeguardingAlert.objects.get()
    page = signed_in_client(world.admin).get(reverse("voice:alert", args=[alert.pk]))
    assert "Sam, 07700 900123, Hill School" in page.content.decode()


def test_feedback_without_a_disclosure_offers_no_contact_box(token: str, child: Client) -> None:
    thanks = _sent(child, token, "13_plus", {"rating": "good", "what_was_good": "Listened."})
    assert "contact-form" not in thanks
    assert child.post(reverse("voice:thanks", args=[token]), {"contact": "x"}).status_code == 404


def test_a_family_reads_the_answer_to_its_own_feedback_with_its_private_code(
    world: World, token: str, child: Client
) -> None:
    from candour.voice.moderation import services as moderation

    thanks = _sent(child, token, "parent", {"rating": "poor", "what_would_be_better": "Call back."})
    code = re.search(r'id="reply-code">([0-9A-Z-]{19})<', thanks)
    assert code
    feedback = Feedback.objects.get()
    assert code.group(1) not in feedback.reply_code_digest

    url = reverse("voice:your-reply", args=[token])
    waiting = Client().post(url, {"code": code.group(1).lower()}).content.decode()
    assert "The team has not answered yet" in waiting
    services.publish_feedback(actor=world.analyst, feedback=feedback)
    moderation.reply(
        actor=world.analyst, feedback=feedback, you_said="Nobody rang back.", we_did="We rang."
    )
    answered = Client().post(url, {"code": code.group(1)}).content.decode()
    assert "We rang." in answered
    wrong = Client().post(url, {"code": "2222-3333-4444-5555"})
    assert wrong.status_code == 400
    assert "We could not find your feedback with that code" in wrong.content.decode()
    assert "We rang." not in wrong.content.decode()


# ----------------------------------------------- listen-aloud, pictures, easy read (ADR 0036)


def _read_aloud(page: str) -> list[str]:
    """The words listen-aloud would read: the elements marked data-candour-read, in order."""
    found = re.findall(r"<(\w+)[^>]*\bdata-candour-read\b[^>]*>(.*?)</\1>", page, flags=re.S)
    return [html.unescape(" ".join(re.sub(r"<[^>]+>", "", text).split())) for _tag, text in found]


def test_each_question_page_offers_listen_aloud_without_inline_script(
    token: str, child: Client
) -> None:
    child.post(reverse("voice:start", args=[token]), {"age_band": AgeBand.MIDDLE})
    rating = _page(child, "voice:question", token, "rating")
    # The controls wait in a template element for the script: nothing shows without it.
    controls = rating[rating.index('<template id="candour-listen"') : rating.index("</template>")]
    assert 'data-listen="Listen to the question"' in controls
    assert 'data-stop="Stop listening"' in controls
    assert 'data-pause="Pause"' in controls
    assert 'data-resume="Carry on"' in controls
    assert 'aria-hidden="true"' in controls, "the speaker drawing is not read out"
    assert '<script type="module" src="/static/candour/listen-aloud.js"></script>' in rating
    assert not re.search(r"<script(?![^>]*\bsrc=)", rating), "no inline script (CSP)"
    assert " style=" not in rating
    assert _read_aloud(rating) == [
        "How was it?",
        "Think about the last time you saw us.",
        "Really good",
        "Good",
        "OK",
        "Not good",
        "Really bad",
        "I don't know",
    ]
    # A question to write an answer to is read with its hint.
    good = _page(child, "voice:question", token, "what_was_good")
    assert _read_aloud(good) == [
        "What was good?",
        "You can leave this empty. You do not need to write your name.",
    ]
    start = _page(child, "voice:start", token)
    assert 'data-listen="Listen to this page"' in start
    # A child of 5 picks the small child before the 4-7 form starts.
    assert (
        '<img src="/static/candour/pictures/age_young.svg" alt="" width="56" height="56"'
        ' class="candour-picture"> <span data-candour-read>I am 4 to 7</span>'
    ) in start
    assert _read_aloud(start)[0] == "Tell us how it was"
    assert "Who is filling this in?" in _read_aloud(start)
    assert "I am 4 to 7" in _read_aloud(start)


def test_every_question_and_choice_for_4_to_7_year_olds_has_a_picture_and_no_box_to_write(
    token: str, child: Client
) -> None:
    child.post(reverse("voice:start", args=[token]), {"age_band": AgeBand.YOUNG})
    pictures = {
        "rating": "how_was_it",
        "what_was_good": "star",
        "what_would_be_better": "wand",
        "idea": "lightbulb",
    }
    for step in steps_for(AgeBand.YOUNG):
        page = _page(child, "voice:question", token, step.key)
        assert "<textarea" not in page, step.key
        assert f'src="/static/candour/pictures/{pictures[step.key]}.svg" alt=""' in page
        options = re.findall(r'type="radio" value="([^"]+)"', page)
        shown = re.findall(r'<img src="/static/candour/(?:faces|pictures)/[^"]+" alt=""', page)
        # One picture for the question and one for each choice, all hidden from screen
        # readers (the words beside them say the same).
        assert len(shown) == len(options) + 1, step.key
        assert 'class="govuk-radios candour-pictures"' in page
        if step.key in YOUNG_CHOICES:
            assert len(options) == len(YOUNG_CHOICES[step.key])
    idea = _page(child, "voice:question", token, "idea")
    for words, picture in [
        ("Ask me what I think", "question"),
        ("Help me see my family", "family"),
        ("More time to play", "kite"),
        ("I don&#x27;t have an idea", "thinking"),
    ]:
        label = re.search(
            rf"<label[^>]*>\s*<img src=\"([^\"]+)\"[^>]*>\s*<span[^>]*>{words}<", idea
        )
        assert label, words
        assert label.group(1).endswith(f"/{picture}.svg"), words
    # Older children see faces on the rating only, smaller, and no other pictures.
    older = Client()
    older.post(reverse("voice:start", args=[token]), {"age_band": AgeBand.TEEN})
    teen = _page(older, "voice:question", token, "what_was_good")
    assert "candour/pictures/" not in teen
    assert "candour-pictures" not in _page(older, "voice:question", token, "rating")


def test_the_4_to_7_check_page_shows_the_picture_of_each_answer(token: str, child: Client) -> None:
    check = walk(
        child,
        token,
        AgeBand.YOUNG,
        {"rating": "good", "what_was_good": "kind", "what_would_be_better": "explain"},
    )
    assert 'src="/static/candour/faces/good.svg" alt=""' in check
    assert 'src="/static/candour/pictures/heart.svg" alt=""' in check
    assert 'src="/static/candour/pictures/speech.svg" alt=""' in check
    assert "They were kind" in check
    assert "You did not say" in check, "the idea was skipped"


def test_the_easy_read_page_says_one_thing_a_line_with_a_picture_and_is_linked(
    token: str, child: Client
) -> None:
    easy_read = reverse("voice:easy-read", args=[token])
    start = _page(child, "voice:start", token)
    assert f'href="{easy_read}"' in start
    assert "What happens to what you tell us (easy read, with pictures)" in start

    page = _page(child, "voice:easy-read", token)
    assert (
        '<h1 class="govuk-heading-l" data-candour-read>What happens to what you tell us</h1>'
        in page
    )
    assert 'class="govuk-exit-this-page"' in page
    lines = re.findall(
        r'<li class="candour-easy-read__line">\s*<img src="([^"]+)" alt=""[^>]*>\s*'
        r'<span class="candour-easy-read__words" data-candour-read>(.*?)</span>',
        page,
        flags=re.S,
    )
    words = [html.unescape(re.sub(r"<[^>]+>", "", text)) for _src, text in lines]
    assert words[:3] == [
        "You tell us what it was like.",
        "You do not have to tell us your name.",
        "We keep what you tell us safe.",
    ]
    assert "If you tell us you are not safe, we pass it on straight away." in words
    assert "You are not in trouble." in words
    assert any("call 999" in line for line in words)
    assert all(src.startswith("/static/candour/pictures/") for src, _text in lines)
    assert "Childline is there day and night." in words
    # Easy read: one short sentence a line.
    assert all(len(line.split()) <= 15 for line in words), words
    assert all(line.count(". ") == 0 for line in words), words
    assert 'data-listen="Listen to this page"' in page

    # The thank-you page links to it, after ordinary feedback and after a worry alike.
    thanks = _sent(child, token, AgeBand.YOUNG, {"rating": "good"})
    assert f'href="{easy_read}"' in thanks
    worried = Client()
    disclosed = _sent(
        worried, token, AgeBand.MIDDLE, {"rating": "poor", "what_would_be_better": DISCLOSURE}
    )
    assert "Thank you for telling us" in disclosed
    assert f'href="{easy_read}"' in disclosed
    # A child of 4 to 7 who picked "something made me scared or sad" sees a shield beside
    # "You are not in trouble"; older children get the words alone.
    assert "shield.svg" not in disclosed
    young_worry = _sent(
        Client(), token, AgeBand.YOUNG, {"rating": "poor", "what_would_be_better": "scared"}
    )
    assert "Thank you for telling us" in young_worry
    not_in_trouble = young_worry[young_worry.index('id="not-in-trouble"') :]
    assert '<img src="/static/candour/pictures/shield.svg" alt=""' in not_in_trouble


def test_the_easy_read_page_is_in_welsh_when_the_child_chose_welsh(token: str) -> None:
    welsh = Client()
    welsh.get(reverse("core:start") + "?lang=cy")
    page = _page(welsh, "voice:easy-read", token)
    assert 'lang="cy"' in page
    assert "Does dim rhaid i ti ddweud dy enw wrthym." in page
    assert "Gwrando ar y dudalen hon" in page
    assert "You do not have to tell us your name." not in page
