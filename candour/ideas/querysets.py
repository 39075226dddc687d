from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import models

from candour.ideas.vocabulary import STALLED_DAYS, IdeaStatus

if TYPE_CHECKING:
    from candour.accounts.models import User
    from candour.ideas.models import Idea  # noqa: F401 - string base


class IdeaQuerySet(models.QuerySet["Idea"]):
    def visible_to(self, user: User) -> IdeaQuerySet:
        """Ideas of the person's organisations, and ideas shared with them."""
        from candour.ideas.models import IdeaShare

        organisations = user.organisation_ids()
        # The shared ids first (few), then two index lookups: joining shares needed
        # DISTINCT over every column, and an OR with a subquery scanned every idea; both
        # took most of a second at a million ideas.
        shared = list(
            IdeaShare.objects.filter(organisation_id__in=organisations).values_list(
                "idea_id", flat=True
            )
        )
        mine = models.Q(organisation_id__in=organisations)
        return self.filter(mine | models.Q(pk__in=shared) if shared else mine)

    def managed_by(self, user: User) -> IdeaQuerySet:
        """Ideas this person must respond to: their teams', their organisation's if they
        manage no one team (a head of service), and any escalated to them."""
        from candour.accounts.roles import Role

        teams = user.team_ids_with_role(Role.MANAGER)
        service = user.service_manager_organisation_ids()
        return self.filter(
            models.Q(team_id__in=teams)
            | models.Q(organisation_id__in=service)
            | models.Q(escalated_to=user)
        )

    def stalled(self, *, now: datetime) -> IdeaQuerySet:
        """Open ideas a manager has responded to that have had no update since."""
        return self.filter(stalled_condition(now))


def stalled_condition(now: datetime) -> models.Q:
    """Stalled: under review, on trial, or still new but answered (a manager's comment is a
    response), with no update for STALLED_DAYS. A new idea with no response is overdue
    instead, never stalled, so it escalates once, for the right reason."""
    answered = models.Q(status__in=[IdeaStatus.UNDER_REVIEW, IdeaStatus.TRIAL]) | models.Q(
        status=IdeaStatus.NEW, first_response_at__isnull=False
    )
    return answered & models.Q(last_activity_at__lt=now - timedelta(days=STALLED_DAYS))
