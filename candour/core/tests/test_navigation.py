"""The service navigation: a few sections, only what the role may use, the current
section marked, and the pages of that section listed under it (issue 18)."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from conftest import World, signed_in_client


def _sections(html: str) -> list[tuple[str, str]]:
    """(label, aria-current or "") of each section in the service navigation."""
    menu = html.split('id="navigation"')[1].split("</ul>")[0]
    found = []
    for link in re.findall(r"<a class=\"govuk-service-navigation__link\"[^>]*>.*?</a>", menu, re.S):
        current = re.search(r'aria-current="(\w+)"', link)
        label = re.sub(r"<[^>]+>", "", link.split(">", 1)[1]).strip()
        found.append((label, current.group(1) if current else ""))
    return found


def _section_pages(html: str) -> list[tuple[str, str]]:
    """(label, href) of the current section's pages; [] when it has none to list."""
    if "candour-section-navigation__list" not in html:
        return []
    block = html.split("candour-section-navigation__list")[1].split("</ul>")[0]
    return [
        (re.sub(r"\s+", " ", text).strip(), href)
        for href, text in re.findall(r'href="([^"]+)"[^>]*>([^<]+)</a>', block)
    ]


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_each_role_sees_a_few_sections_of_what_it_may_use(world: World) -> None:
    staff = [label for label, _ in _sections(_get(signed_in_client(world.staff), "/home/"))]
    analyst = [label for label, _ in _sections(_get(signed_in_client(world.analyst), "/home/"))]
    admin = [label for label, _ in _sections(_get(signed_in_client(world.admin), "/home/"))]

    assert staff == ["Home", "Reports", "Learning", "Ideas", "Feedback"]
    assert analyst == ["Home", "Reports", "Learning", "Ideas", "Feedback", "Health"]
    assert "Organisation" in admin
    assert "Ideas" not in admin  # an administrator alone has no team's ideas to see
    # Never more than nine (with Sign out): one row on a desktop.
    for labels in (staff, analyst, admin):
        assert len(labels) <= 8


def test_the_current_section_is_marked_and_lists_its_pages(world: World) -> None:
    analyst = signed_in_client(world.analyst)

    home = _get(analyst, "/home/")
    assert ("Home", "page") in _sections(home)
    assert [label for label, _ in _section_pages(home)] == [
        "Home",
        "Notifications",
        "Your account",
    ]

    themes = _get(analyst, reverse("learning:themes"))
    assert ("Learning", "true") in _sections(themes)  # in the section, not its first page
    assert ("Home", "") in _sections(themes)
    pages = dict(_section_pages(themes))
    assert pages["Themes"] == reverse("learning:themes")
    assert pages["Lessons"] == reverse("learning:lessons")
    assert 'aria-current="page">Themes</a>' in themes

    # A report's own page belongs to the section of the queue it came from.
    queue = _get(analyst, reverse("reporting:queue"))
    assert ("Reports", "page") in _sections(queue)
    assert [label for label, _ in _section_pages(queue)] == [
        "Triage",
        "What people reported",
        "Report a mistake or near miss",
        "Paper and phone",
    ]


def test_a_page_under_a_sections_page_marks_that_page(world: World) -> None:
    trends = _get(signed_in_client(world.manager), reverse("workforce:health-trends"))

    assert ("Health", "true") in _sections(trends)
    assert 'href="/health/" aria-current="true">Health</a>' in trends
    assert 'aria-current="page"' not in trends


def test_staff_do_not_see_the_learning_teams_pages(world: World) -> None:
    staff = signed_in_client(world.staff)

    lessons = _get(staff, reverse("learning:lessons"))

    assert ("Learning", "page") in _sections(lessons)
    assert _section_pages(lessons) == []  # Lessons is the only page of theirs
    assert reverse("learning:themes") not in lessons
    assert reverse("reporting:queue") not in lessons


def test_a_section_with_one_page_lists_nothing_under_the_navigation(world: World) -> None:
    ideas = _get(signed_in_client(world.manager), reverse("ideas:board"))

    assert ("Ideas", "page") in _sections(ideas)
    assert "candour-section-navigation" not in ideas
