import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from candour.lib.tabular import read_csv, read_csv_file
from candour.lib.tabular.documentation import choice_tables, schema_table
from candour.lib.tabular.workforce_schemas import (
    ABSENCE_SPELLS,
    ALL_SCHEMAS,
    CASELOADS,
    DEMAND,
    STAFF_IN_POST,
    VACANCIES,
)

DOCS = Path(__file__).resolve().parents[4] / "docs"

SAMPLES = [
    ("staff_in_post.csv", STAFF_IN_POST, 13),
    ("staff_in_post_hr_export.csv", STAFF_IN_POST, 5),
    ("vacancies.csv", VACANCIES, 6),
    ("caseloads.csv", CASELOADS, 10),
    ("absence_spells.csv", ABSENCE_SPELLS, 8),
    ("demand.csv", DEMAND, 14),
]


@pytest.mark.parametrize(("filename", "schema", "rows"), SAMPLES)
def test_every_sample_file_parses(filename, schema, rows):
    result = read_csv_file(DOCS / "samples" / filename, schema)
    assert result.ok, [str(problem) for problem in result.problems]
    assert len(result.rows) == rows


def test_every_schema_has_a_sample():
    assert {schema.name for _, schema, _ in SAMPLES} == {schema.name for schema in ALL_SCHEMAS}


@pytest.mark.parametrize("schema", ALL_SCHEMAS, ids=lambda schema: schema.name)
def test_docs_describe_every_column_as_the_code_does(schema):
    page = (DOCS / "imports.md").read_text(encoding="utf-8")
    assert schema_table(schema) in page, f"regenerate the {schema.name} table in docs/imports.md"
    assert choice_tables(schema) in page


def test_hr_export_headings_and_values_map_to_the_schema():
    result = read_csv_file(DOCS / "samples" / "staff_in_post_hr_export.csv", STAFF_IN_POST)
    first, second, third = result.rows[:3]
    assert first.text("person_reference") == "E-20417"
    assert second.text("contract") == "permanent"  # "Fixed term" is directly employed
    assert second.optional_date("end_date") == dt.date(2024, 6, 28)
    assert second.optional_text("leaving_reason") == "resignation"
    assert third.text("contract") == "agency"  # "Locum"
    assert first.decimal("fte") == Decimal(1)


def test_a_name_in_the_staff_reference_is_refused_and_not_repeated():
    data = b"person_reference,team,date,cases_held\nJane Doe,North,2024-09-30,12\n"
    (problem,) = read_csv(data, CASELOADS).problems
    assert problem.value == ""
    assert "never a name" in problem.reason


def test_staff_rows_check_dates_and_leaving_reasons():
    data = (
        b"person_reference,team,role,fte,contract,start_date,end_date,leaving_reason\n"
        b"SW1,N,Social worker,1,permanent,2024-05-01,2024-04-01,resignation\n"
        b"SW2,N,Social worker,1,permanent,2024-05-01,,resignation\n"
        b"SW3,N,Social worker,1,permanent,2024-05-01,,\n"
        b"SW3,N,Social worker,1,agency,2024-06-01,,\n"
    )
    found = [(p.line, p.column) for p in read_csv(data, STAFF_IN_POST).problems]
    assert found == [(2, "end_date"), (3, "leaving_reason"), (5, "start_date")]


def test_absence_accepts_nhs_esr_codes_and_labels():
    data = (
        b"Staff ID,Team,Absence start,Absence end,Sickness reason,Disability\n"
        b"SW1,N,01/02/2024,02/02/2024,S10,No\n"
        b'SW1,N,05/03/2024,05/03/2024,"Cold, Cough, Flu - Influenza",\n'
        b"SW1,N,05/04/2024,,Back pain,yes\n"
    )
    result = read_csv(data, ABSENCE_SPELLS)
    assert result.ok, result.problems
    reasons = [row.text("reason_category") for row in result.rows]
    assert reasons == ["mental_health", "cold_cough_flu", "back_problems"]
    assert [row.optional_boolean("disability_related") for row in result.rows] == [
        False,
        None,
        True,
    ]


def test_demand_periods_line_up():
    data = (
        b"period_start,period_type,measure,count,team\n"
        b"2024-04-02,month,referrals,10,\n"
        b"2024-04-02,week,Section 47 enquiries,3,\n"
        b"2024-04-01,week,S47,3,\n"
        b"2024-04-01,weekly,s.47,4,\n"
        b"2024-04-01,week,s47,4,North\n"
    )
    found = [(p.line, p.reason) for p in read_csv(data, DEMAND).problems]
    assert found == [
        (2, "starts a month, so must be the 1st of the month"),
        (3, "starts a week, so must be a Monday (it is a Tuesday)"),
        (5, "repeats the count for this period on line 4"),
    ]
