"""What the platform's shared pages ask of domain apps, without importing them (ADR 0023).

The menu and the home page are drawn by `core`, which sits below the domain apps and
must not import them. Where they need a domain fact, `core` names the question here
with a safe default, and the app that knows the answer provides it from its
`AppConfig.ready()`. One provider per question: a second is a mistake and fails loudly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from candour.accounts.models import User


@dataclass(frozen=True)
class ReportCounts:
    """The learning team's open reports: all, new (untriaged) and overdue."""

    open: int = 0
    new: int = 0
    overdue: int = 0


@dataclass(frozen=True)
class Waiting:
    """One kind of work waiting for a person, for their home page.

    `count` is how many wait, `overdue` how many of them are past their date, and
    `changed` how many arrived or changed since the person last came (None: not known).
    `kind` groups the home page: "act" (yours to do), "watch" (to read or follow).
    """

    key: str
    title: str
    count: int
    href: str
    overdue: int = 0
    changed: int = 0
    hint: str = ""
    kind: str = "act"


SharesInformation = Callable[["User"], bool]
CountReports = Callable[["User"], ReportCounts]
# A person and when they last came (None on a first visit) to what waits for them.
WaitingProvider = Callable[["User", datetime | None], Iterable[Waiting]]

_providers: dict[str, Callable[..., object]] = {}
_waiting: dict[str, WaitingProvider] = {}


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


def provide_waiting(name: str, function: WaitingProvider) -> None:
    """A domain app says what waits for a person in its part of the service.

    Any number of apps may answer (one provider under each name): the home page shows
    what every one of them returns.
    """
    if name in _waiting and _waiting[name] is not function:
        raise RuntimeError(f"a second waiting provider named {name!r}")
    _waiting[name] = function


def waiting_for(user: User, since: datetime | None) -> list[Waiting]:
    """Everything waiting for the person, overdue first, then what needs acting on;
    kinds of work with nothing waiting and nothing changed are left out."""
    found: list[Waiting] = []
    for name in sorted(_waiting):
        for item in _waiting[name](user, since):
            assert isinstance(item, Waiting)  # noqa: S101 - a provider's contract
            if item.count or item.changed:
                found.append(item)
    return sorted(found, key=lambda item: (-item.overdue, item.kind != "act", item.title))


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
