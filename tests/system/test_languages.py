"""Languages in a real browser (issue 22, ADR 0030): the English | Cymraeg switch, the
choice remembered on the next page, and the Arabic family form laid out right to left."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import FloatRect, Page, expect

from tests.system.support import AccessibilityCheck, ContextFactory, ShellRunner

pytestmark = pytest.mark.browser

MAKE_LINK = """
from candour.accounts.models import User
from candour.core.models import Organisation, Team
from candour.voice.services import create_link
organisation = Organisation.objects.get(name="Riverside Borough Council")
admin = User.objects.get(email="chris.evans@riverside.example")
team = Team.objects.get(organisation=organisation, name="Assessment Team 1")
print(create_link(actor=admin, organisation=organisation, team=team, name="Browser: Arabic").token)
"""


def test_given_english_when_cymraeg_is_chosen_then_the_next_page_is_in_welsh_too(
    page: Page, serious_accessibility_problems: AccessibilityCheck
) -> None:
    page.goto("/report/")
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    switch = page.get_by_role("navigation", name="Choose a language")
    welsh = switch.get_by_role("link", name="Cymraeg")
    expect(welsh).to_have_attribute("lang", "cy")
    expect(welsh).to_have_attribute("hreflang", "cy")

    welsh.click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dweud wrth y tîm dysgu am gamgymeriad neu rywbeth a fu bron â digwydd"
    )
    english = page.get_by_role("navigation", name="Dewis iaith").get_by_role("link", name="English")
    expect(english).to_have_attribute("lang", "en-gb")
    assert serious_accessibility_problems(page) == []

    # Remembered: the next page opens in Welsh without choosing again.
    page.get_by_role(
        "link", name="Defnyddiwch eich cod derbynneb i ddarllen cwestiynau a'u hateb"
    ).click()
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.get_by_role("button", name="Parhau")).to_be_visible()
    page.goto("/accessibility/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Datganiad hygyrchedd")

    # And back to English the same way.
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibility statement")


def test_the_welsh_councils_report_form_starts_in_welsh(page: Page) -> None:
    page.goto("/report/new/?organisation=cyngor-sir-aberafon")
    # The council came with the link, so its question is not asked: the first page is
    # what happened (ADR 0029), in the council's language.
    expect(page).to_have_url(re.compile(r"/report/new/what-happened/$"))
    expect(page.locator("html")).to_have_attribute("lang", "cy")
    expect(page.locator(".govuk-caption-l")).to_have_text("Eich adroddiad")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beth ddigwyddodd?")
    expect(page.get_by_role("textbox", name="Beth ddigwyddodd?")).to_be_visible()
    expect(page.get_by_role("button", name="Parhau")).to_be_visible()
    # A person's own choice wins over the council's.
    page.get_by_role("link", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    expect(page.get_by_role("heading", level=1)).to_have_text("What happened?")
    expect(page.get_by_role("button", name="Continue")).to_be_visible()


def _box(page: Page, selector: str) -> FloatRect:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box


def test_given_an_arabic_family_the_form_reads_right_to_left(
    new_context: ContextFactory,
    candour_shell: ShellRunner,
    serious_accessibility_problems: AccessibilityCheck,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    token = candour_shell(MAKE_LINK).strip().splitlines()[-1]
    page = new_context(viewport={"width": 1024, "height": 900}).new_page()
    page.goto(f"/feedback/{token}/")
    page.get_by_role("navigation", name="Choose a language").get_by_role(
        "link", name="العربية"
    ).click()
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ar")
    expect(html).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", level=1)).to_have_text("أخبرنا كيف كانت التجربة")
    assert serious_accessibility_problems(page) == []

    # Each radio sits to the right of its words, its circle at the item's right edge.
    item = _box(page, ".govuk-radios__item")
    radio = _box(page, ".govuk-radios__input")
    label = _box(page, ".govuk-radios__label")
    assert radio["x"] > label["x"]
    assert abs((radio["x"] + radio["width"]) - (item["x"] + item["width"])) <= 2
    circle_right = page.evaluate(
        "getComputedStyle(document.querySelector('.govuk-radios__label'), '::before').right"
    )
    assert circle_right == "2px"
    # Phone numbers keep their digits in order inside Arabic text.
    childline = page.locator('#help-now a[href="tel:08001111"]')
    assert childline.evaluate("link => getComputedStyle(link).direction") == "ltr"
    # The column of text stands at the right of the page, not the left.
    column = _box(page, ".govuk-grid-column-two-thirds")
    assert column["x"] > 1024 / 4
    page.screenshot(path=str(tmp_path_factory.mktemp("rtl") / "arabic-start.png"), full_page=True)

    # Choosing nothing: the error summary and message, in Arabic, right to left.
    page.get_by_role("button", name="ابدأ").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("توجد مشكلة")
    expect(summary).to_contain_text("اختر من يملأ هذا النموذج")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.govuk-error-summary')).direction")
        == "rtl"
    )
    assert serious_accessibility_problems(page) == []

    page.get_by_label("أنا أحد الوالدين أو مقدّم رعاية").check()
    page.get_by_role("button", name="ابدأ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "بشكل عام، كيف كانت تجربتكم مع خدمتنا؟"
    )
    # The back link's arrow points right, on the right.
    back = page.get_by_role("link", name="رجوع")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.govuk-back-link')).paddingLeft")
        == "0px"
    )
    back_box = back.bounding_box()
    assert back_box is not None
    assert back_box["x"] > 1024 / 2
    assert serious_accessibility_problems(page) == []
