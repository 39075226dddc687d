"""A year of feedback from Riverside's children, young people and families, for `make run`.

Written through the real journey's service, so de-identification and the safeguarding
check run on it; one disclosure is routed and acknowledged, as a duty worker would, and a
second, in words no pattern holds, is raised by the similarity layer and waits.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.utils import timezone

from candour.accounts.models import User
from candour.core.models import Organisation, Team
from candour.voice import services
from candour.voice.models import Feedback, FeedbackLink, FeedbackTheme
from candour.voice.vocabulary import AgeBand, Rating, WorkedWith

# (age band, rating, what was good, what would be better, idea)
COMMENTS: tuple[tuple[str, str, str, str, str], ...] = (
    (AgeBand.YOUNG, Rating.VERY_GOOD, "she played lego with me", "", ""),
    (AgeBand.YOUNG, Rating.GOOD, "the drawing game", "come more", "more drawing"),
    (AgeBand.YOUNG, Rating.NEITHER, "", "i did not know who she was", ""),
    (AgeBand.YOUNG, Rating.VERY_GOOD, "she was kind and listened", "", ""),
    (
        AgeBand.MIDDLE,
        Rating.GOOD,
        "My social worker listened to me and wrote down what I said.",
        "I want to know when she is coming. Sometimes she just turns up.",
        "Send us a text the day before.",
    ),
    (
        AgeBand.MIDDLE,
        Rating.POOR,
        "",
        "I have had three social workers this year and I have to tell my story again.",
        "Tell the new one everything so I do not have to.",
    ),
    (
        AgeBand.MIDDLE,
        Rating.VERY_GOOD,
        "She helped me see my brother more.",
        "",
        "More days out with my brother.",
    ),
    (
        AgeBand.MIDDLE,
        Rating.GOOD,
        "We talked in the park not at school so my friends did not see.",
        "Meetings are boring and too long.",
        "Let children go first in meetings.",
    ),
    (
        AgeBand.TEEN,
        Rating.POOR,
        "",
        "Nobody tells me what is going on with my plan until the meeting.",
        "Let me read the report before the meeting.",
    ),
    (
        AgeBand.TEEN,
        Rating.VERY_GOOD,
        "My PA actually answers my messages and helped me with college.",
        "",
        "",
    ),
    (
        AgeBand.TEEN,
        Rating.NEITHER,
        "She was alright.",
        "Stop asking the same questions every time.",
        "",
    ),
    (
        AgeBand.TEEN,
        Rating.VERY_POOR,
        "",
        "I waited three months to hear about contact with my mum.",
        "Give us a date and stick to it.",
    ),
    (
        AgeBand.PARENT,
        Rating.GOOD,
        "The family support worker was honest and kind.",
        "Letters are full of jargon. I did not understand the plan.",
        "Write the plan in plain English.",
    ),
    (
        AgeBand.PARENT,
        Rating.VERY_GOOD,
        "We were listened to and the children were treated with respect.",
        "",
        "",
    ),
    (
        AgeBand.PARENT,
        Rating.POOR,
        "",
        "Our worker changed twice and nobody told us.",
        "A phone call when the worker changes.",
    ),
    (
        AgeBand.PARENT,
        Rating.NEITHER,
        "Help with the school was good.",
        "The meeting room was cramped and we waited an hour.",
        "",
    ),
)

DISCLOSURE = (
    AgeBand.MIDDLE,
    Rating.VERY_POOR,
    "",
    "my mums boyfriend hits me when she is at work and I am scared to go home",
    "",
)

# Words no phrase pattern holds: the learned layer raises this one alone (issue 15),
# as a young carer's neglect, and it waits for the duty team on the alerts page.
QUIET_DISCLOSURE = (
    AgeBand.MIDDLE,
    Rating.NEITHER,
    "My social worker is nice.",
    "Mum hasnt got up for weeks so I feed my brothers and get them to school.",
    "",
)

# A poster's link used by a script: three "disclosures" in a minute, which the duty team
# sees grouped as one burst with one email (issue 16); each is still kept and shown.
BURST_LINK = ("Poster in the Family Hub", "Child in Need Team")
BURST = (
    "my dad hits me lol jk",
    "im not safe at home",
    "help my stepdad hits me",
)

LINKS = (
    ("Home visits: Assessment Team 1", "Assessment Team 1"),
    ("Child in Need Team", "Child in Need Team"),
    ("Children in Care Team", "Children in Care Team"),
)


def load(organisation: Organisation, teams: dict[str, Team], admin: User, lead: User) -> int:
    """Links, a duty contact, a year of feedback, one acknowledged disclosure, one waiting,
    and a burst of three from a poster's link."""
    services.set_duty_contact(
        actor=admin,
        organisation=organisation,
        email="duty.team@riverside.example",
        phone="020 7946 0999",
    )
    links = [
        services.create_link(actor=admin, organisation=organisation, team=teams[team], name=name)
        for name, team in LINKS
    ]
    # Not for secrets: a fixed seed so that every machine shows the same demo.
    rng = random.Random("candour-demo-feedback")  # noqa: S311
    today = timezone.localdate()
    count = 0
    for index in range(96):
        band, rating, good, better, idea = COMMENTS[index % len(COMMENTS)]
        _submit(
            rng.choice(links),
            band,
            rating,
            good,
            better,
            idea,
            today - timedelta(days=rng.randrange(0, 360)),
        )
        count += 1
    _check_and_answer(organisation, teams)
    band, rating, good, better, idea = DISCLOSURE
    submitted, _secret = _submit(
        links[1], band, rating, good, better, idea, today - timedelta(days=2)
    )
    if submitted.alert is not None:
        services.acknowledge_alert(
            alert=submitted.alert,
            by=lead,
            action=(
                "Duty social worker spoke to the school the same afternoon; the child was "
                "seen at school and a strategy discussion was held."
            ),
        )
    band, rating, good, better, idea = QUIET_DISCLOSURE
    _submit(links[2], band, rating, good, better, idea, today)
    name, team = BURST_LINK
    poster = services.create_link(
        actor=admin, organisation=organisation, team=teams[team], name=name
    )
    for words in BURST:
        _submit(poster, AgeBand.TEEN, Rating.VERY_POOR, "", words, "", today)
    _family_private_reply(links[0], today)
    return count + 3 + len(BURST)


# Written by us for the demo. A parent reads the answer to their own feedback at
# /feedback/<the link's code>/your-reply/ with this code (docs: README, demo section).
FAMILY_REPLY_CODE = "FAM1-7R3P-2Y4K-9D6W"
FAMILY_FEEDBACK = (
    "The meeting about my son was moved twice and nobody told me why.",
    "Please ring me when a meeting moves, not a letter after.",
)
FAMILY_ANSWER = (
    "You told us two meetings about your son were moved without a reason.",
    "We are sorry. Your social worker will now ring you the same day a meeting moves, "
    "and say why. The team manager has checked this with the whole team.",
)


def _family_private_reply(link: FeedbackLink, today: date) -> None:
    """A parent's feedback with a private code, checked and answered to them alone."""
    from candour.voice.moderation import services as moderation

    analyst = User.objects.get(email="alex.morgan@riverside.example")
    better, idea = FAMILY_FEEDBACK
    submitted, _secret = _submit(
        link, AgeBand.PARENT, Rating.POOR, "", better, idea, today - timedelta(days=12)
    )
    services.give_reply_code(feedback=submitted.feedback, code=FAMILY_REPLY_CODE)
    services.publish_feedback(actor=analyst, feedback=submitted.feedback)
    you_said, we_did = FAMILY_ANSWER
    moderation.reply(actor=analyst, feedback=submitted.feedback, you_said=you_said, we_did=we_did)


REPLIES = (
    (
        "Child in Need Team",
        "Children told us they did not know who their new social worker was.",
        "Every child now gets a letter with a photo of their new worker within a week.",
    ),
    (
        "Assessment Team 1",
        "You said you wanted to know when your social worker was coming.",
        "We now send a text the day before every visit.",
    ),
    (
        "Children in Care Team",
        "Young people said they hear about their plan for the first time in the meeting.",
        "Young people can now read their review report a week before the meeting.",
    ),
)


# Answers to a theme, for the whole service: what many children said, not one child.
THEME_REPLIES = (
    (
        "changes-of-worker",
        "Many children said they have to tell their story again each time their worker changes.",
        "A new worker now reads the file and meets the old worker before the first visit.",
    ),
)


def _check_and_answer(organisation: Organisation, teams: dict[str, Team]) -> None:
    """The learning team checks most feedback (the newest waits), themes it, and answers."""
    from candour.voice.moderation import services as moderation

    analyst = User.objects.get(email="alex.morgan@riverside.example")
    waiting = list(
        Feedback.objects.filter(organisation=organisation).order_by("received_week", "pk")
    )
    for feedback in waiting[:-6]:
        moderation.ensure_default_themes(organisation)
        services.publish_feedback(actor=analyst, feedback=feedback)
        moderation.suggest_themes(feedback)
    for team, you_said, we_did in REPLIES:
        moderation.reply(actor=analyst, team=teams[team], you_said=you_said, we_did=we_did)
    for key, you_said, we_did in THEME_REPLIES:
        theme = FeedbackTheme.objects.get(organisation=organisation, key=key)
        moderation.reply(actor=analyst, theme=theme, you_said=you_said, we_did=we_did)


def _submit(
    link: FeedbackLink,
    band: str,
    rating: str,
    good: str,
    better: str,
    idea: str,
    day: date,
) -> tuple[services.Submitted, str | None]:
    return services.submit_feedback(
        link=link,
        answers=services.Answers(
            age_band=band,
            rating=rating,
            what_was_good=good,
            what_would_be_better=better,
            idea=idea,
            worked_with="" if band == AgeBand.YOUNG else WorkedWith.SOCIAL_WORKER,
        ),
        today=day,
    )
