"""A year of improvement ideas in Riverside, in every stage, for `make run`.

Written through the real services with past timestamps, so the board, the bottlenecks,
the measures and "what we changed" all have something true to show.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.utils import timezone

from candour.accounts.models import User
from candour.core.models import Organisation, Team
from candour.ideas import services
from candour.ideas.vocabulary import IdeaStatus, ProblemKind
from candour.learning.models import Lesson, Theme
from candour.voice.models import Feedback
from candour.voice.vocabulary import FeedbackStatus


@dataclass(frozen=True)
class DemoIdea:
    author: str
    team: str
    kind: ProblemKind
    problem: str
    idea: str
    benefit: str
    days_ago: int
    # The steps a manager takes, each (days after submission, status, details).
    steps: tuple[tuple[int, IdeaStatus, dict[str, str]], ...] = ()
    impact: dict[str, object] = field(default_factory=dict)
    thanks: str = ""
    hidden_name: bool = False
    from_theme: str = ""
    from_lesson: str = ""
    share_with: str = ""


IDEAS: tuple[DemoIdea, ...] = (
    DemoIdea(
        "sam.patel@riverside.example",
        "Assessment Team 1",
        ProblemKind.SAFETY,
        "The visit record defaults to 'child seen', so it is easy to save it wrongly.",
        "Make 'Was the child seen alone?' a required question with no default.\n"
        "Ask it first, before any other visit details.",
        "No more visits recorded as 'seen' by mistake; managers can trust the record.",
        days_ago=200,
        steps=(
            (2, IdeaStatus.UNDER_REVIEW, {"note": "Good catch. Checking with the systems team."}),
            (
                9,
                IdeaStatus.TRIAL,
                {
                    "plan": "Systems team changes the form for Assessment Team 1 only.",
                    "measure": "Audit 40 visit records a month for 'seen' recorded wrongly.",
                },
            ),
            (70, IdeaStatus.ADOPTED, {"what_changed": "The question is now required for all."}),
        ),
        impact={
            "what_changed": "Every visit record asks whether the child was seen alone, first.",
            "minutes_saved_per_week": 0,
            "errors_avoided_per_year": 24,
            "children_experience": "Children are more often seen on their own.",
            "cost": "Two days of the systems team's time",
        },
        thanks="Thank you, Assessment Team 1: this closes one of our biggest error traps.",
        from_theme="Children not seen, or not seen alone, on busy visits",
        share_with="Moorland County Council",
    ),
    DemoIdea(
        "femi.adeyemi@riverside.example",
        "Multi-Agency Safeguarding Hub",
        ProblemKind.DELAY,
        "Police notifications wait in the shared inbox over weekends and public holidays.",
        "Name an inbox owner for every day, including weekends, on a rota on the hub wall.",
        "No notification waits more than a day to be screened.",
        days_ago=40,
        steps=(
            (
                1,
                IdeaStatus.TRIAL,
                {
                    "plan": "Rota for eight weeks, owners named on Friday for the weekend.",
                    "measure": "Longest wait before screening, each week.",
                },
            ),
        ),
        from_theme="Referrals waiting in the hub's shared inbox",
    ),
    DemoIdea(
        "amira.hassan@riverside.example",
        "Assessment Team 1",
        ProblemKind.WASTE,
        "We type the same family details into the assessment, the referral and the plan.",
        "Carry the family details forward from the referral into the assessment form.",
        "About 20 minutes saved for every assessment.",
        days_ago=150,
        steps=(
            (3, IdeaStatus.UNDER_REVIEW, {}),
            (30, IdeaStatus.ADOPTED, {"what_changed": "Family details now carry forward."}),
        ),
        impact={
            "what_changed": "Family details carry forward from the referral.",
            "minutes_saved_per_week": 120,
            "cost": "Nothing: a setting in the recording system",
        },
        thanks="Two hours a week back for visits. Thank you.",
    ),
    DemoIdea(
        "ben.walsh@riverside.example",
        "Assessment Team 1",
        ProblemKind.QUALITY,
        "Strategy discussion notes are typed up days later and details get lost.",
        "Type the notes into the record during the meeting, on screen for everyone.",
        "Accurate notes that everyone has agreed.",
        days_ago=90,
        steps=(
            (
                5,
                IdeaStatus.NOT_ADOPTED,
                {
                    "reason": "Police colleagues cannot see our screen in remote meetings. We "
                    "will look again when the shared meeting tool arrives in spring."
                },
            ),
        ),
    ),
    DemoIdea(
        "chloe.nowak@riverside.example",
        "Assessment Team 2",
        ProblemKind.SAFETY,
        "Two children with the same name and birthday can be picked wrongly in the search.",
        "Show the address and the parents' names in the search results.",
        "Fewer notes on the wrong child's record.",
        days_ago=25,
        steps=((3, IdeaStatus.UNDER_REVIEW, {"note": "Asked the supplier what it would take."}),),
        hidden_name=True,
    ),
    DemoIdea(
        "dev.malhotra@riverside.example",
        "Assessment Team 2",
        ProblemKind.DELAY,
        "Interpreters must be booked five days ahead, so urgent visits go without.",
        "Keep two same-day interpreter slots each week for urgent visits.",
        "No child interprets for their own parent.",
        days_ago=12,
    ),
    DemoIdea(
        "erin.byrne@riverside.example",
        "Children in Care Team",
        ProblemKind.SAFETY,
        "Return home interviews are late after a child goes missing at the weekend.",
        "Let the out-of-hours team offer the interview on the child's return.",
        "Interviews within 72 hours, while the child still wants to talk.",
        days_ago=3,
    ),
    DemoIdea(
        "sam.patel@riverside.example",
        "Assessment Team 1",
        ProblemKind.WASTE,
        "Visit slots are booked across town, back to back, with no travel time.",
        "Book visits by area, and leave 20 minutes between them.",
        "Fewer rushed visits at the end of the day.",
        days_ago=1,
    ),
    DemoIdea(
        "jo.okafor@riverside.example",
        "Child in Need Team",
        ProblemKind.QUALITY,
        "Plans roll over with the same actions when nothing has changed for the child.",
        "Start every review with: what has changed for each child since last time?",
        "Drift is noticed at the first review, not the fourth.",
        days_ago=75,
        steps=((2, IdeaStatus.UNDER_REVIEW, {}),),
        from_lesson="Attending is not the same as changing",
    ),
)


# Raised from children's feedback and adopted 205 days before the demo is loaded, so its
# page judges the children's ratings before and since (candour/demo/voice.py has the
# feedback about changes of worker either side). Loaded after the feedback.
FROM_FEEDBACK = (
    DemoIdea(
        "jo.okafor@riverside.example",
        "Child in Need Team",
        ProblemKind.EXPERIENCE,
        "Children tell us they do not know who their new social worker is after a change.",
        "Send each child a short letter with a photo of their new worker within a week.",
        "Children know who is coming and why.",
        days_ago=300,
        steps=(
            (4, IdeaStatus.UNDER_REVIEW, {}),
            (
                12,
                IdeaStatus.TRIAL,
                {
                    "plan": "The team tries it for every change of worker for three months.",
                    "measure": "Ask children at the next visit whether they knew who was coming.",
                },
            ),
            (
                95,
                IdeaStatus.ADOPTED,
                {"what_changed": "Every change of worker now starts with a letter."},
            ),
        ),
        impact={
            "what_changed": "A letter with a photo goes to the child within a week.",
            "children_experience": "Nine in ten children knew who was coming, up from four.",
            "cost": "About £30 a month in printing and post",
        },
    ),
)


def load(organisation: Organisation, teams: dict[str, Team]) -> int:
    """Submit and progress the demo ideas; return how many."""
    now = timezone.now()
    themes = {t.name: t for t in Theme.objects.filter(organisation=organisation)}
    lessons = {lesson.title: lesson for lesson in Lesson.objects.filter(organisation=organisation)}
    for item in IDEAS:
        _load_one(organisation, teams, item, themes, lessons, now)
    return len(IDEAS)


def load_from_feedback(organisation: Organisation, teams: dict[str, Team]) -> int:
    """The ideas raised from children's feedback, each from the team's checked feedback
    received before it was submitted (after the feedback demo has run)."""
    now = timezone.now()
    for item in FROM_FEEDBACK:
        submitted = (now - timedelta(days=item.days_ago)).date()
        feedback = (
            Feedback.objects.filter(
                organisation=organisation,
                team=teams[item.team],
                status=FeedbackStatus.PUBLISHED,
                received_week__lt=submitted,
            )
            .order_by("-received_week", "pk")
            .first()
        )
        _load_one(organisation, teams, item, {}, {}, now, feedback=feedback)
    return len(FROM_FEEDBACK)


def _load_one(
    organisation: Organisation,
    teams: dict[str, Team],
    item: DemoIdea,
    themes: dict[str, Theme],
    lessons: dict[str, Lesson],
    now: datetime,
    *,
    feedback: Feedback | None = None,
) -> None:
    author = User.objects.get(email=item.author)
    team = teams[item.team]
    submitted_at = now - timedelta(days=item.days_ago, hours=3)
    theme = themes.get(item.from_theme)
    lesson = lessons.get(item.from_lesson)
    idea = services.submit_idea(
        author=author,
        draft=services.IdeaDraft(
            team=team,
            problem_kind=item.kind,
            problem=item.problem,
            idea=item.idea,
            expected_benefit=item.benefit,
            name_hidden_from_colleagues=item.hidden_name,
            source=(
                "feedback" if feedback else "theme" if theme else "lesson" if lesson else "staff"
            ),
            source_theme=theme,
            source_lesson=lesson,
            source_feedback=feedback,
        ),
        now=submitted_at,
    )
    manager = (services.team_managers(team) or services.next_managers(organisation))[0]
    for after, status, details in item.steps:
        services.move_idea(
            actor=manager,
            idea=idea,
            to_status=status,
            review_on=(submitted_at + timedelta(days=after + 56)).date()
            if status == IdeaStatus.TRIAL
            else None,
            now=submitted_at + timedelta(days=after),
            **details,
        )
    if item.impact:
        services.record_impact(
            actor=manager,
            idea=idea,
            what_changed=str(item.impact["what_changed"]),
            minutes_saved_per_week=_number(item.impact.get("minutes_saved_per_week")),
            errors_avoided_per_year=_number(item.impact.get("errors_avoided_per_year")),
            children_experience=str(item.impact.get("children_experience", "")),
            cost=str(item.impact.get("cost", "")),
            now=now - timedelta(days=max(item.days_ago - 100, 1)),
        )
    if item.thanks:
        services.thank_team(actor=manager, idea=idea, note=item.thanks)
    if item.share_with:
        services.share_idea(
            actor=manager,
            idea=idea,
            organisation=Organisation.objects.get(name=item.share_with),
        )


def _number(value: object) -> int | None:
    return int(value) if isinstance(value, int) else None
