"""The report form on paper: produced from the question pages' own forms, tagged PDF/UA,
with every question and its choices, readable at print size, in English and Welsh."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from candour.reporting.journey.steps import STEPS
from candour.reporting.vocabulary import Outcome, Setting
from conftest import World

pytestmark = pytest.mark.django_db


def _pdf(client: Client, query: str = "") -> PdfReader:
    response = client.get(reverse("reporting:paper-form") + query)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    return PdfReader(io.BytesIO(response.content))


def _text(pdf: PdfReader) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def _tagged(pdf: PdfReader, language: str) -> None:
    root: Any = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == language
    assert b"pdfuaid:part" in root["/Metadata"].get_object().get_data()


def test_the_report_form_prints_every_question_of_the_web_form(world: World) -> None:
    pdf = _pdf(Client(), "?organisation=riverside")
    _tagged(pdf, "en-GB")
    text = _text(pdf)
    for step in STEPS[1:]:
        for name in step.fields:
            label = str(step.form.base_fields[name].label)
            assert label in text, label
    for choice in (*Outcome.labels, *Setting.labels):
        assert str(choice) in text, choice
    # Printed for Riverside: its teams to tick, and the organisation is not asked.
    assert "Assessment" in text
    assert "Child in Need" in text
    assert "Which organisation is this about?" not in text
    assert "How to return this form" in text
    assert "What happens next" in text
    # Where to send it online instead (a long address may wrap onto the next line).
    assert "/report/?organisation=riverside" in text.replace(" ", "")


def test_the_report_form_without_an_organisation_asks_for_one(world: World) -> None:
    text = _text(_pdf(Client()))
    assert "Which organisation is this about?" in text
    assert "Riverside" in text


def test_the_report_form_in_welsh(world: World) -> None:
    pdf = _pdf(Client(), "?organisation=riverside&language=cy")
    _tagged(pdf, "cy")
    text = _text(pdf)
    with translation.override("cy"):
        asked = str(STEPS[1].form.base_fields["what_happened"].label)
        returning = translation.gettext("How to return this form")
    assert asked != "What happened?"
    assert asked in text
    assert returning in text
    assert "How to return this form" not in text


def test_an_unknown_organisation_is_not_found() -> None:
    assert (
        Client().get(reverse("reporting:paper-form") + "?organisation=nowhere").status_code == 404
    )
