"""A year and a half of demo reports, built from recurring error traps, for `make run`.

Themes, trends, code suggestions and national search only show their worth over many
reports, so the demo writes them from scenarios: each is one error trap (a situation in
which capable people keep making the same mistake) with several ways of telling it,
what caught it when it was caught, and the codes an analyst would give. A fixed seed
keeps the demo the same on every machine. The stories are invented; the traps are the
ones serious case reviews keep finding.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from candour.accounts.models import User
from candour.core.models import Organisation, Team
from candour.learning import services as learning_services
from candour.learning.models import Code, DefenceState
from candour.reporting import services
from candour.reporting.vocabulary import ClosureReason, Outcome, PartOfDay, Route, Setting

WEEKS = 78  # eighteen months
OPEN_WEEKS = 3


@dataclass(frozen=True)
class Telling:
    """One way of telling what happened, and what made it likely."""

    what_happened: str
    what_made_it_likely: str


@dataclass(frozen=True)
class Catch:
    """How a near miss was caught, and the codes that go with it."""

    what_caught_it: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Scenario:
    key: str
    teams: tuple[str, ...]
    setting: Setting
    codes: tuple[str, ...]
    tellings: tuple[Telling, ...]
    catches: tuple[Catch, ...]
    # Codes when it was not caught before it reached the child or family.
    missed: tuple[str, ...]
    missed_stories: tuple[str, ...]
    weight: int = 1
    # Rising traps are reported more often in recent months, so the trend shows it.
    rising: bool = False
    # A trap a change has eased (the demo's adopted idea, issue 23): most of its reports
    # from the last this many weeks are moved to earlier, so "did it work?" has a fall
    # to judge. Made up by us, like every demo report.
    eased_weeks: int | None = None


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "child_not_seen",
        ("Assessment Team 1", "Assessment Team 2", "Family Support North"),
        Setting.HOME_VISIT,
        ("event.child_not_seen", "factor.organisation.workload"),
        (
            Telling(
                "Last visit of a long day. The parent said the children were asleep upstairs "
                "and I accepted it and left without seeing them.",
                "Four visits booked back to back; I was already late for the next one.",
            ),
            Telling(
                "I saw the baby in a car seat in the hallway but did not see him out of it or "
                "check the bruise the nursery had mentioned.",
                "The visit was squeezed between a court deadline and a duty shift.",
            ),
            Telling(
                "The recording system pre-fills 'child seen' and I saved the visit record "
                "without changing it, although the child was at her grandmother's.",
                "The visit template defaults to 'seen'; caseload of 28 with two court reports due.",
            ),
            Telling(
                "The teenager stayed in his bedroom with the door shut during the visit. I spoke "
                "to him through the door and recorded that he was seen.",
                "We were told not to push because the family had complained before.",
            ),
            Telling(
                "I visited at the end of the school day and the children were at an after school "
                "club. I spoke only to the parents and did not go back.",
                "No slot free that week to revisit; my caseload had gone up by six in a month.",
            ),
        ),
        (
            Catch(
                "The health visitor rang the next day to ask how the baby looked, and I realised "
                "I had not seen him. I went back the same afternoon.",
                (
                    "recovery.partner_agency",
                    "defence.multi_agency_check:held",
                    "defence.seeing_the_child:failed",
                ),
            ),
            Catch(
                "My manager asked in supervision when I had last seen the child alone. I had not, "
                "and I visited again that week.",
                (
                    "recovery.supervision_or_audit",
                    "defence.supervision:held",
                    "defence.seeing_the_child:failed",
                ),
            ),
            Catch(
                "The new checklist on the visit form asks whether the child was seen alone; "
                "answering it made me stop and go back.",
                ("recovery.system_or_checklist", "defence.procedure_checklist:held"),
            ),
        ),
        (
            "factor.task.recording_system",
            "defence.seeing_the_child:failed",
            "defence.supervision:failed",
        ),
        (
            "Nobody noticed for three weeks. Supervision had been cancelled twice.",
            "It came to light only when the school raised a new concern.",
        ),
        weight=3,
        # The demo idea "Make 'Was the child seen alone?' required" was adopted about
        # 19 weeks before the demo is loaded (candour/demo/ideas.py).
        eased_weeks=19,
    ),
    Scenario(
        "shared_inbox",
        ("Multi-Agency Safeguarding Hub",),
        Setting.OFFICE,
        ("event.referral_handling", "factor.team.multi_agency", "factor.organisation.staffing"),
        (
            Telling(
                "A police notification about domestic abuse sat in the hub's shared inbox over "
                "the weekend. Nobody opened it until Tuesday.",
                "Nobody owns the shared inbox at weekends or on public holidays.",
            ),
            Telling(
                "An email from a school about a child with a mark on her face went to the old "
                "team address and was not forwarded for four days.",
                "The old address still receives mail but is only checked when someone remembers.",
            ),
            Telling(
                "Two workers each thought the other had screened a referral from the ambulance "
                "service, so it was not screened within a working day.",
                "The hub was two screeners short and using agency cover who did not know the rota.",
            ),
            Telling(
                "A contact from a GP was marked as read in the shared inbox by mistake and then "
                "dropped out of view.",
                "The inbox view hides read messages, and we were working through 140 contacts.",
            ),
        ),
        (
            Catch(
                "The police officer rang to check it had been received, and we picked it up.",
                ("recovery.partner_agency", "defence.multi_agency_check:held"),
            ),
            Catch(
                "The Monday morning inbox sweep found it before it went past a day.",
                ("recovery.system_or_checklist", "defence.procedure_checklist:held"),
            ),
            Catch(
                "A colleague covering the phones noticed the unopened message and escalated it.",
                ("recovery.colleague", "defence.escalation:held"),
            ),
        ),
        ("defence.procedure_checklist:failed", "factor.external.demand"),
        (
            "The family were not contacted for a week; another incident happened in between.",
            "The child was not seen until the school raised it again.",
        ),
        weight=3,
        rising=True,
    ),
    Scenario(
        "wrong_record",
        ("Multi-Agency Safeguarding Hub", "Assessment Team 2", "Family Support South"),
        Setting.OFFICE,
        ("event.wrong_person", "factor.task.recording_system", "defence.system_prompt:failed"),
        (
            Telling(
                "I added a case note to the wrong child's record. Two children with identical "
                "names and dates of birth came up and I picked the first.",
                "The search screen shows no address or parent names, only name and date of birth.",
            ),
            Telling(
                "A referral was linked to a family with the same surname in another part of the "
                "borough, so the history we read was not theirs.",
                "Search returns partial matches first and the list cuts off at ten.",
            ),
            Telling(
                "Two records for the same child had been merged wrongly, so a sibling's "
                "school was showing on her record.",
                "Merging records needs no second check.",
            ),
        ),
        (
            Catch(
                "The parent said the history we read out was not theirs.",
                ("recovery.child_or_family", "defence.family_voice:held"),
            ),
            Catch(
                "A business support officer noticed the address did not match and queried it.",
                ("recovery.colleague", "defence.second_opinion:held"),
            ),
        ),
        ("factor.individual.slip_lapse",),
        (
            "The wrong history was read at a strategy discussion before anyone noticed.",
            "A letter went to the wrong family.",
        ),
        weight=2,
    ),
    Scenario(
        "drift",
        ("Child in Need Team", "Family Support North", "Family Support South"),
        Setting.CONFERENCE,
        ("event.risk_judgement", "reasoning.drift", "reasoning.optimism"),
        (
            Telling(
                "The family were described as cooperative at the fourth core group because the "
                "parents came to every meeting. Nothing had changed for the children in a year.",
                "Each meeting started from the last one's view; attendance counted as progress.",
            ),
            Telling(
                "A child in need plan was rolled over for the third time with the same actions. "
                "The neglect had not improved, but nobody asked for a step up.",
                "Three changes of social worker; each started again with the family.",
            ),
            Telling(
                "We closed the plan because mum had moved the partner out. He was back within a "
                "month and we did not check.",
                "We wanted the good news to be true and did not look for evidence against it.",
            ),
        ),
        (
            Catch(
                "A new independent reviewing officer asked what had changed for each child since "
                "the plan began, and the answer was nothing.",
                ("recovery.supervision_or_audit", "defence.independent_challenge:held"),
            ),
            Catch(
                "The school nurse, new to the group, challenged the word 'cooperative'.",
                ("recovery.partner_agency", "defence.second_opinion:held"),
            ),
        ),
        ("reasoning.confirmation", "defence.independent_challenge:failed"),
        (
            "The children stayed in the same home conditions for another six months.",
            "It was only picked up when an older sibling told a teacher.",
        ),
        weight=2,
    ),
    Scenario(
        "transfer",
        ("Assessment Team 1", "Child in Need Team", "Children in Care Team"),
        Setting.OFFICE,
        ("event.handover_transfer", "factor.team.handover", "factor.organisation.staffing"),
        (
            Telling(
                "A case transferred from assessment to the long-term team sat unallocated for "
                "five weeks. No visits happened in that time.",
                "Transfers wait for a panel that was cancelled twice; meanwhile nobody owns it.",
            ),
            Telling(
                "An agency worker left on a Friday and her cases were not reallocated. One child "
                "on a protection plan was not visited within the ten working days.",
                "Leavers' cases are not listed anywhere until their account is closed.",
            ),
            Telling(
                "The handover note said 'no concerns' but did not mention the pending police "
                "investigation, which the new worker only found out about from the school.",
                "Handovers are done by email with no set headings.",
            ),
        ),
        (
            Catch(
                "The weekly unallocated cases report flagged it.",
                ("recovery.system_or_checklist", "defence.system_prompt:held"),
            ),
            Catch(
                "The team manager checked every leaver's caseload on her last day.",
                ("recovery.supervision_or_audit", "defence.supervision:held"),
            ),
        ),
        ("event.timescale_missed", "defence.supervision:failed"),
        ("The statutory visit was missed and the child's situation was not known for a month.",),
        weight=2,
        rising=True,
    ),
    Scenario(
        "interpreter",
        ("Assessment Team 2", "Family Support South"),
        Setting.HOME_VISIT,
        ("event.family_communication", "factor.organisation.resources"),
        (
            Telling(
                "The interpreter did not arrive, so the twelve year old interpreted for his "
                "mother during a visit about his own safety.",
                "Interpreters must be booked five days ahead and visits are often arranged sooner.",
            ),
            Telling(
                "We used a phone translation app at a child protection visit because no "
                "interpreter was free. Mum did not understand what a plan meant.",
                "No budget for same-day interpreters.",
            ),
        ),
        (
            Catch(
                "I stopped the visit when I realised and rebooked it with an interpreter.",
                ("recovery.self", "defence.procedure_checklist:held"),
            ),
        ),
        ("defence.family_voice:failed",),
        ("The family signed the written agreement without understanding it.",),
    ),
    Scenario(
        "missing",
        ("Children in Care Team",),
        Setting.PHONE_OR_ONLINE,
        ("event.plan_not_followed", "factor.team.multi_agency"),
        (
            Telling(
                "A looked after girl went missing overnight from her placement. The return "
                "home interview was not offered for nine days.",
                "Return interviews are commissioned out and the provider does not work weekends.",
            ),
            Telling(
                "The residential home did not tell us a young person had been missing three "
                "times in a week until the review.",
                "Notifications go to a generic address that nobody in the team reads daily.",
            ),
        ),
        (
            Catch(
                "The police missing person coordinator rang the team to ask about a pattern.",
                ("recovery.partner_agency", "defence.multi_agency_check:held"),
            ),
        ),
        ("defence.escalation:failed", "factor.supervision.known_problem"),
        ("She went missing twice more before anyone spoke to her about where she went.",),
        weight=2,
    ),
    Scenario(
        "sign_off",
        ("Assessment Team 1", "Assessment Team 2"),
        Setting.OFFICE,
        ("event.recording_error", "factor.individual.knowledge", "factor.task.forms_procedures"),
        (
            Telling(
                "A newly qualified worker closed an assessment with no further action without "
                "a manager's sign-off, because the system let them.",
                "The workflow does not stop closure without a manager's decision.",
            ),
            Telling(
                "An assessment was completed but the outcome box was left blank, so the case "
                "dropped off every list.",
                "The form allows saving without an outcome.",
            ),
        ),
        (
            Catch(
                "An audit of closures picked it up a week later.",
                ("recovery.supervision_or_audit", "defence.supervision:held"),
            ),
        ),
        ("defence.system_prompt:failed",),
        ("The family were re-referred two months later with the same concerns.",),
    ),
)


def load(organisation: Organisation, teams: dict[str, Team], analyst: User, *, count: int) -> int:
    """Submit `count` reports from the scenarios over the last 18 months, reviewed and coded."""
    # Not for secrets: a fixed seed so that every machine shows the same demo.
    rng = random.Random(f"candour-demo-{organisation.code or organisation.name}")  # noqa: S311
    usable = [s for s in SCENARIOS if any(team in teams for team in s.teams)]
    pool = [scenario for scenario in usable for _ in range(scenario.weight)]
    codes = {code.key: code for code in Code.objects.all()}
    today = timezone.localdate()
    # Its own stream, so that easing one trap leaves every other demo report as it was.
    easing = random.Random(f"candour-demo-easing-{organisation.code or organisation.name}")  # noqa: S311
    for _ in range(count):
        scenario = rng.choice(pool)
        weeks_ago = _weeks_ago(rng, scenario.rising)
        if scenario.eased_weeks and weeks_ago < scenario.eased_weeks and easing.random() < 0.8:
            weeks_ago = easing.randrange(scenario.eased_weeks, WEEKS)
        outcome, narrative = _narrative_and_outcome(rng, scenario)
        submitted = services.submit_report(
            organisation=organisation,
            team=teams.get(rng.choice([t for t in scenario.teams if t in teams])),
            route=Route.ANONYMOUS,
            outcome=outcome,
            narrative=narrative,
            setting=scenario.setting,
            occurred_month=today - timedelta(weeks=weeks_ago + 1),
            part_of_day=rng.choice(list(PartOfDay)),
            factors=[],
            contact="",
            today=today - timedelta(weeks=weeks_ago),
        )
        report = submitted.report
        services.review_redactions(
            actor=analyst,
            report=report,
            keep={name: list(range(len(spans))) for name, spans in report.redactions.items()},
            add_phrases={},
        )
        keys = list(scenario.codes)
        if report.outcome == Outcome.NEAR_MISS:
            catch = next(c for c in scenario.catches if c.what_caught_it == report.what_caught_it)
            keys += catch.codes
        else:
            keys += scenario.missed
        learning_services.save_coding(
            analyst=analyst, report=report, choices=_choices(_dedupe(keys), codes)
        )
        # Older reports have been dealt with, as in a working service; recent ones are
        # still in the triage queue.
        if weeks_ago >= OPEN_WEEKS:
            services.close_report(
                actor=analyst,
                report=report,
                reason=ClosureReason.LEARNING_CAPTURED,
                outcome_for_reporter=(
                    "Thank you. Your report was coded and added to the learning team's themes."
                ),
            )
    return count


def _weeks_ago(rng: random.Random, rising: bool) -> int:
    if rising and rng.random() < 0.6:
        return rng.randrange(0, 20)
    return rng.randrange(0, WEEKS)


def _narrative_and_outcome(
    rng: random.Random, scenario: Scenario
) -> tuple[Outcome, services.Narrative]:
    telling = rng.choice(scenario.tellings)
    caught = rng.random() < 0.6
    if caught:
        catch = rng.choice(scenario.catches)
        outcome, caught_text = Outcome.NEAR_MISS, catch.what_caught_it
    else:
        outcome = rng.choice([Outcome.NO_HARM, Outcome.NO_HARM, Outcome.HARM])
        caught_text = rng.choice(scenario.missed_stories)
    return outcome, services.Narrative(
        what_happened=telling.what_happened,
        what_caught_it=caught_text,
        what_made_it_likely=telling.what_made_it_likely,
        what_would_prevent="",
    )


def _dedupe(keys: Sequence[str]) -> list[str]:
    """One choice per code: a later defence state (how it was caught) wins."""
    by_code: dict[str, str] = {}
    for item in keys:
        by_code[item.partition(":")[0]] = item
    return list(by_code.values())


def _choices(keys: list[str], codes: dict[str, Code]) -> list[learning_services.CodeChoice]:
    choices = []
    for item in keys:
        key, _, state = item.partition(":")
        choices.append(
            learning_services.CodeChoice(codes[key], DefenceState(state) if state else None)
        )
    return choices
