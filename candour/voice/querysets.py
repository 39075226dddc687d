from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from candour.accounts.models import User
    from candour.voice.models import Feedback, SafeguardingAlert  # noqa: F401 - string bases


def _learning_team(user: User) -> set[int]:
    from candour.accounts.roles import Role

    return user.organisation_ids_with_role(Role.ANALYST)


class FeedbackQuerySet(models.QuerySet["Feedback"]):
    def for_learning_team(self, user: User) -> FeedbackQuerySet:
        """Everything, for the analysts who check (moderate) feedback."""
        return self.filter(organisation_id__in=_learning_team(user))

    def visible_to(self, user: User) -> FeedbackQuerySet:
        """Checked, de-identified feedback for everyone in the organisation."""
        from candour.voice.vocabulary import FeedbackStatus

        return self.filter(
            organisation_id__in=user.organisation_ids(), status=FeedbackStatus.PUBLISHED
        )

    def published_for_teams_of(self, user: User) -> FeedbackQuerySet:
        """Checked feedback for a person's own teams, and for the whole service; analysts,
        administrators and service managers see every team of their organisation."""
        from django.db.models import Q

        from candour.accounts.roles import Role

        whole_organisation = (
            _learning_team(user)
            | user.organisation_ids_with_role(Role.ORG_ADMIN)
            | user.service_manager_organisation_ids()
        )
        own_teams = user.team_ids_with_role(Role.STAFF) | user.team_ids_with_role(Role.MANAGER)
        return self.visible_to(user).filter(
            Q(organisation_id__in=whole_organisation)
            | Q(team_id__in=own_teams)
            | Q(team__isnull=True)
        )


class SafeguardingAlertQuerySet(models.QuerySet["SafeguardingAlert"]):
    def visible_to(self, user: User) -> SafeguardingAlertQuerySet:
        """Alerts for the people who must see a disclosure is acted on: the learning team,
        managers, administrators and the safety lead of the organisation."""
        from django.db.models import Q

        from candour.accounts.roles import Role

        allowed = (
            _learning_team(user)
            | user.organisation_ids_with_role(Role.MANAGER)
            | user.organisation_ids_with_role(Role.ORG_ADMIN)
        )
        return self.filter(Q(organisation_id__in=allowed) | Q(organisation__safety_lead=user))
