"""The local authority's daily full file: reconciles its flags in one transaction (ADR 0025).

The file lists every plan the authority holds. A row with no flag is added, a row that
differs from its flag changes it, a flag the file no longer lists is ended, and a row
that is well formed but cannot be applied as it stands is refused with the reason. A
malformed file changes nothing: every problem is listed by line, the NHS number never
repeated back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation
from candour.lib import tabular
from candour.sharing.csv_schema import FLAGS, withheld_problems
from candour.sharing.keys import hashes
from candour.sharing.models import ChildFlag, SupersededNumber
from candour.sharing.services import FlagDraft, _new_flag, flag_draft, may_keep_flags
from candour.sharing.vocabulary import PlanType

# An unborn plan whose due date passed this long ago is refused: record the birth.
OVERDUE_AFTER = timedelta(days=42)
# What a change compares, with the words the page uses for each.
COMPARED = ("start_date", "end_date", "team_name", "team_phone", "team_email",
            "out_of_hours_phone", "expected_due_date", "nhs_number_inactive")  # fmt: skip


@dataclass(frozen=True)
class Outcome:
    """One flag added, changed or ended, or one row refused (then no reference)."""

    line: int | None  # None: ended because the file no longer lists it
    reference: str
    detail: str


@dataclass(frozen=True)
class Reconciliation:
    problems: tuple[tabular.Problem, ...] = ()
    added: tuple[Outcome, ...] = ()
    changed: tuple[Outcome, ...] = ()
    ended: tuple[Outcome, ...] = ()
    refused: tuple[Outcome, ...] = ()
    unchanged: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def _differences(flag: ChildFlag, draft: FlagDraft) -> list[str]:
    return [name for name in COMPARED if getattr(flag, name) != getattr(draft, name)]


class _Holdings:
    """The authority's flags, found by number and plan type (ended ones by start date too)."""

    def __init__(self, organisation: Organisation) -> None:
        self.flags = list(
            ChildFlag.objects.filter(organisation=organisation).order_by("-start_date", "-pk")
        )
        self.superseded = {
            s.nhs_number for s in SupersededNumber.objects.filter(flag__organisation=organisation)
        }
        self.matched: set[int] = set()

    def find(self, number: str, plan_type: str, start: dt.date, today: dt.date) -> ChildFlag | None:
        same = [f for f in self.flags if f.nhs_number == number and f.plan_type == plan_type]
        exact = next((f for f in same if f.start_date == start and f.pk not in self.matched), None)
        if exact is not None:
            return exact
        return next(
            (
                f
                for f in same
                if f.moved_to_id is None
                and f.pk not in self.matched
                and (f.end_date is None or f.end_date >= today)
            ),
            None,
        )

    def open_unmatched(self, today: dt.date) -> list[ChildFlag]:
        return [
            f
            for f in self.flags
            if f.pk not in self.matched
            and f.moved_to_id is None
            and (f.end_date is None or f.end_date >= today)
        ]


def _refusal(holdings: _Holdings, draft: FlagDraft, flag: ChildFlag | None, today: dt.date) -> str:
    if draft.nhs_number in holdings.superseded:
        return _(
            "This NHS number has been superseded by a newer one: send the child's current "
            "number (and this one as previous_nhs_number)"
        )
    if flag is not None and flag.moved_to_id is not None:
        return _(
            "This unborn plan moved to the baby's NHS number at birth: list the baby's plan instead"
        )
    due = draft.expected_due_date
    unborn = draft.plan_type == PlanType.UNBORN_CHILD_PROTECTION
    if unborn and due and draft.end_date is None and due < today - OVERDUE_AFTER:
        return _(
            "The expected due date passed more than six weeks ago: record the birth "
            "on the flag's page, or end the plan"
        )
    return ""


@transaction.atomic
def reconcile_flags(
    *, actor: User, organisation: Organisation, data: bytes | str
) -> Reconciliation:
    """Reconcile the authority's flags with its daily full file, all at once or not at all."""
    if not may_keep_flags(actor, organisation):
        raise PermissionDenied
    parsed = tabular.read_csv(data, FLAGS)
    if not parsed.ok:
        return Reconciliation(problems=withheld_problems(parsed))

    today = timezone.localdate()
    now = timezone.now()
    holdings = _Holdings(organisation)
    added: list[Outcome] = []
    changed: list[Outcome] = []
    ended: list[Outcome] = []
    refused: list[Outcome] = []
    unchanged = 0
    for row in parsed.rows:
        draft = flag_draft(row)
        previous = row.optional_text("previous_nhs_number")
        flag = holdings.find(draft.nhs_number, draft.plan_type, draft.start_date, today)
        if flag is None and previous:
            flag = holdings.find(previous, draft.plan_type, draft.start_date, today)
        if why := _refusal(holdings, draft, flag, today):
            if flag is not None:
                holdings.matched.add(flag.pk)  # refused, not absent: it is not ended
            refused.append(Outcome(row.line, "", why))
            continue
        if flag is None:
            flag = _new_flag(actor, organisation, draft)
            flag.save()
            holdings.matched.add(flag.pk)
            added.append(Outcome(row.line, flag.reference, str(PlanType(flag.plan_type).label)))
            continue
        holdings.matched.add(flag.pk)
        fields = _differences(flag, draft)
        if flag.nhs_number != draft.nhs_number:
            SupersededNumber.objects.create(
                flag=flag, nhs_number=flag.nhs_number, nhs_digest=flag.nhs_digest
            )
            flag.nhs_number = draft.nhs_number
            flag.nhs_digest = hashes.nhs_digest(draft.nhs_number)
            fields += ["nhs_number", "nhs_digest"]
        if not fields:
            unchanged += 1
            continue
        newly_ended = flag.end_date is None and draft.end_date is not None
        for name in COMPARED:
            setattr(flag, name, getattr(draft, name))
        if newly_ended:
            flag.ended_by, flag.ended_at = actor, now
            fields += ["ended_by", "ended_at"]
        flag.save(update_fields=sorted(set(fields)))
        shown = ", ".join(
            name for name in fields if name not in {"nhs_digest", "ended_by", "ended_at"}
        )
        (ended if newly_ended else changed).append(Outcome(row.line, flag.reference, shown))
    yesterday = today - timedelta(days=1)
    for flag in holdings.open_unmatched(today):
        flag.end_date = max(flag.start_date, yesterday)
        flag.ended_by, flag.ended_at = actor, now
        flag.save(update_fields=["end_date", "ended_by", "ended_at"])
        ended.append(Outcome(None, flag.reference, _("no longer in the file")))
    result = Reconciliation(
        added=tuple(added),
        changed=tuple(changed),
        ended=tuple(ended),
        refused=tuple(refused),
        unchanged=unchanged,
    )
    record(
        AuditEventType.SHARING_FLAGS_RECONCILED,
        actor_id=actor.pk,
        organisation=organisation,
        data={
            "rows": len(parsed.rows),
            "added": [o.reference for o in added],
            "changed": [o.reference for o in changed],
            "ended": [o.reference for o in ended],
            "refused_lines": [o.line for o in refused],
            "unchanged": unchanged,
        },
    )
    return result
