"""The children's and families' feedback pages in Polish, Urdu, Romanian and Arabic, at
every age band, and the easy-read page (ADR 0036), with no English left (ADR 0030); Arabic
and Urdu read right to left."""

from __future__ import annotations

from typing import Any

import pytest

from conftest import World
from tests.translations.catalogue import english_left, recording, untranslated
from tests.translations.pages import easy_read_pages, feedback_pages, too_many_page

pytestmark = pytest.mark.django_db
RIGHT_TO_LEFT = {"ar", "ur"}


@pytest.mark.parametrize("code", ["pl", "ur", "ro", "ar"])
def test_every_feedback_page_is_in_the_language_chosen(
    world: World, settings: Any, code: str
) -> None:
    with recording() as asked:
        pages = list(feedback_pages(world, code))
        pages += list(easy_read_pages(world, code))
        settings.CANDOUR_FEEDBACK_PER_SESSION = 1
        pages += list(too_many_page(world, code))
    direction = "rtl" if code in RIGHT_TO_LEFT else "ltr"
    for name, page in pages:
        assert f'<html lang="{code}" dir="{direction}"' in page, name
    problems = [f"{name}: {left}" for name, page in pages if (left := english_left(page, code))]
    assert not problems, f"English left on {code} pages:\n" + "\n".join(problems)
    missing = untranslated(asked, code)
    assert not missing, f"Not yet in {code}:\n" + "\n".join(missing)
