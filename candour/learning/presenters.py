from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from candour.core.models import Organisation
from candour.learning.models import Axis, Code, Coding


@dataclass(frozen=True)
class CodeOption:
    key: str
    label: str
    description: str
    checked: bool
    defence_state: str


@dataclass(frozen=True)
class AxisGroup:
    axis: str
    title: str
    is_defence: bool
    options: list[CodeOption]


def coding_form(
    organisation: Organisation, coding: Coding | None, accepted: Mapping[str, str] | None = None
) -> list[AxisGroup]:
    """The coding form's options; ``accepted`` suggestions (key: defence state) pre-ticked."""
    chosen: dict[str, str] = {}
    if coding is not None:
        chosen = {v.code.key: v.defence_state for v in coding.values.select_related("code")}
    chosen.update(accepted or {})
    groups: dict[str, list[CodeOption]] = {}
    for code in Code.objects.usable_by(organisation).order_by("axis", "pk"):
        groups.setdefault(code.axis, []).append(
            CodeOption(
                code.key, code.label, code.description, code.key in chosen, chosen.get(code.key, "")
            )
        )
    return [
        AxisGroup(axis.value, str(axis.label), axis == Axis.DEFENCE, groups.get(axis.value, []))
        for axis in Axis
    ]
