"""The early warning in the reader's language: its status and its evidence.

``statistics.spiral`` is a pure library and words its own explanation in English (for
the API and the command line); the pages and notifications use these instead. Stored
evidence keeps each label in English, so a label is translated when it is shown.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candour.lib.statistics.spiral import Indicator

STATUS_WORDS = {
    "steady": gettext_lazy("steady"),
    "strained": gettext_lazy("strained"),
    "spiralling": gettext_lazy("spiralling"),
    "no data": gettext_lazy("no data"),
}

# By `Indicator.name.lower()`, the key stored with each piece of evidence.
INDICATOR_WORDS = {
    Indicator.CASELOAD.name.lower(): gettext_lazy("cases per case-holding worker"),
    Indicator.VACANCY_RATE.name.lower(): gettext_lazy("vacancy rate (%)"),
    Indicator.AGENCY_RATE.name.lower(): gettext_lazy("agency rate (%)"),
    Indicator.TURNOVER_RATE.name.lower(): gettext_lazy("turnover rate (%)"),
    Indicator.ABSENCE_RATE.name.lower(): gettext_lazy("absence rate (%)"),
    Indicator.DEMAND.name.lower(): gettext_lazy("referrals per case-holding worker"),
}


def status_word(status: str) -> str:
    return str(STATUS_WORDS.get(status, status))


def _label(item: dict[str, Any]) -> str:
    known = INDICATOR_WORDS.get(str(item.get("indicator", "")))
    # A demand measure's label is stored in English; its msgid is in demand.MEASURES.
    return str(known) if known is not None else _(str(item.get("label", "")))


def over_words(label: str, latest: float, line: float | None, usual: float | None) -> str:
    """ "X is 5.1, over 4.3 (20% above its usual 3.6)" or "X is 5.7, over 4.2"."""
    if usual is not None and line is not None:
        above = (line / usual - 1) * 100 if usual else 0.0
        return _(
            "%(indicator)s is %(latest)s, over %(line)s (%(above)s%% above its usual %(usual)s)"
        ) % {
            "indicator": label,
            "latest": f"{latest:.1f}",
            "line": f"{line:.1f}",
            "above": f"{above:.0f}",
            "usual": f"{usual:.1f}",
        }
    return _("%(indicator)s is %(latest)s, over %(line)s") % {
        "indicator": label,
        "latest": f"{latest:.1f}",
        "line": f"{line:g}",
    }


def evidence_words(evidence: list[dict[str, Any]]) -> list[str]:
    """The stored evidence in plain words: what is over its line, what is rising."""
    lines = []
    for item in evidence:
        label = _label(item)
        if item.get("surge"):
            lines.append(
                _("%(measure)s: a surge flagged on its control chart") % {"measure": label}
            )
        if item.get("over_threshold") and item.get("latest") is not None:
            lines.append(over_words(label, item["latest"], item.get("strain"), item.get("usual")))
        if item.get("worsening") and item.get("change") is not None:
            lines.append(
                _("%(indicator)s rose by %(change)s over the last months")
                % {"indicator": label, "change": f"{item['change']:.1f}"}
            )
    return lines or [_("No indicator is over its line or rising.")]
