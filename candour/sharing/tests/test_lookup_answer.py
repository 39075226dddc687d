"""The clinician's answer page (issue 18): post, redirect, get, so that a refresh never
looks a child up again; the NHS number is repeated; a plan and no plan look different."""

from __future__ import annotations

import time_machine

from candour.notifications.models import Notification
from candour.sharing.models import Attendance, Lookup
from candour.sharing.tests.support import CHILD, NUMBERS, flag
from conftest import signed_in_client


def test_a_refresh_of_the_answer_does_not_look_the_child_up_again(world, hospital):
    flag(world)
    nurse = signed_in_client(hospital.nurse)

    sent = nurse.post("/sharing/lookup/", {"nhs_number": CHILD, "reason": "attending_now"})
    assert sent.status_code == 302
    assert sent["Location"] == "/sharing/lookup/answer/"
    told = Notification.objects.count()

    first = nurse.get("/sharing/lookup/answer/").content.decode()
    again = nurse.get("/sharing/lookup/answer/").content.decode()

    assert first.split('id="answer"')[1] == again.split('id="answer"')[1]
    assert (Lookup.objects.count(), Attendance.objects.count()) == (1, 1)
    assert Notification.objects.count() == told
    assert f"{CHILD[:3]} {CHILD[3:6]} {CHILD[6:]}" in first
    assert 'id="answered-for"' in first
    assert "candour-answer--plan" in first
    assert "This child has a current plan" in first


def test_the_answer_repeats_the_number_and_no_plan_looks_different(world, hospital):
    nurse = signed_in_client(hospital.nurse)

    page = nurse.post(
        "/sharing/lookup/", {"nhs_number": NUMBERS[6], "reason": "attending_now"}, follow=True
    ).content.decode()

    spaced = f"{NUMBERS[6][:3]} {NUMBERS[6][3:6]} {NUMBERS[6][6:]}"
    assert f"Answer for NHS number <strong>{spaced}</strong>" in page
    assert "candour-answer--none" in page
    assert "candour-answer--plan" not in page
    assert "No current plan" in page


def test_the_answer_is_forgotten_after_fifteen_minutes(world, hospital):
    nurse = signed_in_client(hospital.nurse)
    with time_machine.travel("2026-03-05 10:00", tick=False) as clock:
        nurse.post("/sharing/lookup/", {"nhs_number": NUMBERS[6], "reason": "attending_now"})
        assert nurse.get("/sharing/lookup/answer/").status_code == 200
        clock.shift(15 * 60 + 1)
        gone = nurse.get("/sharing/lookup/answer/")
    assert gone.status_code == 302
    assert gone["Location"] == "/sharing/lookup/"


def test_missing_answers_say_what_to_do_once_each(world, hospital):
    page = signed_in_client(hospital.nurse).post("/sharing/lookup/", {}).content.decode()

    assert page.count("Enter the child&#x27;s NHS number") == 2  # summary and inline
    assert page.count("Choose why you are looking the child up") == 2
    assert "This field is required" not in page
    assert 'inputmode="numeric"' in page
    assert "10 digits, for example 943 476 5919" in page
