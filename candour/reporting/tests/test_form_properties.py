"""Bad input on the report's question pages, checked with hypothesis: any text never
raises, and either validates or gives the field a message; a page sent back for one
mistake keeps everything else typed on it, and every other page's answers."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from candour.reporting.forms import NARRATIVE_MAX
from candour.reporting.journey.forms import (
    OrganisationStep,
    StayingInTouchStep,
    WhatHappenedStep,
    WhatHelpedStep,
    WhenAndWhereStep,
)
from candour.reporting.models import Report
from candour.reporting.tests.factories import PAGES
from conftest import World

SMALL = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NASTY = [
    "\x00",
    "\u202e",
    "\u200f",
    "\ufeff",
    "🧒🏽",
    "\r\n",
    "\x1b[31m",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "&amp;",
    "\U0010fffd",
]
nasty_text = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=4)), max_size=6).map("".join),
    st.builds(
        lambda piece, count: piece * count,
        st.sampled_from(["a", "🧒", "\u202e", "\x00"]),
        st.integers(min_value=NARRATIVE_MAX - 2, max_value=NARRATIVE_MAX + 2),
    ),
)
TEXT_FIELDS = {
    # name: (required, max_length)
    "what_happened": (True, NARRATIVE_MAX),
    "what_caught_it": (False, NARRATIVE_MAX),
    "what_made_it_likely": (False, NARRATIVE_MAX),
    "what_would_prevent": (False, NARRATIVE_MAX),
}


def _valid(world: World) -> dict[str, Any]:
    return {
        "organisation": str(world.riverside.pk),
        "team": str(world.assessment.pk),
        "what_happened": "The visit was missed.",
        "outcome": "near_miss",
        "occurred_month": timezone.localdate().replace(day=1).isoformat(),
        "part_of_day": "afternoon",
        "setting": "home_visit",
        "what_caught_it": "",
        "factors": ["workload"],
        "what_made_it_likely": "",
        "what_would_prevent": "",
        "route": "confidential",
        "contact": "a@example.org",
    }


def _should_refuse(text: str, *, required: bool, max_length: int) -> bool:
    return "\x00" in text or len(text.strip()) > max_length or (required and not text.strip())


def _pages(data: dict[str, Any], world: World) -> dict[str, Any]:
    """Each page's form bound to ``data``, as the pages validate it."""
    return {
        "what_happened": WhatHappenedStep(data),
        "what_helped": WhatHelpedStep(data),
        "staying_in_touch": StayingInTouchStep(data),
        "when_and_where": WhenAndWhereStep(data, organisation=world.riverside),
        "organisation": OrganisationStep(data),
    }


@SMALL
@given(texts=st.fixed_dictionaries({name: nasty_text for name in TEXT_FIELDS}), contact=nasty_text)
@example(texts={name: "\x00" for name in TEXT_FIELDS}, contact="\u202e")
@example(texts={name: "🧒" * (NARRATIVE_MAX + 1) for name in TEXT_FIELDS}, contact="x" * 301)
def test_any_text_validates_or_gets_a_message_on_its_own_field(
    world: World, texts: dict[str, str], contact: str
) -> None:
    forms = _pages({**_valid(world), **texts, "contact": contact}, world)
    errors = {}
    for form in forms.values():
        form.is_valid()
        errors.update(form.errors)
    cleaned = {k: v for f in forms.values() for k, v in getattr(f, "cleaned_data", {}).items()}

    for name, (required, max_length) in TEXT_FIELDS.items():
        text = texts[name]
        if _should_refuse(text, required=required, max_length=max_length):
            assert errors[name], name
            assert all(str(message).strip() for message in errors[name])
        else:
            assert name not in errors
            assert cleaned[name] == text.strip()
    if not _should_refuse(contact, required=True, max_length=300):
        assert "contact" not in errors
    else:
        assert all(str(message).strip() for message in errors["contact"])
    assert set(errors) <= {*TEXT_FIELDS, "contact"}


# One field wrong, and what should be said about it.
MISTAKES = [
    ("outcome", {"outcome": ""}, "Choose what the outcome was"),
    ("outcome", {"outcome": "\x00💥"}, "Select a valid choice"),
    ("occurred_month", {"occurred_month": "1999-01-01"}, "Select a valid choice"),
    ("setting", {"setting": ""}, "Choose where it happened"),
    ("part_of_day", {"part_of_day": "midnight\u202e"}, "Select a valid choice"),
    ("contact", {"route": "confidential", "contact": "  "}, "Give a way to contact you"),
    ("what_happened", {"what_happened": "   "}, "Tell us what happened"),
    ("organisation", {"organisation": "999999999"}, "Choose the organisation this is about"),
    ("team", {"team": "-1"}, "Choose a team in the organisation you chose"),
]
PAGE_OF = {name: slug for slug, fields in PAGES for name in fields}


@SMALL
@given(
    mistake=st.sampled_from(MISTAKES),
    texts=st.fixed_dictionaries(
        {
            "what_happened": nasty_text.filter(lambda t: bool(t.strip()) and "\x00" not in t),
            "what_caught_it": nasty_text,
            "what_made_it_likely": nasty_text,
            "what_would_prevent": nasty_text,
        }
    ),
    factors=st.lists(st.sampled_from(["workload", "family_access", "supervision"]), unique=True),
)
@example(
    mistake=MISTAKES[0],
    texts={
        "what_happened": "Kasia's visit \u202emissed🧒",
        "what_caught_it": "<b>school</b> & GP",
        "what_made_it_likely": "\r\nline two\r\n",
        "what_would_prevent": "\x00",
    },
    factors=["workload"],
)
def test_a_page_sent_back_for_one_mistake_keeps_everything_else(
    world: World,
    mistake: tuple[str, dict[str, str], str],
    texts: dict[str, str],
    factors: list[str],
) -> None:
    field, change, message = mistake
    data = {**_valid(world), **texts, "factors": factors}
    slug = PAGE_OF[field]
    before = Report.objects.count()
    client = Client()

    with transaction.atomic():
        # Every page before the wrong one answered well, then the wrong one.
        for earlier, fields in PAGES:
            if earlier == slug:
                break
            client.post(f"/report/new/{earlier}/", {name: _valid(world)[name] for name in fields})
        posted = {name: {**data, **change}[name] for name in dict(PAGES)[slug]}
        response = client.post(f"/report/new/{slug}/", posted)
        transaction.set_rollback(True)

    body = response.content.decode()
    form = response.context["form"]
    assert response.status_code == 400
    assert message in " ".join(str(m) for m in form.errors[field])
    assert escape(form.errors[field][0]) in body
    for name in dict(PAGES)[slug]:
        if name in change:
            continue
        if name == "factors":
            assert sorted(form["factors"].value()) == sorted(factors)
            for factor in factors:
                assert f'value="{factor}"' in body
        else:
            assert form[name].value() == data[name]
            if name in TEXT_FIELDS:
                assert escape(data[name]) in body, name
    assert Report.objects.count() == before
