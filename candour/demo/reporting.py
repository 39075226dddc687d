"""Demo reports for `make run`: realistic near misses, in several states of triage."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from candour.accounts.models import User
from candour.core.models import Organisation, Team
from candour.reporting import services
from candour.reporting.models import Report
from candour.reporting.vocabulary import ClosureReason, Outcome, PartOfDay, Route, Setting


@dataclass(frozen=True)
class DemoReport:
    team: str | None
    outcome: Outcome
    setting: Setting
    weeks_ago: int
    part_of_day: PartOfDay
    factors: tuple[str, ...]
    narrative: services.Narrative
    route: Route = Route.ANONYMOUS
    contact: str = ""
    state: str = "new"  # new, reviewed, asked, answered, closed


REPORTS: list[DemoReport] = [
    DemoReport(
        "Assessment Team 1",
        Outcome.NEAR_MISS,
        Setting.HOME_VISIT,
        1,
        PartOfDay.AFTERNOON,
        ("workload", "family_access"),
        services.Narrative(
            what_happened=(
                "Third home visit of the afternoon to a family on a child protection plan. "
                "Mum Kasia Nowak said the baby was asleep upstairs and I did not ask to see him. "
                "I recorded the visit as 'child seen' out of habit because the template defaults to it."
            ),
            what_caught_it="The health visitor rang the next morning to ask how the baby looked, and I realised I had not seen him.",
            what_made_it_likely="Three visits booked back to back across town; the recording template pre-fills 'seen'.",
            what_would_prevent="Remove the default from the template, and always see the child, awake if possible.",
        ),
        state="reviewed",
    ),
    DemoReport(
        "Multi-Agency Safeguarding Hub",
        Outcome.NO_HARM,
        Setting.OFFICE,
        2,
        PartOfDay.MORNING,
        ("multi_agency", "handover"),
        services.Narrative(
            what_happened=(
                "A police notification about domestic abuse at 22 Canal Street sat in the shared "
                "inbox for four days over a bank holiday before anyone in the hub opened it."
            ),
            what_caught_it="The school's designated safeguarding lead phoned about the same family.",
            what_made_it_likely="Nobody owns the shared inbox on bank holidays; the rota has a gap.",
            what_would_prevent="A named inbox owner every working day, including after bank holidays.",
        ),
        state="asked",
    ),
    DemoReport(
        "Child in Need Team",
        Outcome.FREE_LESSON,
        Setting.MULTI_AGENCY_MEETING,
        3,
        PartOfDay.MORNING,
        ("first_view",),
        services.Narrative(
            what_happened=(
                "At a core group the family were described as 'engaging well' because they attend "
                "every meeting. Nobody had looked at whether anything for the children had changed."
            ),
            what_caught_it="A new school nurse asked what 'engaging' meant for the children.",
            what_made_it_likely="We judged the parents' attendance, not the children's experience.",
            what_would_prevent="Start each core group with what has changed for each child.",
        ),
        state="closed",
    ),
    DemoReport(
        "Assessment Team 2",
        Outcome.NEAR_MISS,
        Setting.PHONE_OR_ONLINE,
        1,
        PartOfDay.EVENING,
        ("recording_system", "fatigue_stress"),
        services.Narrative(
            what_happened=(
                "I uploaded a strategy discussion record to the wrong child's file; two children "
                "in the system have the same name and date of birth 03/04/2015."
            ),
            what_caught_it="I noticed the address did not match when I reopened it an hour later.",
            what_made_it_likely="The search screen shows no address or school; it was late and I was tired.",
            what_would_prevent="Show a second identifier on the search results.",
        ),
        route=Route.CONFIDENTIAL,
        contact="a worker in assessment team 2, desk phone 0161 496 0723",
        state="answered",
    ),
    DemoReport(
        "Children in Care Team",
        Outcome.HARM,
        Setting.COURT,
        4,
        PartOfDay.AFTERNOON,
        ("workload", "staffing"),
        services.Narrative(
            what_happened=(
                "A final care plan statement was filed two days late because it sat with a locum "
                "who left without a handover. The hearing was adjourned and the child waited "
                "another six weeks for a decision."
            ),
            what_caught_it="The court's legal adviser chased the local authority solicitor.",
            what_made_it_likely="Locum leaving at short notice; no list of court deadlines per worker.",
            what_would_prevent="A team court diary that a manager checks weekly.",
        ),
        state="reviewed",
    ),
    DemoReport(
        None,
        Outcome.NEAR_MISS,
        Setting.SCHOOL,
        0,
        PartOfDay.MORNING,
        ("multi_agency",),
        services.Narrative(
            what_happened=(
                "A child on a plan moved to Oakfield Primary School and the school was not told "
                "about the plan for three weeks."
            ),
            what_caught_it="The child's teacher noticed bruising and asked the previous school.",
            what_made_it_likely="The transfer checklist does not include telling the new school.",
        ),
    ),
    DemoReport(
        "Assessment Team 1",
        Outcome.NO_HARM,
        Setting.OFFICE,
        0,
        PartOfDay.AFTERNOON,
        ("supervision",),
        services.Narrative(
            what_happened=(
                "A newly qualified worker closed an assessment with no further action without "
                "a manager's sign-off, because the system let them."
            ),
            what_caught_it="An audit of closures picked it up a week later.",
        ),
    ),
]


def load(organisation: Organisation, teams: dict[str, Team], analyst: User) -> None:
    """Submit the demo reports through the real services, then move them along."""
    today = timezone.localdate()
    for item in REPORTS:
        submitted = services.submit_report(
            organisation=organisation,
            team=teams.get(item.team) if item.team else None,
            route=item.route,
            outcome=item.outcome,
            setting=item.setting,
            occurred_month=today - timedelta(weeks=item.weeks_ago + 2),
            part_of_day=item.part_of_day,
            factors=list(item.factors),
            narrative=item.narrative,
            contact=item.contact,
            today=today - timedelta(weeks=item.weeks_ago),
        )
        _advance(submitted.report, item.state, analyst, today)


def _advance(report: Report, state: str, analyst: User, today: date) -> None:
    if state == "new":
        return
    services.review_redactions(
        actor=analyst,
        report=report,
        keep={name: list(range(len(spans))) for name, spans in report.redactions.items()},
        add_phrases={},
    )
    services.assign_report(actor=analyst, report=report, analyst=analyst)
    if state in {"asked", "answered"}:
        services.ask_reporter(
            actor=analyst,
            report=report,
            question="Thank you. Has this happened before, to you or colleagues?",
        )
    if state == "answered":
        report.refresh_from_db()
        services.reply_as_reporter(
            report=report,
            text="Twice that I know of. Colleagues say the same about the search screen.",
        )
    if state == "closed":
        services.close_report(
            actor=analyst,
            report=report,
            reason=ClosureReason.LEARNING_CAPTURED,
            outcome_for_reporter=(
                "Core groups now begin with 'what has changed for each child'. "
                "This report was shared, de-identified, at the November practice forum."
            ),
        )
