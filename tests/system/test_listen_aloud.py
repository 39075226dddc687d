"""Listen-aloud, pictures and easy read on the children's forms in a real browser (issue 22,
ADR 0036), at desktop and phone widths, with axe.

The browser's speech engine is outside Candour, and headless Chromium has no voices, so
the tests that press Listen install a small speech engine before the page loads: it has
the voices the test names and records what it is asked to say. Everything else (the page,
our script, the buttons) is real.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.system.support import AccessibilityCheck, ContextFactory, ShellRunner

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 320, "height": 640}}

MAKE_LINK = """
from candour.accounts.models import User
from candour.core.models import Organisation, Team
from candour.voice.services import create_link
organisation = Organisation.objects.get(name="Riverside Borough Council")
admin = User.objects.get(email="chris.evans@riverside.example")
team = Team.objects.get(organisation=organisation, name="Assessment Team 1")
print(create_link(actor=admin, organisation=organisation, team=team, name={name!r}).token)
"""

# A speech engine with the given voices that records each utterance instead of speaking.
SPEECH_ENGINE = """
(() => {
  const languages = %s;
  const record = { spoken: [], utterances: [], paused: false, cancelled: 0 };
  window.__speech = record;
  class Utterance extends EventTarget {
    constructor(text) {
      super();
      Object.assign(this, { text, lang: "", voice: null, rate: 1 });
    }
  }
  const engine = new EventTarget();
  engine.getVoices = () => languages.map((lang) => ({ lang, name: "Test " + lang, voiceURI: lang,
    localService: true, default: false }));
  engine.speak = (utterance) => {
    record.utterances.push(utterance);
    record.spoken.push({ text: utterance.text, lang: utterance.lang,
      voice: utterance.voice && utterance.voice.lang, rate: utterance.rate });
  };
  engine.cancel = () => { record.cancelled += 1; };
  engine.pause = () => { record.paused = true; };
  engine.resume = () => { record.paused = false; };
  Object.defineProperty(window, "speechSynthesis", { value: engine, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
})();
"""

RATING_READ = [
    "How was it?",
    "Pick a face.",
    "Really good",
    "Good",
    "OK",
    "Not good",
    "Really bad",
    "I don't know",
]


def _link(candour_shell: ShellRunner, name: str) -> str:
    return candour_shell(MAKE_LINK.format(name=name)).strip().splitlines()[-1]


def _with_voices(new_context: ContextFactory, voices: list[str], **options: Any) -> Page:
    context = new_context(**options)
    context.add_init_script(SPEECH_ENGINE % json.dumps(voices))
    return context.new_page()


def _spoken(page: Page) -> list[dict[str, Any]]:
    spoken: list[dict[str, Any]] = page.evaluate("window.__speech.spoken")
    return spoken


def _start_as_4_to_7(page: Page, token: str) -> None:
    page.goto(f"/feedback/{token}/")
    page.get_by_label("I am 4 to 7").check()
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("How was it?")


def _no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert width <= 0, f"{page.url} scrolls {width}px sideways"


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_given_a_voice_when_a_child_of_5_presses_listen_then_the_question_and_faces_are_read(
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
    width: str,
) -> None:
    token = _link(candour_shell, f"Browser: listen ({width})")
    page = _with_voices(new_context, ["en-GB", "cy-GB"], viewport=WIDTHS[width])
    _start_as_4_to_7(page, token)

    listen = page.get_by_role("button", name="Listen to the question")
    expect(listen).to_be_visible()
    pause = page.locator(".candour-listen__pause")
    expect(pause).to_be_hidden()
    assert serious_accessibility_problems(page) == []
    _no_sideways_scroll(page)

    # By keyboard: the button takes the focus and Enter presses it.
    listen.focus()
    page.keyboard.press("Enter")
    spoken = _spoken(page)
    assert [said["text"] for said in spoken] == RATING_READ
    assert {said["lang"] for said in spoken} == {"en-gb"}
    assert {said["voice"] for said in spoken} == {"en-GB"}
    stop = page.get_by_role("button", name="Stop listening")
    expect(stop).to_be_focused()
    expect(page.get_by_role("button", name="Pause")).to_be_visible()
    assert serious_accessibility_problems(page) == []

    page.get_by_role("button", name="Pause").click()
    assert page.evaluate("window.__speech.paused") is True
    page.get_by_role("button", name="Carry on").click()
    assert page.evaluate("window.__speech.paused") is False

    stop.click()
    assert page.evaluate("window.__speech.cancelled") >= 1
    expect(page.get_by_role("button", name="Listen to the question")).to_be_visible()
    expect(pause).to_be_hidden()

    # Listening again and letting it finish: the button is ready for another go.
    listen.click()
    page.evaluate("window.__speech.utterances.at(-1).dispatchEvent(new Event('end'))")
    expect(page.get_by_role("button", name="Listen to the question")).to_be_visible()

    # Every choice is a picture and words, and a big target for a small finger.
    faces = page.locator(".candour-pictures .govuk-radios__label")
    expect(faces).to_have_count(6)
    for index in range(6):
        box = faces.nth(index).bounding_box()
        assert box is not None
        assert box["height"] >= 56, box
    question_picture = page.locator("h1 img.candour-picture")
    expect(question_picture).to_have_attribute("alt", "")
    assert page.evaluate("document.querySelector('h1 img').naturalWidth") > 0

    # The form still goes on as before, listening or not.
    page.get_by_label("Good", exact=True).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What was good?")
    page.evaluate("window.__speech.spoken.length = 0")
    page.get_by_role("button", name="Listen to the question").click()
    assert [said["text"] for said in _spoken(page)] == [
        "What was good?",
        "Pick one if you want to, or press Next to skip.",
        "They listened to me",
        "They were kind",
        "I felt safe",
        "We did fun things",
        "Nothing was good",
    ]
    assert serious_accessibility_problems(page) == []
    _no_sideways_scroll(page)


def test_without_javascript_there_is_no_listen_button_and_the_form_works(
    new_context: ContextFactory, candour_shell: ShellRunner
) -> None:
    token = _link(candour_shell, "Browser: listen, no JavaScript")
    page = new_context(java_script_enabled=False).new_page()
    _start_as_4_to_7(page, token)
    expect(page.get_by_role("button", name="Listen to the question")).to_have_count(0)
    expect(page.locator(".candour-listen")).to_have_count(0)
    page.get_by_label("Really good").check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What was good?")


def test_without_a_voice_for_the_pages_language_there_is_no_listen_button(
    new_context: ContextFactory, candour_shell: ShellRunner
) -> None:
    token = _link(candour_shell, "Browser: listen, no voice")
    # Headless Chromium's own speech: JavaScript, but no voices at all.
    page = new_context().new_page()
    _start_as_4_to_7(page, token)
    page.wait_for_load_state("load")
    expect(page.locator(".candour-listen")).to_have_count(0)
    # An English voice only: an English page offers it, a Welsh page does not.
    english_only = _with_voices(new_context, ["en-US"])
    english_only.goto(f"/feedback/{token}/")
    expect(english_only.get_by_role("button", name="Listen to this page")).to_be_visible()
    english_only.goto(f"/feedback/{token}/?lang=cy")
    expect(english_only.locator("html")).to_have_attribute("lang", "cy")
    english_only.wait_for_load_state("load")
    expect(english_only.locator(".candour-listen")).to_have_count(0)


def test_a_welsh_page_is_read_with_a_welsh_voice(
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
) -> None:
    token = _link(candour_shell, "Browser: listen in Welsh")
    page = _with_voices(new_context, ["en-GB", "cy-GB"], viewport=WIDTHS["phone"])
    page.goto(f"/feedback/{token}/?lang=cy")
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    page.get_by_role("button", name="Gwrando ar y dudalen hon").click()
    spoken = _spoken(page)
    assert spoken[0]["text"] == "Dywed wrthym sut oedd hi"
    assert {said["lang"] for said in spoken} == {"cy"}
    assert {said["voice"] for said in spoken} == {"cy-GB"}
    expect(page.get_by_role("button", name="Stopio gwrando")).to_be_visible()
    assert serious_accessibility_problems(page) == []


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_easy_read_page_from_the_start_page_reads_one_line_at_a_time(
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
    width: str,
) -> None:
    token = _link(candour_shell, f"Browser: easy read ({width})")
    page = _with_voices(new_context, ["en-GB"], viewport=WIDTHS[width])
    page.goto(f"/feedback/{token}/")
    page.get_by_role(
        "link", name="What happens to what you tell us (easy read, with pictures)"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What happens to what you tell us")
    lines = page.locator(".candour-easy-read__line")
    expect(lines).to_have_count(17)
    for index in range(17):
        picture = lines.nth(index).locator("img")
        expect(picture).to_have_attribute("alt", "")
        assert picture.evaluate("image => image.naturalWidth") > 0
    assert serious_accessibility_problems(page) == []
    _no_sideways_scroll(page)
    page.get_by_role("button", name="Listen to this page").click()
    said = [said["text"] for said in _spoken(page)]
    assert said[:3] == [
        "What happens to what you tell us",
        "When you tell us something",
        "You tell us what it was like.",
    ]
    assert "Call Childline free on 0800 1111." in said
    page.get_by_role("link", name="Back").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tell us how it was")
