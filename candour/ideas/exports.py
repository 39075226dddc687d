"""The improvement ideas as a download for quality teams (issue 23): every idea the person
can see on the board, with its dates, decisions and measures; never who suggested it (team
thanks, no individual leaderboards). Written by `core.downloads`."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.core.downloads import Table
from candour.ideas.models import Idea


def _day(moment: object) -> object:
    return timezone.localtime(moment).date() if moment else ""  # type: ignore[arg-type]


def ideas(user: User) -> Table:
    found = (
        Idea.objects.visible_to(user)
        .select_related("organisation", "team")
        .order_by("organisation__name", "team__name", "created_at", "pk")
    )
    headings = [
        _("Organisation"),
        _("Team"),
        _("Idea number"),
        _("Kind of problem"),
        _("The problem"),
        _("The idea"),
        _("Expected benefit"),
        _("Where it came from"),
        _("Status"),
        _("Suggested on"),
        _("Respond by"),
        _("First response on"),
        _("Adopted on"),
        _("Measure"),
        _("What changed"),
        _("Minutes saved a week"),
        _("Errors avoided a year"),
        _("Why not adopted"),
    ]
    rows = [
        [
            idea.organisation.name,
            idea.team.name,
            idea.pk,
            idea.get_problem_kind_display(),
            idea.problem,
            idea.idea,
            idea.expected_benefit,
            idea.get_source_display(),
            idea.get_status_display(),
            _day(idea.created_at),
            idea.respond_by,
            _day(idea.first_response_at),
            _day(idea.adopted_at),
            idea.measure,
            idea.what_changed,
            idea.minutes_saved_per_week if idea.minutes_saved_per_week is not None else "",
            idea.errors_avoided_per_year if idea.errors_avoided_per_year is not None else "",
            idea.not_adopted_reason,
        ]
        for idea in found
    ]
    notes = [
        _("Every idea you can see on the board, shared ones included; not who suggested it."),
        _("Made %(when)s by Candour.") % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M")},
    ]
    return Table("ideas", headings, rows, notes)
