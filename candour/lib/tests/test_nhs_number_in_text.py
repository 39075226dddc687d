import pytest

from candour.lib import nhs_number


@pytest.mark.parametrize("value", ["943 476 5919", "9434765919", "943-476-5919", "401 023 2137"])
def test_valid_numbers_pass_modulus_11(value):
    assert nhs_number.is_valid(value)


@pytest.mark.parametrize(
    "value",
    [
        "943 476 5918",  # wrong check digit
        "943 476 591",  # nine digits
        "943 476 59190",  # eleven digits
        "abc def ghij",
        "",
        "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff10",  # full-width digits
    ],
)
def test_invalid_numbers_fail(value):
    assert not nhs_number.is_valid(value)


def test_check_digit_matches_the_published_example():
    assert nhs_number.check_digit("943476591") == 9


def test_remainder_ten_means_no_valid_number():
    # 1*10 + 1*2 = 12; 12 % 11 = 1; 11 - 1 = 10, which no single digit can be
    assert nhs_number.check_digit("100000001") is None
    assert not any(nhs_number.is_valid(f"100000001{d}") for d in range(10))


def test_remainder_zero_gives_check_digit_zero():
    # weights 10..2: 4*10 + 1*4 = 44, a multiple of 11
    digits = "400000100"
    assert sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True)) == 44
    assert nhs_number.check_digit(digits) == 0
    assert nhs_number.is_valid(digits + "0")


def test_check_digit_rejects_bad_input():
    with pytest.raises(ValueError, match="nine digits"):
        nhs_number.check_digit("12345678")


def test_normalise_and_format():
    assert nhs_number.normalise("943-476-5919") == "9434765919"
    assert nhs_number.normalise("943 476") is None
    assert nhs_number.format_spaced("9434765919") == "943 476 5919"
    with pytest.raises(ValueError, match="ten-digit"):
        nhs_number.format_spaced("123")
