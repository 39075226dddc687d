"""Which writing the detector cannot read (ADR 0030): never "readable" when in doubt."""

from __future__ import annotations

import pytest

from candour.lib.safeguarding.reading import written_in


@pytest.mark.parametrize(
    "text",
    [
        "my stepdad hits me",
        "im scard of my stepdad hes here",
        "She listened to me and explained what would happen.",
        "Kind, helpful, listens well",
        "ok",
        "",
        "12345 !!!",
    ],
)
def test_english_is_read_by_the_detector(text: str) -> None:
    assert written_in(text, page_language="en-gb") is None


@pytest.mark.parametrize(
    ("text", "page", "language"),
    [
        ("زوج أمي يضربني كل ليلة", "ar", "ar"),
        ("زوج أمي يضربني كل ليلة", "en-gb", "arabic_script"),
        ("میرا سوتیلا باپ مجھے مارتا ہے", "en-gb", "ur"),
        ("میرا سوتیلا باپ مجھے مارتا ہے", "ur", "ur"),
        ("mera sotela baap mujhe maarta hai", "ur", "ur"),
        ("ojczym mnie bije, boję się wracać do domu", "en-gb", "pl"),
        ("ojczym mnie bije i boje sie", "pl", "pl"),
        ("tatăl meu vitreg mă bate", "en-gb", "ro"),
        ("mi-e frica de tatal meu vitreg", "ro", "ro"),
        ("Mae fy nhad yn fy nharo i", "cy", "cy"),
        ("Mae arna i ofn mynd adre at fy llystad, mae'n fy mwrw", "cy", "cy"),
        ("Отчим меня бьёт", "en-gb", "cyrillic_script"),
        ("继父打我", "en-gb", "chinese_script"),
        ("mi padrastro pega mucho y tengo miedo", "en-gb", "other_language"),
        ("he hits me زوج أمي", "en-gb", "arabic_script"),
    ],
)
def test_other_languages_and_scripts_go_to_a_person(text: str, page: str, language: str) -> None:
    assert written_in(text, page_language=page) == language


@pytest.mark.parametrize("page", ["cy", "pl", "ro", "ur", "ar"])
def test_english_on_a_page_in_another_language_is_still_read(page: str) -> None:
    assert written_in("my stepdad hits me and I am scared", page_language=page) is None
    assert written_in("ok", page_language=page) is None
