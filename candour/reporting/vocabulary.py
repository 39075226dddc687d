"""The plain-words choices a reporter picks from (codes are stable; labels may change)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Route(models.TextChoices):
    ANONYMOUS = "anonymous", _("Anonymous")
    CONFIDENTIAL = "confidential", _("Confidential")


class Outcome(models.TextChoices):
    HARM = "harm", _("A child or family was harmed")
    NO_HARM = "no_harm", _("It happened, but nobody was harmed")
    NEAR_MISS = "near_miss", _("It was caught before it reached a child or family")
    FREE_LESSON = "free_lesson", _("Nothing went wrong, but there is a lesson (a free lesson)")


class Setting(models.TextChoices):
    HOME_VISIT = "home_visit", _("A home visit")
    OFFICE = "office", _("The office")
    PHONE_OR_ONLINE = "phone_or_online", _("A phone or video call")
    SCHOOL = "school", _("A school or nursery")
    HOSPITAL = "hospital", _("A hospital or health setting")
    MULTI_AGENCY_MEETING = (
        "multi_agency_meeting",
        _("A multi-agency meeting or strategy discussion"),
    )
    CONFERENCE = "conference", _("A child protection conference or review")
    COURT = "court", _("Court")
    CONTACT_CENTRE = "contact_centre", _("A family time or contact centre")
    OTHER = "other", _("Somewhere else")


class PartOfDay(models.TextChoices):
    MORNING = "morning", _("Morning")
    AFTERNOON = "afternoon", _("Afternoon")
    EVENING = "evening", _("Evening")
    NIGHT = "night", _("Night")
    NOT_SURE = "not_sure", _("Not sure")


class Factor(models.TextChoices):
    """What made it more likely, in plain words; mapped to the taxonomy by analysts."""

    WORKLOAD = "workload", _("Too much work or too little time")
    STAFFING = "staffing", _("Not enough staff, or covering for someone")
    HANDOVER = "handover", _("Information lost when a case moved between people or teams")
    MULTI_AGENCY = "multi_agency", _("Another agency did not share or act on information")
    RECORDING_SYSTEM = "recording_system", _("The recording system or a form got in the way")
    SUPERVISION = "supervision", _("Not enough supervision or support")
    TRAINING = "training", _("New to this kind of work, or not trained for it")
    FATIGUE_STRESS = "fatigue_stress", _("Tired, stressed or unwell")
    DISTRACTION = "distraction", _("Interrupted or distracted")
    PROCEDURE = "procedure", _("The procedure was unclear or did not fit")
    FAMILY_ACCESS = "family_access", _("Hard to see the child or engage the family")
    FIRST_VIEW = "first_view", _("An early view of the family was not revisited")


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    AWAITING_REPORTER = "awaiting_reporter", _("Waiting for the reporter")
    READY_TO_CODE = "ready_to_code", _("Ready to code")
    CLOSED = "closed", _("Closed")


class ClosureReason(models.TextChoices):
    LEARNING_CAPTURED = "learning_captured", _("Learning captured")
    NO_FURTHER_ACTION = "no_further_action", _("No further action needed")
    DUPLICATE = "duplicate", _("Duplicate of another report")
    NOT_FOR_THIS_SYSTEM = "not_for_this_system", _("Not for this system (passed on as advised)")
    RETENTION = "retention", _("Closed by the retention rule")


class Sender(models.TextChoices):
    LEARNING_TEAM = "learning_team", _("Learning team")
    REPORTER = "reporter", _("You")


# The narrative questions, in the order the form asks them.
NARRATIVE_FIELDS: tuple[str, ...] = (
    "what_happened",
    "what_caught_it",
    "what_made_it_likely",
    "what_would_prevent",
)
