"""The DfE children's social work workforce indicators (year to 30 September).

Each function returns a percentage (or cases per FTE) as a float, or None when the
denominator is zero or an input is missing: a missing figure is never read as zero.
The formulas are the DfE's (design/METRICS.md) and reproduce England's published rates
from the published counts (tests/test_dfe_reproduction.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from candour.lib.working_days import DFE_WORKING_DAYS


def _percent(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or denominator is None or denominator <= 0:
        return None
    return 100.0 * numerator / denominator


def turnover_rate(leavers_fte: float | None, in_post_fte: float | None) -> float | None:
    """Leavers (FTE) in the year / social workers in post (FTE) at 30 September, in %.

    The denominator is the in-post count at the end of the year, not an average.
    """
    return _percent(leavers_fte, in_post_fte)


def starter_rate(starters_fte: float | None, in_post_fte: float | None) -> float | None:
    """Starters (FTE) in the year / social workers in post (FTE) at 30 September, in %.

    The DfE's starter rate, on the same base as turnover so the two can be set side by side.
    """
    return _percent(starters_fte, in_post_fte)


def vacancy_rate(vacancy_fte: float | None, in_post_fte: float | None) -> float | None:
    """Vacancies (FTE) / (vacancies FTE + in-post FTE) at 30 September, in %."""
    if vacancy_fte is None or in_post_fte is None:
        return None
    return _percent(vacancy_fte, vacancy_fte + in_post_fte)


def agency_rate(agency_fte: float | None, in_post_fte: float | None) -> float | None:
    """Agency workers (FTE) / (agency FTE + in-post FTE) at 30 September, in %."""
    if agency_fte is None or in_post_fte is None:
        return None
    return _percent(agency_fte, agency_fte + in_post_fte)


def absence_rate(
    working_days_lost_fte: float | None,
    in_post_fte: float | None,
    working_days_in_year: int = DFE_WORKING_DAYS,
) -> float | None:
    """Working days lost to sickness (FTE) / (in-post FTE x working days in the year), in %.

    The denominator is the FTE working days available: the DfE uses 253 (254 in a year
    with 29 February; see ``dfe_working_days_in_year``), not 365 calendar days as the NHS
    does. Agency workers are in neither part.
    """
    if in_post_fte is None:
        return None
    return _percent(working_days_lost_fte, in_post_fte * working_days_in_year)


def average_caseload(cases: float | None, case_holders_fte: float | None) -> float | None:
    """Cases held / case-holding social workers (FTE): the DfE's average caseload."""
    if cases is None or case_holders_fte is None or case_holders_fte <= 0:
        return None
    return cases / case_holders_fte


def as_published(value: float | None, places: int = 1) -> Decimal | None:
    """Round half up to the DfE's published precision (one decimal place)."""
    if value is None:
        return None
    # repr gives the shortest decimal that round-trips, so 12.25 stays 12.25.
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class WorkforceCounts:
    """One organisation's (or team's) counts for a year to 30 September; None = missing."""

    in_post_fte: float | None
    leavers_fte: float | None = None
    agency_fte: float | None = None
    vacancy_fte: float | None = None
    case_holders_fte: float | None = None
    cases: float | None = None
    working_days_lost_fte: float | None = None
    working_days_in_year: int = DFE_WORKING_DAYS


@dataclass(frozen=True)
class WorkforceIndicators:
    """The DfE indicators; rates in %, caseload in cases per case-holding FTE."""

    turnover_rate: float | None
    vacancy_rate: float | None
    agency_rate: float | None
    absence_rate: float | None
    average_caseload: float | None


def workforce_indicators(counts: WorkforceCounts) -> WorkforceIndicators:
    """All the DfE indicators for one set of counts."""
    return WorkforceIndicators(
        turnover_rate=turnover_rate(counts.leavers_fte, counts.in_post_fte),
        vacancy_rate=vacancy_rate(counts.vacancy_fte, counts.in_post_fte),
        agency_rate=agency_rate(counts.agency_fte, counts.in_post_fte),
        absence_rate=absence_rate(
            counts.working_days_lost_fte, counts.in_post_fte, counts.working_days_in_year
        ),
        average_caseload=average_caseload(counts.cases, counts.case_holders_fte),
    )


@dataclass(frozen=True)
class CaseHolder:
    """One case-holding worker on the count date: cases held and contracted FTE."""

    worker: str
    cases: int
    fte: float = 1.0


@dataclass(frozen=True)
class CaseloadBand:
    """How many workers hold more than ``above`` cases, and their share of workers."""

    above: int
    workers: int
    share: float


@dataclass(frozen=True)
class CaseloadDistribution:
    """Caseloads per worker: the DfE average per FTE and the spread across people."""

    workers: int
    cases: int
    case_holders_fte: float
    average_per_fte: float | None
    mean_per_worker: float | None
    median_per_worker: float | None
    highest: int | None
    bands: tuple[CaseloadBand, ...]


def caseload_distribution(
    holders: Sequence[CaseHolder], thresholds: Sequence[int] = (20, 30)
) -> CaseloadDistribution:
    """The caseload average (cases / case-holding FTE) and the workers above each threshold.

    Bands count people by the cases they actually hold ("more than 20" means 21 or more),
    whatever their FTE: a part-time worker with 25 cases is carrying 25 children's cases.
    Shares are of case-holding workers (headcount).
    """
    counts = sorted(holder.cases for holder in holders)
    workers = len(counts)
    fte = sum(holder.fte for holder in holders)
    total = sum(counts)
    median: float | None = None
    if workers:
        middle = workers // 2
        median = float(counts[middle]) if workers % 2 else (counts[middle - 1] + counts[middle]) / 2
    bands = []
    for above in thresholds:
        over = sum(1 for cases in counts if cases > above)
        bands.append(CaseloadBand(above, over, over / workers if workers else 0.0))
    return CaseloadDistribution(
        workers=workers,
        cases=total,
        case_holders_fte=fte,
        average_per_fte=average_caseload(total, fte),
        mean_per_worker=total / workers if workers else None,
        median_per_worker=median,
        highest=counts[-1] if counts else None,
        bands=tuple(bands),
    )


# Roles the DfE census does not count: it counts registered social workers in every role
# (practitioners, senior practitioners, managers), not the support staff beside them.
NOT_SOCIAL_WORK_ROLES = (
    "support worker",
    "family support",
    "family worker",
    "family practitioner",
    "contact worker",
    "assistant",
    "administrat",
    "business support",
    "unqualified",
)


def is_social_worker_role(role: str) -> bool:
    """Whether a council's job title counts as a social worker in the DfE's measures."""
    words = role.casefold()
    return not any(part in words for part in NOT_SOCIAL_WORK_ROLES)
