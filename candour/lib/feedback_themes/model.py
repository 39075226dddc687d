"""The theme model: themes for feedback comments, learned from staff's own theming.

Each theme's score blends the code suggester's (word and character n-gram model with
keyword rules, ``candour.lib.text.classifier``) with a model on static sentence
embeddings where the theme has enough examples. A separate ridge model estimates
sentiment on whatever scale the labels use.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from candour.lib.feedback_themes.comments import (
    LabelledComment,
    Reading,
    SentimentEstimate,
    ThemeScore,
    ThemeVerdict,
)
from candour.lib.feedback_themes.embedding_models import EmbeddingModels
from candour.lib.feedback_themes.sentiment import SentimentModel
from candour.lib.feedback_themes.settings import ThemeSettings
from candour.lib.feedback_themes.theme_set import check_label
from candour.lib.text.classifier import Decision, Example, Source, Suggester
from candour.lib.text.classifier.features import FeatureSpace
from candour.lib.text.classifier.serialisation import pack, unpack
from candour.lib.text.embedding.embedder import StaticEmbedder, default_embedder

# A format name stored in every saved model (its old package path); kept so saved models load.
FORMAT = "candour.feedback_themes"
FORMAT_VERSION = 1
FloatArray = npt.NDArray[np.float64]


class ThemeModel:
    def __init__(
        self,
        *,
        suggester: Suggester,
        embedding: EmbeddingModels,
        embedder: StaticEmbedder | None,
        sentiment: SentimentModel | None,
        settings: ThemeSettings,
    ) -> None:
        self.themes: tuple[str, ...] = suggester.codes
        self.settings = settings
        self._suggester = suggester
        self._embedding = embedding
        self._embedder = embedder if embedding.trained.any() else None
        self._sentiment = sentiment

    @property
    def rates_sentiment(self) -> bool:
        return self._sentiment is not None

    @classmethod
    def train(
        cls,
        comments: Iterable[LabelledComment],
        *,
        rules: Mapping[str, Sequence[str]] | None = None,
        verdicts: Iterable[ThemeVerdict] = (),
        settings: ThemeSettings | None = None,
        embedder: StaticEmbedder | None = None,
    ) -> ThemeModel:
        """Learn from themed comments and staff verdicts; ``rules`` cover a cold start.

        Labels are opaque strings from any scheme. Without ``embedder`` the shipped
        static model is used (if ``settings.embedding_weight`` is above zero).
        """
        settings = settings or ThemeSettings()
        comments = list(comments)
        for label in [t for c in comments for t in c.themes] + list(rules or {}):
            check_label(label)
        decisions = [Decision(v.text, check_label(v.theme), v.accepted) for v in verdicts]
        suggester = Suggester.train(
            [Example(c.id, c.text, c.themes) for c in comments],
            rules=rules,
            decisions=decisions,
            settings=settings.suggester,
        )
        themes = suggester.codes
        embedding = EmbeddingModels.empty(0, len(themes))
        if comments and settings.embedding_weight > 0.0:
            embedder = embedder or default_embedder()
            labels = np.array([[t in c.themes for t in themes] for c in comments], np.bool_)
            embedding = EmbeddingModels.fit(
                embedder.embed_many([c.text for c in comments]),
                labels.reshape(len(comments), len(themes)),
                min_positives=settings.suggester.min_positives,
                regularisation=settings.embedding_regularisation,
            )
        rated = [c for c in comments if c.sentiment is not None]
        sentiment = None
        if len(rated) >= settings.min_sentiment_examples:
            sentiment = SentimentModel.train(
                [c.text for c in rated],
                [float(c.sentiment) for c in rated if c.sentiment is not None],
                regularisation=settings.sentiment_regularisation,
            )
        return cls(
            suggester=suggester,
            embedding=embedding,
            embedder=embedder,
            sentiment=sentiment,
            settings=settings,
        )

    def scores(self, texts: Sequence[str]) -> FloatArray:
        """A score in [0, 1] for every theme (columns in the order of ``themes``) per text."""
        scores = self._suggester.scores(texts)
        if self._embedder is None:
            return scores
        learned = self._embedding.probabilities(self._embedder.embed_many(texts))
        weight = self.settings.embedding_weight
        blended: FloatArray = np.where(
            self._embedding.trained, (1.0 - weight) * scores + weight * learned, scores
        )
        return blended

    def scores_for(self, texts: Sequence[str], themes: Sequence[str]) -> FloatArray:
        """Scores in the order of ``themes``; a theme this model does not know scores 0."""
        scores = self.scores(texts)
        position = {theme: column for column, theme in enumerate(self.themes)}
        aligned = np.zeros((len(texts), len(themes)))
        for column, theme in enumerate(themes):
            if theme in position:
                aligned[:, column] = scores[:, position[theme]]
        return aligned

    def read(self, text: str, k: int = 3, *, min_score: float = 0.0) -> Reading:
        """The ``k`` best themes for ``text`` with their evidence, and its sentiment."""
        scores = self.scores([text])[0]
        order = np.lexsort((np.arange(len(self.themes)), -scores))
        chosen = [int(c) for c in order if scores[c] > 0.0 and scores[c] >= min_score][:k]
        explained = {}
        if chosen:
            suggestions = self._suggester.suggest(text, k=len(self.themes))
            explained = {suggestion.code: suggestion for suggestion in suggestions}
        themes = []
        for column in chosen:
            theme = self.themes[column]
            found = explained.get(theme)
            themes.append(
                ThemeScore(
                    theme=theme,
                    score=float(scores[column]),
                    source=found.source if found else Source.MODEL,
                    evidence_terms=found.evidence_terms if found else (),
                )
            )
        return Reading(tuple(themes), self.sentiment(text))

    def sentiment(self, text: str) -> SentimentEstimate | None:
        """The comment's estimated sentiment with its evidence; None if never trained."""
        if self._sentiment is None:
            return None
        return self._sentiment.estimate(text, self.settings.evidence_terms)

    def sentiments(self, texts: Sequence[str]) -> FloatArray | None:
        return None if self._sentiment is None else self._sentiment.estimate_many(texts)

    def to_bytes(self) -> bytes:
        """The trained model as a compressed NumPy archive (no pickled objects)."""
        header: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "settings": self.settings.to_dict(),
            "themes": list(self.themes),
            "embedder": self._embedder.fingerprint if self._embedder else None,
            "sentiment": None,
        }
        arrays: dict[str, npt.NDArray[Any]] = {
            "suggester": np.frombuffer(self._suggester.to_bytes(), dtype=np.uint8),
            "embedding_weights": self._embedding.weights,
            "embedding_intercepts": self._embedding.intercepts,
            "embedding_trained": self._embedding.trained,
        }
        if self._sentiment is not None:
            model = self._sentiment
            header["sentiment"] = {
                "word_terms": list(model.features.word_terms),
                "char_terms": list(model.features.char_terms),
                "intercept": model.intercept,
                "low": model.low,
                "high": model.high,
            }
            arrays["sentiment_idf"] = model.features.idf
            arrays["sentiment_weights"] = model.weights
        return pack(header, arrays)

    @classmethod
    def from_bytes(cls, data: bytes, *, embedder: StaticEmbedder | None = None) -> ThemeModel:
        """Load a model saved by ``to_bytes``; raises ``ValueError`` if it is not one, or if
        it needs a different embedding model from ``embedder`` (default: the shipped one)."""
        try:
            header, arrays = unpack(data)
        except ValueError as error:
            raise ValueError("not a stored theme model") from error
        if header.get("format") != FORMAT or header.get("version") != FORMAT_VERSION:
            raise ValueError("not a stored theme model of this version")
        try:
            return cls._rebuild(header, arrays, embedder)
        except (KeyError, TypeError, IndexError, AttributeError) as error:
            raise ValueError("stored theme model is incomplete or inconsistent") from error

    @classmethod
    def _rebuild(
        cls,
        header: dict[str, Any],
        arrays: dict[str, npt.NDArray[Any]],
        embedder: StaticEmbedder | None,
    ) -> ThemeModel:
        suggester = Suggester.from_bytes(arrays["suggester"].astype(np.uint8).tobytes())
        themes = tuple(str(theme) for theme in header["themes"])
        embedding = EmbeddingModels(
            arrays["embedding_weights"].astype(np.float32),
            arrays["embedding_intercepts"].astype(np.float32),
            arrays["embedding_trained"].astype(np.bool_),
        )
        if (
            themes != suggester.codes
            or embedding.weights.shape[1:] != (len(themes),)
            or embedding.intercepts.shape != (len(themes),)
            or embedding.trained.shape != (len(themes),)
        ):
            raise ValueError("stored theme model is inconsistent")
        fingerprint = header["embedder"]
        if fingerprint is not None:
            embedder = embedder or default_embedder()
            if embedder.fingerprint != fingerprint or embedder.dimensions != len(embedding.weights):
                raise ValueError(f"stored theme model needs the embedding model {fingerprint}")
        return cls(
            suggester=suggester,
            embedding=embedding,
            embedder=embedder if fingerprint is not None else None,
            sentiment=_sentiment_from(header["sentiment"], arrays),
            settings=ThemeSettings.from_dict(header["settings"]),
        )


def _sentiment_from(
    stored: dict[str, Any] | None, arrays: dict[str, npt.NDArray[Any]]
) -> SentimentModel | None:
    if stored is None:
        return None
    word_terms = tuple(str(term) for term in stored["word_terms"])
    char_terms = tuple(str(term) for term in stored["char_terms"])
    idf = arrays["sentiment_idf"].astype(np.float64)
    weights = arrays["sentiment_weights"].astype(np.float32)
    count = len(word_terms) + len(char_terms)
    if idf.shape != (count,) or weights.shape != (count,):
        raise ValueError("stored sentiment model is inconsistent")
    return SentimentModel(
        FeatureSpace(word_terms, char_terms, idf),
        weights,
        float(stored["intercept"]),
        float(stored["low"]),
        float(stored["high"]),
    )
