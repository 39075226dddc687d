"""Text to unit-length float32 vectors with a static (per-token) embedding table."""

from __future__ import annotations

import copy
import hashlib
import json
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import numpy as np
from scipy import sparse

from candour.lib.text.embedding.tokenizer import WordPieceTokenizer
from candour.lib.text.embedding.weights import Weights
from candour.lib.text.types import Matrix, Vector

MODEL_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class ModelFiles:
    vocabulary: Path
    embeddings: Path
    card: Path

    @classmethod
    def in_directory(cls, directory: Path) -> ModelFiles:
        return cls(directory / "vocab.txt", directory / "embeddings.npy", directory / "model.json")


class ModelError(RuntimeError):
    """The model files are missing, altered or inconsistent."""


class StaticEmbedder:
    """Sum of the text's token vectors (a model2vec model), optionally weighted, at unit length.

    A text with no known token gets the zero vector, which is similar to nothing.
    """

    def __init__(self, vocabulary: Sequence[str], table: Matrix, fingerprint: str) -> None:
        if len(vocabulary) != table.shape[0]:
            raise ModelError(f"{len(vocabulary)} tokens but {table.shape[0]} vectors")
        self._tokenizer = WordPieceTokenizer(vocabulary)
        self._table = np.ascontiguousarray(table, dtype=np.float32)
        self._fingerprint = fingerprint
        self.weights: Weights | None = None

    def reweighted(self, weights: Weights | None) -> StaticEmbedder:
        """The same model with each token's vector scaled by a weight (None: unweighted)."""
        if weights is not None and weights.shape != (len(self),):
            raise ModelError(f"{weights.shape} weights for a vocabulary of {len(self)}")
        weighted = copy.copy(self)
        weighted.weights = None if weights is None else np.asarray(weights, dtype=np.float32)
        return weighted

    def __len__(self) -> int:
        return int(self._table.shape[0])

    @classmethod
    def load(cls, directory: Path = MODEL_DIR, *, verify: bool = True) -> StaticEmbedder:
        """Load a model written by data/build_model.py; `verify` checks the recorded hashes."""
        files = ModelFiles.in_directory(directory)
        try:
            card = json.loads(files.card.read_text(encoding="utf-8"))
            vocabulary = files.vocabulary.read_text(encoding="utf-8").split("\n")[:-1]
            table = np.load(files.embeddings, allow_pickle=False)
        except (OSError, ValueError) as error:
            raise ModelError(f"cannot read the model in {directory}: {error}") from error
        if verify:
            for path in (files.vocabulary, files.embeddings):
                if _sha256(path) != card["files"][path.name]:
                    raise ModelError(f"{path} does not match the hash in {files.card.name}")
        if table.ndim != 2 or table.shape[1] != card["dimensions"]:
            raise ModelError(f"embeddings have shape {table.shape}, the card says otherwise")
        fingerprint = f"{card['name']}:{card['files']['embeddings.npy'][:16]}"
        return cls(vocabulary, table, fingerprint)

    @property
    def dimensions(self) -> int:
        return int(self._table.shape[1])

    @property
    def fingerprint(self) -> str:
        return self._fingerprint

    def token_ids(self, text: str) -> list[int]:
        return self._tokenizer.ids(text)

    def word_sums(self, words: Sequence[str]) -> Matrix:
        """Each word's token vectors summed, not normalised (a zero row for an unknown word).

        Rows add up: the sum of a run of rows, normalised, is `embed` of those words joined
        by spaces, so a caller can embed many windows of one text from running sums.
        """
        out = np.zeros((len(words), self.dimensions), dtype=np.float32)
        table, weights = self._table, self.weights
        for row, word in enumerate(words):
            ids = self._tokenizer.ids(word)
            if not ids:
                continue
            if weights is None:
                table.take(ids, axis=0).sum(axis=0, out=out[row])
            else:
                out[row] = weights.take(ids) @ table.take(ids, axis=0)
        return out

    def embed(self, text: str) -> Vector:
        vector: Vector = self.embed_many([text])[0]
        return vector

    def embed_many(self, texts: Sequence[str]) -> Matrix:
        return self._embed_ids([self._tokenizer.ids(text) for text in texts])

    def embed_tokenised(self, texts: Sequence[Sequence[str]]) -> Matrix:
        """`embed_many` of texts already split by `pre_tokenise(normalise(text))`."""
        return self._embed_ids([self._tokenizer.ids_of_words(words) for words in texts])

    def _embed_ids(self, rows: Sequence[Sequence[int]]) -> Matrix:
        # One sparse (texts x vocabulary) product: each text's (weighted) token vectors
        # summed in compiled code, with no temporary larger than the result.
        lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        ids = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(lengths.sum()))
        indptr = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(lengths)])
        weights = np.ones(len(ids), dtype=np.float32) if self.weights is None else self.weights[ids]
        counts = sparse.csr_matrix((weights, ids, indptr), shape=(len(rows), len(self)))
        return normalise_rows(np.asarray(counts @ self._table, dtype=np.float32))


def normalise_rows(matrix: Matrix) -> Matrix:
    """Scale each row to unit length, leaving zero rows at zero."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    result: Matrix = (matrix / norms).astype(np.float32, copy=False)
    return result


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


_default: StaticEmbedder | None = None
_default_lock = threading.Lock()


def default_embedder() -> StaticEmbedder:
    """The shipped static model, loaded once per process."""
    global _default  # one model per process, loaded on first use
    with _default_lock:
        if _default is None:
            _default = StaticEmbedder.load()
        return _default
