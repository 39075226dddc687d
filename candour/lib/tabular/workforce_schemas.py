"""The workforce and demand imports (issue 7): staff in post, vacancies, caseloads, absence, demand.

docs/imports.md documents each column and is checked against these schemas by the tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from decimal import Decimal

from candour.lib.tabular.checks import no_overlap, not_before, only_with, unique
from candour.lib.tabular.columns import Boolean, Choice, Date, DecimalNumber, Integer, Text
from candour.lib.tabular.problems import Problem
from candour.lib.tabular.rows import Row
from candour.lib.tabular.schema import Column, Schema

# A pseudonymous staff ID, never a name: names have no digits, so a digit is required.
STAFF_REFERENCE = Text(
    max_length=40,
    pattern=r"(?=[^ ]*\d)[A-Za-z0-9][A-Za-z0-9_/.\-]*",
    pattern_reason=(
        "is not a staff reference: use the pseudonymous staff ID from your HR system "
        "(letters and digits with at least one digit, no spaces, e.g. SW0142), never a name"
    ),
    pattern_summary="letters, digits and - _ / . with at least one digit, no spaces",
)

_PERSON = Column(
    "person_reference",
    STAFF_REFERENCE,
    aliases=(
        "person ref",
        "staff id",
        "staff reference",
        "staff ref",
        "staff number",
        "employee id",
        "employee reference",
        "employee number",
        "worker id",
        "person id",
        "pseudonymous id",
    ),
    description="The person's pseudonymous staff ID (the same in every import), never a name.",
    example="SW0142",
    withhold_value=True,
)


def _team(*, required: bool = True) -> Column:
    return Column(
        "team",
        Text(max_length=100),
        required=required,
        aliases=("team name", "team code", "service team", "unit"),
        description="The team as your organisation names it; matched to Candour's teams on import.",
        example="Assessment Team North",
    )


_ROLE = Column(
    "role",
    Text(max_length=100),
    aliases=("job title", "post", "post title", "position", "job role"),
    description=(
        "Job title or role, e.g. social worker, senior practitioner, advanced practitioner, "
        "team manager, newly qualified social worker, family support worker."
    ),
    example="Social worker",
)

_FTE = Column(
    "fte",
    DecimalNumber(minimum=Decimal(0), maximum=Decimal(1), places=4, exclusive_minimum=True),
    aliases=("full time equivalent", "full-time equivalent", "wte", "whole time equivalent"),
    description="Full-time equivalent of the post: 1 is full time, 0.5 half time.",
    example="0.8",
)

STAFF_IN_POST = Schema(
    name="staff_in_post",
    description=(
        "One row per person per post. Starters and leavers come from the start and end dates; "
        "agency workers are the rows whose contract is agency."
    ),
    columns=(
        _PERSON,
        _team(),
        _ROLE,
        _FTE,
        Column(
            "contract",
            Choice(
                {
                    "permanent": (
                        "perm",
                        "employed",
                        "directly employed",
                        "substantive",
                        "fixed term",
                        "temporary employed",
                    ),
                    "agency": (
                        "agency worker",
                        "locum",
                        "interim",
                        "contractor",
                        "temporary agency",
                    ),
                }
            ),
            aliases=("contract type", "employment type", "worker type"),
            description=(
                "permanent: employed by the council, including fixed-term contracts; "
                "agency: supplied by an agency (the DfE counts these separately)."
            ),
            example="permanent",
        ),
        Column(
            "start_date",
            Date(),
            aliases=("start", "started", "date started", "start date in post", "date of joining"),
            description="First day in this post.",
            example="2021-09-06",
        ),
        Column(
            "end_date",
            Date(),
            required=False,
            aliases=("end", "left", "leaving date", "date left", "end date in post"),
            description="Last day in this post; blank while the person is still in post.",
            example="2024-03-31",
        ),
        Column(
            "leaving_reason",
            Choice(
                {
                    "resignation": ("resigned", "voluntary resignation"),
                    "retirement": ("retired", "retirement age", "ill health retirement"),
                    "redundancy": ("redundant", "voluntary redundancy", "compulsory redundancy"),
                    "dismissal": ("dismissed", "capability", "conduct"),
                    "end_of_contract": ("end of fixed term", "end of contract", "contract ended"),
                    "moved_within_council": ("internal move", "transfer", "internal transfer"),
                    "other": ("other reason", "death in service"),
                    "not_known": ("unknown", "not recorded", "not known"),
                }
            ),
            required=False,
            aliases=("reason for leaving", "leaver reason", "leaving reason"),
            description="Why the person left; only with an end date.",
            example="resignation",
        ),
    ),
    checks=(
        not_before("end_date", "start_date"),
        only_with("leaving_reason", "end_date"),
        no_overlap(
            "person_reference", "team", "role", start="start_date", end="end_date", what="post"
        ),
    ),
)

VACANCIES = Schema(
    name="vacancies",
    description="Vacant posts on a date, whether or not an agency worker is covering them.",
    columns=(
        _team(),
        _ROLE,
        Column(
            "fte",
            DecimalNumber(
                minimum=Decimal(0), maximum=Decimal(100), places=4, exclusive_minimum=True
            ),
            aliases=(*_FTE.aliases, "vacant fte", "vacancy fte"),
            description="Full-time equivalent of the vacant posts in this row.",
            example="1.0",
        ),
        Column(
            "date",
            Date(),
            aliases=("as at", "as at date", "vacancy date", "snapshot date"),
            description="The date the vacancy count applies to.",
            example="2024-09-30",
        ),
        Column(
            "covered_by_agency",
            Boolean(),
            required=False,
            aliases=("agency cover", "covered by agency worker", "covered"),
            description="Whether an agency worker covers the vacancy (DfE agency cover rate).",
            example="yes",
        ),
    ),
)

CASELOADS = Schema(
    name="caseloads",
    description="Cases held by each case-holding worker on a date.",
    columns=(
        _PERSON,
        _team(),
        Column(
            "date",
            Date(),
            aliases=("as at", "as at date", "snapshot date", "caseload date"),
            description="The date the count applies to.",
            example="2024-09-30",
        ),
        Column(
            "cases_held",
            Integer(minimum=0, maximum=500),
            aliases=("cases", "caseload", "case count", "number of cases", "open cases"),
            description="Children's cases allocated to the worker on the date (DfE definition).",
            example="17",
        ),
    ),
    checks=(unique("person_reference", "team", "date", what="caseload for this person and date"),),
)

# Close to the NHS ESR sickness reasons (S10-S99) and the CIPD survey's categories; the ESR
# codes and labels are accepted so HR systems' own exports map without editing.
ABSENCE_REASONS: dict[str, tuple[str, ...]] = {
    "mental_health": (
        "S10",
        "anxiety/stress/depression/other psychiatric illnesses",
        "stress",
        "anxiety",
        "depression",
        "mental ill health",
        "mental health",
        "psychiatric",
    ),
    "back_problems": ("S11", "back problems", "back pain", "back"),
    "musculoskeletal": ("S12", "other musculoskeletal problems", "musculoskeletal", "msk"),
    "cold_cough_flu": ("S13", "cold, cough, flu - influenza", "cold", "flu", "minor illness"),
    "chest_respiratory": ("S14", "S15", "asthma", "chest & respiratory problems", "respiratory"),
    "headache_migraine": ("S16", "headache / migraine", "headache", "migraine"),
    "cancer": ("S17", "benign and malignant tumours, cancers", "tumour"),
    "heart_circulatory": ("S19", "heart, cardiac & circulatory problems", "heart", "cardiac"),
    "gastrointestinal": (
        "S25",
        "gastrointestinal problems",
        "stomach upset",
        "sickness and diarrhoea",
    ),
    "genitourinary_gynaecological": ("S26", "genitourinary & gynaecological disorders"),
    "infectious_disease": ("S27", "infectious diseases", "covid-19", "covid"),
    "injury_fracture": ("S28", "injury, fracture", "injury", "fracture", "accident"),
    "nervous_system": ("S29", "nervous system disorders", "neurological"),
    "pregnancy_related": ("S30", "pregnancy related disorders", "pregnancy"),
    "other_known": (
        "S18",
        "S20",
        "S21",
        "S22",
        "S23",
        "S24",
        "S31",
        "S32",
        "S98",
        "other known causes - not elsewhere classified",
        "other",
    ),
    "not_known": ("S99", "unknown causes / not specified", "unknown", "not specified"),
}

ABSENCE_SPELLS = Schema(
    name="absence_spells",
    description="One row per spell of sickness absence.",
    columns=(
        _PERSON,
        _team(),
        Column(
            "start_date",
            Date(),
            aliases=("start", "first day of absence", "absence start", "date from"),
            description="First day of the spell.",
            example="2024-02-12",
        ),
        Column(
            "end_date",
            Date(),
            required=False,
            aliases=("end", "last day of absence", "absence end", "date to"),
            description="Last day of the spell; blank while the person is still absent.",
            example="2024-02-14",
        ),
        Column(
            "reason_category",
            Choice(ABSENCE_REASONS),
            aliases=("reason", "absence reason", "sickness reason", "reason category"),
            description="The reason category (codes below; NHS ESR codes S10-S99 accepted).",
            example="cold_cough_flu",
        ),
        Column(
            "disability_related",
            Boolean(),
            required=False,
            aliases=("disability related", "related to disability", "disability"),
            description=(
                "Whether the absence relates to a disability. Such absence is left out of the "
                "Bradford factor (Equality Act 2010); blank means not recorded."
            ),
            example="no",
        ),
        Column(
            "working_days_lost",
            DecimalNumber(minimum=Decimal(0), maximum=Decimal(1000), places=3),
            required=False,
            aliases=("days lost", "working days lost", "fte days lost", "duration days"),
            description=(
                "Working days lost in the spell, if your system records it (it allows for "
                "part-time patterns); otherwise Candour counts working days between the dates."
            ),
            example="3",
        ),
    ),
    checks=(
        not_before("end_date", "start_date"),
        no_overlap("person_reference", start="start_date", end="end_date", what="absence spell"),
    ),
)

DEMAND_MEASURES: dict[str, tuple[str, ...]] = {
    "referrals": ("referral", "referrals received", "number of referrals"),
    "s47": ("section 47", "section 47 enquiries", "s47 enquiries", "s.47", "section 47s"),
    "icpc": (
        "icpcs",
        "initial conference",
        "initial conferences",
        "initial child protection conference",
        "initial child protection conferences",
    ),
    "cp_plans_started": (
        "child protection plans started",
        "cp plans started",
        "plans started",
        "cpp starts",
        "cpp start",
    ),
    "cin": ("children in need", "child in need", "cin open", "children in need open"),
}


def _period_starts(rows: Sequence[Row]) -> Iterator[Problem]:
    """Months start on the 1st and weeks on a Monday, so periods line up across files."""
    for row in rows:
        start, period = row.date("period_start"), row.text("period_type")
        if period == "month" and start.day != 1:
            reason = "starts a month, so must be the 1st of the month"
            yield Problem(row.line, "period_start", start.isoformat(), reason)
        if period == "week" and start.weekday() != dt.date(2024, 1, 1).weekday():
            reason = f"starts a week, so must be a Monday (it is a {start:%A})"
            yield Problem(row.line, "period_start", start.isoformat(), reason)


DEMAND = Schema(
    name="demand",
    description="Counts of demand by week or month, for the organisation or a team.",
    columns=(
        Column(
            "period_start",
            Date(),
            aliases=("period", "week commencing", "week beginning", "month", "period start date"),
            description="First day of the week (a Monday) or month (the 1st).",
            example="2024-04-01",
        ),
        Column(
            "period_type",
            Choice({"week": ("weekly", "wk"), "month": ("monthly", "mth")}),
            aliases=("period type", "frequency", "granularity"),
            description="Whether the count covers a week or a calendar month.",
            example="month",
        ),
        Column(
            "measure",
            Choice(DEMAND_MEASURES),
            aliases=("indicator", "metric", "measure name"),
            description=(
                "referrals: referrals received; s47: section 47 enquiries started; icpc: initial "
                "child protection conferences held; cp_plans_started: child protection plans "
                "started; cin: children in need open on the last day of the period (a count of "
                "children, not of events), as in the DfE's children in need at 31 March."
            ),
            example="referrals",
        ),
        Column(
            "count",
            Integer(minimum=0),
            aliases=("value", "number", "total", "n"),
            description="The count for the period.",
            example="142",
        ),
        _team(required=False),
    ),
    checks=(
        unique("period_start", "period_type", "measure", "team", what="count for this period"),
        _period_starts,
    ),
)

ALL_SCHEMAS: tuple[Schema, ...] = (STAFF_IN_POST, VACANCIES, CASELOADS, ABSENCE_SPELLS, DEMAND)
