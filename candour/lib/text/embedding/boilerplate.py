"""Sentences that many reports share verbatim, and text with them taken out.

Form wording ("This report has been completed in line with the incident policy") is
written into most of an organisation's reports; left in, it makes every report of that
organisation look alike and drowns out what happened. Only 64-bit hashes of the
sentences are kept, never the sentences.
"""

from __future__ import annotations

import hashlib
import json
import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\s*\n\s*")
_AFTER_STOP = re.compile(r"(?<=[.!?])\s+")
_WORDS = re.compile(r"[^\W_]+")
_NOT_WORD = {code: " " for code in range(128) if not chr(code).isalnum()}
_PLACEHOLDER = re.compile(r"\[[A-Za-z][A-Za-z ]{0,30}\]")
FORMAT = "candour-boilerplate"


def sentences(text: str) -> list[str]:
    # Without a line break only the first of _SENTENCE_END's two patterns can match, and
    # alone it is about twice as fast (every report is split at least twice in a build).
    pattern = _SENTENCE_END if "\n" in text else _AFTER_STOP
    return [part for part in pattern.split(text) if part.strip()]


def sentence_key(sentence: str) -> int:
    """A 64-bit hash of the sentence's words, lower case; punctuation and spacing ignored."""
    lowered = sentence.lower()
    if lowered.isascii():
        # The same words as _WORDS finds, found faster: all else becomes white space.
        words = " ".join(lowered.translate(_NOT_WORD).split())
    else:
        words = " ".join(_WORDS.findall(lowered))
    return int.from_bytes(
        hashlib.blake2b(words.encode(), digest_size=8).digest(), "big", signed=True
    )


def drop_placeholders(text: str) -> str:
    """Remove de-identification placeholders ("[name]"): they say nothing about the incident."""
    return _PLACEHOLDER.sub(" ", text)


@dataclass(frozen=True)
class Boilerplate:
    """A set of sentence hashes to strip from texts before they are embedded."""

    keys: frozenset[int] = field(default_factory=frozenset)

    def __len__(self) -> int:
        return len(self.keys)

    def __contains__(self, sentence: object) -> bool:
        return isinstance(sentence, str) and sentence_key(sentence) in self.keys

    def strip_from(self, text: str) -> str:
        """The text without its boilerplate sentences; all of it if nothing else is left."""
        if not self.keys:
            return text
        kept = [part for part in sentences(text) if sentence_key(part) not in self.keys]
        return " ".join(kept) if kept else text

    @classmethod
    def fit(
        cls,
        texts: Iterable[str],
        groups: Iterable[int] | None = None,
        *,
        min_share: float = 0.05,
        min_reports: int = 20,
    ) -> Boilerplate:
        """Sentences in at least `min_share` of some group's reports and in `min_reports`.

        Judged per group (organisation), since each organisation has its own forms; a
        sentence found to be boilerplate in one group is stripped everywhere.
        """
        counter = SentenceCounter()
        if groups is None:
            for text in texts:
                counter.add(text)
        else:
            for text, group in zip(texts, groups, strict=True):
                counter.add(text, group)
        return counter.boilerplate(min_share=min_share, min_reports=min_reports)

    def to_json(self) -> str:
        keys = sorted(self.keys)
        return json.dumps({"format": FORMAT, "version": 1, "keys": [f"{k:x}" for k in keys]})

    @classmethod
    def from_json(cls, data: str) -> Boilerplate:
        payload = json.loads(data)
        if payload.get("format") != FORMAT:
            raise ValueError("not a boilerplate file")
        return cls(frozenset(int(key, 16) for key in payload["keys"]))

    def save(self, path: Path) -> None:
        path.write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Boilerplate:
        return cls.from_json(path.read_text(encoding="utf-8"))


class SentenceCounter:
    """Counts, per group, how many reports contain each sentence; compact for millions."""

    def __init__(self) -> None:
        self._keys = array("q")
        self._groups = array("q")
        self._reports: dict[int, int] = {}

    def add(self, text: str, group: int = 0) -> None:
        keys = {sentence_key(part) for part in sentences(text)}
        self._keys.extend(keys)
        self._groups.extend([group] * len(keys))
        self._reports[group] = self._reports.get(group, 0) + 1

    def merge(self, other: SentenceCounter) -> None:
        """Add another counter's reports (counted elsewhere, e.g. in another process)."""
        self._keys.extend(other._keys)
        self._groups.extend(other._groups)
        for group, reports in other._reports.items():
            self._reports[group] = self._reports.get(group, 0) + reports

    def boilerplate(self, *, min_share: float, min_reports: int) -> Boilerplate:
        keys = np.frombuffer(self._keys, dtype=np.int64)
        groups = np.frombuffer(self._groups, dtype=np.int64)
        found: set[int] = set()
        for group, reports in self._reports.items():
            threshold = max(min_reports, min_share * reports)
            unique, counts = np.unique(keys[groups == group], return_counts=True)
            found.update(int(key) for key in unique[counts >= threshold])
        return Boilerplate(frozenset(found))
