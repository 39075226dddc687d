"""Bad input on the report form, checked with hypothesis: any text never raises, and either
validates or gives the field a message; a form sent back for one mistake keeps everything
else that was typed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from candour.reporting.forms import NARRATIVE_MAX, ReportForm
from candour.reporting.models import Report
from conftest import World

NEW = "/report/new/"
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


@SMALL
@given(texts=st.fixed_dictionaries({name: nasty_text for name in TEXT_FIELDS}), contact=nasty_text)
@example(texts={name: "\x00" for name in TEXT_FIELDS}, contact="\u202e")
@example(texts={name: "🧒" * (NARRATIVE_MAX + 1) for name in TEXT_FIELDS}, contact="x" * 301)
def test_any_text_validates_or_gets_a_message_on_its_own_field(
    world: World, texts: dict[str, str], contact: str
) -> None:
    form = ReportForm({**_valid(world), **texts, "contact": contact})

    valid = form.is_valid()

    for name, (required, max_length) in TEXT_FIELDS.items():
        text = texts[name]
        if _should_refuse(text, required=required, max_length=max_length):
            assert form.errors[name], name
            assert all(str(message).strip() for message in form.errors[name])
        else:
            assert name not in form.errors
            assert form.cleaned_data[name] == text.strip()
    if not _should_refuse(contact, required=True, max_length=300):
        assert "contact" not in form.errors
    else:
        assert all(str(message).strip() for message in form.errors["contact"])
    assert valid == (not form.errors)
    assert set(form.errors) <= {*TEXT_FIELDS, "contact"}


# One field wrong, and what should be said about it.
MISTAKES = [
    ("outcome", {"outcome": ""}, "Choose what the outcome was"),
    ("outcome", {"outcome": "\x00💥"}, "Select a valid choice"),
    ("occurred_month", {"occurred_month": "1999-01-01"}, "Select a valid choice"),
    ("setting", {"setting": ""}, "Choose where it happened"),
    ("part_of_day", {"part_of_day": "midnight\u202e"}, "Select a valid choice"),
    ("contact", {"route": "confidential", "contact": "  "}, "Give a way to contact you"),
    ("what_happened", {"what_happened": "   "}, "Tell us what happened"),
    ("organisation", {"organisation": "999999999"}, "Select a valid choice"),
    ("team", {"team": "-1"}, "Choose a team in the organisation you chose"),
]


@SMALL
@given(
    mistake=st.sampled_from(MISTAKES),
    texts=st.fixed_dictionaries(
        {
            "what_happened": nasty_text.filter(lambda t: bool(t.strip())),
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
def test_a_form_sent_back_for_one_mistake_keeps_everything_else(
    world: World,
    mistake: tuple[str, dict[str, str], str],
    texts: dict[str, str],
    factors: list[str],
) -> None:
    field, change, message = mistake
    data = {**_valid(world), **texts, "factors": factors, **change}
    before = Report.objects.count()

    with transaction.atomic():
        response = Client().post(NEW, data)
        transaction.set_rollback(True)

    body = response.content.decode()
    form = response.context["form"]
    assert response.status_code == 400
    assert message in " ".join(str(m) for m in form.errors[field])
    assert escape(form.errors[field][0]) in body
    for name in ("what_happened", "what_caught_it", "what_made_it_likely", "what_would_prevent"):
        if name not in change:
            assert form[name].value() == data[name]
            assert escape(data[name]) in body, name
    for name in ("organisation", "team", "outcome", "occurred_month", "part_of_day", "setting"):
        if name not in change:
            assert form[name].value() == data[name]
    assert sorted(form["factors"].value()) == sorted(factors)
    for factor in factors:
        assert f'value="{factor}"' in body
    assert Report.objects.count() == before
