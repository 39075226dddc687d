"""Why a safeguarding alert was raised, in words a duty worker reads (issue 15).

An alert stores, per layer that raised it, the evidence (SafeguardingAlert.layers): the
words the phrase patterns matched, or the nearest known disclosure in the exemplar bank
with its category, similarity and the bank's version.
"""

from __future__ import annotations

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from candour.voice.screening import Screening

# Every candour.lib.safeguarding Category, as a duty worker would name it.
CATEGORY_LABELS: dict[str, Promise] = {
    "abuse_physical": gettext_lazy("physical abuse"),
    "abuse_sexual": gettext_lazy("sexual abuse"),
    "neglect": gettext_lazy("neglect"),
    "self_harm_suicide": gettext_lazy("self-harm or suicide"),
    "feeling_unsafe_at_home": gettext_lazy("feeling unsafe, or afraid of someone"),
    "running_away_missing": gettext_lazy("running away or missing"),
    "exploitation_grooming": gettext_lazy("exploitation or grooming"),
    "bullying_threats": gettext_lazy("bullying or threats"),
    "domestic_abuse": gettext_lazy("domestic abuse"),
    "other_harm": gettext_lazy("other harm"),
    "emotional_abuse": gettext_lazy("emotional abuse"),
    "forced_marriage_honour": gettext_lazy("forced marriage, FGM or honour-based abuse"),
    "image_based_abuse": gettext_lazy("image-based abuse"),
    "silenced_coached": gettext_lazy("told to keep quiet or what to say"),
}


def category_label(value: str) -> str:
    return str(CATEGORY_LABELS.get(value, value))


def layers_of(screening: Screening) -> list[dict[str, Any]]:
    """The evidence to store on the alert, one entry per layer that raised it."""
    layers: list[dict[str, Any]] = []
    if screening.phrases:
        layers.append(
            {
                "layer": "patterns",
                "words": list(screening.phrases),
                "patterns_version": screening.patterns_version,
            }
        )
    if screening.similar is not None:
        near = screening.similar
        layers.append(
            {
                "layer": "similarity",
                "part": near.text,
                "exemplar": near.exemplar,
                "category": near.category,
                "similarity": near.similarity,
                "score": near.score,
                "bank_version": near.bank_version,
            }
        )
    return layers


def describe(layers: list[dict[str, Any]]) -> list[str]:
    """One sentence per layer: "Raised by: word patterns - 'scard of my stepdad'"."""
    lines = []
    for layer in layers:
        if layer.get("layer") == "patterns":
            words = ", ".join(f"\u2018{w}\u2019" for w in layer.get("words", []))
            lines.append(_("Raised by: word patterns \u2014 %(words)s") % {"words": words})
        elif layer.get("layer") == "similarity":
            lines.append(
                _(
                    "Raised by: meaning, not exact words (the learned layer) \u2014 "
                    "\u2018%(part)s\u2019 reads like the known disclosure "
                    "\u2018%(exemplar)s\u2019 (%(category)s, similarity %(similarity).2f; "
                    "example bank version %(version)s)"
                )
                % {
                    "part": layer.get("part", ""),
                    "exemplar": layer.get("exemplar", ""),
                    "category": category_label(str(layer.get("category", ""))),
                    "similarity": float(layer.get("similarity", 0.0)),
                    "version": layer.get("bank_version", ""),
                }
            )
    return lines
