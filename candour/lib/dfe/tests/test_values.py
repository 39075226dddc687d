from decimal import Decimal

import pytest

from candour.lib.dfe.values import UnreadableValueError, parse_value, suppression_code


@pytest.mark.parametrize("code", ["c", "x", "z", "u", "low", ":", "..", "~", "", " C ", "LOW"])
def test_suppression_codes_are_missing_never_zero(code):
    assert parse_value(code) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0", Decimal(0)),
        ("36186.3", Decimal("36186.3")),
        ("1,234,567", Decimal(1234567)),
        ("-2.5", Decimal("-2.5")),
        (" 42 ", Decimal(42)),
        (".5", Decimal("0.5")),
    ],
)
def test_numbers(text, expected):
    assert parse_value(text) == expected


@pytest.mark.parametrize("text", ["NaN", "1e3", "12,34", "n/a", "Infinity"])
def test_anything_else_is_an_error_not_a_guess(text):
    with pytest.raises(UnreadableValueError):
        parse_value(text)


def test_suppression_code_names_the_code():
    assert suppression_code(" Low") == "low"
    assert suppression_code("12") is None
