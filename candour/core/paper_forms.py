"""A form's questions as a paper form prints them (ADR 0035).

The paper forms are drawn from the web forms' own question definitions, so that the two
never drift: a Django form's fields become questions with tick boxes or space to write,
and an app whose questions are not Django forms (the children's feedback) builds the
same questions directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django import forms
from django_stubs_ext import StrOrPromise


class Answer(StrEnum):
    TICK_ONE = "tick_one"
    TICK_ANY = "tick_any"
    WRITE_LINE = "write_line"
    WRITE_BOX = "write_box"


@dataclass(frozen=True)
class PaperQuestion:
    label: StrOrPromise
    answer: Answer
    hint: StrOrPromise = ""
    choices: tuple[StrOrPromise, ...] = ()
    # Lines of space to write in (for a box).
    lines: int = 6

    @property
    def line_range(self) -> range:
        return range(self.lines)


@dataclass(frozen=True)
class PaperSection:
    title: StrOrPromise
    questions: list[PaperQuestion] = field(default_factory=list)


# Past this many choices a list is not worth printing: people write their answer.
LONGEST_PRINTED_LIST = 14


def paper_question(bound: forms.BoundField, *, lines: int = 6) -> PaperQuestion:
    """A web form's field as a paper question: radios and short lists become tick boxes,
    a long list or a text line a line to write on, a text area a box."""
    field_ = bound.field
    label = bound.label
    hint = field_.help_text or ""
    if isinstance(field_, forms.ChoiceField):
        offered: list[tuple[Any, StrOrPromise]] = list(field_.choices)  # type: ignore[arg-type]
        choices = tuple(text for value, text in offered if value not in ("", None))
        many = isinstance(field_, forms.MultipleChoiceField)
        if len(choices) <= LONGEST_PRINTED_LIST:
            return PaperQuestion(label, Answer.TICK_ANY if many else Answer.TICK_ONE, hint, choices)
        return PaperQuestion(label, Answer.WRITE_LINE, hint)
    if isinstance(bound.field.widget, forms.Textarea):
        return PaperQuestion(label, Answer.WRITE_BOX, hint, lines=lines)
    return PaperQuestion(label, Answer.WRITE_LINE, hint)
