from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from candour.accounts.models import User
    from candour.core.models import Organisation
    from candour.learning.models import (  # noqa: F401 - string bases
        Bulletin,
        Code,
        Coding,
        Lesson,
        OpenBulletin,
        OpenLesson,
        Theme,
    )


class CodeQuerySet(models.QuerySet["Code"]):
    def usable_by(self, organisation: Organisation) -> CodeQuerySet:
        """Live national codes plus the organisation's own local codes."""
        return self.filter(retired_in__isnull=True, merged_into__isnull=True).filter(
            Q(organisation__isnull=True) | Q(organisation=organisation)
        )

    def current_by_id(self) -> dict[int, Code]:
        """Every code's id to the code it counts as now (merges followed), in one query:
        for counting thousands of coded values without an object per value."""
        codes = self.in_bulk()
        for code in codes.values():
            if code.merged_into_id is not None:
                code.merged_into = codes.get(code.merged_into_id)
        return {pk: code.current for pk, code in codes.items()}


class CodingQuerySet(models.QuerySet["Coding"]):
    def for_learning_team(self, user: User) -> CodingQuerySet:
        from candour.accounts.roles import Role

        return self.filter(
            report__organisation_id__in=user.organisation_ids_with_role(Role.ANALYST)
        )


class LessonQuerySet(models.QuerySet["Lesson"]):
    def published(self) -> LessonQuerySet:
        return self.filter(published_at__isnull=False)

    def visible_to(self, user: User) -> LessonQuerySet:
        """Published lessons of the person's organisations; drafts for its analysts too."""
        from candour.accounts.roles import Role

        return self.filter(
            Q(organisation_id__in=user.organisation_ids(), published_at__isnull=False)
            | Q(organisation_id__in=user.organisation_ids_with_role(Role.ANALYST))
        )


class OpenBulletinQuerySet(models.QuerySet["OpenBulletin"]):
    def public(self) -> OpenBulletinQuerySet:
        """What anyone may read: open copies not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)


class OpenLessonQuerySet(models.QuerySet["OpenLesson"]):
    def public(self) -> OpenLessonQuerySet:
        """What anyone may read: open copies not withdrawn (withdrawal takes effect at once)."""
        return self.filter(withdrawn_at__isnull=True)

    def matching(
        self,
        *,
        setting: str = "",
        factor: str = "",
        outcome: str = "",
        theme: str = "",
    ) -> OpenLessonQuerySet:
        """Narrowed by the library's filters; an empty filter narrows nothing."""
        chosen = self
        # One join per filter chosen, so a lesson must carry every one of them.
        for kind, value in (
            ("setting", setting),
            ("factor", factor),
            ("outcome", outcome),
            ("theme", theme),
        ):
            if value:
                chosen = chosen.filter(facets__kind=kind, facets__value=value)
        return chosen


class BulletinQuerySet(models.QuerySet["Bulletin"]):
    def visible_to(self, user: User) -> BulletinQuerySet:
        return self.filter(organisation_id__in=user.organisation_ids())


class ThemeQuerySet(models.QuerySet["Theme"]):
    def for_learning_team(self, user: User) -> ThemeQuerySet:
        from candour.accounts.roles import Role

        return self.filter(organisation_id__in=user.organisation_ids_with_role(Role.ANALYST))

    def live(self) -> ThemeQuerySet:
        """Themes still in use: suggested or confirmed, not dismissed or merged away."""
        return self.filter(status__in=["suggested", "confirmed"])
