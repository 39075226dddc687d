"""Every public page in Welsh, with no English left (ADR 0030): each page a member of the
public sees is rendered with Welsh chosen, and fails if any visible text is one of our
English messages that the catalogue translates, or if the page used a message the Welsh
catalogue leaves untranslated."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse

from candour.accounts.models import User
from candour.voice import services as voice
from candour.voice.models import SafeguardingAlert
from candour.voice.tests.factories import feedback_link
from conftest import World, signed_in_client
from tests.translations.catalogue import english_left, recording, untranslated
from tests.translations.pages import (
    Page,
    easy_read_pages,
    feedback_pages,
    general_pages,
    library_pages,
    reporting_pages,
    staff_language,
    survey_pages,
    too_many_page,
    unsubscribe_pages,
)

pytestmark = pytest.mark.django_db
WELSH = "cy"


def _check(
    pages: list[Page], asked_messages: list[str], data: frozenset[str] = frozenset()
) -> None:
    problems = [
        f"{name}: {left}" for name, page in pages if (left := english_left(page, WELSH, data=data))
    ]
    assert not problems, "English left on Welsh pages:\n" + "\n".join(problems)
    assert not asked_messages, "Not yet in Welsh:\n" + "\n".join(asked_messages)


def test_the_childrens_and_families_feedback_pages_are_all_in_welsh(world: World) -> None:
    with recording() as asked:
        pages = list(feedback_pages(world, WELSH))
    assert all('lang="cy"' in page for _name, page in pages)
    _check(pages, untranslated(asked, WELSH))


def test_the_too_many_page_is_in_welsh(world: World, settings: Any) -> None:
    settings.CANDOUR_FEEDBACK_PER_SESSION = 1
    with recording() as asked:
        pages = list(too_many_page(world, WELSH))
    _check(pages, untranslated(asked, WELSH))


def test_reporting_and_coming_back_with_a_receipt_are_all_in_welsh(world: World) -> None:
    with recording() as asked:
        pages = list(reporting_pages(world, WELSH))
    _check(pages, untranslated(asked, WELSH))


def test_the_safety_culture_survey_is_in_welsh(world: World) -> None:
    with recording() as asked:
        pages = list(survey_pages(world, WELSH))
    _check(pages, untranslated(asked, WELSH))


def test_the_start_help_and_error_pages_are_in_welsh(world: World) -> None:
    with recording() as asked:
        pages = list(general_pages(WELSH))
    _check(pages, untranslated(asked, WELSH))


def test_the_easy_read_page_is_in_welsh(world: World) -> None:
    with recording() as asked:
        pages = list(easy_read_pages(world, WELSH))
    assert all('lang="cy"' in page for _name, page in pages)
    _check(pages, untranslated(asked, WELSH))


def test_the_open_lessons_library_is_in_welsh(world: World) -> None:
    with recording() as asked:
        pages = list(library_pages(world, WELSH))
    assert all('lang="cy"' in page for _name, page in pages)
    # The lesson's own words are the organisation's, written in English: data, not ours.
    _check(pages, untranslated(asked, WELSH))


def test_stopping_digest_emails_is_in_welsh(world: World) -> None:
    with recording() as asked:
        pages = list(unsubscribe_pages(world, WELSH))
    assert all('lang="cy"' in page for _name, page in pages)
    _check(pages, untranslated(asked, WELSH))


def test_the_check_finds_english_on_a_page_that_is_not_in_welsh(world: World) -> None:
    # The checks above pass only because the pages are in Welsh, not because they miss.
    english = next(iter(general_pages("en-gb")))[1]
    left = english_left(english, WELSH)
    assert "Skip to main content" in left
    assert "Learn from everyday practice, safely" in left
    with recording() as asked:
        list(general_pages(WELSH))
    assert ("cy", "Skip to main content") in asked.messages


def test_staff_navigation_home_pages_and_the_duty_teams_alerts_are_in_welsh(
    world: World,
) -> None:
    with staff_language():
        voice.set_duty_contact(
            actor=world.admin, organisation=world.riverside, email="duty@riverside.example"
        )
        voice.submit_feedback(
            link=feedback_link(world),
            answers=voice.Answers(age_band="parent", rating="good", what_was_good="جيد"),
            language="ar",
        )
    alert = SafeguardingAlert.objects.get()
    pages: list[Page] = []
    with recording() as asked:
        for user in (world.staff, world.manager, world.analyst, world.national_analyst):
            client = signed_in_client(user)
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = WELSH
            pages.append(
                (f"home ({user.email})", client.get(reverse("core:home")).content.decode())
            )
        admin = signed_in_client(world.admin)
        admin.cookies[settings.LANGUAGE_COOKIE_NAME] = WELSH
        slug = world.riverside.slug
        for name, url in [
            ("administrator's home", reverse("core:home")),
            ("organisation", reverse("core:organisation", args=[slug])),
            ("language of public pages", reverse("core:default-language", args=[slug])),
            ("safeguarding alerts", reverse("voice:alerts")),
            ("safeguarding alert", reverse("voice:alert", args=[alert.pk])),
        ]:
            page = admin.get(url).content.decode()
            assert 'lang="cy"' in page, name
            pages.append((name, page))
    assert "Wedi&#x27;i ysgrifennu yn Arabeg: rhaid i berson ei ddarllen yn gyntaf" in pages[-1][1]
    # The test's people are named after their roles ("Manager"): names are not English.
    names = frozenset(User.objects.values_list("full_name", flat=True))
    _check(pages, untranslated(asked, WELSH), names)
