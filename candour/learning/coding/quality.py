"""The analysts' page about code suggestions: what the newest training measured per code,
and how analysts received each code's suggestions (ADR 0007)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from candour.core.models import Organisation
from candour.learning.coding.suggesting import code_title
from candour.learning.coding.training import HIDE_BELOW_AUC, label
from candour.learning.models import Axis, Code, DefenceState, SuggestionDecision, TrainedSuggester
from candour.lib.text.classifier import Settings


@dataclass(frozen=True)
class CodeQualityRow:
    title: str
    axis: str
    positives: int
    auc: float | None
    shown: bool
    accepted: int
    decided: int

    @property
    def acceptance(self) -> int | None:
        """Percentage of this code's suggestions that analysts accepted."""
        return round(100 * self.accepted / self.decided) if self.decided else None

    hide_below: float = 0.7

    @property
    def learned_status(self) -> str:
        if not self.shown:
            return _("Never suggested: its AUC of %(auc).2f is below %(bar).2f") % {
                "auc": self.auc or 0.0,
                "bar": self.hide_below,
            }
        if self.auc is not None:
            return _("Shown")
        if self.positives >= Settings().min_positives:
            return _("Shown, not yet measured")
        return _("Keyword rules only")


@dataclass(frozen=True)
class SuggesterOverview:
    trained_at: datetime | None
    examples: int
    decisions: int
    hide_below: float
    min_positives: int
    rows: list[CodeQualityRow]


def suggester_overview(organisation: Organisation) -> SuggesterOverview:
    """What the newest training measured, and how analysts received each code's suggestions."""
    trained = TrainedSuggester.objects.filter(organisation=organisation).defer("model").first()
    quality = trained.code_quality if trained else {}
    verdicts_by_code: dict[str, tuple[int, int]] = {}
    counts = (
        SuggestionDecision.objects.filter(report__organisation=organisation)
        .values("code")
        .annotate(decided=Count("pk"), accepted=Count("pk", filter=Q(accepted=True)))
    )
    codes = {code.pk: code for code in Code.objects.select_related("merged_into")}
    for row in counts:
        key = codes[row["code"]].current.key
        accepted, decided = verdicts_by_code.get(key, (0, 0))
        verdicts_by_code[key] = (accepted + row["accepted"], decided + row["decided"])
    rows = []
    axis_order = {axis.value: position for position, axis in enumerate(Axis)}
    usable = sorted(Code.objects.usable_by(organisation), key=lambda c: (axis_order[c.axis], c.key))
    for code in usable:
        states = [s.value for s in DefenceState] if code.axis == Axis.DEFENCE else [""]
        for state in states:
            item = quality.get(label(code.key, state), {})
            accepted, decided = verdicts_by_code.get(code.key, (0, 0))
            rows.append(
                CodeQualityRow(
                    title=code_title(code, state),
                    axis=code.get_axis_display(),
                    positives=item.get("positives", 0),
                    auc=item.get("auc"),
                    shown=item.get("shown", True),
                    accepted=accepted,
                    decided=decided,
                    hide_below=HIDE_BELOW_AUC,
                )
            )
    return SuggesterOverview(
        trained_at=trained.trained_at if trained else None,
        examples=trained.examples if trained else 0,
        decisions=trained.decisions if trained else 0,
        hide_below=HIDE_BELOW_AUC,
        min_positives=Settings().min_positives,
        rows=rows,
    )
