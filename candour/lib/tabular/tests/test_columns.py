import datetime as dt
from decimal import Decimal

import pytest

from candour.lib.tabular import Boolean, CellError, Choice, Date, DecimalNumber, Integer, Text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-31", dt.date(2024, 3, 31)),
        ("31/03/2024", dt.date(2024, 3, 31)),
        ("1/4/2024", dt.date(2024, 4, 1)),
        ("2024-03-31 00:00:00", dt.date(2024, 3, 31)),
        ("31/03/2024 00:00", dt.date(2024, 3, 31)),
    ],
)
def test_dates_in_iso_and_uk_forms(text, expected):
    assert Date().parse(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("31/02/2024", "is not a real date"),
        ("01/02/24", "two-digit year"),
        ("March 2024", "is not a date"),
        ("03/31/2024", "is not a real date"),
    ],
)
def test_bad_dates_say_why(text, reason):
    with pytest.raises(CellError, match=reason):
        Date().parse(text)


def test_integers_take_thousands_commas_and_refuse_fractions():
    assert Integer().parse("1,250") == 1250
    assert Integer().parse("12.0") == 12
    with pytest.raises(CellError, match="whole number"):
        Integer().parse("12.5")
    with pytest.raises(CellError, match="not a number"):
        Integer().parse("1,25")
    with pytest.raises(CellError, match="at least 0"):
        Integer(minimum=0).parse("-1")


def test_decimals_keep_exact_values_and_bounds():
    fte = DecimalNumber(minimum=Decimal(0), maximum=Decimal(1), exclusive_minimum=True)
    assert fte.parse("0.8") == Decimal("0.8")
    for text, reason in [
        ("0", "more than 0"),
        ("1.2", "no more than 1"),
        ("0.123456", "decimal places"),
        ("NaN", "not a number"),
        ("1e3", "not a number"),
    ]:
        with pytest.raises(CellError, match=reason):
            fte.parse(text)


def test_choices_match_codes_and_aliases_loosely():
    contract = Choice({"permanent": ("perm", "fixed term"), "agency": ("locum",)})
    assert contract.parse("Perm") == "permanent"
    assert contract.parse("Fixed-Term") == "permanent"
    assert contract.parse("LOCUM") == "agency"
    with pytest.raises(CellError, match="is not one of: permanent, agency"):
        contract.parse("bank")


def test_an_alias_of_two_codes_is_a_programming_error():
    with pytest.raises(ValueError, match="alias of two codes"):
        Choice({"a": ("x",), "b": ("X",)})


def test_booleans():
    assert [Boolean().parse(text) for text in ("Yes", "n", "TRUE", "0")] == [
        True,
        False,
        True,
        False,
    ]
    with pytest.raises(CellError, match="yes or no"):
        Boolean().parse("maybe")


def test_text_length_and_pattern():
    with pytest.raises(CellError, match="longer than 3"):
        Text(max_length=3).parse("abcd")
    with pytest.raises(CellError, match="needs a digit"):
        Text(pattern=r".*\d.*", pattern_reason="needs a digit").parse("abc")
