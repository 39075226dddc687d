"""Reads for the API, scoped to the caller: the same rules as the improvement board."""

from __future__ import annotations

from collections.abc import Sequence

from candour.accounts.models import User
from candour.core.models import Team
from candour.ideas.models import Idea


def team_for_new_idea(user: User, team_id: int) -> Team | None:
    """A team of one of the person's organisations; None for any other team, existing
    or not, so that the answer does not tell whether another organisation's team exists."""
    return (
        Team.objects.filter(pk=team_id)
        .filter(organisation_id__in=user.organisation_ids())
        .select_related("organisation")
        .first()
    )


def authors_shown(user: User, ideas: Sequence[Idea]) -> set[int]:
    """Ideas whose author the person may see: `ideas.access.shows_author` for a whole page
    in one query (colleagues see the name unless the author hid it; managers always do)."""
    own = user.organisation_ids()
    hidden = [
        idea.pk
        for idea in ideas
        if (idea.name_hidden_from_colleagues or idea.organisation_id not in own)
        and idea.author_id != user.pk
    ]
    managed = set(
        Idea.objects.managed_by(user).filter(pk__in=hidden).values_list("pk", flat=True)
        if hidden
        else []
    )
    return {idea.pk for idea in ideas if idea.pk not in hidden or idea.pk in managed}
