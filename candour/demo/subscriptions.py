"""Demo subscriptions: a few people following things, and one weekly digest already due,
so `make run` shows a digest email in the console (subject only: ScrubbedConsoleBackend)
and its row in the outbox."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Count
from django.utils import timezone

from candour.accounts.models import User
from candour.core.models import Team
from candour.learning.models import Axis, CodedValue, Theme
from candour.reporting.vocabulary import Setting
from candour.subscriptions.models import DigestPreference
from candour.subscriptions.services import DigestRun, follow, send_digests, set_frequency
from candour.subscriptions.vocabulary import Frequency, Kind


def load(*, staff: User, analyst: User, manager: User, team: Team, base_url: str) -> DigestRun:
    follow(actor=staff, kind=Kind.SETTING, target=Setting.HOME_VISIT)
    follow(actor=staff, kind=Kind.TEAM, target=str(team.pk))
    set_frequency(actor=staff, frequency=Frequency.WEEKLY)
    factor = (
        CodedValue.objects.filter(
            code__axis=Axis.FACTOR,
            code__organisation__isnull=True,
            coding__report__organisation_id=team.organisation_id,
        )
        .values("code__key")
        .annotate(uses=Count("pk"))
        .order_by("-uses", "code__key")
        .first()
    )
    if factor is not None:
        follow(actor=analyst, kind=Kind.FACTOR, target=factor["code__key"])
    theme = Theme.objects.for_learning_team(analyst).live().order_by("name").first()
    if theme is not None:
        follow(actor=analyst, kind=Kind.THEME, target=str(theme.pk))
    set_frequency(actor=analyst, frequency=Frequency.IMMEDIATE)
    follow(actor=manager, kind=Kind.TEAM, target=str(team.pk))
    # Sam followed a week ago: the weekly digest is due and covers the demo's week.
    now = timezone.now()
    DigestPreference.objects.filter(user=staff).update(
        told_up_to=now - timedelta(days=8), last_digest_at=now - timedelta(days=7)
    )
    return send_digests(base_url=base_url, now=now)
