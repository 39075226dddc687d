"""The CSV reader, for any bytes at all: no exception, and either rows or problems, never both."""

from hypothesis import given, settings
from hypothesis import strategies as st

from candour.lib.tabular import Column, Date, DecimalNumber, Integer, Schema, Text, read_csv
from candour.lib.tabular.checks import unique

SCHEMA = Schema(
    name="example",
    columns=(
        Column("person_reference", Text(), aliases=("Staff ID",)),
        Column("team", Text()),
        Column("fte", DecimalNumber(), aliases=("FTE",)),
        Column("start_date", Date(), aliases=("Start",)),
        Column("cases", Integer(), required=False),
    ),
    checks=(unique("person_reference", what="person"),),
)
HEADER = "Staff ID,Team,FTE,Start,cases\n"
FAST = settings(max_examples=200, deadline=None)

cells = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["SW1", "North", "1", "0.5", "2024-01-01", "31/12/2023", "", "x", "-3"]),
)
rows = st.lists(cells, min_size=0, max_size=7).map(
    lambda values: ",".join('"' + v.replace('"', '""') + '"' for v in values)
)


def assert_all_or_nothing(result):
    assert result.ok == (not result.problems)
    if result.problems:
        assert result.rows == ()
    else:
        assert result.rows


@FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(data):
    assert_all_or_nothing(read_csv(data, SCHEMA))


@FAST
@given(st.binary(max_size=300))
def test_arbitrary_bytes_after_a_good_header_never_raise(data):
    assert_all_or_nothing(read_csv(HEADER.encode() + data, SCHEMA))


@FAST
@given(st.lists(rows, max_size=6), st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_csv_shaped_files_are_all_rows_or_only_problems(body, encoding):
    text = HEADER + "\n".join(body) + "\n"
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    assert_all_or_nothing(read_csv(data, SCHEMA))


@FAST
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text):
    assert_all_or_nothing(read_csv(text, SCHEMA))
