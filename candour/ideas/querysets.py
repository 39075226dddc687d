from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

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
