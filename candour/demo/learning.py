"""Demo coding: the reviewed demo reports coded, one of them by two analysts."""

from __future__ import annotations

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.accounts.services import create_user, grant_role
from candour.core.models import Organisation, Team
from candour.learning import services
from candour.learning.models import Code, DefenceState
from candour.reporting.models import Report

# Codes for demo reports, matched by a phrase of their de-identified text.
DEMO_CODING: dict[str, list[str]] = {
    "did not ask to see him": [
        "event.child_not_seen",
        "factor.organisation.workload",
        "factor.task.recording_system",
        "defence.seeing_the_child:failed",
        "defence.second_opinion:held",
        "recovery.partner_agency",
    ],
    "bank holiday": [
        "event.referral_handling",
        "factor.organisation.staffing",
        "factor.team.multi_agency",
        "defence.multi_agency_check:held",
        "recovery.partner_agency",
    ],
    "engaging well": [
        "event.risk_judgement",
        "reasoning.confirmation",
        "reasoning.drift",
        "factor.family.engagement",
        "defence.independent_challenge:held",
        "recovery.partner_agency",
    ],
    "same name and date of birth": [
        "event.wrong_person",
        "factor.task.recording_system",
        "factor.individual.wellbeing",
        "defence.system_prompt:failed",
        "recovery.self",
    ],
    "filed two days late": [
        "event.timescale_missed",
        "factor.organisation.staffing",
        "factor.team.handover",
        "defence.supervision:failed",
        "defence.independent_challenge:held",
    ],
}


def load(organisation: Organisation, analyst: User) -> None:
    second = create_user(
        actor=None,
        organisation=organisation,
        email="sam.oduya@riverside.example",
        full_name="Sam Oduya",
    )
    grant_role(actor=None, user=second, organisation=organisation, role=Role.ANALYST)
    codes = {code.key: code for code in Code.objects.all()}
    for report in Report.objects.filter(
        organisation=organisation, redactions_reviewed_at__isnull=False
    ):
        for phrase, keys in DEMO_CODING.items():
            if phrase in report.what_happened or phrase in report.what_caught_it:
                services.save_coding(analyst=analyst, report=report, choices=_choices(keys, codes))
                if phrase == "did not ask to see him":
                    # A second, blind coding that differs a little, to show agreement.
                    services.save_coding(
                        analyst=second,
                        report=report,
                        choices=_choices([*keys[:2], "factor.individual.slip_lapse"], codes),
                    )
    load_local_code_and_referral(organisation, analyst)


def load_local_code_and_referral(organisation: Organisation, analyst: User) -> None:
    """A local code of Riverside's own, and the rare report referred to the just-culture aid."""
    from candour.learning.coding import services as local_codes
    from candour.learning.just_culture import services as just_culture

    local_codes.add_local_code(
        actor=analyst,
        organisation=organisation,
        axis="factor",
        label="Out-of-hours duty handover",
        description="Information lost between the emergency duty team and day teams.",
    )
    report = (
        Report.objects.filter(organisation=organisation, redactions_reviewed_at__isnull=False)
        .order_by("pk")
        .first()
    )
    if report is not None:
        just_culture.refer_report(
            analyst=analyst,
            report=report,
            reason="The service manager asked whether a procedure was knowingly skipped.",
        )


def _choices(keys: list[str], codes: dict[str, Code]) -> list[services.CodeChoice]:
    choices = []
    for item in keys:
        key, _, state = item.partition(":")
        choices.append(services.CodeChoice(codes[key], DefenceState(state) if state else None))
    return choices


def load_lessons(organisation: Organisation, analyst: User) -> None:
    """One published lesson from the closed demo report, and a bulletin for the month."""
    from django.utils import timezone

    from candour.learning.lessons import services as lessons

    source = Report.objects.filter(
        organisation=organisation, what_happened__contains="engaging well"
    )
    lesson = lessons.save_lesson(
        actor=analyst,
        organisation=organisation,
        title="Attending is not the same as changing",
        story=(
            "At a core group, a family was described as engaging well because the parents came "
            "to every meeting. Nobody had asked what had changed for the children since the "
            "plan began. A school nurse new to the group asked what engaging meant for them."
        ),
        commentary=(
            "We judged the parents' attendance rather than the children's experience, and each "
            "meeting built on the last one's view (drift and confirmation). Fresh eyes caught it."
        ),
        action_taken="Core groups now begin with: what has changed for each child since last time?",
        reports=list(source),
    )
    lessons.publish_lesson(actor=analyst, lesson=lesson)
    today = timezone.localdate()
    lessons.publish_bulletin(
        actor=analyst,
        organisation=organisation,
        title=f"Practice lessons: {today:%B %Y}",
        period_start=today.replace(day=1),
        period_end=today,
        introduction="For team meetings this month: one story, and what people reported.",
    )


def load_alerts(organisation: Organisation, analyst: User, admin: User, lead: User) -> None:
    """Name a safety lead and raise one alert from the MASH inbox report."""
    from candour.core.services import set_safety_lead
    from candour.learning.alerts import services as alerts

    set_safety_lead(actor=admin, organisation=organisation, lead=lead)
    report = Report.objects.filter(
        organisation=organisation, what_happened__contains="bank holiday"
    ).first()
    if report is not None:
        alert = alerts.raise_alert(
            actor=analyst,
            report=report,
            hazard=(
                "Nobody owns the hub's shared inbox on bank holidays: police notifications can "
                "wait days. Name an owner for every working day before the next bank holiday."
            ),
            could_identify_reporter=False,
        )
        alerts.acknowledge(actor=lead, alert=alert)


def moorland_analyst(organisation: Organisation) -> User:
    """A learning-team analyst for the second demo organisation, so it has coded reports."""
    # No password: like the second Riverside analyst, it only codes the demo reports.
    analyst = create_user(
        actor=None,
        organisation=organisation,
        email="morgan.ellis@moorland.example",
        full_name="Morgan Ellis",
    )
    grant_role(actor=None, user=analyst, organisation=organisation, role=Role.ANALYST)
    return analyst


def load_history(organisations: dict[Organisation, tuple[dict[str, Team], User, int]]) -> None:
    """Eighteen months of reviewed, coded reports per organisation."""
    from candour.demo import learning_corpus as demo_corpus

    for organisation, (teams, analyst, count) in organisations.items():
        demo_corpus.load(organisation, teams, analyst, count=count)
        load_themes(organisation, analyst)


def load_themes(organisation: Organisation, analyst: User) -> None:
    """Let Candour suggest themes, then curate two as an analyst would."""
    from candour.learning.models import Theme, ThemeStatus
    from candour.learning.themes import services as themes
    from candour.learning.themes.services import find_themes

    find_themes(organisation)
    suggested = list(
        Theme.objects.filter(organisation=organisation, status=ThemeStatus.SUGGESTED).order_by("pk")
    )
    names = {
        "A child was not seen, or not seen alone": (
            "Children not seen, or not seen alone, on busy visits",
            "Late or back-to-back visits where the child was asleep, out or behind a door, "
            "and the record said 'seen'. Caught when a partner agency or supervision asked.",
        ),
        "A referral or contact was handled wrongly or late": (
            "Referrals waiting in the hub's shared inbox",
            "Notifications that nobody owned: weekends, old addresses, read by mistake.",
        ),
    }
    for theme in suggested:
        if theme.name in names:
            name, description = names[theme.name]
            themes.update_theme(actor=analyst, theme=theme, name=name, description=description)


# Lessons for the open library (ADR 0033): each drawn from the demo reports of one error
# trap, found by words their tellings share. Written without team names, dates or
# references, as the open library requires.
OPEN_LESSONS: tuple[tuple[tuple[str, ...], str, str, str, str], ...] = (
    (
        ("asleep upstairs", "car seat", "pre-fills", "bedroom", "after school club"),
        "Seeing the child means seeing the child",
        "On late and back-to-back home visits, workers accepted that a child was asleep, out or "
        "behind a closed door, and the visit record, which defaulted to 'seen', said they had "
        "been seen.",
        "Workload and a form default worked together: the record made the gap invisible. Partner "
        "agencies and supervision questions were what caught it.",
        "The visit form no longer defaults to 'seen' and asks whether the child was seen alone; "
        "late visits are not booked back to back.",
    ),
    (
        ("shared inbox", "old address", "ambulance", "marked as read"),
        "Nobody owned the shared inbox",
        "Notifications from the police, schools and health waited in a shared inbox because each "
        "worker thought someone else had picked them up.",
        "A shared inbox with no named owner spreads responsibility until nobody holds it.",
        "Each shift now names one person who owns the inbox and clears it before handing over.",
    ),
    (
        ("unallocated", "reallocated", "no concerns"),
        "Cases went quiet when they moved",
        "When cases moved between teams or a worker left, children waited without an allocated "
        "worker, and handover notes left out work that was still pending.",
        "Handovers relied on memory and free text; the gap between teams had no owner.",
        "A transfer checklist lists pending actions, and a case is not closed to one team until "
        "another has accepted it.",
    ),
    (
        ("interpreter", "translation app"),
        "Children should not interpret for their own family",
        "When an interpreter did not arrive, a child interpreted for a parent during a visit about "
        "the child's own safety, and a phone app was used for a sensitive conversation.",
        "Booking did not confirm interpreters in advance, and there was no fallback that kept the "
        "child out of the role.",
        "Interpreters are confirmed before the visit, and a visit is rearranged rather than going "
        "ahead with a child interpreting.",
    ),
)


def load_open_library(organisation: Organisation, analyst: User) -> None:
    """Publish the demo's lessons; open them, the older one and the bulletin in the library."""
    from django.db.models import Q
    from django.utils import timezone

    from candour.learning.lessons import services as lessons
    from candour.learning.library import services as library
    from candour.learning.library.content import open_copy
    from candour.learning.library.open_bulletins import open_bulletin_copy
    from candour.learning.models import Bulletin, Lesson

    to_open = list(Lesson.objects.filter(organisation=organisation, published_at__isnull=False))
    for phrases, title, story, commentary, action_taken in OPEN_LESSONS:
        matching = Q()
        for phrase in phrases:
            matching |= Q(what_happened__contains=phrase)
        reports = Report.objects.filter(
            organisation=organisation, redactions_reviewed_at__isnull=False
        )
        lesson = lessons.save_lesson(
            actor=analyst,
            organisation=organisation,
            title=title,
            story=story,
            commentary=commentary,
            action_taken=action_taken,
            reports=list(reports.filter(matching)[:40]),
        )
        to_open.append(lessons.publish_lesson(actor=analyst, lesson=lesson))
    today = timezone.localdate()
    for lesson in to_open:
        copy = open_copy(lesson, today=today)
        library.publish_openly(actor=analyst, lesson=lesson, previewed=copy.digest)
    for bulletin in Bulletin.objects.filter(organisation=organisation):
        bulletin_copy = open_bulletin_copy(bulletin, today=today)
        if not bulletin_copy.problems:
            library.publish_bulletin_openly(
                actor=analyst, bulletin=bulletin, previewed=bulletin_copy.digest
            )


def link_feedback_themes(organisation: Organisation, analyst: User) -> None:
    """The theme of children not seen is about what children say of seeing their worker:
    linked, an action on it is judged on the ratings of that feedback (issue 23)."""
    from candour.learning.models import Theme
    from candour.learning.themes import services as themes

    theme = Theme.objects.filter(
        organisation=organisation, name="Children not seen, or not seen alone, on busy visits"
    ).first()
    seeing = organisation.feedback_themes.filter(key="seeing-my-worker").first()
    if theme is not None and seeing is not None:
        themes.link_feedback_themes(actor=analyst, theme=theme, feedback_theme_ids=[seeing.pk])
