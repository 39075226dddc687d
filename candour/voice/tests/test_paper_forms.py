"""The children's and families' feedback forms on paper: each age band's own questions and
choices from the journey, tagged PDF/UA, in every language the web form is in, right to
left for Arabic and Urdu, with no message left in English."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from candour.voice.journey import answer_choices, steps_for
from candour.voice.tests.factories import feedback_link
from candour.voice.vocabulary import AgeBand
from conftest import World
from tests.translations.catalogue import recording, untranslated

pytestmark = pytest.mark.django_db


def _pdf(client: Client, url: str) -> PdfReader:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def _text(pdf: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


@pytest.mark.parametrize("band", AgeBand.values)
def test_each_age_bands_form_prints_its_own_questions_and_choices(world: World, band: str) -> None:
    link = feedback_link(world)
    pdf = _pdf(Client(), reverse("voice:paper-form", args=[link.token, band]))
    root: Any = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    text = _text(pdf)
    for question in steps_for(band):
        assert str(question.question(band)) in text
        for _value, choice in answer_choices(band, question.key):
            assert str(choice) in text, choice
    assert "Assessment, Riverside" in text
    assert "How to give this back" in text
    assert f"/feedback/{link.token}/" in text.replace(" ", "")
    assert "0800 1111" in text


@pytest.mark.parametrize("code", ["cy", "pl", "ur", "ro", "ar"])
def test_the_forms_are_printed_in_each_language_with_nothing_left_in_english(
    world: World, code: str
) -> None:
    link = feedback_link(world)
    with recording() as asked:
        pdfs = [
            _pdf(
                Client(),
                reverse("voice:paper-form", args=[link.token, band]) + f"?language={code}",
            )
            for band in AgeBand.values
        ]
    assert untranslated(asked, code) == []
    for pdf in pdfs:
        root: Any = pdf.trailer["/Root"]
        assert root["/Lang"] == code
    with translation.override(code):
        title = translation.gettext("Tell us how it was")
    assert title != "Tell us how it was"
    assert title in _text(pdfs[0])


def test_an_unknown_link_or_age_band_is_not_found(world: World) -> None:
    link = feedback_link(world)
    assert Client().get(reverse("voice:paper-form", args=["nope", "8_12"])).status_code == 404
    assert Client().get(reverse("voice:paper-form", args=[link.token, "adult"])).status_code == 404
