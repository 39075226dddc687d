"""Display values for survey pages, so templates stay simple."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from candour.surveys.items import Item, ItemSet
from candour.surveys.models import Wave


@dataclass(frozen=True)
class WaveRow:
    wave: Wave
    state: str
    administered: bool
    has_results: bool


def wave_rows(waves: Sequence[Wave], administered: set[int], today: date) -> list[WaveRow]:
    rows = []
    for wave in waves:
        if wave.closed_at is not None:
            state = _("Closed")
        elif wave.is_open(today):
            state = _("Open")
        else:
            state = _("Closing date passed")
        rows.append(WaveRow(wave, str(state), wave.pk in administered, wave.closed_at is not None))
    return rows


@dataclass(frozen=True)
class Question:
    item: Item
    options: list[tuple[str, str, bool]]  # (value, label, checked)
    error: str


@dataclass(frozen=True)
class AnswerSection:
    key: str
    title: str
    hint: str
    questions: list[Question]


def answer_sections(
    questions: ItemSet,
    extra: Sequence[Item],
    posted: Mapping[str, str],
    errors: Mapping[str, str],
) -> list[AnswerSection]:
    """The survey's sections with what was already chosen, so nothing is lost on an error."""

    def question(item: Item) -> Question:
        chosen = posted.get(item.key, "")
        options = [
            (str(value), label, str(value) == chosen)
            for value, label in questions.scales[item.scale].options
        ]
        return Question(item, options, errors.get(item.key, ""))

    sections = [
        AnswerSection(s.key, s.title, s.hint, [question(item) for item in s.items])
        for s in questions.sections
    ]
    if extra:
        sections.insert(
            2,
            AnswerSection(
                "own",
                _("Questions from your organisation"),
                _("How far do you agree with each statement?"),
                [question(item) for item in extra],
            ),
        )
    return sections
