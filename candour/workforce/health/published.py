"""The DfE's published figures for an organisation's area beside its statistical
neighbours, its region and England: one chosen year, the change between two chosen years,
and every year from 2013 (issue 20).

The area is the organisation's DfE local authority, resolved through
``candour.lib.dfe.areas``: an earlier code is read as its successor, and a council in a
shared service falls back to the shared service's figures where the DfE publishes no
row of its own (the workforce census). Each figure taken from anywhere but the area's
own current code carries a note saying where it came from, and so does a latest year
older than England's. England is always shown, with or without an area.

Counts are shown as published. Rates per 10,000 children need the ONS mid-year estimate
of children aged 0 to 17, which the DfE's files do not hold: where an operator has loaded
it (catalogue.CHILD_POPULATION), each count also has a rate, worked out as the DfE does,
with the estimate for the middle of the reporting year (mid-2024 for the year to 31
March 2025); until then those rates are left out, not shown empty. Between councils of
different sizes the neighbours' figure for a count is the plain mean of their counts
(statistical neighbours are similar areas, not equal ones): read it as a guide, and the
rates and shares as the comparison.
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from candour.core.models import Organisation
from candour.lib.dfe.areas import SourceKind, member_codes
from candour.lib.dfe.records import GeographicLevel
from candour.lib.statistics import workforce
from candour.workforce.health.areas import area_directory
from candour.workforce.models import DfeNeighbour, DfeValue, WorkforceSettings

WORKFORCE = "workforce"
DEMAND = "demand"
PREFERRED_DATASET = "csww_indicators"
NATIONAL = "National"
AREA, REGION, ENGLAND = "area", "region", "england"

# A published figure: (measure, time_period) -> value, None where missing or suppressed.
Lookup = Callable[[str, str], float | None]


class MeasureKind(enum.StrEnum):
    RATE = "rate"  # a rate, share or average: compared as it is, changes in points
    COUNT = "count"  # a count: changes as a percentage
    CHANGE = "change"  # already a change on the year


@dataclass(frozen=True)
class ComparedMeasure:
    """A figure compared across areas, worked out from the DfE measures in ``sources``.

    ``sources[0]`` decides the latest year: the last one the area has a row for.
    """

    key: str
    label: StrOrPromise
    group: str
    sources: tuple[str, ...]
    compute: Callable[[Lookup, str], float | None]
    kind: MeasureKind = MeasureKind.RATE
    # A measure that must be loaded for this one to be shown at all (the population).
    requires: str = ""


def _published(measure: str) -> Callable[[Lookup, str], float | None]:
    return lambda get, period: get(measure, period)


def _previous_year(period: str) -> str | None:
    return str(int(period) - 1) if period.isdigit() else None


def _change_on_year(measure: str) -> Callable[[Lookup, str], float | None]:
    def compute(get: Lookup, period: str) -> float | None:
        before = _previous_year(period)
        now, then = get(measure, period), get(measure, before) if before else None
        if now is None or then is None or then <= 0:
            return None
        return 100.0 * (now - then) / then

    return compute


# The ONS estimate of children aged 0 to 17 (loaded from CHILD_POPULATION), by mid-year.
POPULATION = "children_0_17"


def _per_10000(measure: str) -> Callable[[Lookup, str], float | None]:
    """A count per 10,000 children, with the mid-year estimate inside the reporting year:
    the DfE's year "2025" runs to 31 March 2025, so it reads the mid-2024 estimate."""

    def compute(get: Lookup, period: str) -> float | None:
        count = get(measure, period)
        before = _previous_year(period)
        children = get(POPULATION, before) if before else None
        if count is None or children is None or children <= 0:
            return None
        return 10_000.0 * count / children

    return compute


def _icpc_within_15_days(get: Lookup, period: str) -> float | None:
    quick, later, total = (
        get(measure, period)
        for measure in ("icpc_within_0_10_days", "icpc_within_11_15_days", "icpc")
    )
    if quick is None or later is None or total is None or total <= 0:
        return None
    return 100.0 * (quick + later) / total


def _starter_rate(get: Lookup, period: str) -> float | None:
    return workforce.starter_rate(get("starters_fte", period), get("inpost_fte", period))


COMPARED_MEASURES: tuple[ComparedMeasure, ...] = (
    ComparedMeasure(
        "turnover_rate_fte",
        _("Turnover rate (%)"),
        WORKFORCE,
        ("turnover_rate_fte",),
        _published("turnover_rate_fte"),
    ),
    ComparedMeasure(
        "starter_rate_fte",
        _("Starter rate (%)"),
        WORKFORCE,
        ("starters_fte", "inpost_fte"),
        _starter_rate,
    ),
    ComparedMeasure(
        "vacancy_rate_fte",
        _("Vacancy rate (%)"),
        WORKFORCE,
        ("vacancy_rate_fte",),
        _published("vacancy_rate_fte"),
    ),
    ComparedMeasure(
        "agency_rate_fte",
        _("Agency rate (%)"),
        WORKFORCE,
        ("agency_rate_fte",),
        _published("agency_rate_fte"),
    ),
    ComparedMeasure(
        "caseload_fte",
        _("Average caseload (cases per case-holding FTE)"),
        WORKFORCE,
        ("caseload_fte",),
        _published("caseload_fte"),
    ),
    ComparedMeasure(
        "absence_rate_fte",
        _("Absence rate (%)"),
        WORKFORCE,
        ("absence_rate_fte",),
        _published("absence_rate_fte"),
    ),
    ComparedMeasure(
        "rereferral_rate",
        _("Re-referrals within 12 months (% of referrals)"),
        DEMAND,
        ("rereferral_rate",),
        _published("rereferral_rate"),
    ),
    ComparedMeasure(
        "referrals_no_further_action_rate",
        _("Referrals with no further action (%)"),
        DEMAND,
        ("referrals_no_further_action_rate",),
        _published("referrals_no_further_action_rate"),
    ),
    ComparedMeasure(
        "cp_plans_subsequent_rate",
        _("Second or subsequent child protection plans (% of plans started)"),
        DEMAND,
        ("cp_plans_subsequent_rate",),
        _published("cp_plans_subsequent_rate"),
    ),
    ComparedMeasure(
        "icpc_within_15_days_rate",
        _("Initial conferences within 15 working days (%)"),
        DEMAND,
        ("icpc", "icpc_within_0_10_days", "icpc_within_11_15_days"),
        _icpc_within_15_days,
    ),
    ComparedMeasure(
        "referrals_change",
        _("Referrals: change on the year (%)"),
        DEMAND,
        ("referrals",),
        _change_on_year("referrals"),
        MeasureKind.CHANGE,
    ),
    ComparedMeasure(
        "s47_change",
        _("Section 47 enquiries: change on the year (%)"),
        DEMAND,
        ("s47",),
        _change_on_year("s47"),
        MeasureKind.CHANGE,
    ),
    ComparedMeasure(
        "icpc_change",
        _("Initial child protection conferences: change on the year (%)"),
        DEMAND,
        ("icpc",),
        _change_on_year("icpc"),
        MeasureKind.CHANGE,
    ),
    ComparedMeasure(
        "cp_plans_started_change",
        _("Child protection plans started: change on the year (%)"),
        DEMAND,
        ("cp_plans_started",),
        _change_on_year("cp_plans_started"),
        MeasureKind.CHANGE,
    ),
    ComparedMeasure(
        "cin_change",
        _("Children in need at 31 March: change on the year (%)"),
        DEMAND,
        ("cin",),
        _change_on_year("cin"),
        MeasureKind.CHANGE,
    ),
    *(
        ComparedMeasure(
            f"{measure}_count",
            label,
            DEMAND,
            (measure,),
            _published(measure),
            MeasureKind.COUNT,
        )
        for measure, label in (
            ("referrals", _("Referrals")),
            ("s47", _("Section 47 enquiries")),
            ("icpc", _("Initial child protection conferences")),
            ("cp_plans_started", _("Child protection plans started")),
            ("cp_plans_at_31_march", _("Children on a child protection plan at 31 March")),
            ("cin", _("Children in need at 31 March")),
        )
    ),
    *(
        ComparedMeasure(
            f"{measure}_per_10000",
            label,
            DEMAND,
            (measure, POPULATION),
            _per_10000(measure),
            requires=POPULATION,
        )
        for measure, label in (
            ("referrals", _("Referrals per 10,000 children")),
            ("s47", _("Section 47 enquiries per 10,000 children")),
            ("icpc", _("Initial child protection conferences per 10,000 children")),
            ("cp_plans_started", _("Child protection plans started per 10,000 children")),
            (
                "cp_plans_at_31_march",
                _("Children on a child protection plan at 31 March per 10,000 children"),
            ),
            ("cin", _("Children in need at 31 March per 10,000 children")),
        )
    ),
    ComparedMeasure(
        "inpost_fte_count",
        _("Social workers in post (FTE)"),
        WORKFORCE,
        ("inpost_fte",),
        _published("inpost_fte"),
        MeasureKind.COUNT,
    ),
)


def _number(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


@dataclass
class PublishedFigures:
    """The loaded figures for one area, its neighbours, its region and England.

    ``values`` is keyed by (measure, time period, place): place is AREA, REGION, ENGLAND
    or a neighbour's code; a key present with None is a suppressed figure.
    """

    area: str = ""
    area_name: str = ""
    region_code: str = ""
    region_name: str = ""
    neighbours: list[str] = field(default_factory=list)
    values: dict[tuple[str, str, str], float | None] = field(default_factory=dict)
    # Our area's (measure, time period) -> where it came from, when not its own code.
    provenance: dict[tuple[str, str], str] = field(default_factory=dict)

    def lookup(self, place: str) -> Lookup:
        def get(measure: str, period: str) -> float | None:
            return self.values.get((measure, period, place))

        return get

    def periods(self, measure: str, place: str) -> list[str]:
        return sorted({p for m, p, where in self.values if m == measure and where == place})

    def loaded(self, measure: str) -> bool:
        """Whether any figure of ``measure`` was found (for any place and year)."""
        return any(m == measure for m, _p, _where in self.values)

    def shown(self, compared: ComparedMeasure) -> bool:
        return not compared.requires or self.loaded(compared.requires)

    def years(self) -> list[str]:
        """Every year England has a DfE figure for, oldest first (the population's
        mid-years are not years of figures)."""
        return sorted({p for m, p, where in self.values if where == ENGLAND and m != POPULATION})


def _organisation_area(organisation: Organisation) -> str:
    settings = WorkforceSettings.objects.filter(organisation=organisation).first()
    return settings.dfe_area_code if settings else ""


def published_figures(
    organisation: Organisation, measures: Sequence[ComparedMeasure] | None = None
) -> PublishedFigures:
    """Everything the comparisons need, in four queries (England alone without an area)."""
    measures = COMPARED_MEASURES if measures is None else measures
    wanted = {source for compared in measures for source in compared.sources}
    chosen_code = _organisation_area(organisation)
    figures = PublishedFigures()
    # place, preference (lower is nearer), dataset preference -> row, per key
    best: dict[tuple[str, str, str], tuple[int, int]] = {}
    where: dict[str, tuple[str, int]] = {}  # area code read -> (place, preference)
    notes: dict[str, str] = {}
    if chosen_code:
        directory = area_directory()
        area = directory.current(chosen_code)
        figures.area, figures.area_name = area, directory.name(area)
        sources = directory.sources(area)
        for rank, source in enumerate(sources):
            where[source.code] = (AREA, rank)
            if source.kind is not SourceKind.OWN:
                notes[source.code] = source.provenance
        # Neighbours as the DfE's model lists them: of the area, an earlier code, or
        # (for a shared service) its first council that has them.
        candidates = [area, *(s.code for s in sources), *member_codes(area)]
        ranked = {
            code: list(
                DfeNeighbour.objects.filter(area_code=code)
                .order_by("rank")
                .values_list("neighbour_code", flat=True)
            )
            for code in dict.fromkeys(candidates)
        }
        figures.neighbours = next((codes for codes in ranked.values() if codes), [])
        for neighbour in figures.neighbours:
            for rank, source in enumerate(directory.sources(neighbour)):
                if source.kind is not SourceKind.COMBINED:
                    where.setdefault(source.code, (neighbour, rank))
    rows = DfeValue.objects.filter(measure__in=wanted)
    area_rows = list(rows.filter(area_code__in=[c for c, (p, _r) in where.items() if p == AREA]))
    region = next((row for row in area_rows if row.region_code), None)
    if region is not None:
        figures.region_code = region.region_code
    others = rows.filter(
        Q(level=NATIONAL)
        | Q(level=GeographicLevel.REGIONAL, area_code=figures.region_code)
        | Q(area_code__in=[c for c, (p, _r) in where.items() if p != AREA])
    )
    for row in [*area_rows, *others]:
        if row.level == NATIONAL:
            place, rank = ENGLAND, 0
        elif row.level == GeographicLevel.REGIONAL:
            place, rank = REGION, 0
            figures.region_name = row.area_name
        else:
            place, rank = where[row.area_code]
        key = (row.measure, row.time_period, place)
        preference = (rank, 0 if row.dataset == PREFERRED_DATASET else 1)
        if key in best and best[key] <= preference:
            continue
        best[key] = preference
        figures.values[key] = _number(row.value)
        if place == AREA:
            note = notes.get(row.area_code, "")
            if note:
                figures.provenance[(row.measure, row.time_period)] = note
            else:
                figures.provenance.pop((row.measure, row.time_period), None)
    return figures


@dataclass(frozen=True)
class Comparison:
    """One measure in one year: the authority, its neighbours, region, England; with the
    change since ``base_period`` (percent for counts, points for rates) when asked for."""

    measure: str
    label: str
    group: str
    time_period: str
    ours: float | None
    neighbours: float | None
    neighbours_counted: int
    region: float | None
    england: float | None
    kind: str = MeasureKind.RATE
    note: str = ""
    base_period: str | None = None
    ours_change: float | None = None
    neighbours_change: float | None = None
    region_change: float | None = None
    england_change: float | None = None


def _between(kind: MeasureKind, now: float | None, then: float | None) -> float | None:
    if now is None or then is None:
        return None
    if kind is MeasureKind.COUNT:
        return 100.0 * (now - then) / then if then > 0 else None
    return now - then


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _neighbour_values(
    figures: PublishedFigures, compared: ComparedMeasure, period: str
) -> list[float]:
    return [
        value
        for code in figures.neighbours
        if (value := compared.compute(figures.lookup(code), period)) is not None
    ]


def _neighbour_change(
    figures: PublishedFigures, compared: ComparedMeasure, period: str, base: str
) -> float | None:
    changes = [
        change
        for code in figures.neighbours
        if (
            change := _between(
                compared.kind,
                compared.compute(figures.lookup(code), period),
                compared.compute(figures.lookup(code), base),
            )
        )
        is not None
    ]
    return _mean(changes)


def compare(
    figures: PublishedFigures,
    *,
    year: str | None = None,
    since: str | None = None,
    measures: Sequence[ComparedMeasure] | None = None,
) -> list[Comparison]:
    """Each measure in ``year`` (by default the area's latest, or England's without an
    area), and the change since ``since`` when given and the measure is not a change."""
    comparisons = []
    for compared in COMPARED_MEASURES if measures is None else measures:
        if not figures.shown(compared):
            continue
        source = compared.sources[0]
        england_periods = figures.periods(source, ENGLAND)
        ours_periods = figures.periods(source, AREA)
        if year is not None:
            if year not in england_periods and year not in ours_periods:
                continue
            period = year
        elif ours_periods:
            period = ours_periods[-1]
        elif england_periods:
            period = england_periods[-1]
        else:
            continue
        notes = []
        if figures.area and not ours_periods:
            notes.append(_t("Not published for this area."))
        elif figures.area and period in ours_periods:
            if provenance := figures.provenance.get((source, period)):
                notes.append(_t("This area's figure was %(where)s.") % {"where": provenance})
            if year is None and england_periods and period < england_periods[-1]:
                notes.append(
                    _t(
                        "The latest figures for this area are for %(ours)s; England's are "
                        "for %(england)s."
                    )
                    % {"ours": period, "england": england_periods[-1]}
                )
        theirs = _neighbour_values(figures, compared, period)
        ours = compared.compute(figures.lookup(AREA), period) if figures.area else None
        region = compared.compute(figures.lookup(REGION), period) if figures.region_code else None
        england = compared.compute(figures.lookup(ENGLAND), period)
        comparison = Comparison(
            measure=compared.key,
            label=str(compared.label),
            group=compared.group,
            time_period=period,
            ours=ours,
            neighbours=_mean(theirs),
            neighbours_counted=len(theirs),
            region=region,
            england=england,
            kind=str(compared.kind),
            note=" ".join(notes),
        )
        if since is not None and since != period and compared.kind is not MeasureKind.CHANGE:

            def base(
                place: str, now: float | None, compared: ComparedMeasure = compared
            ) -> float | None:
                then = compared.compute(figures.lookup(place), since)
                return _between(compared.kind, now, then)

            comparison = dataclasses.replace(
                comparison,
                base_period=since,
                ours_change=base(AREA, ours) if figures.area else None,
                neighbours_change=_neighbour_change(figures, compared, period, since),
                region_change=base(REGION, region) if figures.region_code else None,
                england_change=base(ENGLAND, england),
            )
        comparisons.append(comparison)
    return comparisons


def dfe_comparisons(
    organisation: Organisation, *, year: str | None = None, since: str | None = None
) -> list[Comparison]:
    """The organisation's area beside its neighbours, region and England in one year.

    The neighbours' figure is the plain mean of those neighbours with a published value
    that year (suppressed ones are left out, never read as zero); a rate or change is
    worked out for each neighbour first. England alone without an area.
    """
    return compare(published_figures(organisation), year=year, since=since)


@dataclass(frozen=True)
class Trend:
    """One measure every year: the area, its neighbours' mean, region and England."""

    measure: str
    label: str
    group: str
    kind: str
    periods: list[str]
    ours: list[float | None]
    neighbours: list[float | None]
    region: list[float | None]
    england: list[float | None]
    notes: list[str]


def trends(
    figures: PublishedFigures,
    *,
    first: str | None = None,
    last: str | None = None,
    measures: Sequence[ComparedMeasure] | None = None,
) -> list[Trend]:
    """Each measure from ``first`` to ``last`` (both optional), oldest first."""
    found = []
    for compared in COMPARED_MEASURES if measures is None else measures:
        if not figures.shown(compared):
            continue
        source = compared.sources[0]
        periods = sorted(set(figures.periods(source, ENGLAND)) | set(figures.periods(source, AREA)))
        periods = [
            p for p in periods if (first is None or p >= first) and (last is None or p <= last)
        ]
        if not periods:
            continue
        found.append(
            Trend(
                measure=compared.key,
                label=str(compared.label),
                group=compared.group,
                kind=str(compared.kind),
                periods=periods,
                ours=[
                    compared.compute(figures.lookup(AREA), p) if figures.area else None
                    for p in periods
                ],
                neighbours=[_mean(_neighbour_values(figures, compared, p)) for p in periods],
                region=[
                    compared.compute(figures.lookup(REGION), p) if figures.region_code else None
                    for p in periods
                ],
                england=[compared.compute(figures.lookup(ENGLAND), p) for p in periods],
                notes=[figures.provenance.get((source, p), "") for p in periods],
            )
        )
    return found


def measures_named(keys: Sequence[str]) -> list[ComparedMeasure]:
    """The compared measures with these keys, in the order given; unknown keys are skipped."""
    by_key = {compared.key: compared for compared in COMPARED_MEASURES}
    return [by_key[key] for key in keys if key in by_key]


# The share of authorities below a national line: the top tenth is over it. Five lines
# each at the upper quartile left most authorities strained on one of them every year
# (benchmarks/early_warning_backtest.py); at the top tenth about half are in 2025.
NATIONAL_LINE_SHARE = 0.9


@dataclass(frozen=True)
class NationalLine:
    """Where the top tenth of English local authorities' published figures start."""

    value: float
    time_period: str
    authorities: int


def national_lines(measures: Sequence[str]) -> dict[str, NationalLine]:
    """Per measure, the line the top tenth of local authorities were over in its latest
    year (one query; shared-service rows count once, as published). Empty until the DfE
    figures are loaded."""
    rows = DfeValue.objects.filter(
        measure__in=measures, level=GeographicLevel.LOCAL_AUTHORITY, value__isnull=False
    ).values_list("measure", "time_period", "dataset", "area_code", "value")
    by_year: dict[tuple[str, str], dict[str, float]] = {}
    for measure, period, dataset, code, published in rows:
        found = by_year.setdefault((measure, period), {})
        if published is not None and (code not in found or dataset == PREFERRED_DATASET):
            found[code] = float(published)
    lines = {}
    for measure in measures:
        periods = sorted(p for m, p in by_year if m == measure)
        if not periods:
            continue
        values = sorted(by_year[(measure, periods[-1])].values())
        if len(values) < 4:
            continue
        # The inclusive method (as a spreadsheet's PERCENTILE): interpolated in between.
        position = NATIONAL_LINE_SHARE * (len(values) - 1)
        low = int(position)
        high = min(low + 1, len(values) - 1)
        value = values[low] + (values[high] - values[low]) * (position - low)
        lines[measure] = NationalLine(value, periods[-1], len(values))
    return lines
