from decimal import Decimal

from candour.lib.tabular import Column, Date, DecimalNumber, Integer, Schema, Text, read_csv
from candour.lib.tabular.checks import unique

SCHEMA = Schema(
    name="example",
    columns=(
        Column("person_reference", Text(), aliases=("Staff ID",)),
        Column("team", Text()),
        Column("fte", DecimalNumber(), aliases=("FTE", "Full-time equivalent")),
        Column("start_date", Date(), aliases=("Start",)),
        Column("cases", Integer(), required=False),
    ),
    checks=(unique("person_reference", what="person"),),
)

GOOD = (
    "Staff ID,Team,Full-time equivalent,Start\nSW1,North,1,2024-01-01\nSW2,South,0.5,02/01/2024\n"
)


def problems(result):
    return [(p.line, p.column, p.value, p.reason) for p in result.problems]


def test_good_file_returns_typed_rows_and_the_heading_map():
    result = read_csv(GOOD.encode(), SCHEMA)
    assert result.ok
    assert [row.decimal("fte") for row in result.rows] == [Decimal(1), Decimal("0.5")]
    assert result.rows[1].line == 3
    assert result.rows[0].optional_integer("cases") is None  # optional column absent
    assert result.headings["fte"] == "Full-time equivalent"
    assert result.encoding == "UTF-8"


def test_every_bad_row_is_reported_and_nothing_is_returned():
    data = GOOD + "SW3,East,lots,2024-13-01\nSW4,,1,2024-01-01\nSW1,West,1,2024-01-01\n"
    result = read_csv(data.encode(), SCHEMA)
    assert not result.ok
    assert result.rows == ()
    assert problems(result) == [
        (4, "Full-time equivalent", "lots", "is not a number"),
        (4, "Start", "2024-13-01", "is not a real date"),
        (5, "Team", "", "is required but blank"),
        (6, "Staff ID", "SW1", "repeats the person on line 2"),
    ]
    assert (
        str(result.problems[0]) == "Line 4, column 'Full-time equivalent': 'lots' is not a number"
    )


def test_bom_and_whitespace_and_blank_rows():
    data = "\ufeff Staff ID , team ,FTE,start\n  SW1 , North ,1 , 2024-01-01 \n,,,\n\n"
    result = read_csv(data.encode("utf-8"), SCHEMA)
    assert result.ok, result.problems
    assert result.encoding == "UTF-8 with a byte-order mark"
    assert result.rows[0].text("team") == "North"


def test_windows_1252_exports_are_read_and_named():
    data = "Staff ID,Team,FTE,Start\nSW1,Children\u2019s Disability,1,2024-01-01\n"
    result = read_csv(data.encode("cp1252"), SCHEMA)
    assert result.ok
    assert result.rows[0].text("team") == "Children\u2019s Disability"
    assert result.encoding.startswith("Windows-1252")


def test_utf16_is_refused_with_advice():
    result = read_csv(GOOD.encode("utf-16"), SCHEMA)
    assert "save it as 'CSV UTF-8'" in result.problems[0].reason


def test_unknown_missing_duplicate_and_name_headings_are_reported_on_line_1():
    result = read_csv(b"Staff ID,FTE,fte,Notes,Surname\nSW1,1,1,x,Smith\n", SCHEMA)
    found = problems(result)
    assert all(line == 1 for line, *_ in found)
    reasons = {column: reason for _, column, _, reason in found}
    assert reasons["fte"].startswith("is a second heading for fte (already given as 'FTE')")
    assert reasons["Notes"].startswith("is not a column this import knows")
    assert "never imports" in reasons["Surname"]
    assert reasons["team"].startswith("is required but no heading names it")
    assert reasons["start_date"].endswith("(accepted: 'start_date', 'Start')")
    assert "cases" not in reasons  # optional


def test_ignoring_unknown_columns_still_refuses_names():
    lenient = Schema(name="lenient", columns=SCHEMA.columns, ignore_unknown_columns=True)
    result = read_csv(b"Staff ID,Team,FTE,Start,Notes\nSW1,N,1,2024-01-01,x\n", lenient)
    assert result.ok
    assert result.ignored_headings == ("Notes",)
    refused = read_csv(b"Staff ID,Team,FTE,Start,Full name\nSW1,N,1,2024-01-01,x\n", lenient)
    assert "never imports" in refused.problems[0].reason


def test_line_numbers_count_file_lines_when_a_quoted_cell_spans_lines():
    data = 'Staff ID,Team,FTE,Start\nSW1,"North\nand East",1,2024-01-01\nSW2,South,x,2024-01-01\n'
    result = read_csv(data.encode(), SCHEMA)
    assert problems(result) == [(4, "FTE", "x", "is not a number")]


def test_extra_values_and_values_under_blank_headings():
    data = "Staff ID,Team,FTE,Start,\nSW1,N,1,2024-01-01,oops\nSW2,N,1,2024-01-01,,surplus\n"
    found = problems(read_csv(data.encode(), SCHEMA))
    assert found[0][0] == 2
    assert "column 5 has no heading" in found[0][3]
    assert found[1][0] == 3
    assert "beyond the last of the 5 headed columns" in found[1][3]


def test_empty_files_and_files_with_only_headings():
    assert problems(read_csv(b"", SCHEMA)) == [(1, "", "", "the file is empty")]
    only = read_csv(b"Staff ID,Team,FTE,Start\n", SCHEMA)
    assert only.problems[0].reason == "the file has headings but no rows of data"
    blank_header = read_csv(b",,\nSW1,N,1\n", SCHEMA)
    assert "should be the column headings" in blank_header.problems[0].reason


def test_broken_quoting_is_reported_where_it_happens():
    result = read_csv(b'Staff ID,Team,FTE,Start\nSW1,"North,1,2024-01-01\n', SCHEMA)
    assert result.problems[0].reason.startswith("the file is not valid CSV here")


def test_progress_is_reported_every_n_rows_and_at_the_end():
    rows = "".join(f"SW{n},N,1,2024-01-01\n" for n in range(1, 1201))
    calls = []
    result = read_csv(
        ("Staff ID,Team,FTE,Start\n" + rows).encode(),
        SCHEMA,
        on_progress=lambda done, total: calls.append((done, total)),
        progress_every=500,
    )
    assert result.ok
    assert calls == [(500, 1200), (1000, 1200), (1200, 1200)]


def test_text_input_is_accepted_for_data_entered_by_hand():
    result = read_csv(GOOD, SCHEMA)
    assert result.ok
    assert result.encoding == "text"
