"""Writes for the learning team's side of feedback: themes (suggested, confirmed and the
service's own) and the service's answers, "you said, we did".

Themes are suggested on the de-identified text only, after it has been checked: the
child's own words never reach the theme model. A suggestion is a tag nobody has
confirmed (``confirmed_by`` None) until an analyst ticks it.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.accounts.roles import Role
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, Team
from candour.lib.feedback_themes import LabelledComment, ThemeModel, default_theme_set
from candour.voice.models import Feedback, FeedbackReply, FeedbackTheme, FeedbackThemeTag
from candour.voice.vocabulary import FeedbackStatus

# A suggestion must score at least this (a keyword rule alone scores 0.5), and at most
# this many are suggested, so that a short comment is not buried under themes.
SUGGEST_AT = 0.3
MOST_SUGGESTED = 3
# The newest confirmed theming the model learns from; enough for a service's own themes.
MOST_TRAINING_COMMENTS = 2000
LONGEST_REPLY = 2000
OWN_THEME_PREFIX = "own-"


def _check_learning_team(actor: User, organisation_id: int) -> None:
    if actor.pk is None or organisation_id not in actor.organisation_ids_with_role(Role.ANALYST):
        raise ValidationError(_("Only the learning team can do this"))


@transaction.atomic
def ensure_default_themes(organisation: Organisation) -> list[FeedbackTheme]:
    """Add the shipped themes for children's and families' feedback that the organisation
    does not have yet; returns the ones added."""
    have = set(
        FeedbackTheme.objects.filter(organisation=organisation).values_list("key", flat=True)
    )
    added = [
        FeedbackTheme.objects.create(organisation=organisation, key=theme.id, label=theme.name)
        for theme in default_theme_set().themes
        if theme.id not in have
    ]
    if added:
        record(
            AuditEventType.FEEDBACK_THEMED,
            actor_id=None,
            organisation=organisation,
            data={"action": "default_themes_added", "count": len(added)},
        )
    return added


def _theme_model(organisation: Organisation) -> ThemeModel:
    """Keyword rules for a cold start, and whatever the learning team has confirmed since."""
    tags = (
        FeedbackThemeTag.objects.filter(
            feedback__organisation=organisation,
            feedback__status=FeedbackStatus.PUBLISHED,
            confirmed_by__isnull=False,
        )
        .order_by("-feedback_id")
        .values_list("feedback_id", "theme__key")
    )
    themes: dict[int, set[str]] = {}
    for feedback_id, key in tags.iterator():
        if feedback_id not in themes and len(themes) >= MOST_TRAINING_COMMENTS:
            break
        themes.setdefault(feedback_id, set()).add(key)
    texts = Feedback.objects.filter(pk__in=themes).only(
        "what_was_good", "what_would_be_better", "idea"
    )
    comments = [
        LabelledComment(str(item.pk), item.text, frozenset(themes[item.pk]))
        for item in texts
        if item.text
    ]
    return ThemeModel.train(comments, rules=default_theme_set().rules)


@transaction.atomic
def suggest_themes(feedback: Feedback) -> list[FeedbackThemeTag]:
    """Tag checked feedback with the themes it reads as (unconfirmed, with their score);
    confirmed tags are kept, earlier suggestions no longer made are dropped."""
    if feedback.status != FeedbackStatus.PUBLISHED:
        raise ValidationError(_("Only checked feedback is themed"))
    organisation = feedback.organisation
    ensure_default_themes(organisation)
    by_key = {
        theme.key: theme
        for theme in FeedbackTheme.objects.filter(organisation=organisation, retired=False)
    }
    reading = (
        _theme_model(organisation).read(feedback.text, k=MOST_SUGGESTED, min_score=SUGGEST_AT)
        if feedback.text
        else None
    )
    scores = {
        by_key[score.theme].pk: score.score
        for score in (reading.themes if reading else ())
        if score.theme in by_key
    }
    existing = {tag.theme_id: tag for tag in feedback.tags.all()}
    stale = [
        tag.pk
        for theme_id, tag in existing.items()
        if tag.confirmed_by_id is None and theme_id not in scores
    ]
    FeedbackThemeTag.objects.filter(pk__in=stale).delete()
    suggested = []
    for theme_id, score in scores.items():
        tag = existing.get(theme_id)
        if tag is None:
            tag = FeedbackThemeTag.objects.create(
                feedback=feedback, theme_id=theme_id, confirmed_by=None, score=score
            )
        elif tag.confirmed_by_id is None:
            tag.score = score
            tag.save(update_fields=["score"])
        suggested.append(tag)
    record(
        AuditEventType.FEEDBACK_THEMED,
        actor_id=None,
        organisation=organisation,
        target=feedback,
        data={"action": "suggested", "themes": sorted(scores), "dropped": len(stale)},
    )
    return suggested


@transaction.atomic
def set_themes(*, actor: User, feedback: Feedback, theme_ids: Iterable[int]) -> list[int]:
    """The analyst's theming: the themes ticked are confirmed, every other tag is removed.
    Returns the confirmed theme ids."""
    _check_learning_team(actor, feedback.organisation_id)
    if feedback.status != FeedbackStatus.PUBLISHED:
        raise ValidationError(_("Check the feedback before theming it"))
    wanted = set(theme_ids)
    known = set(
        FeedbackTheme.objects.filter(
            organisation_id=feedback.organisation_id, pk__in=wanted, retired=False
        ).values_list("pk", flat=True)
    )
    if known != wanted:
        raise ValidationError({"themes": _("Choose from the organisation's themes")})
    existing = {tag.theme_id: tag for tag in feedback.tags.select_related("theme")}
    # A retired theme is not offered, so not ticking it is not a choice to remove it.
    removed = [
        tag.pk
        for theme_id, tag in existing.items()
        if theme_id not in wanted and not tag.theme.retired
    ]
    FeedbackThemeTag.objects.filter(pk__in=removed).delete()
    confirmed = 0
    for theme_id in sorted(wanted):
        tag = existing.get(theme_id)
        if tag is None:
            FeedbackThemeTag.objects.create(
                feedback=feedback, theme_id=theme_id, confirmed_by=actor, score=1.0
            )
            confirmed += 1
        elif tag.confirmed_by_id is None:
            tag.confirmed_by = actor
            tag.save(update_fields=["confirmed_by"])
            confirmed += 1
    record(
        AuditEventType.FEEDBACK_THEMED,
        actor_id=actor.pk,
        organisation=feedback.organisation,
        target=feedback,
        data={"action": "confirmed", "themes": sorted(wanted), "removed": len(removed)},
    )
    return sorted(wanted)


def _own_key(organisation: Organisation, label: str) -> str:
    stem = OWN_THEME_PREFIX + (slugify(label)[:60] or "theme")
    taken = set(
        FeedbackTheme.objects.filter(organisation=organisation, key__startswith=stem).values_list(
            "key", flat=True
        )
    )
    key, number = stem, 2
    while key in taken:
        key, number = f"{stem}-{number}", number + 1
    return key


def _theme_label(label: str) -> str:
    """A theme's name with its spaces tidied, or a clear message why it will not do."""
    label = " ".join(label.split())
    if not label:
        raise ValidationError({"label": _("Enter a name for the theme")})
    if len(label) > 200:
        raise ValidationError({"label": _("Keep the name under 200 characters")})
    return label


@transaction.atomic
def add_theme(*, actor: User, organisation: Organisation, label: str) -> FeedbackTheme:
    """A theme of the service's own, beside the default set."""
    _check_learning_team(actor, organisation.pk)
    label = _theme_label(label)
    ensure_default_themes(organisation)
    if FeedbackTheme.objects.filter(organisation=organisation, label__iexact=label).exists():
        raise ValidationError({"label": _("There is already a theme with that name")})
    theme = FeedbackTheme.objects.create(
        organisation=organisation, key=_own_key(organisation, label), label=label
    )
    record(
        AuditEventType.FEEDBACK_THEMED,
        actor_id=actor.pk,
        organisation=organisation,
        target=theme,
        data={"action": "theme_added"},
    )
    return theme


@transaction.atomic
def rename_theme(*, actor: User, theme: FeedbackTheme, label: str) -> FeedbackTheme:
    """A clearer name for a theme; its feedback, answers and key stay as they are."""
    _check_learning_team(actor, theme.organisation_id)
    label = _theme_label(label)
    clash = FeedbackTheme.objects.filter(
        organisation_id=theme.organisation_id, label__iexact=label
    ).exclude(pk=theme.pk)
    if clash.exists():
        raise ValidationError({"label": _("There is already a theme with that name")})
    theme.label = label
    theme.save(update_fields=["label"])
    record(
        AuditEventType.FEEDBACK_THEMED,
        actor_id=actor.pk,
        organisation=theme.organisation,
        target=theme,
        data={"action": "theme_renamed"},  # names are free text: never in the trail
    )
    return theme


@transaction.atomic
def retire_theme(*, actor: User, theme: FeedbackTheme, retired: bool = True) -> FeedbackTheme:
    """Stop offering and suggesting a theme (or bring it back); nothing is deleted."""
    _check_learning_team(actor, theme.organisation_id)
    theme.retired = retired
    theme.save(update_fields=["retired"])
    # Unconfirmed suggestions of a retired theme would only be noise in the queue.
    if retired:
        theme.tags.filter(confirmed_by__isnull=True).delete()
    record(
        AuditEventType.FEEDBACK_THEMED,
        actor_id=actor.pk,
        organisation=theme.organisation,
        target=theme,
        data={"action": "theme_retired" if retired else "theme_restored"},
    )
    return theme


@transaction.atomic
def merge_theme(*, actor: User, theme: FeedbackTheme, into: FeedbackTheme) -> FeedbackTheme:
    """Two themes that are one: the feedback and answers of `theme` move to `into`, and
    `theme` is retired (kept, so the audit trail and old links still make sense)."""
    _check_learning_team(actor, theme.organisation_id)
    if into.organisation_id != theme.organisation_id or into.pk == theme.pk or into.retired:
        raise ValidationError({"into": _("Choose another of the organisation's themes")})
    both = set(into.tags.values_list("feedback_id", flat=True))
    moved = theme.tags.exclude(feedback_id__in=both).update(theme=into)
    # Feedback tagged with both keeps one tag: confirmed if either was.
    for tag in theme.tags.filter(confirmed_by__isnull=False):
        into.tags.filter(feedback_id=tag.feedback_id, confirmed_by__isnull=True).update(
            confirmed_by=tag.confirmed_by, score=1.0
        )
    theme.tags.all().delete()
    answers = FeedbackReply.objects.filter(theme=theme).update(theme=into)
    theme.retired = True
    theme.save(update_fields=["retired"])
    record(
        AuditEventType.FEEDBACK_THEMED,
        actor_id=actor.pk,
        organisation=theme.organisation,
        target=theme,
        data={"action": "theme_merged", "into": into.pk, "tags": moved, "answers": answers},
    )
    return into


def _clean(text: str, field: str, message: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({field: message})
    if len(text) > LONGEST_REPLY:
        raise ValidationError(
            {field: _("Keep it under %(count)s characters") % {"count": LONGEST_REPLY}}
        )
    return text


@transaction.atomic
def reply(
    *,
    actor: User,
    feedback: Feedback | None = None,
    theme: FeedbackTheme | None = None,
    team: Team | None = None,
    you_said: str,
    we_did: str,
) -> FeedbackReply:
    """The service's answer, "you said, we did", to one piece of feedback or a theme,
    shown to everyone in the organisation under the team (or the whole service)."""
    organisation_ids = {
        item.organisation_id for item in (feedback, theme, team) if item is not None
    }
    if len(organisation_ids) != 1:
        raise ValidationError(_("Answer feedback, a theme or a team of one organisation"))
    (organisation_id,) = organisation_ids
    _check_learning_team(actor, organisation_id)
    if feedback is not None and feedback.status != FeedbackStatus.PUBLISHED:
        raise ValidationError(_("Check the feedback before answering it"))
    if team is None and feedback is not None:
        team = feedback.team
    answer = FeedbackReply.objects.create(
        organisation_id=organisation_id,
        team=team,
        feedback=feedback,
        theme=theme,
        you_said=_clean(you_said, "you_said", _("Say what they told you")),
        we_did=_clean(we_did, "we_did", _("Say what the service did")),
        author=actor,
        created_at=timezone.now(),
    )
    record(
        AuditEventType.FEEDBACK_REPLIED,
        actor_id=actor.pk,
        organisation=answer.organisation,
        target=answer,
        data={
            "feedback": feedback.pk if feedback else None,
            "theme": theme.pk if theme else None,
            "team": team.pk if team else None,
        },
    )
    return answer
