"""`candour workforce`: import councils' workforce and demand files, load the DfE's
statistics, undo an import, and print an organisation's latest indicators."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from candour.accounts.models import User
from candour.core.models import Organisation, OrganisationKind
from candour.core.progress import ProgressBar
from candour.lib.dfe import DfeFormatError
from candour.workforce.early_warning.services import backtest
from candour.workforce.health import services as health_services
from candour.workforce.health.published import (
    COMPARED_MEASURES,
    MeasureKind,
    compare,
    measures_named,
    published_figures,
    trends,
)
from candour.workforce.imports import services as imports
from candour.workforce.indicators import (
    PeriodIndicators,
    organisation_indicators,
)
from candour.workforce.models import DfeValue, ImportBatch, ImportKind

# Below this many rows a file is checked faster than a bar could be drawn.
PROGRESS_FROM_ROWS = 2000


def _organisation(wanted: str) -> Organisation:
    organisation = (
        Organisation.objects.filter(code=wanted) | Organisation.objects.filter(slug=wanted)
    ).first()
    if organisation is None:
        raise CommandError(f"No organisation with the code or slug {wanted!r}")
    return organisation


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"


def _number(value: float | None, places: int = 1) -> str:
    return "-" if value is None else f"{value:,.{places}f}"


class Command(BaseCommand):
    help = "Organisational health data: import files, load DfE statistics, undo, report."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        importing = actions.add_parser(
            "import", help="Import a CSV file: every row, or nothing and every problem"
        )
        importing.add_argument("kind", choices=ImportKind.values, help="What the file holds")
        importing.add_argument("file", type=Path, help="The CSV file")
        importing.add_argument(
            "--organisation", required=True, help="The organisation's code or slug"
        )
        importing.add_argument(
            "--as", dest="actor_email", help="The email address of the person importing"
        )
        loading = actions.add_parser(
            "load-dfe", help="Replace the stored DfE statistics with those in a directory"
        )
        loading.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when DfE statistics are already loaded (for `make run`)",
        )
        loading.add_argument(
            "directory",
            nargs="?",
            type=Path,
            help=f"Where the DfE files are (default: {settings.CANDOUR_DFE_DIR})",
        )
        undoing = actions.add_parser("undo", help="Remove every row an import brought in")
        undoing.add_argument("batch_id", type=int, help="The import's number")
        actions.add_parser(
            "assess",
            help="Work out every organisation's early-warning status; tell managers of changes "
            "(run nightly, after the imports)",
        )
        event = actions.add_parser("event", help="Add, list or delete events on the charts")
        event_actions = event.add_subparsers(dest="event_action", required=True, metavar="ACTION")
        adding = event_actions.add_parser("add", help="Add an event to an organisation's charts")
        adding.add_argument("on_date", type=date.fromisoformat, help="The date, like 2025-03-14")
        adding.add_argument("label", help="What happened, with no names")
        listing = event_actions.add_parser("list", help="List an organisation's events")
        deleting = event_actions.add_parser("delete", help="Delete one of an organisation's events")
        deleting.add_argument("event_id", type=int, help="The event's number (see list)")
        for parser_ in (adding, listing, deleting):
            parser_.add_argument(
                "--organisation", required=True, help="The organisation's code or slug"
            )
        backtesting = actions.add_parser(
            "backtest", help="Print the early warning an organisation would have had each month"
        )
        backtesting.add_argument(
            "--organisation", required=True, help="The organisation's code or slug"
        )
        reporting = actions.add_parser("report", help="Print an organisation's latest indicators")
        reporting.add_argument(
            "--organisation", required=True, help="The organisation's code or slug"
        )
        reporting.add_argument(
            "--year", help="Compare the DfE figures of this year (default: the latest)"
        )
        reporting.add_argument("--since", help="Show the change since this year")
        reporting.add_argument(
            "--trend",
            action="append",
            default=[],
            metavar="MEASURE",
            help="Print this measure every year (repeatable; e.g. referrals_count, s47_count). "
            "Default: referrals and section 47 enquiries.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        if action == "import":
            self._import(options)
        elif action == "load-dfe":
            directory = options["directory"] or settings.CANDOUR_DFE_DIR
            if options["if_empty"]:
                # `make run` must work without the shared data: comparisons just stay empty.
                if DfeValue.objects.exists():
                    self.stdout.write("DfE statistics already loaded.")
                    return
                if not Path(directory).is_dir():
                    self.stdout.write(f"No DfE statistics at {directory}: skipped.")
                    return
            self._load_dfe(directory)
        elif action == "undo":
            self._undo(options["batch_id"])
        elif action == "assess":
            self._assess()
        elif action == "event":
            self._event(options)
        elif action == "backtest":
            self._backtest(_organisation(options["organisation"]))
        else:
            self._report(_organisation(options["organisation"]), options)

    def _import(self, options: dict[str, Any]) -> None:
        organisation = _organisation(options["organisation"])
        actor = None
        if options["actor_email"]:
            actor = User.objects.filter(email__iexact=options["actor_email"]).first()
            if actor is None:
                raise CommandError(f"No account with the email {options['actor_email']!r}")
        path: Path = options["file"]
        try:
            content = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from error
        bar: ProgressBar | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if total < PROGRESS_FROM_ROWS:
                return
            if bar is None:
                bar = ProgressBar(total, label="Checking rows", stream=self.stderr)
            bar.update(done)

        result = imports.import_file(
            actor=actor,
            organisation=organisation,
            kind=options["kind"],
            filename=path.name,
            content=content,
            progress=progress,
        )
        if bar is not None:
            bar.finish(bar.total)
        if not result.ok:
            for problem in result.problems:
                self.stderr.write(str(problem))
            raise CommandError(
                f"Nothing was imported: {len(result.problems)} problem(s) in {path.name}."
            )
        assert result.batch is not None  # noqa: S101 - ok means a batch was made
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported {result.rows} rows of {result.kind} as import {result.batch.pk} "
                f"for {organisation.name}."
            )
        )
        for name in result.unmatched_teams:
            self.stdout.write(f"Warning: team {name!r} matches none of the organisation's teams.")
        if result.open_spells:
            self.stdout.write(
                f"{result.open_spells} absence spell(s) with no end date counted up to today."
            )
        if result.ignored_headings:
            self.stdout.write("Columns not used: " + ", ".join(result.ignored_headings))

    def _load_dfe(self, directory: Path) -> None:
        if not directory.is_dir():
            raise CommandError(f"{directory} is not a directory")
        bar: ProgressBar | None = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = ProgressBar(total, label="Loading DfE figures", stream=self.stderr)
            bar.update(done)

        try:
            result = imports.load_dfe(directory, progress)
        except DfeFormatError as error:
            raise CommandError(str(error)) from error
        if bar is not None:
            bar.finish(bar.total)
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {result.values:,} DfE figures ({result.suppressed:,} suppressed) from "
                f"{len(result.datasets)} datasets, and {result.neighbour_sets} local "
                f"authorities' statistical neighbours."
            )
        )

    def _assess(self) -> None:
        from candour.workforce.early_warning.services import assess

        for organisation in Organisation.objects.exclude(kind=OrganisationKind.NATIONAL_HUB):
            statuses = assess(organisation)
            described = ", ".join(
                f"{status.team.name if status.team else 'whole organisation'}: "
                f"{status.assessment.status}{' (changed)' if status.changed else ''}"
                for status in statuses
                if status.assessment is not None
            )
            self.stdout.write(f"{organisation.name}: {described or 'no data yet'}")

    def _event(self, options: dict[str, Any]) -> None:
        organisation = _organisation(options["organisation"])
        action = options["event_action"]
        if action == "add":
            label = options["label"].strip()
            if not label or len(label) > 200:
                raise CommandError("The label must be 1 to 200 characters")
            added = health_services.add_chart_event(
                actor=None, organisation=organisation, on_date=options["on_date"], label=label
            )
            self.stdout.write(self.style.SUCCESS(f"Added event {added.pk} on {added.on_date}."))
        elif action == "list":
            for event in health_services.events_of(organisation):
                self.stdout.write(f"{event.pk:>5}  {event.on_date}  {event.label}")
        else:
            found = health_services.events_of(organisation).filter(pk=options["event_id"]).first()
            if found is None:
                raise CommandError(f"No event numbered {options['event_id']} for {organisation}")
            health_services.delete_chart_event(actor=None, event=found)
            self.stdout.write(self.style.SUCCESS(f"Deleted event {options['event_id']}."))

    def _undo(self, batch_id: int) -> None:
        batch = ImportBatch.objects.filter(pk=batch_id).select_related("organisation").first()
        if batch is None:
            raise CommandError(f"No import numbered {batch_id}")
        name = batch.organisation.name
        rows = imports.undo_import(actor=None, batch=batch)
        self.stdout.write(
            self.style.SUCCESS(f"Import {batch_id} undone: {rows} rows removed from {name}.")
        )

    def _backtest(self, organisation: Organisation) -> None:
        months = backtest(organisation)
        if not months:
            self.stdout.write(f"{organisation.name}: no workforce data imported yet.")
            return
        self.stdout.write(f"{organisation.name}: the early warning each month, as known then")
        before = None
        for month in months:
            changed = " (changed)" if before is not None and month.status != before else ""
            self.stdout.write(f"  {month.period:%B %Y}: {month.status}{changed}")
            for line in month.lines:
                self.stdout.write(f"      {line}")
            before = month.status

    def _report(self, organisation: Organisation, options: dict[str, Any]) -> None:
        batches = list(imports.batches_of(organisation))
        self.stdout.write(f"{organisation.name}: {len(batches)} import(s)")
        for batch in batches:
            self.stdout.write(
                f"  {batch.pk:>5}  {batch.imported_at:%Y-%m-%d %H:%M}  {batch.kind:<15} "
                f"{batch.rows:>7} rows  {batch.filename}"
            )
        found = organisation_indicators(organisation)
        if found.last is None:
            self.stdout.write("No workforce data imported yet.")
        else:
            self._latest(found)
        # The DfE's figures are shown with or without imports: England at least.
        self._published(organisation, options)

    def _latest(self, found: Any) -> None:
        self.stdout.write(f"\nLatest month: {found.last:%B %Y}")
        scopes = [found.whole, *found.teams]
        self.stdout.write(
            f"  {'':<32} {'in post FTE':>11} {'turnover':>9} {'vacancy':>8} {'agency':>7} "
            f"{'caseload':>8} {'absence':>8} {'referrals':>9}"
        )
        for scope in scopes:
            latest: PeriodIndicators | None = scope.latest
            if latest is None:
                continue
            self.stdout.write(
                f"  {scope.name[:32]:<32} {latest.in_post_fte:>11.1f} "
                f"{_percent(latest.turnover_rate):>9} {_percent(latest.vacancy_rate):>8} "
                f"{_percent(latest.agency_rate):>7} {_number(latest.average_caseload):>8} "
                f"{_percent(latest.absence_rate):>8} "
                f"{'-' if latest.referrals is None else latest.referrals:>9}"
            )

    def _published(self, organisation: Organisation, options: dict[str, Any]) -> None:
        figures = published_figures(organisation)
        years = figures.years()
        if not years:
            self.stdout.write("\nNo DfE figures loaded (candour workforce load-dfe).")
            return
        for name in ("year", "since"):
            if options.get(name) and options[name] not in years:
                raise CommandError(
                    f"--{name} {options[name]}: the DfE figures run from {years[0]} to {years[-1]}"
                )
        where = f"{figures.area_name} ({figures.area})" if figures.area else "England alone"
        self.stdout.write(f"\nCompared with the DfE's published figures: {where}")
        comparisons = compare(figures, year=options.get("year"), since=options.get("since"))
        since = options.get("since")
        self.stdout.write(
            f"  {'':<48} {'year':>5} {'ours':>9} {'neighbours':>10} {'region':>9} "
            f"{'England':>9}" + (f" {'ours since ' + since:>16} {'England':>9}" if since else "")
        )
        for line in comparisons:
            places = 0 if line.kind == MeasureKind.COUNT else 1
            row = (
                f"  {line.label[:48]:<48} {line.time_period:>5} {_number(line.ours, places):>9} "
                f"{_number(line.neighbours, places):>10} {_number(line.region, places):>9} "
                f"{_number(line.england, places):>9}"
            )
            if since:
                row += f" {_number(line.ours_change):>16} {_number(line.england_change):>9}"
            self.stdout.write(row)
            if line.note:
                self.stdout.write(f"  {'':<48} {line.note}")
        keys = options.get("trend") or ["referrals_count", "s47_count"]
        unknown = [key for key in keys if key not in {m.key for m in COMPARED_MEASURES}]
        if unknown:
            raise CommandError(
                f"--trend {unknown[0]}: choose from " + ", ".join(m.key for m in COMPARED_MEASURES)
            )
        for trend in trends(figures, measures=measures_named(keys)):
            places = 0 if trend.kind == MeasureKind.COUNT else 1
            self.stdout.write(f"\n{trend.label}, each year")
            self.stdout.write(f"  {'year':<6} {'ours':>9} {'England':>11} {'on the year':>12}")
            for index, period in enumerate(trend.periods):
                now = trend.england[index]
                then = trend.england[index - 1] if index else None
                change = ""
                if now is not None and then:
                    change = (
                        f"{100 * (now - then) / then:+.1f}%"
                        if trend.kind == MeasureKind.COUNT
                        else f"{now - then:+.1f}"
                    )
                self.stdout.write(
                    f"  {period:<6} {_number(trend.ours[index], places):>9} "
                    f"{_number(now, places):>11} {change:>12}"
                )
