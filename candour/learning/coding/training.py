"""Training an organisation's code suggester from its coding (ADR 0007).

Labels: the suggester learns opaque labels. A code is its own label, except a defence,
which has two, ``defence.x:failed`` and ``defence.x:held``: whether a layer held or failed
is what the analyst records, and the words of a report tell the two apart ("did not see
the child" against "saw her alone"). ``suggestion_rules_v1.json`` holds keyword rules per
label. A ``SuggestionDecision`` names only the code, so a verdict on a defence takes its
state from the same analyst's coding of the report (see ``verdicts``).

Quality: each label with enough positive examples gets a cross-validated ROC AUC (folds
stratified by ``suggestions.folds``); below ``HIDE_BELOW_AUC`` its learned suggestions are
hidden and only its keyword rules may suggest it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cache
from typing import Any

import numpy as np
from django.db.models import Exists, OuterRef
from sklearn.metrics import roc_auc_score

from candour.core.models import Organisation
from candour.learning.coding.taxonomy_services import DATA_DIR
from candour.learning.models import (
    Axis,
    Code,
    CodedValue,
    Coding,
    DefenceState,
    SuggestionDecision,
)
from candour.lib.text.classifier import Decision, Example, Settings, Suggester
from candour.lib.text.classifier.folds import stratified_folds
from candour.reporting.models import Report

RULES_FILE = DATA_DIR / "suggestion_rules_v1.json"
FOLDS = 5
HIDE_BELOW_AUC = 0.7
STATE_SEPARATOR = ":"


def label(key: str, defence_state: str = "") -> str:
    """The suggester's label for a code, or for a defence in one state."""
    return f"{key}{STATE_SEPARATOR}{defence_state}" if defence_state else key


def split_label(value: str) -> tuple[str, str]:
    """A label's code key and defence state ("" unless it is a defence)."""
    key, _, state = value.partition(STATE_SEPARATOR)
    return key, state


@cache
def keyword_rules() -> dict[str, list[str]]:
    """The cold-start keyword rules, by label."""
    rules: dict[str, list[str]] = json.loads(RULES_FILE.read_text("utf-8"))
    return rules


def report_text(report: Report) -> str:
    """The de-identified words of a reviewed report that the suggester reads."""
    parts = (
        report.what_happened,
        report.what_caught_it,
        report.what_made_it_likely,
        report.what_would_prevent,
    )
    return "\n".join(part for part in parts if part)


def _current_codes() -> dict[int, Code]:
    """Every code by primary key, followed through merges to the code it now counts as."""
    return {code.pk: code.current for code in Code.objects.select_related("merged_into")}


def coded_label(code: Code, state: str) -> str:
    """The label a coded value teaches: the code's key, with a defence's state."""
    if code.axis != Axis.DEFENCE:
        return code.key
    return label(code.key, state or DefenceState.FAILED.value)


def training_examples(organisation: Organisation) -> list[Example]:
    """Each reviewed report's primary coding, oldest report first; ids are report pks.

    A coding of the outcome alone (its codes not yet chosen) is left out: it would teach
    that no code applies."""
    codings = list(
        Coding.objects.filter(
            report__organisation=organisation,
            report__redactions_reviewed_at__isnull=False,
            is_primary=True,
        )
        .filter(Exists(CodedValue.objects.filter(coding=OuterRef("pk"))))
        .select_related("report")
        .order_by("report__received_week", "report_id")
    )
    current = _current_codes()
    labels: dict[int, set[str]] = {coding.pk: set() for coding in codings}
    values = CodedValue.objects.filter(coding__in=[coding.pk for coding in codings])
    for coding_id, code_id, state in values.values_list("coding_id", "code_id", "defence_state"):
        labels[coding_id].add(coded_label(current[code_id], state))
    return [
        Example(str(coding.report_id), report_text(coding.report), frozenset(labels[coding.pk]))
        for coding in codings
    ]


def _decisions(organisation: Organisation, until: datetime | None) -> Any:
    rows = SuggestionDecision.objects.filter(
        report__organisation=organisation, report__redactions_reviewed_at__isnull=False
    )
    return rows if until is None else rows.filter(decided_at__lte=until)


def verdicts(organisation: Organisation, *, until: datetime | None = None) -> list[Decision]:
    """Analysts' verdicts on suggestions, as the suggester's decisions, oldest first.

    A verdict on a defence gets its state from the analyst's own coding of the report:
    accepted and coded in a state, that state was right; rejected while coded in one
    state, the other was wrong; rejected and not coded, neither state fits. Accepted but
    not (or no longer) coded says nothing about the state, so it is left out.
    """
    current = _current_codes()
    coded_defences = {
        (report_id, analyst_id, current[code_id].pk): state
        for report_id, analyst_id, code_id, state in CodedValue.objects.filter(
            coding__report__organisation=organisation, code__axis=Axis.DEFENCE
        ).values_list("coding__report_id", "coding__analyst_id", "code_id", "defence_state")
    }
    found = []
    rows = _decisions(organisation, until).select_related("report").order_by("decided_at", "pk")
    for row in rows:
        code = current[row.code_id]
        text = report_text(row.report)
        if code.axis != Axis.DEFENCE:
            found.append(Decision(text, code.key, row.accepted))
            continue
        state = coded_defences.get((row.report_id, row.analyst_id, code.pk))
        states = [choice.value for choice in DefenceState]
        if state and row.accepted:
            found.append(Decision(text, label(code.key, state), True))
        elif not row.accepted:
            for wrong in [s for s in states if s != state]:
                found.append(Decision(text, label(code.key, wrong), False))
    return found


def code_quality(
    examples: Sequence[Example], decisions: Sequence[Decision], settings: Settings
) -> dict[str, dict[str, Any]]:
    """Positives, cross-validated AUC and whether learned suggestions show, per label."""
    positives = Counter(code for example in examples for code in example.codes)
    measured = sorted(code for code, count in positives.items() if count >= settings.min_positives)
    truth = {code: np.array([code in e.codes for e in examples]) for code in measured}
    measured = [code for code in measured if not truth[code].all()]
    auc: dict[str, float] = {}
    if measured and len(examples) >= FOLDS:
        folds = np.array(stratified_folds([e.codes for e in examples], FOLDS, seed=settings.seed))
        scores = {code: np.zeros(len(examples)) for code in measured}
        # Each fold trains on four fifths of the positives, so it needs fewer to fit.
        fold_settings = replace(
            settings, min_positives=max(1, settings.min_positives * (FOLDS - 1) // FOLDS)
        )
        for fold in range(FOLDS):
            held_out = np.flatnonzero(folds == fold)
            held_texts = [examples[int(i)].text for i in held_out]
            leaking = set(held_texts)
            suggester = Suggester.train(
                [e for e, f in zip(examples, folds, strict=True) if f != fold],
                # A verdict on a held-out report would leak its answer into the fold.
                decisions=[d for d in decisions if d.text not in leaking],
                settings=fold_settings,
            )
            fold_scores = suggester.scores(held_texts)
            columns = {code: column for column, code in enumerate(suggester.codes)}
            for code in measured:
                if code in columns:
                    scores[code][held_out] = fold_scores[:, columns[code]]
        auc = {code: float(roc_auc_score(truth[code], scores[code])) for code in measured}
    return {
        code: {
            "positives": positives[code],
            "auc": round(auc[code], 3) if code in auc else None,
            "shown": code not in auc or auc[code] >= HIDE_BELOW_AUC,
        }
        for code in sorted(positives)
    }


@dataclass(frozen=True)
class Fitted:
    """A suggester trained from an organisation's coding, and how it was trained."""

    suggester: Suggester
    examples: int
    decisions: int
    quality: dict[str, dict[str, Any]]


def fit_suggester(organisation: Organisation, *, until: datetime) -> Fitted:
    """Train the organisation's code suggester from its coding and verdicts (no writes)."""
    # No index of past reports in the model: the similar reports named beside a suggestion
    # come from the similarity index (issue 19, ADR 0008), so the model's own went unread.
    settings = Settings(max_indexed_reports=0)
    examples = training_examples(organisation)
    decisions = verdicts(organisation, until=until)
    quality = code_quality(examples, decisions, settings)
    suggester = Suggester.train(
        examples, rules=keyword_rules(), decisions=decisions, settings=settings
    )
    for code in suggester.codes:
        quality.setdefault(code, {"positives": 0, "auc": None, "shown": True})
    return Fitted(
        suggester=suggester,
        examples=len(examples),
        decisions=_decisions(organisation, until).count(),
        quality=quality,
    )


def organisations_to_train() -> list[Organisation]:
    """Organisations with at least one reviewed report that has a primary coding."""
    coded = Coding.objects.filter(is_primary=True, report__redactions_reviewed_at__isnull=False)
    return list(Organisation.objects.filter(pk__in=coded.values("report__organisation_id")))
