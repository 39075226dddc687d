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


# What feedback the detector could not read is written in (lib/safeguarding/reading.py),
# as the duty team is told it: a language where the page or its letters name it, else the
# script, else only that it is not English.
WRITTEN_IN_LABELS: dict[str, Promise] = {
    "cy": gettext_lazy("Welsh"),
    "pl": gettext_lazy("Polish"),
    "ur": gettext_lazy("Urdu"),
    "ro": gettext_lazy("Romanian"),
    "ar": gettext_lazy("Arabic"),
    "arabic_script": gettext_lazy("Arabic script (Arabic, Urdu, Persian or another language)"),
    "cyrillic_script": gettext_lazy("Cyrillic script (Russian, Ukrainian, Bulgarian or another)"),
    "greek_script": gettext_lazy("Greek"),
    "hebrew_script": gettext_lazy("Hebrew script"),
    "devanagari_script": gettext_lazy("Devanagari script (Hindi, Nepali or another)"),
    "bengali_script": gettext_lazy("Bengali script (Bengali, Sylheti or another)"),
    "gurmukhi_script": gettext_lazy("Gurmukhi script (Punjabi)"),
    "gujarati_script": gettext_lazy("Gujarati"),
    "tamil_script": gettext_lazy("Tamil"),
    "chinese_script": gettext_lazy("Chinese characters"),
    "japanese_script": gettext_lazy("Japanese"),
    "korean_script": gettext_lazy("Korean"),
    "thai_script": gettext_lazy("Thai"),
    "ethiopic_script": gettext_lazy("Ethiopic script (Amharic, Tigrinya or another)"),
    "other_script": gettext_lazy("a script the safeguarding check cannot read"),
    "other_language": gettext_lazy("a language other than English"),
}


def written_in_label(value: str) -> str:
    return str(WRITTEN_IN_LABELS.get(value, WRITTEN_IN_LABELS["other_language"]))


def category_label(value: str) -> str:
    return str(CATEGORY_LABELS.get(value, value))


def layers_of(screening: Screening, *, written_in: str = "") -> list[dict[str, Any]]:
    """The evidence to store on the alert, one entry per layer that raised it; and, for
    writing the detector cannot read, what it is written in."""
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
    if written_in:
        layers.append({"layer": "language", "written_in": written_in})
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
        elif layer.get("layer") == "language":
            lines.append(
                _("Written in %(language)s: read by a person first")
                % {"language": written_in_label(str(layer.get("written_in", "")))}
            )
    return lines
