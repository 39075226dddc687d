from __future__ import annotations

import pytest

from candour.lib.nhs_number import (
    InvalidNhsNumberError,
    check,
    check_digit,
    is_valid,
    numbers_for_trials,
    with_check_digit,
)

# 9434765919 in full-width digits: str.isdigit() alone would let these through.
FULL_WIDTH = "".join(chr(0xFF10 + int(d)) for d in "9434765919")


@pytest.mark.parametrize(
    "value", ["9434765919", "943 476 5919", "943-476-5919", "4010232137", "9990000018"]
)
def test_valid_numbers_are_accepted_without_spaces(value):
    assert check(value) == value.replace(" ", "").replace("-", "")


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Enter the NHS number"),
        ("943476591", "An NHS number has 10 digits; this has 9"),
        ("94347659190", "An NHS number has 10 digits; this has 11"),
        ("94347659A9", "An NHS number has only digits, 0 to 9"),
        (FULL_WIDTH, "An NHS number has only digits, 0 to 9"),
        ("9434765918", "its last digit does not match"),
        ("9434765910", "its last digit does not match"),
    ],
)
def test_invalid_numbers_are_refused_with_a_clear_reason(value, message):
    with pytest.raises(InvalidNhsNumberError, match=message):
        check(value)


def test_nine_digits_whose_remainder_is_ten_have_no_valid_number():
    # 999000000: 9*10 + 9*9 + 9*8 = 243, 243 % 11 = 1, 11 - 1 = 10: no check digit.
    assert check_digit("999000000") is None
    assert with_check_digit("999000000") is None
    assert not is_valid("9990000000")


def test_the_numbers_for_trials_are_valid_and_in_the_999_range():
    numbers = numbers_for_trials(count=20)
    assert len(set(numbers)) == 20
    assert all(is_valid(number) and number.startswith("999") for number in numbers)
