"""What the platform's shared pages ask of domain apps, without importing them (ADR 0023).

The menu and the home page are drawn by `core`, which sits below the domain apps and
must not import them. Where they need a domain fact, `core` names the question here
with a safe default, and the app that knows the answer provides it from its
`AppConfig.ready()`. One provider per question: a second is a mistake and fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from candour.accounts.models import User


@dataclass(frozen=True)
class ReportCounts:
    """The learning team's open reports: all, new (untriaged) and overdue."""

    open: int = 0
    new: int = 0
    overdue: int = 0


SharesInformation = Callable[["User"], bool]
CountReports = Callable[["User"], ReportCounts]

_providers: dict[str, Callable[..., object]] = {}


def _provide(name: str, function: Callable[..., object]) -> None:
    if name in _providers and _providers[name] is not function:
        raise RuntimeError(f"a second provider for the core hook {name!r}")
    _providers[name] = function


def provide_shares_information(function: SharesInformation) -> None:
    """The sharing app says whether a person takes part in information sharing."""
    _provide("shares_information", function)


def provide_report_counts(function: CountReports) -> None:
    """The reporting app counts the open reports a learning team member may triage."""
    _provide("report_counts", function)


def shares_information(user: User) -> bool:
    function = _providers.get("shares_information")
    return bool(function(user)) if function is not None else False


def report_counts(user: User) -> ReportCounts:
    function = _providers.get("report_counts")
    if function is None:
        return ReportCounts()
    counts = function(user)
    assert isinstance(counts, ReportCounts)  # noqa: S101 - a provider's contract
    return counts
