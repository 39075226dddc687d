"""Bad input on the idea form, checked with hypothesis: any text never raises, and either
validates or gives the field a message; a form sent back for one mistake keeps everything
else that was typed."""

from __future__ import annotations

from django.db import transaction
from django.utils.html import escape
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from candour.core.models import Team
from candour.ideas.forms import IdeaForm
from candour.ideas.models import Idea
from conftest import World, signed_in_client

NEW = "/ideas/new/"
LONGEST = 4000
SMALL = settings(
    max_examples=30,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
NASTY = ["\x00", "\u202e", "\u200f", "\ufeff", "🧒🏽", "\r\n", "\x1b[2J", "<i>x</i>", "&lt;"]
nasty_text = st.one_of(
    st.text(max_size=30),
    st.lists(st.one_of(st.sampled_from(NASTY), st.text(max_size=4)), max_size=6).map("".join),
    st.builds(
        lambda piece, count: piece * count,
        st.sampled_from(["a", "🧒", "\u200f"]),
        st.integers(min_value=LONGEST - 1, max_value=LONGEST + 1),
    ),
)
TEXT_FIELDS = ("problem", "idea", "expected_benefit")


def _valid(world: World) -> dict[str, str]:
    return {
        "team": str(world.assessment.pk),
        "problem_kind": "waste",
        "problem": "Letters written from scratch",
        "idea": "Share templates",
        "expected_benefit": "An hour a week",
    }


def _should_refuse(text: str) -> bool:
    return "\x00" in text or not text.strip() or len(text.strip()) > LONGEST


@SMALL
@given(texts=st.fixed_dictionaries({name: nasty_text for name in TEXT_FIELDS}))
@example(texts={"problem": "\x00", "idea": "🧒" * (LONGEST + 1), "expected_benefit": "\u202e"})
def test_any_text_validates_or_gets_a_message_on_its_own_field(
    world: World, texts: dict[str, str]
) -> None:
    teams = list(Team.objects.filter(pk=world.assessment.pk).select_related("organisation"))
    form = IdeaForm({**_valid(world), **texts}, teams=teams)

    valid = form.is_valid()

    for name in TEXT_FIELDS:
        if _should_refuse(texts[name]):
            assert form.errors[name]
            assert all(str(message).strip() for message in form.errors[name])
        else:
            assert name not in form.errors
            assert form.cleaned_data[name] == texts[name].strip()
    assert valid == (not form.errors)


MISTAKES = [
    ("team", {"team": ""}, "Choose the team"),
    ("team", {"team": str(2**70)}, "Select a valid choice"),
    ("team", {"team": "\x00"}, "Select a valid choice"),
    ("problem_kind", {"problem_kind": ""}, "Choose what kind of problem it is"),
    ("problem_kind", {"problem_kind": "\u202ewaste"}, "Select a valid choice"),
    ("problem", {"problem": " \r\n "}, "Describe the problem"),
    ("source_theme", {"source_theme": "🧒"}, "Enter a whole number"),
]


@SMALL
@given(
    mistake=st.sampled_from(MISTAKES),
    texts=st.fixed_dictionaries({name: nasty_text for name in TEXT_FIELDS}),
    hidden=st.booleans(),
)
@example(
    mistake=MISTAKES[0],
    texts={"problem": "a\r\nb", "idea": "<b>bold</b> & \u202e", "expected_benefit": "\x00"},
    hidden=True,
)
def test_a_form_sent_back_for_one_mistake_keeps_everything_else(
    world: World, mistake: tuple[str, dict[str, str], str], texts: dict[str, str], hidden: bool
) -> None:
    field, change, message = mistake
    data = {**_valid(world), **texts, **change}
    if hidden:
        data["name_hidden_from_colleagues"] = "on"
    client = signed_in_client(world.staff)
    before = Idea.objects.count()

    with transaction.atomic():
        response = client.post(NEW, data)
        transaction.set_rollback(True)

    body = response.content.decode()
    form = response.context["form"]
    assert response.status_code == 400
    assert message in " ".join(str(m) for m in form.errors[field])
    assert escape(form.errors[field][0]) in body
    for name in TEXT_FIELDS:
        if name not in change:
            assert form[name].value() == data[name]
            assert escape(data[name]) in body, name
    for name in ("team", "problem_kind"):
        if name not in change:
            assert form[name].value() == data[name]
    assert form["name_hidden_from_colleagues"].value() is hidden
    assert Idea.objects.count() == before
