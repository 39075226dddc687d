"""Easy read: what happens to what a child or family tells us (issue 22, ADR 0036).

Short sentences, one idea a line, a picture beside each line. The pictures repeat the
words, so they are hidden from screen readers. Every line must stay true of the service:
change it when what happens changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.voice.pictures import FOLDER


@dataclass(frozen=True)
class Line:
    picture: str
    words: StrOrPromise


@dataclass(frozen=True)
class Part:
    heading: StrOrPromise
    lines: tuple[Line, ...]


def _line(picture: str, words: StrOrPromise) -> Line:
    return Line(f"{FOLDER}{picture}.svg", words)


PARTS: tuple[Part, ...] = (
    Part(
        _("When you tell us something"),
        (
            _line("speech", _("You tell us what it was like.")),
            _line("person", _("You do not have to tell us your name.")),
            _line("lock", _("We keep what you tell us safe.")),
            _line("notice", _("A person reads it first.")),
            _line("no_name", _("They take out names, so nobody can tell who said it.")),
            _line("people", _("Then the team who works with you reads it.")),
            _line("wand", _("They use it to make things better.")),
            _line("star", _("We tell you what we changed.")),
        ),
    ),
    Part(
        _("If you are not safe"),
        (
            _line("shield", _("If you tell us you are not safe, we pass it on straight away.")),
            _line("people", _("We pass it to the safeguarding team.")),
            _line("heart", _("Their job is to help keep children safe.")),
            _line("clock", _("They look at it the same day.")),
            _line("thumbs_up", _("You are not in trouble.")),
        ),
    ),
)
