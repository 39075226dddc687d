"""Dates are generalised to month and year, times to part of day, dates of birth removed."""

import pytest

from candour.lib.deid import Kind, Policy, deidentify, detect
from candour.lib.deid.dates import generalise_date, generalise_time, part_of_day

RULES_ONLY = Policy(use_ner=False)


@pytest.mark.parametrize(
    ("date", "general"),
    [
        ("17 Jun 2015", "June 2015"),
        ("17 June 2015", "June 2015"),
        ("2014-11-19", "November 2014"),
        ("17/06/2015", "June 2015"),
        ("17.06.2015", "June 2015"),
        ("6/17/2015", "June 2015"),  # month first only when the day-first reading is impossible
        ("3/4/23", "April 2023"),
        ("17th June", "June"),
        ("Tue 17th June 2015", "June 2015"),
        ("the 3rd of March 2012", "March 2012"),
        ("June 17, 2015", "June 2015"),
        ("17-Jun-15", "June 2015"),
    ],
)
def test_dates_are_found_and_generalised(date, general):
    text = f"The visit was on {date} as planned."
    spans = detect(text, RULES_ONLY)
    assert [(text[s.start : s.end], s.kind) for s in spans] == [(date, Kind.DATE)]
    assert spans[0].replacement == general
    assert generalise_date(date) == general


@pytest.mark.parametrize(
    ("time", "part"),
    [
        ("14:35", "afternoon"),
        ("09:15", "morning"),
        ("2.30pm", "afternoon"),
        ("0930hrs", "morning"),
        ("7pm", "evening"),
        ("23:10", "night"),
        ("12am", "night"),
        ("11:45 am", "morning"),
    ],
)
def test_times_become_part_of_day(time, part):
    assert generalise_time(time) == part
    assert deidentify(f"Police attended at {time} today.", RULES_ONLY).text == (
        f"Police attended at {part} today."
    )


def test_part_of_day_boundaries():
    assert [part_of_day(h) for h in (4, 5, 11, 12, 16, 17, 20, 21)] == [
        "night",
        "morning",
        "morning",
        "afternoon",
        "afternoon",
        "evening",
        "evening",
        "night",
    ]


def test_a_time_does_not_swallow_the_full_stop():
    assert deidentify("She left at 9am.", RULES_ONLY).text == "She left at morning."


@pytest.mark.parametrize(
    "text",
    [
        "DOB 03/04/2012.",
        "D.O.B: 3rd April 2012.",
        "date of birth 2012-04-03.",
        "She was born on 3 Apr 2012.",
        "(dob 03.04.12)",
        "Her birthday is 3rd April.",
        "born in April 2012.",
    ],
)
def test_dates_of_birth_are_removed_whole(text):
    result = deidentify(text, RULES_ONLY)
    assert "[date of birth]" in result.text
    for piece in ("April", "2012", "03"):
        assert piece not in result.text
    assert any(s.kind is Kind.DATE_OF_BIRTH for s in result.spans)


def test_coarse_dates_and_lookalikes_are_kept():
    text = "Since June 2015 the MAR chart was checked; mum may 5 times call; it was 2015."
    assert detect(text, RULES_ONLY) == []


def test_incident_date_and_time_keep_coarse_time():
    result = deidentify("On 17 Jun 2015 at 14:35 the police attended.", RULES_ONLY)
    assert result.text == "On June 2015 at afternoon the police attended."
