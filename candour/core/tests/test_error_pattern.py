"""The one error pattern: dates as people write them, no browser bubbles, every form
with novalidate, and "Error: " before the title of any page that shows a refusal."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django import forms
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.template import Context, Template

from candour.core.forms import GovukForm


class _DateForm(GovukForm):
    on = forms.DateField(label="On", error_messages={"invalid": "Enter a real date"})
    note = forms.CharField(label="Note")


@pytest.mark.parametrize(
    "typed",
    [
        "30 November 2026",
        "30 Nov 2026",
        "30 november 2026",
        "30/11/2026",
        "30 11 2026",
        "2026-11-30",
    ],
)
def test_a_date_is_accepted_as_people_write_it(typed: str) -> None:
    form = _DateForm({"on": typed, "note": "x"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == date(2026, 11, 30)


def test_a_date_that_is_not_one_is_refused_and_kept_as_typed() -> None:
    form = _DateForm({"on": "31 February 2026", "note": ""})
    assert not form.is_valid()
    assert set(form.errors) == {"on", "note"}  # every error at once
    html = str(form["on"])
    assert 'value="31 February 2026"' in html
    assert "required" not in str(form["note"])  # no browser bubbles


def test_a_date_is_shown_back_in_words() -> None:
    form = _DateForm(initial={"on": date(2026, 11, 30)})
    assert 'value="30 November 2026"' in str(form["on"])


TITLE = Template("{% load candour_forms %}{% page_title %}Your report{% endpage_title %}")


def test_the_title_says_error_when_a_form_or_message_refuses() -> None:
    refused = _DateForm({"on": "", "note": ""})
    refused.is_valid()
    assert TITLE.render(Context({"form": refused})) == "Error: Your report"
    assert TITLE.render(Context({"other": _DateForm()})) == "Your report"
    message = Message(constants.ERROR, "No")
    assert TITLE.render(Context({"messages": [message]})) == "Error: Your report"
    # A page that already wrote the prefix does not get it twice.
    twice = Template("{% load candour_forms %}{% page_title %}Error: X{% endpage_title %}")
    assert twice.render(Context({"form": refused})) == "Error: X"


def test_every_form_in_every_template_turns_off_browser_validation() -> None:
    root = Path(__file__).resolve().parents[2]
    missing = [
        f"{path.relative_to(root)}: {tag}"
        for path in root.rglob("templates/**/*.html")
        for tag in re.findall(r"<form\b[^>]*>", path.read_text())
        if "novalidate" not in tag
    ]
    # The clinician lookup is being rebuilt elsewhere (issue 18, sharing app).
    assert [m for m in missing if "sharing/lookup.html" not in m] == []
