"""The flags import: one row per child, checked whole before anything is stored."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum

from candour.lib import nhs_number
from candour.lib.tabular import (
    CellError,
    CellValue,
    Choice,
    Column,
    Date,
    ImportResult,
    Problem,
    Row,
    Schema,
    Text,
)
from candour.lib.tabular.checks import not_before, unique
from candour.sharing import contact
from candour.sharing.vocabulary import PlanType


class NhsNumber:
    """Ten digits with a valid modulus 11 check digit; spaces and hyphens are dropped."""

    def parse(self, text: str) -> CellValue:
        try:
            return nhs_number.check(text)
        except nhs_number.InvalidNhsNumberError as error:
            raise CellError(str(error)[0].lower() + str(error)[1:]) from None

    def describe(self) -> str:
        return "NHS number, 10 digits (spaces allowed)"


class Phone:
    """The team's phone number, checked as the page and the API check it."""

    def parse(self, text: str) -> CellValue:
        try:
            return contact.check_phone(text)
        except contact.InvalidPhoneError:
            raise CellError("is not a phone number") from None

    def describe(self) -> str:
        return "phone number: digits, spaces, brackets and hyphens, optional leading +"


class NhsNumberStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


def _no_current_duplicates(rows: Sequence[Row]) -> Iterator[Problem]:
    yield from unique("nhs_number", "plan_type", what="child and plan")(rows)


def _due_date_with_unborn_plans(rows: Sequence[Row]) -> Iterator[Problem]:
    """An unborn child's plan needs the expected due date; other plans must not have one."""
    for row in rows:
        unborn = row.get("plan_type") == PlanType.UNBORN_CHILD_PROTECTION.value
        due = row.optional_date("expected_due_date")
        if unborn and due is None:
            yield Problem(row.line, "expected_due_date", "", "is needed for an unborn plan (ucpp)")
        elif not unborn and due is not None:
            yield Problem(
                row.line, "expected_due_date", due.isoformat(), "is only for unborn plans (ucpp)"
            )


def _previous_number_differs(rows: Sequence[Row]) -> Iterator[Problem]:
    for row in rows:
        if row.get("previous_nhs_number") is not None and row.get("previous_nhs_number") == row.get(
            "nhs_number"
        ):
            yield Problem(row.line, "previous_nhs_number", "", "is the same as nhs_number")


FLAGS = Schema(
    name="child protection flags",
    columns=(
        Column(
            "nhs_number",
            NhsNumber(),
            aliases=("nhs no", "nhs"),
            description="The child's NHS number.",
            example="999 000 0018",
            # A problem line never repeats the number (it may be nearly right).
            withhold_value=True,
        ),
        Column(
            "plan_type",
            Choice(
                {
                    PlanType.CHILD_PROTECTION.value: ("cpp", "child protection plan", "cp"),
                    PlanType.LOOKED_AFTER.value: ("lac", "looked after child", "cla"),
                    PlanType.UNBORN_CHILD_PROTECTION.value: ("ucpp", "unborn", "unborn cpp"),
                }
            ),
            aliases=("plan", "type", "status"),
            example="cpp",
        ),
        Column("start_date", Date(), aliases=("start", "from"), example="2026-01-31"),
        Column("end_date", Date(), required=False, aliases=("end", "to"), example=""),
        Column("team_name", Text(max_length=200), aliases=("team",), example="Assessment"),
        Column(
            "team_phone",
            Phone(),
            aliases=("phone", "telephone"),
            example="01632 960000",
        ),
        Column(
            "team_email",
            Text(
                max_length=254,
                pattern=r"[^@\s]+@[^@\s]+\.[^@\s]+",
                pattern_reason="is not an email address",
            ),
            required=False,
            aliases=("email", "secure email"),
            example="cp.team@riverside.gov.uk",
        ),
        Column(
            "out_of_hours_phone",
            Phone(),
            required=False,
            aliases=("duty phone", "out of hours", "emergency duty team"),
            description="The out-of-hours (emergency duty) number, shown beside the team's.",
            example="01632 960999",
        ),
        Column(
            "expected_due_date",
            Date(),
            required=False,
            aliases=("due date", "edd"),
            description="For an unborn plan (on the expectant mother's NHS number) only.",
            example="",
        ),
        Column(
            "previous_nhs_number",
            NhsNumber(),
            required=False,
            aliases=("superseded nhs number", "old nhs number"),
            description="The child's earlier NHS number when the Spine has superseded it: "
            "the flag moves to nhs_number and the old number still finds it.",
            example="",
            withhold_value=True,
        ),
        Column(
            "nhs_number_status",
            Choice(
                {
                    NhsNumberStatus.ACTIVE.value: ("current", "valid"),
                    NhsNumberStatus.INACTIVE.value: (
                        "retired",
                        "invalidated",
                        "invalid",
                        "cancelled",
                    ),
                }
            ),
            required=False,
            aliases=("nhs status", "nhs number state"),
            description="Whether the Spine still holds the child's NHS number as active. "
            "An inactive number (retired or invalidated, with no replacement known yet) still "
            "answers lookups, with a warning to check the child's current number.",
            example="",
        ),
    ),
    checks=(
        _no_current_duplicates,
        not_before("end_date", "start_date"),
        _due_date_with_unborn_plans,
        _previous_number_differs,
    ),
)


def withheld_problems(parsed: ImportResult) -> tuple[Problem, ...]:
    """The file's problems with any NHS number blanked out, under its own heading too."""
    hidden = {
        heading
        for name in ("nhs_number", "previous_nhs_number")
        for heading in (name, parsed.headings.get(name, name))
    }
    return tuple(
        Problem(p.line, p.column, "" if p.column in hidden else p.value, p.reason)
        for p in parsed.problems
    )
