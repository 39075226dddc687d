"""Suggested codes on the analyst's coding page, and analysts' verdicts on them (ADR 0007).

Suggestions come from the organisation's newest trained suggester, or from the keyword
rules alone until one is trained. The similar reports named beside a suggestion are found
by Candour's one search engine (the hybrid index, ADR 0008): the organisation's earlier
reviewed reports most like this one whose primary coding gave the suggested code. A label
whose learned suggestions scored too poorly in cross-validation is suggested by its keyword
rules alone. Labels and defence states are described in ``coding.training``. Suggestions
are withheld from a second, blind coder: the suggester has learned from the first
analyst's coding of this very report.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max
from django.utils.translation import gettext as _

from candour.accounts.models import User
from candour.core.models import Organisation
from candour.learning.coding.training import (
    coded_label,
    keyword_rules,
    label,
    report_text,
    split_label,
    verdicts,
)
from candour.learning.models import (
    Axis,
    Code,
    CodedValue,
    Coding,
    DefenceState,
    SuggestionDecision,
    TrainedSuggester,
)
from candour.learning.similar.search import find_similar
from candour.learning.similar.store import indexed_text
from candour.lib.text.classifier import Decision, Settings, Source, Suggester, Suggestion
from candour.reporting.models import Report

SHOWN = 5
# Similar reports named per suggestion, and how many of the most similar earlier reports
# are read to find those that carried the suggested code.
SIMILAR_SHOWN = 3
SIMILAR_POOL = 50
MIN_SCORE = 0.2
STRONG_FROM = 0.6
CACHE_SIZE = 8
# No code ever has this many examples, so a suggester trained with it uses rules alone.
RULES_ONLY = Settings(min_positives=10**9)


@dataclass(frozen=True)
class SuggestedCode:
    label: str
    key: str
    defence_state: str
    title: str
    score: float
    learned: bool  # past coding contributed, not only keyword rules
    evidence_terms: tuple[str, ...]
    similar_references: tuple[str, ...]

    @property
    def strong(self) -> bool:
        return self.score >= STRONG_FROM

    @property
    def strength(self) -> str:
        return _("strong") if self.strong else _("possible")


@dataclass(frozen=True, eq=False)
class _Loaded:
    learned: Suggester
    # Labels whose validation score is below the bar: never suggested.
    hidden: frozenset[str]


_cache: OrderedDict[tuple[object, ...], _Loaded] = OrderedDict()
_cache_lock = threading.Lock()


def _cached(key: tuple[object, ...], build: Callable[[], _Loaded]) -> _Loaded:
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    loaded = build()
    with _cache_lock:
        _cache[key] = loaded
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return loaded


def _rules_only(
    organisation: Organisation, labels: Collection[str] | None, until: datetime | None
) -> Suggester:
    """Keyword rules, trusted as analysts' verdicts on them say (texts are not needed)."""
    rules = {code: p for code, p in keyword_rules().items() if labels is None or code in labels}
    decided = [
        Decision("", found.code, found.accepted)
        for found in verdicts(organisation, until=until)
        if found.code in rules
    ]
    return Suggester.train([], rules=rules, decisions=decided, settings=RULES_ONLY)


def _loaded(organisation: Organisation) -> _Loaded:
    trained = (
        TrainedSuggester.objects.filter(organisation=organisation)
        .only("pk", "trained_at", "code_quality")
        .first()
    )
    if trained is None:
        seen = SuggestionDecision.objects.filter(report__organisation=organisation).aggregate(
            count=Count("pk"), last=Max("pk")
        )
        return _cached(
            ("rules", organisation.pk, seen["count"], seen["last"]),
            lambda: _Loaded(_rules_only(organisation, None, None), frozenset()),
        )

    def build() -> _Loaded:
        stored = TrainedSuggester.objects.values_list("model", flat=True).get(pk=trained.pk)
        hidden = frozenset(
            code for code, item in trained.code_quality.items() if not item.get("shown", True)
        )
        return _Loaded(Suggester.from_bytes(bytes(stored)), hidden)

    return _cached(("trained", trained.pk), build)


def _scored(text: str, loaded: _Loaded, min_score: float) -> list[Suggestion]:
    learned = loaded.learned
    found = [
        s
        for s in learned.suggest(text, len(learned.codes), min_score=min_score)
        if s.code not in loaded.hidden
    ]
    # A code whose validation score is below the bar is never suggested, not even by its
    # keyword rules: the analysts' page says why (issue 19, ADR 0007).
    return sorted(found, key=lambda s: (-s.score, s.code))


def code_title(code: Code, state: str) -> str:
    if state == DefenceState.HELD:
        return _("%(defence)s: held") % {"defence": code.label}
    if state == DefenceState.FAILED:
        return _("%(defence)s: failed") % {"defence": code.label}
    return code.label


def _own_current_keys(report: Report, analyst: User) -> set[str]:
    coded = CodedValue.objects.filter(coding__report=report, coding__analyst=analyst)
    decided = SuggestionDecision.objects.filter(report=report, analyst=analyst)
    return {value.code.current.key for value in coded.select_related("code__merged_into")} | {
        decision.code.current.key for decision in decided.select_related("code__merged_into")
    }


def is_blind_second_coding(report: Report, analyst: User) -> bool:
    """Someone else coded the report's codes and this analyst's coding is not the primary
    one (an outcome alone, with no codes, shows nothing to copy)."""
    codings = Coding.objects.filter(report=report)
    return (
        codings.exclude(analyst=analyst).filter(values__isnull=False).exists()
        and not codings.filter(analyst=analyst, is_primary=True).exists()
    )


def suggestions_for(report: Report, analyst: User, *, limit: int = SHOWN) -> list[SuggestedCode]:
    """The best codes for the report that the analyst has neither coded nor decided on."""
    if report.redactions_reviewed_at is None or is_blind_second_coding(report, analyst):
        return []
    usable = {code.key: code for code in Code.objects.usable_by(report.organisation)}
    done = _own_current_keys(report, analyst)
    chosen: list[tuple[Suggestion, Code, str]] = []
    for suggestion in _scored(report_text(report), _loaded(report.organisation), MIN_SCORE):
        key, state = split_label(suggestion.code)
        code = usable.get(key)
        if code is None or key in done or (code.axis == Axis.DEFENCE) != bool(state):
            continue
        # One state per defence, the stronger: "held" and "failed" together would confuse.
        done.add(key)
        chosen.append((suggestion, code, state))
        if len(chosen) == limit:
            break
    similar = _similar_coded(report, {suggestion.code for suggestion, _, _ in chosen})
    return [
        SuggestedCode(
            label=suggestion.code,
            key=code.key,
            defence_state=state,
            title=code_title(code, state),
            score=suggestion.score,
            learned=suggestion.source != Source.RULES,
            evidence_terms=suggestion.evidence_terms,
            similar_references=similar.get(suggestion.code, ()),
        )
        for suggestion, code, state in chosen
    ]


def _similar_coded(report: Report, labels: Collection[str]) -> dict[str, tuple[str, ...]]:
    """For each label, references of the organisation's earlier reviewed reports most like
    this one (best first) whose primary coding gave it; none for a label no report gave."""
    if not labels:
        return {}
    matches = find_similar(
        Report.objects.all(),
        organisation_ids=[report.organisation_id],
        text=indexed_text(report),
        like=report,
        k=SIMILAR_POOL,
    )
    carried: dict[int, set[str]] = {match.report.pk: set() for match in matches}
    values = CodedValue.objects.filter(
        coding__report_id__in=list(carried), coding__is_primary=True
    ).select_related("code__merged_into")
    for value in values.only("coding__report_id", "code", "defence_state"):
        carried[value.coding.report_id].add(coded_label(value.code.current, value.defence_state))
    return {
        wanted: tuple(
            match.report.reference for match in matches if wanted in carried[match.report.pk]
        )[:SIMILAR_SHOWN]
        for wanted in labels
    }


def offered(report: Report, analyst: User, suggestion_label: str) -> SuggestedCode | None:
    """The suggestion with this label, if it is on the analyst's coding page now."""
    return next((s for s in suggestions_for(report, analyst) if s.label == suggestion_label), None)


def accepted_for_form(report: Report, analyst: User, own: Coding | None) -> dict[str, str]:
    """Codes accepted since the analyst last saved, by key, with a defence's state."""
    accepted = SuggestionDecision.objects.filter(report=report, analyst=analyst, accepted=True)
    if own is not None:
        accepted = accepted.filter(decided_at__gt=own.submitted_at)
    chosen: dict[str, str] = {}
    defences = []
    for decision in accepted.select_related("code__merged_into"):
        code = decision.code.current
        if code.axis == Axis.DEFENCE:
            defences.append(code.key)
        else:
            chosen[code.key] = ""
    if defences:
        # The state shown was the stronger; the same suggester gives the same answer.
        scores = {
            s.code: s.score for s in _scored(report_text(report), _loaded(report.organisation), 0)
        }
        for key in defences:
            chosen[key] = max(
                (scores.get(label(key, state.value), 0.0), state == DefenceState.FAILED, state)
                for state in DefenceState
            )[2].value
    return chosen
