"""The code suggester: learns from analysts' past coding, starts cold from keyword rules.

Each code's score joins two pieces of evidence as a noisy-OR: the probability from the
code's learned model, and its keyword rules' strength. Rules are discounted as a code's
positive examples grow, so they carry a new code and fade once analysts have coded it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy import sparse

from candour.lib.text.classifier.code_models import POSITIVE, CodeModels, fit_code_models
from candour.lib.text.classifier.evidence import combine_evidence, model_evidence
from candour.lib.text.classifier.examples import Decision, Example
from candour.lib.text.classifier.features import FeatureSpace, embedding_fingerprint
from candour.lib.text.classifier.neighbours import ReportIndex
from candour.lib.text.classifier.rules import KeywordRules, rule_strength
from candour.lib.text.classifier.serialisation import pack, unpack
from candour.lib.text.classifier.settings import Settings
from candour.lib.text.classifier.suggestion import Source, Suggestion
from candour.lib.text.classifier.training_set import build_training_set

# A format name stored in every saved model (its old package path); kept so saved models load.
FORMAT = "candour.learning.suggestions"
FORMAT_VERSION = 2
# Version 1 (before issue 19) had no embedding block; it still loads, as words alone.
READABLE_VERSIONS = {1: {"embedding_scale": 0.0}, FORMAT_VERSION: {}}
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, eq=False)
class _Scored:
    features: sparse.csr_matrix
    model: FloatArray
    rules: FloatArray
    scores: FloatArray
    matches: list[dict[str, tuple[str, ...]]]


class Suggester:
    def __init__(
        self,
        *,
        codes: tuple[str, ...],
        features: FeatureSpace,
        models: CodeModels,
        positives: npt.NDArray[np.int64],
        rule_trust: FloatArray,
        rules: KeywordRules,
        index: ReportIndex,
        settings: Settings,
    ) -> None:
        self.codes = codes
        self.settings = settings
        self._features = features
        self._models = models
        self._positives = positives
        self._rule_trust = rule_trust
        self._rules = rules
        self._index = index
        self._code_positions = {code: position for position, code in enumerate(codes)}
        share = positives / (positives + settings.rule_blend)
        self._rule_discount: FloatArray = np.where(models.trained, 1.0 - share, 1.0)

    @classmethod
    def train(
        cls,
        examples: Iterable[Example],
        *,
        rules: Mapping[str, Sequence[str]] | None = None,
        decisions: Iterable[Decision] = (),
        settings: Settings | None = None,
    ) -> Suggester:
        """Learn from coded reports and analysts' verdicts; ``rules`` cover a cold start.

        Give examples oldest first: if there are more than the index holds, the most
        recent are kept for naming similar reports.
        """
        settings = settings or Settings()
        examples = list(examples)
        decisions = list(decisions)
        keyword_rules = KeywordRules.from_mapping(rules)
        codes = tuple(
            sorted(
                {code for example in examples for code in example.codes}
                | keyword_rules.codes
                | {decision.code for decision in decisions}
            )
        )
        rows = build_training_set(
            examples, decisions, codes, decision_weight=settings.decision_weight
        )
        features, matrix = FeatureSpace.fit_transform(
            rows.texts,
            max_word_features=settings.max_word_features,
            max_char_features=settings.max_char_features,
            char_ngrams=settings.char_ngrams,
            embedding_scale=settings.embedding_scale,
        )
        models = fit_code_models(
            matrix,
            rows.labels,
            rows.weights,
            min_positives=settings.min_positives,
            regularisation=settings.regularisation,
            max_rows=settings.max_rows_per_code,
            seed=settings.seed,
        )
        first_indexed = max(0, len(examples) - settings.max_indexed_reports)
        index = ReportIndex.build(
            [example.id for example in examples[first_indexed:]],
            matrix[first_indexed : len(examples), : features.word_count],
            rows.labels[first_indexed : len(examples)],
            terms_per_report=settings.terms_per_indexed_report,
        )
        return cls(
            codes=codes,
            features=features,
            models=models,
            positives=np.count_nonzero(rows.labels == POSITIVE, axis=0).astype(np.int64),
            # The share of a code's suggestions that analysts accepted, counting one
            # imagined acceptance: an untested rule keeps full trust, each rejection cuts it.
            rule_trust=(rows.accepted + 1.0) / (rows.accepted + rows.rejected + 1.0),
            rules=keyword_rules,
            index=index,
            settings=settings,
        )

    def scores(self, texts: Sequence[str]) -> FloatArray:
        """A score in [0, 1] for every code (columns in the order of ``codes``) per text."""
        return self._score(texts).scores

    def suggest(self, text: str, k: int = 3, *, min_score: float = 0.0) -> list[Suggestion]:
        """The ``k`` best codes for ``text`` with their evidence, best first."""
        scored = self._score([text])
        scores = scored.scores[0]
        order = np.lexsort((np.arange(len(self.codes)), -scores))
        chosen = [int(c) for c in order if scores[c] > 0.0 and scores[c] >= min_score][:k]
        if not chosen:
            return []
        similarities = self._index.similarities(scored.features[0, : self._features.word_count])
        return [self._explain(text, column, scored, similarities) for column in chosen]

    def _explain(
        self, text: str, column: int, scored: _Scored, similarities: FloatArray
    ) -> Suggestion:
        """One code's suggestion for the single text in ``scored``, with its evidence."""
        model_part = scored.model[0, column]
        rule_part = scored.rules[0, column]
        rule_terms = scored.matches[0].get(self.codes[column], ())
        model_terms: tuple[str, ...] = ()
        if self._models.trained[column]:
            model_terms = model_evidence(
                text,
                scored.features[0],
                self._models.weights[:, column],
                self._features.word_terms,
                self.settings.evidence_terms,
            )
        if not self._models.trained[column]:
            source = Source.RULES
        elif rule_part > 0.0:
            source = Source.RULES_AND_MODEL
        else:
            source = Source.MODEL
        stronger, weaker = (model_terms, rule_terms)
        if rule_part > model_part:
            stronger, weaker = weaker, stronger
        return Suggestion(
            code=self.codes[column],
            score=float(scored.scores[0, column]),
            source=source,
            evidence_terms=combine_evidence(stronger, weaker, self.settings.evidence_terms),
            similar_ids=self._index.most_similar(
                similarities, column, self.settings.similar_reports
            ),
        )

    def _score(self, texts: Sequence[str]) -> _Scored:
        features = self._features.transform(texts)
        model = self._models.probabilities(features)
        rules = np.zeros_like(model)
        matches = [self._rules.matches(text) for text in texts]
        for row, found in enumerate(matches):
            for code, phrases in found.items():
                column = self._code_positions[code]
                rules[row, column] = (
                    rule_strength(len(phrases))
                    * self._rule_trust[column]
                    * self._rule_discount[column]
                )
        scores = 1.0 - (1.0 - model) * (1.0 - rules)
        return _Scored(features, model, rules, scores, matches)

    def to_bytes(self) -> bytes:
        """The trained suggester as a compressed NumPy archive (no pickled objects)."""
        header = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "settings": self.settings.to_dict(),
            "codes": list(self.codes),
            "word_terms": list(self._features.word_terms),
            "char_terms": list(self._features.char_terms),
            "rules": {code: list(patterns) for code, patterns in self._rules.patterns.items()},
            "indexed_ids": list(self._index.ids),
            "embedding": embedding_fingerprint() if self._features.embedding_count else "",
        }
        vectors = self._index.vectors
        return pack(
            header,
            {
                "idf": self._features.idf,
                "weights": self._models.weights.astype(np.float16),
                "intercepts": self._models.intercepts,
                "trained": self._models.trained,
                "positives": self._positives,
                "rule_trust": self._rule_trust,
                "index_indptr": vectors.indptr.astype(np.int64),
                "index_indices": vectors.indices.astype(np.int32),
                "index_data": vectors.data.astype(np.float16),
                "members_start": self._index.members_start,
                "members": self._index.members,
            },
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Suggester:
        """Load a suggester saved by ``to_bytes``; raises ``ValueError`` if it is not one."""
        header, arrays = unpack(data)
        if header.get("format") != FORMAT or header.get("version") not in READABLE_VERSIONS:
            raise ValueError("not a stored code suggester of this version")
        try:
            return cls._rebuild(header, arrays)
        except (KeyError, TypeError, IndexError) as error:
            raise ValueError("stored code suggester is incomplete or inconsistent") from error

    @classmethod
    def _rebuild(cls, header: dict[str, Any], arrays: dict[str, npt.NDArray[Any]]) -> Suggester:
        settings = Settings.from_dict(
            header["settings"], defaults=READABLE_VERSIONS[header["version"]]
        )
        features = FeatureSpace(
            tuple(str(term) for term in header["word_terms"]),
            tuple(str(term) for term in header["char_terms"]),
            arrays["idf"].astype(np.float64),
            settings.embedding_scale,
        )
        if features.embedding_count and header.get("embedding") != embedding_fingerprint():
            # Its weights were learned on another static model's dimensions.
            raise ValueError("stored code suggester was trained with another embedding model")
        codes = tuple(str(code) for code in header["codes"])
        ids = tuple(str(report) for report in header["indexed_ids"])
        weights = arrays["weights"].astype(np.float32)
        per_code = ("intercepts", "trained", "positives", "rule_trust")
        members = arrays["members"]
        if (
            weights.shape != (features.count, len(codes))
            or features.idf.shape != (features.lexical_count,)
            or any(arrays[name].shape != (len(codes),) for name in per_code)
            or arrays["members_start"].shape != (len(codes) + 1,)
            or (members.size and (members.min() < 0 or members.max() >= len(ids)))
        ):
            raise ValueError("stored code suggester is inconsistent")
        vectors = sparse.csr_matrix(
            (
                arrays["index_data"].astype(np.float32),
                arrays["index_indices"].astype(np.int32),
                arrays["index_indptr"].astype(np.int64),
            ),
            shape=(len(ids), features.word_count),
        )
        vectors.check_format(full_check=True)
        return cls(
            codes=codes,
            features=features,
            models=CodeModels(
                weights,
                arrays["intercepts"].astype(np.float32),
                arrays["trained"].astype(np.bool_),
            ),
            positives=arrays["positives"].astype(np.int64),
            rule_trust=arrays["rule_trust"].astype(np.float64),
            rules=KeywordRules.from_mapping(header["rules"]),
            index=ReportIndex(
                ids,
                vectors,
                arrays["members_start"].astype(np.int64),
                arrays["members"].astype(np.int32),
            ),
            settings=settings,
        )
