from datetime import date

import pytest

from candour.lib.working_days import (
    england_bank_holidays,
    england_bank_holidays_between,
    working_days_between,
)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # As published at gov.uk/bank-holidays, substitute and one-off days included.
        (2022, ["01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19",
                "12-26", "12-27"]),
        (2023, ["01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25",
                "12-26"]),
        (2025, ["01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"]),
        (2026, ["01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28"]),
    ],
)  # fmt: skip
def test_england_bank_holidays(year, expected):
    assert sorted(f"{day:%m-%d}" for day in england_bank_holidays(year)) == expected


def test_bank_holidays_are_taken_off_working_days():
    holidays = england_bank_holidays_between(date(2025, 12, 1), date(2026, 1, 31))
    assert holidays == {date(2025, 12, 25), date(2025, 12, 26), date(2026, 1, 1)}
    assert working_days_between(date(2025, 12, 22), date(2026, 1, 2), holidays) == 7
