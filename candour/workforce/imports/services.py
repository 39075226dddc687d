"""Importing councils' workforce and demand files, and the DfE's published statistics (issue 7).

A file is imported whole or not at all: every row is checked first (``candour.lib.tabular``),
and one problem anywhere means nothing is stored and every problem is returned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Model, QuerySet
from django.utils import timezone

from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.core.models import Organisation, Team
from candour.lib import dfe, tabular
from candour.lib.dfe.neighbours import NEIGHBOURS_FILENAME
from candour.lib.tabular.workforce_schemas import (
    ABSENCE_SPELLS,
    CASELOADS,
    DEMAND,
    STAFF_IN_POST,
    VACANCIES,
)
from candour.workforce.models import (
    AbsenceSpell,
    Caseload,
    DemandCount,
    DfeNeighbour,
    DfeValue,
    ImportBatch,
    ImportKind,
    StaffPost,
    Vacancy,
)

if TYPE_CHECKING:
    from candour.accounts.models import User

# Called with (rows done, rows in all); the same shape as tabular's and the DfE reader's.
Progress = Callable[[int, int], None]

SCHEMAS: dict[str, tabular.Schema] = {
    ImportKind.STAFF_IN_POST: STAFF_IN_POST,
    ImportKind.VACANCIES: VACANCIES,
    ImportKind.CASELOADS: CASELOADS,
    ImportKind.ABSENCE_SPELLS: ABSENCE_SPELLS,
    ImportKind.DEMAND: DEMAND,
}
IMPORTED_MODELS: dict[str, type[StaffPost | Vacancy | Caseload | AbsenceSpell | DemandCount]] = {
    ImportKind.STAFF_IN_POST: StaffPost,
    ImportKind.VACANCIES: Vacancy,
    ImportKind.CASELOADS: Caseload,
    ImportKind.ABSENCE_SPELLS: AbsenceSpell,
    ImportKind.DEMAND: DemandCount,
}
# What makes a row the same as one already imported. A demand count is the same for the
# same period and measure whatever its count: a second figure would be added to the first.
SAME_ROW_FIELDS: dict[str, tuple[str, ...]] = {
    ImportKind.STAFF_IN_POST: (
        "person_reference",
        "team_name",
        "role",
        "fte",
        "agency",
        "started_on",
        "ended_on",
        "leaving_reason",
    ),
    ImportKind.VACANCIES: ("team_name", "role", "fte", "on_date", "covered_by_agency"),
    ImportKind.CASELOADS: ("person_reference", "team_name", "on_date", "cases"),
    ImportKind.ABSENCE_SPELLS: (
        "person_reference",
        "team_name",
        "starts_on",
        "ends_on",
        "reason",
        "disability_related",
        "working_days_lost",
    ),
    ImportKind.DEMAND: ("team_name", "period_start", "period_type", "measure"),
}
_FTE_PLACES = Decimal("0.001")  # the model keeps three places; the files may give four
_BATCH_SIZE = 2000


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """One reason the file was refused; ``value`` is blank for withheld columns (staff IDs)."""

    line: int
    column: str
    value: str
    reason: str

    def __str__(self) -> str:
        where = f"Line {self.line}" + (f", column {self.column!r}" if self.column else "")
        return f"{where}: " + (f"{self.value!r} " if self.value else "") + self.reason


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Either a batch (and any warnings) or every problem found, with nothing imported."""

    kind: str
    batch: ImportBatch | None
    rows: int
    problems: tuple[ImportProblem, ...]
    # Team names in the file that match none of the organisation's teams: kept, not linked.
    unmatched_teams: tuple[str, ...] = ()
    # Absence spells with no end date, recorded as ending on the day of the import.
    open_spells: int = 0
    ignored_headings: tuple[str, ...] = ()
    encoding: str = ""

    @property
    def ok(self) -> bool:
        return self.batch is not None


def schema_for(kind: str) -> tabular.Schema:
    try:
        return SCHEMAS[kind]
    except KeyError:
        raise ValueError(f"unknown import kind {kind!r}") from None


def _problems(parsed: tabular.ImportResult, schema: tabular.Schema) -> tuple[ImportProblem, ...]:
    withheld = {column.name for column in schema.columns if column.withhold_value}
    withheld |= {parsed.headings[name] for name in withheld if name in parsed.headings}
    return tuple(
        ImportProblem(
            line=problem.line,
            column=problem.column,
            value="" if problem.column in withheld else problem.value,
            reason=problem.reason,
        )
        for problem in parsed.problems
    )


class _Teams:
    """The organisation's teams by name, matched ignoring case and surrounding spaces."""

    def __init__(self, organisation: Organisation) -> None:
        self._by_name = {
            team.name.strip().casefold(): team
            for team in Team.objects.in_organisation(organisation)
        }
        self.unmatched: set[str] = set()

    def __call__(self, name: str | None) -> dict[str, object]:
        name = (name or "").strip()
        team = self._by_name.get(name.casefold()) if name else None
        if name and team is None:
            self.unmatched.add(name)
        return {"team_name": name, "team": team}


def _fte(value: Decimal) -> Decimal:
    return value.quantize(_FTE_PLACES)


def _build(
    kind: str, rows: Iterable[tabular.Row], common: dict[str, object], teams: _Teams
) -> tuple[list[Model], int]:
    """Model instances for every row, and how many absence spells were still open."""
    today = timezone.localdate()
    built: list[Model] = []
    open_spells = 0
    for row in rows:
        shared = {**common, **teams(row.optional_text("team"))}
        if kind == ImportKind.STAFF_IN_POST:
            built.append(
                StaffPost(
                    **shared,
                    person_reference=row.text("person_reference"),
                    role=row.text("role")[:60],
                    fte=_fte(row.decimal("fte")),
                    agency=row.text("contract") == "agency",
                    started_on=row.optional_date("start_date"),
                    ended_on=row.optional_date("end_date"),
                    leaving_reason=row.optional_text("leaving_reason") or "",
                )
            )
        elif kind == ImportKind.VACANCIES:
            built.append(
                Vacancy(
                    **shared,
                    role=row.text("role")[:60],
                    fte=_fte(row.decimal("fte")),
                    on_date=row.date("date"),
                    covered_by_agency=row.optional_boolean("covered_by_agency"),
                )
            )
        elif kind == ImportKind.CASELOADS:
            built.append(
                Caseload(
                    **shared,
                    person_reference=row.text("person_reference"),
                    on_date=row.date("date"),
                    cases=row.integer("cases_held"),
                )
            )
        elif kind == ImportKind.ABSENCE_SPELLS:
            starts_on, ends_on = row.date("start_date"), row.optional_date("end_date")
            if ends_on is None:
                # The model needs an end: a spell still open is counted up to today.
                open_spells += 1
                ends_on = max(today, starts_on)
            built.append(
                AbsenceSpell(
                    **shared,
                    person_reference=row.text("person_reference"),
                    starts_on=starts_on,
                    ends_on=ends_on,
                    reason=row.text("reason_category"),
                    disability_related=bool(row.optional_boolean("disability_related")),
                    working_days_lost=row.optional_decimal("working_days_lost"),
                )
            )
        else:
            built.append(
                DemandCount(
                    **shared,
                    period_start=row.date("period_start"),
                    period_type=row.text("period_type"),
                    measure=row.text("measure"),
                    count=row.integer("count"),
                )
            )
    return built, open_spells


def import_file(
    *,
    actor: User | None,
    organisation: Organisation,
    kind: str,
    filename: str,
    content: bytes,
    progress: Progress | None = None,
) -> ImportResult:
    """Check every row of a council's file and import all of it, or none and every problem."""
    schema = schema_for(kind)
    parsed = tabular.read_csv(content, schema, on_progress=progress)
    if not parsed.ok:
        return ImportResult(
            kind=kind,
            batch=None,
            rows=0,
            problems=_problems(parsed, schema),
            ignored_headings=parsed.ignored_headings,
            encoding=parsed.encoding,
        )
    return _store(actor, organisation, kind, filename, parsed)


def _already_imported(
    kind: str, organisation: Organisation, lines: Iterable[int], built: list[Model]
) -> tuple[ImportProblem, ...]:
    """A problem for each row that repeats one imported before (a file imported twice)."""
    fields = SAME_ROW_FIELDS[kind]
    earlier: dict[tuple[object, ...], int] = {}
    for values in (
        IMPORTED_MODELS[kind]
        .objects.filter(organisation=organisation)
        .values_list("batch_id", *fields)
        .iterator()
    ):
        earlier.setdefault(tuple(values[1:]), values[0])
    if not earlier:
        return ()
    what = "period and measure" if kind == ImportKind.DEMAND else "row"
    problems = []
    for line, instance in zip(lines, built, strict=True):
        batch_id = earlier.get(tuple(getattr(instance, name) for name in fields))
        if batch_id is not None:
            problems.append(
                ImportProblem(
                    line=line,
                    column="",
                    value="",
                    reason=f"repeats a {what} already imported (import {batch_id}): "
                    "undo that import first to replace it",
                )
            )
    return tuple(problems)


@transaction.atomic
def _store(
    actor: User | None,
    organisation: Organisation,
    kind: str,
    filename: str,
    parsed: tabular.ImportResult,
) -> ImportResult:
    teams = _Teams(organisation)
    built, open_spells = _build(kind, parsed.rows, {"organisation": organisation}, teams)
    repeated = _already_imported(kind, organisation, (row.line for row in parsed.rows), built)
    if repeated:
        return ImportResult(
            kind=kind,
            batch=None,
            rows=0,
            problems=repeated,
            ignored_headings=parsed.ignored_headings,
            encoding=parsed.encoding,
        )
    batch = ImportBatch.objects.create(
        organisation=organisation,
        kind=kind,
        filename=Path(filename).name[:200],
        rows=len(parsed.rows),
        encoding=parsed.encoding[:20],
        imported_by=actor,
        imported_at=timezone.now(),
    )
    for instance in built:
        instance.batch = batch  # type: ignore[attr-defined]
    IMPORTED_MODELS[kind].objects.bulk_create(built, batch_size=_BATCH_SIZE)  # type: ignore[arg-type]
    record(
        AuditEventType.WORKFORCE_IMPORTED,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=batch,
        data={
            "kind": str(kind),
            "rows": len(built),
            "unmatched_teams": len(teams.unmatched),
            "open_spells": open_spells,
        },
    )
    return ImportResult(
        kind=kind,
        batch=batch,
        rows=len(built),
        problems=(),
        unmatched_teams=tuple(sorted(teams.unmatched, key=str.casefold)),
        open_spells=open_spells,
        ignored_headings=parsed.ignored_headings,
        encoding=parsed.encoding,
    )


@transaction.atomic
def undo_import(*, actor: User | None, batch: ImportBatch) -> int:
    """Delete a batch and every row it brought in; returns how many rows went."""
    organisation = batch.organisation
    deleted, _by_model = IMPORTED_MODELS[batch.kind].objects.filter(batch=batch).delete()
    record(
        AuditEventType.WORKFORCE_IMPORT_UNDONE,
        actor_id=actor.pk if actor else None,
        organisation=organisation,
        target=batch,
        data={"kind": batch.kind, "rows": deleted},
    )
    batch.delete()
    return deleted


def batches_of(organisation: Organisation) -> QuerySet[ImportBatch]:
    """An organisation's import history, newest first."""
    return ImportBatch.objects.filter(organisation=organisation).select_related("imported_by")


def batch_of(organisation: Organisation, pk: int) -> ImportBatch | None:
    return batches_of(organisation).filter(pk=pk).first()


@dataclass(frozen=True, slots=True)
class DfeLoadResult:
    values: int
    suppressed: int
    datasets: tuple[str, ...]
    neighbour_sets: int
    neighbours: int
    # Neighbour-model authorities with no figures in the files (their codes are unknown).
    unmapped_neighbours: int


def _values(
    observations: Iterable[dfe.Observation], old_to_new: dict[str, str]
) -> Iterator[DfeValue]:
    for observation in observations:
        area = observation.area
        if area.level == dfe.GeographicLevel.LOCAL_AUTHORITY and len(area.old_la_codes) == 1:
            old_to_new.setdefault(area.old_la_code, area.new_la_code)
        yield DfeValue(
            dataset=observation.dataset,
            measure=observation.measure,
            time_period=observation.time_period,
            year_ending=observation.year_ending,
            level=str(area.level),
            area_code=area.code,
            area_name=area.name,
            region_code=area.region_code,
            value=observation.value,
            suppression=observation.suppression or "",
        )


@transaction.atomic
def load_dfe(
    directory: Path, progress: Progress | None = None, *, actor: User | None = None
) -> DfeLoadResult:
    """Replace every stored DfE figure and statistical neighbour with those in ``directory``."""
    observations = dfe.read_directory(directory, on_progress=progress, progress_every=2000)
    DfeValue.objects.all().delete()
    DfeNeighbour.objects.all().delete()
    old_to_new: dict[str, str] = {}
    values = suppressed = 0
    datasets: set[str] = set()
    chunk: list[DfeValue] = []
    for value in _values(observations, old_to_new):
        chunk.append(value)
        if len(chunk) >= _BATCH_SIZE * 5:
            DfeValue.objects.bulk_create(chunk, batch_size=_BATCH_SIZE)
            chunk = []
        values += 1
        suppressed += value.value is None
        datasets.add(value.dataset)
    DfeValue.objects.bulk_create(chunk, batch_size=_BATCH_SIZE)
    neighbours: list[DfeNeighbour] = []
    sets = unmapped = 0
    neighbours_path = directory / NEIGHBOURS_FILENAME
    if neighbours_path.exists():
        for neighbour_set in dfe.read_statistical_neighbours(neighbours_path).values():
            area_code = old_to_new.get(neighbour_set.old_la_code)
            if area_code is None:
                unmapped += 1
                continue
            sets += 1
            neighbours += [
                DfeNeighbour(area_code=area_code, neighbour_code=code, rank=neighbour.rank)
                for neighbour in neighbour_set.neighbours
                if (code := old_to_new.get(neighbour.old_la_code))
            ]
        DfeNeighbour.objects.bulk_create(neighbours, batch_size=_BATCH_SIZE)
    result = DfeLoadResult(
        values=values,
        suppressed=suppressed,
        datasets=tuple(sorted(datasets)),
        neighbour_sets=sets,
        neighbours=len(neighbours),
        unmapped_neighbours=unmapped,
    )
    record(
        AuditEventType.DFE_LOADED,
        actor_id=actor.pk if actor else None,
        data={
            "values": result.values,
            "suppressed": result.suppressed,
            "datasets": list(result.datasets),
            "neighbour_sets": result.neighbour_sets,
            "neighbours": result.neighbours,
        },
    )
    return result
