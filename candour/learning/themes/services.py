"""Writes for curating themes: name, confirm, dismiss, merge, split, attach and detach.

Any change an analyst makes to a suggested theme confirms it, so that the next
automatic run (which replaces untouched suggestions) never undoes their work.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.learning.models import Theme, ThemeReport, ThemeStatus
from candour.learning.similar.vectors import report_vectors
from candour.learning.themes.finding import coded_items, suggest_name
from candour.lib.text.clustering import find_groups
from candour.reporting.models import Report

# A new group repeats a curated theme when this share of its reports is already in it.
OVERLAP = 0.5


@dataclass(frozen=True)
class FindResult:
    reports: int
    suggested: int
    replaced: int


def _check_reports(organisation: Organisation, reports: Iterable[Report]) -> list[Report]:
    chosen = list(reports)
    for report in chosen:
        if report.organisation_id != organisation.pk:
            raise ValidationError(_("A theme can only hold its own organisation's reports"))
        if report.redactions_reviewed_at is None:
            raise ValidationError(
                _("Report %(reference)s has not had its redactions reviewed yet")
                % {"reference": report.reference}
            )
    return chosen


def _check_live(theme: Theme) -> None:
    if theme.status not in (ThemeStatus.SUGGESTED, ThemeStatus.CONFIRMED):
        raise ValidationError(_("This theme was dismissed or merged: restore it first"))


def _confirm(theme: Theme) -> None:
    if theme.status == ThemeStatus.SUGGESTED:
        theme.status = ThemeStatus.CONFIRMED


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter a name for the theme")})
    if len(name) > 200:
        raise ValidationError({"name": _("The name must be 200 characters or fewer")})
    return name


@transaction.atomic
def create_theme(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    description: str = "",
    reports: Iterable[Report] = (),
) -> Theme:
    chosen = _check_reports(organisation, reports)
    theme = Theme.objects.create(
        organisation=organisation,
        name=_clean_name(name),
        description=description.strip(),
        status=ThemeStatus.CONFIRMED,
        created_by=actor,
    )
    ThemeReport.objects.bulk_create(
        ThemeReport(theme=theme, report=report, added_by=actor) for report in chosen
    )
    record(
        AuditEventType.THEME_SAVED,
        actor_id=actor.pk,
        organisation=organisation,
        target=theme,
        data={"reports": len(chosen), "created": True},
    )
    return theme


@transaction.atomic
def update_theme(*, actor: User, theme: Theme, name: str, description: str) -> Theme:
    _check_live(theme)
    theme.name = _clean_name(name)
    theme.description = description.strip()
    _confirm(theme)
    theme.save()
    record(
        AuditEventType.THEME_SAVED,
        actor_id=actor.pk,
        organisation=theme.organisation,
        target=theme,
        data={"created": False},
    )
    return theme


@transaction.atomic
def confirm_theme(*, actor: User, theme: Theme) -> Theme:
    """Keep a suggested theme, or bring back a dismissed one."""
    if theme.status == ThemeStatus.MERGED:
        raise ValidationError(_("This theme was merged into another; open that one instead"))
    theme.status = ThemeStatus.CONFIRMED
    theme.save(update_fields=["status", "updated_at"])
    record(
        AuditEventType.THEME_CONFIRMED,
        actor_id=actor.pk,
        organisation=theme.organisation,
        target=theme,
    )
    return theme


@transaction.atomic
def dismiss_theme(*, actor: User, theme: Theme) -> Theme:
    """Not a real pattern: kept (so it is not suggested again) but out of the way."""
    _check_live(theme)
    theme.status = ThemeStatus.DISMISSED
    theme.save(update_fields=["status", "updated_at"])
    record(
        AuditEventType.THEME_DISMISSED,
        actor_id=actor.pk,
        organisation=theme.organisation,
        target=theme,
    )
    return theme


@transaction.atomic
def merge_themes(*, actor: User, source: Theme, target: Theme) -> Theme:
    """Move every report of `source` into `target`; `source` remains, pointing at it."""
    if source.pk == target.pk:
        raise ValidationError(_("Choose a different theme to merge into"))
    if source.organisation_id != target.organisation_id:
        raise ValidationError(_("Themes can only be merged within one organisation"))
    _check_live(source)
    _check_live(target)
    already = set(target.memberships.values_list("report_id", flat=True))
    moved = [m for m in source.memberships.all() if m.report_id not in already]
    ThemeReport.objects.bulk_create(
        ThemeReport(theme=target, report_id=m.report_id, added_by=actor) for m in moved
    )
    source.status = ThemeStatus.MERGED
    source.merged_into = target
    source.save(update_fields=["status", "merged_into", "updated_at"])
    _confirm(target)
    target.save()
    record(
        AuditEventType.THEME_MERGED,
        actor_id=actor.pk,
        organisation=target.organisation,
        target=target,
        data={"source": source.pk, "moved": len(moved)},
    )
    return target


@transaction.atomic
def split_theme(
    *, actor: User, theme: Theme, reports: Iterable[Report], name: str, description: str = ""
) -> Theme:
    """Move some of a theme's reports into a new theme of their own."""
    _check_live(theme)
    chosen = _check_reports(theme.organisation, reports)
    members = set(theme.memberships.values_list("report_id", flat=True))
    if not chosen or any(report.pk not in members for report in chosen):
        raise ValidationError(_("Choose one or more of this theme's reports to move"))
    if len(chosen) == len(members):
        raise ValidationError(_("Leave at least one report in the theme, or rename it instead"))
    new = Theme.objects.create(
        organisation=theme.organisation,
        name=_clean_name(name),
        description=description.strip(),
        status=ThemeStatus.CONFIRMED,
        created_by=actor,
    )
    ThemeReport.objects.bulk_create(
        ThemeReport(theme=new, report=report, added_by=actor) for report in chosen
    )
    theme.memberships.filter(report__in=chosen).delete()
    _confirm(theme)
    theme.save()
    record(
        AuditEventType.THEME_SPLIT,
        actor_id=actor.pk,
        organisation=theme.organisation,
        target=theme,
        data={"new_theme": new.pk, "moved": len(chosen)},
    )
    return new


@transaction.atomic
def attach_report(*, actor: User, theme: Theme, report: Report) -> bool:
    """Add a report to a theme; False if it was already there."""
    _check_live(theme)
    _check_reports(theme.organisation, [report])
    _membership, created = ThemeReport.objects.get_or_create(
        theme=theme, report=report, defaults={"added_by": actor}
    )
    _confirm(theme)
    theme.save()
    if created:
        record(
            AuditEventType.THEME_REPORT_ATTACHED,
            actor_id=actor.pk,
            organisation=theme.organisation,
            target=theme,
            data={"report": report.pk},
        )
    return created


@transaction.atomic
def detach_report(*, actor: User, theme: Theme, report: Report) -> None:
    _check_live(theme)
    deleted, _rows = theme.memberships.filter(report=report).delete()
    if not deleted:
        raise ValidationError(_("That report is not in this theme"))
    _confirm(theme)
    theme.save()
    record(
        AuditEventType.THEME_REPORT_DETACHED,
        actor_id=actor.pk,
        organisation=theme.organisation,
        target=theme,
        data={"report": report.pk},
    )


@transaction.atomic
def find_themes(
    organisation: Organisation,
    *,
    actor: User | None = None,
    progress: Callable[[str], None] | None = None,
) -> FindResult:
    """Group the organisation's reports afresh and store the groups as suggested themes."""
    say = progress or (lambda _message: None)
    say(_("Reading reports"))
    items = coded_items(organisation)
    say(_("Grouping %(count)s reports") % {"count": len(items)})
    # Read from the similar-reports index where it holds them (ADR 0008).
    vectors = report_vectors([i.id for i in items], [i.text for i in items]) if items else None
    groups = find_groups(items, vectors) if vectors is not None else []
    stale = Theme.objects.filter(organisation=organisation, status=ThemeStatus.SUGGESTED)
    replaced = stale.count()
    for theme in stale:
        theme.delete()
    curated = {
        theme.pk: (theme.status, set(theme.memberships.values_list("report_id", flat=True)))
        for theme in Theme.objects.filter(
            organisation=organisation,
            status__in=[ThemeStatus.CONFIRMED, ThemeStatus.DISMISSED],
        )
    }
    suggested = 0
    for group in groups:
        members = set(group.ids)
        if any(len(members & ids) >= OVERLAP * len(members) for _s, ids in curated.values()):
            continue
        theme = Theme.objects.create(
            organisation=organisation,
            name=suggest_name(group)[:200],
            status=ThemeStatus.SUGGESTED,
            key_terms=list(group.key_terms),
        )
        ThemeReport.objects.bulk_create(
            ThemeReport(theme=theme, report_id=report_id) for report_id in group.ids
        )
        suggested += 1
    record(
        AuditEventType.THEMES_FOUND,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        data={"reports": len(items), "suggested": suggested, "replaced": replaced},
    )
    return FindResult(reports=len(items), suggested=suggested, replaced=replaced)


def linkable_feedback_themes(theme: Theme) -> list[tuple[int, str]]:
    """The feedback themes an analyst may link to the theme: its organisation's that are
    not retired, and any already linked (retired since) so that keeping them is possible.
    Asked through the relation, so learning does not import voice (ADR 0023)."""
    linked = set(theme.linked_feedback_themes.values_list("pk", flat=True))
    return [
        (pk, label)
        for pk, label, retired in theme.organisation.feedback_themes.order_by(
            "label", "pk"
        ).values_list("pk", "label", "retired")
        if not retired or pk in linked
    ]


@transaction.atomic
def link_feedback_themes(*, actor: User, theme: Theme, feedback_theme_ids: Iterable[int]) -> None:
    """Say which feedback themes are about the same thing as the theme (issue 23): an action
    on the theme is then judged on the ratings of feedback confirmed as about them. Only
    the theme's own organisation's feedback themes, not retired unless already linked."""
    wanted = set(feedback_theme_ids)
    allowed = {pk for pk, _label in linkable_feedback_themes(theme)}
    if not wanted <= allowed:
        raise ValidationError(_("Choose feedback themes of this organisation"))
    before = set(theme.linked_feedback_themes.values_list("pk", flat=True))
    if before == wanted:
        return
    theme.linked_feedback_themes.set(sorted(wanted))
    record(
        AuditEventType.THEME_FEEDBACK_LINKED,
        actor_id=actor.pk,
        organisation=theme.organisation,
        target=theme,
        data={"linked": sorted(wanted - before), "unlinked": sorted(before - wanted)},
    )
