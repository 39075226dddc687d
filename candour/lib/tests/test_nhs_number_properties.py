"""The modulus 11 check on NHS numbers, checked with hypothesis over the whole number space.

Modulus 11 with weights 10 to 2 catches every single-digit error: changing one digit by d
changes the weighted sum by w * d, and 11 is prime, so the sum modulo 11 always changes.
"""

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from candour.lib.nhs_number import check, check_digit, is_valid, with_check_digit

FAST = settings(max_examples=200, deadline=None)
first_nines = st.integers(min_value=0, max_value=999_999_999).map(lambda n: f"{n:09d}")


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    first_nine = draw(first_nines)
    number = with_check_digit(first_nine)
    assume(number is not None)
    assert number is not None
    return number


@FAST
@given(valid_numbers())
def test_numbers_completed_with_the_check_digit_always_validate(number):
    assert is_valid(number)
    assert check(number) == number
    assert check(f"{number[:3]} {number[3:6]} {number[6:]}") == number
    assert check(f"{number[:3]}-{number[3:6]}-{number[6:]}") == number


@FAST
@given(first_nines)
def test_no_check_digit_exists_only_when_the_remainder_is_ten(first_nine):
    digit = check_digit(first_nine)
    valid = [d for d in range(10) if is_valid(f"{first_nine}{d}")]
    assert valid == ([] if digit is None else [digit])


@FAST
@given(
    valid_numbers(), st.integers(min_value=0, max_value=9), st.integers(min_value=1, max_value=9)
)
def test_changing_any_one_digit_always_fails(number, position, change):
    digits = list(number)
    digits[position] = str((int(digits[position]) + change) % 10)
    assert not is_valid("".join(digits))


@FAST
@given(st.text(max_size=20))
def test_arbitrary_text_is_valid_or_not_and_never_raises_otherwise(text):
    assert is_valid(text) in {True, False}
