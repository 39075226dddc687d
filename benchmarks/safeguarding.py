"""Benchmark the safeguarding-disclosure detector against the alternatives a user might pick.

    python benchmarks/safeguarding.py        # about a minute on 2 cores

Two parts. The first (below) compares the phrase patterns with the alternatives issue 6
considered. The second (safeguarding_layers.py, issue 15) splits the exemplar bank, the
phrasings and the look-alikes into dev and test before tuning, chooses the similarity
layer's settings on dev only, and reports patterns / similarity / both on the test part,
false alarms on the NHS comments and children's look-alikes, and time per text on one core.

Methods:
  candour    candour.lib.safeguarding.detect: curated phrase patterns, recall first
  keywords   a naive keyword list, whole words, any case
  tfidf-lr   TF-IDF (word 1-2 grams + character 2-5 grams) and logistic regression, trained
             on the phrasings set (5-fold cross-validated there; fitted on all of it for
             the real comments)

Corpora:
  phrasings  candour/lib/safeguarding/phrasings.py: disclosures (recall, by category and age
             band) and hard negatives (specificity)
  real       NHS patient comments (../shared/data/feedback), adults, deduplicated by text:
             alerts per 1,000 ordinary comments (the false-alarm cost) and recall on the
             rows labelled as safety-related, by three proxies (see LABELS below)

Writes benchmarks/results/safeguarding.json. Network access is blocked for the whole run.
"""

from __future__ import annotations

import csv
import json
import os
import platform
import re
import socket
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from safeguarding_layers import layers_table, two_layers  # noqa: E402

from candour.config.shared_data import shared_data_dir  # noqa: E402

FEEDBACK = shared_data_dir() / "feedback"
PHASE1 = FEEDBACK / "pxtextmining_phase1_dev.csv"
V6 = FEEDBACK / "pxtextmining_v6framework_230831.csv"
RESULTS = ROOT / "benchmarks" / "results" / "safeguarding.json"
SEED = 20261123

NAIVE_KEYWORDS = ("abuse", "hit", "hurt", "scared", "unsafe", "kill", "suicide", "run away")

# Real comments an engineer read and judged to disclose harm or risk to the writer or their
# child (suicidal thoughts, self-harm, violence, threats, sexual assault, abuse, neglect,
# not safe at home). Candidates came from a broad keyword screen (suicid, overdose, assault,
# abuse, violence, threat, unsafe, scared, bully, kill, die...) and from this detector's own
# alerts, so recall here flatters keyword methods: use the coders' labels as the check.
HAND_READ = {
    "phase1": {"122", "292", "298", "590", "650", "713", "741", "1207", "10128"},
    "v6": {
        "NHFT 1944 - Q1",
        "NHFT 1793 - Q1",
        "NHFT 1710 - Q1",
        "NHFT 1938 - Q1",
        "NHFT 49 - Q1",
        "NHFT 711 - Q2",
        "NHFT 1891 - Q1",
        "NHFT 1899 - Q1",
        "NHFT 1645 - Q1",
        "NEAS 111 1066 - Q1",
        "NHFT 778 - Q1",
        "NHFT 1231 - Q1",
        "NHFT 1701 - Q1",
        "NHFT 1443 - Q2",
        "NHFT 1216 - Q1",
        "NHFT 1217 - Q1",
        "NHFT 476 - Q1",
        "NHFT 803 - Q1",
        "NHFT 1921 - Q1",
    },
}

LABELS = {
    "coder_safeguarding": "v6 framework: the trusts' coders ticked 'Safeguarding concerns?'",
    "coder_feeling_unsafe": (
        "coders' 'Feeling safe' theme on a negative comment: v6 'Feeling safe' with sentiment "
        "4-5 (negative), or phase 1 subcategory 'Feeling safe including bullying' with "
        "criticality below 0"
    ),
    "hand_read": "read and judged by the engineer who wrote the patterns (see HAND_READ)",
}

# ---------------------------------------------------------------------------- network guard

BLOCKED: list[str] = []


def block_network() -> None:
    """Fail every outbound connection, and count the attempts."""

    def refuse(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> None:
        BLOCKED.append(repr(address))
        raise OSError("network access is disabled in this benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign,assignment]


# ---------------------------------------------------------------------------- data


@dataclass
class Comment:
    text: str
    labels: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)


def real_comments() -> list[Comment]:
    """Both NHS files, one record per distinct text, with the union of their labels."""
    by_text: dict[str, Comment] = {}

    def add(text: str, source: str, labels: set[str]) -> None:
        text = text.strip()
        if not text or text.lower() in {"did not answer", "nothing", "n/a", "na", "-"}:
            return
        comment = by_text.setdefault(text, Comment(text))
        comment.labels |= labels
        comment.sources.add(source)

    with PHASE1.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels = set()
            if row["subcategory"].startswith("Feeling safe") and _number(row["criticality"]) < 0:
                labels.add("coder_feeling_unsafe")
            if row["row_index"] in HAND_READ["phase1"]:
                labels.add("hand_read")
            add(row["feedback"], "phase1", labels)
    with V6.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            labels = set()
            if row["Safeguarding concerns?"].strip() == "1":
                labels.add("coder_safeguarding")
            if row["Feeling safe"].strip() == "1" and row["Comment sentiment"] in {"4", "5"}:
                labels.add("coder_feeling_unsafe")
            if row["Comment ID"] in HAND_READ["v6"]:
                labels.add("hand_read")
            add(row["FFT answer"], "v6", labels)
    return list(by_text.values())


def _number(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


# ---------------------------------------------------------------------------- methods

Flag = Callable[[Sequence[str]], list[bool]]


def candour_flags(texts: Sequence[str]) -> list[bool]:
    """The phrase patterns alone (the similarity layer is measured in layers.py)."""
    from candour.lib.safeguarding.detector import assess

    return [assess(text, None).concern for text in texts]


_NAIVE = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in NAIVE_KEYWORDS) + r")\b", re.I)


def keyword_flags(texts: Sequence[str]) -> list[bool]:
    return [bool(_NAIVE.search(text)) for text in texts]


def tfidf_model() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline, make_union

    return make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LogisticRegression(max_iter=2000, C=10.0, class_weight="balanced"),
    )


def tfidf_cross_validated(texts: list[str], truth: list[bool]) -> list[bool]:
    """Out-of-fold predictions on the phrasings set, 5 stratified folds."""
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED)
    predicted = cross_val_predict(tfidf_model(), texts, truth, cv=folds)
    return [bool(p) for p in predicted]


# ---------------------------------------------------------------------------- measures


def rate(hits: int, total: int) -> float | None:
    return round(hits / total, 4) if total else None


def phrasing_scores(flags: list[bool], categories: list[bool] | None = None) -> dict[str, Any]:
    from candour.lib.safeguarding.phrasings import NEGATIVES, POSITIVES

    pos = flags[: len(POSITIVES)]
    neg = flags[len(POSITIVES) :]
    by_category: Counter[str] = Counter()
    by_band: Counter[str] = Counter()
    for phrasing, flagged in zip(POSITIVES, pos, strict=True):
        by_category[phrasing.category] += flagged
        by_band[phrasing.band] += flagged
    totals_c = Counter(p.category for p in POSITIVES)
    totals_b = Counter(p.band for p in POSITIVES)
    scores: dict[str, Any] = {
        "recall": rate(sum(pos), len(pos)),
        "specificity": rate(len(neg) - sum(neg), len(neg)),
        "recall_by_category": {c: rate(by_category[c], n) for c, n in sorted(totals_c.items())},
        "recall_by_band": {b: rate(by_band[b], n) for b, n in sorted(totals_b.items())},
        "missed": [p.text for p, f in zip(POSITIVES, pos, strict=True) if not f],
        "false_alarms": [n.text for n, f in zip(NEGATIVES, neg, strict=True) if f],
    }
    if categories is not None:
        scores["recall_with_right_category"] = rate(sum(categories), len(categories))
    return scores


def real_scores(comments: list[Comment], flags: list[bool]) -> dict[str, Any]:
    ordinary = [f for c, f in zip(comments, flags, strict=True) if not c.labels]
    scores: dict[str, Any] = {
        "ordinary_comments": len(ordinary),
        "alerts_on_ordinary": sum(ordinary),
        "alerts_per_1000_ordinary": round(1000 * sum(ordinary) / len(ordinary), 2),
        "recall_on_labelled": {},
    }
    for label in LABELS:
        rows = [f for c, f in zip(comments, flags, strict=True) if label in c.labels]
        scores["recall_on_labelled"][label] = {
            "rows": len(rows),
            "found": sum(rows),
            "recall": rate(sum(rows), len(rows)),
        }
    return scores


def throughput(flag: Flag, texts: Sequence[str], rounds: int = 3) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        flag(texts)
        best = min(best, time.perf_counter() - started)
    return round(len(texts) / best, 1)


def version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


# ---------------------------------------------------------------------------- main


def main() -> int:
    block_network()
    started = time.perf_counter()
    from candour.lib.safeguarding import PATTERNS_VERSION
    from candour.lib.safeguarding.detector import assess, compiled
    from candour.lib.safeguarding.phrasings import NEGATIVES, POSITIVES

    compile_started = time.perf_counter()
    compiled()
    compile_seconds = time.perf_counter() - compile_started

    phrasing_texts = [p.text for p in POSITIVES] + [n.text for n in NEGATIVES]
    truth = [True] * len(POSITIVES) + [False] * len(NEGATIVES)
    comments = real_comments()
    real_texts = [c.text for c in comments]

    # The classifier for real comments is fitted on every phrasing.
    model = tfidf_model().fit(phrasing_texts, truth)

    def tfidf_flags(texts: Sequence[str]) -> list[bool]:
        return [bool(p) for p in model.predict(list(texts))]

    methods: dict[str, tuple[str, Flag]] = {
        "candour": (
            f"candour.safeguarding phrase patterns alone (v{PATTERNS_VERSION})",
            candour_flags,
        ),
        "keywords": ("naive keyword list: " + ", ".join(NAIVE_KEYWORDS), keyword_flags),
        "tfidf-lr": (
            "TF-IDF word 1-2 + char_wb 2-5 grams, logistic regression (C=10, balanced); "
            "phrasings: 5-fold CV; real comments: fitted on all phrasings",
            tfidf_flags,
        ),
    }
    right_category = [p.category in assess(p.text, None).categories for p in POSITIVES]
    results: dict[str, Any] = {}
    for name, (description, flag) in methods.items():
        on_phrasings = (
            tfidf_cross_validated(phrasing_texts, truth)
            if name == "tfidf-lr"
            else flag(phrasing_texts)
        )
        results[name] = {
            "description": description,
            "phrasings": phrasing_scores(
                on_phrasings, right_category if name == "candour" else None
            ),
            "real": real_scores(comments, flag(real_texts)),
            "texts_per_second_real": throughput(flag, real_texts),
        }

    assessments = [assess(text, None) for text in real_texts]
    rules = Counter(
        rule
        for comment, a in zip(comments, assessments, strict=True)
        if not comment.labels
        for phrase in a.matched
        for rule in phrase.rules
    )
    alerts_on_ordinary = [
        {
            "phrases": [p.text for p in a.matched],
            "categories": [c.value for c in a.categories],
            "excerpt": c.text[:160],
        }
        for c, a in zip(comments, assessments, strict=True)
        if a.concern and not c.labels
    ]
    long_text = " ".join(real_texts)[:60_000]
    long_started = time.perf_counter()
    assess(long_text, None)
    long_seconds = time.perf_counter() - long_started

    layers = two_layers(comments)
    report = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "seed": SEED,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "versions": {p: version(p) for p in ("scikit-learn", "numpy")},
        "patterns_version": PATTERNS_VERSION,
        "compile_seconds": round(compile_seconds, 4),
        "corpora": {
            "phrasings": {
                "positives": len(POSITIVES),
                "hard_negatives": len(NEGATIVES),
                "positives_by_band": dict(sorted(Counter(p.band for p in POSITIVES).items())),
            },
            "real": {
                "description": "NHS FFT and patient feedback comments (adults), two files, "
                "deduplicated by exact text; 'Did not answer' and empty rows dropped",
                "comments": len(comments),
                "labelled": {
                    label: {"rows": sum(label in c.labels for c in comments), "what": what}
                    for label, what in LABELS.items()
                },
            },
        },
        "methods": results,
        "candour_rules_firing_on_ordinary_comments": dict(rules.most_common()),
        "candour_alerts_on_ordinary_comments": alerts_on_ordinary,
        "candour_long_text": {
            "words": len(long_text.split()),
            "seconds": round(long_seconds, 4),
        },
        "run_seconds": round(time.perf_counter() - started, 1),
        "network_attempts_blocked": len(BLOCKED),
        "notes": NOTES,
        "two_layers": layers,
    }
    print(table(report))
    print(layers_table(layers))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print("wrote", RESULTS.relative_to(ROOT))
    return 0


NOTES = [
    "The phrasings set was written by the engineer who wrote the patterns: recall 1.0 on it "
    "is a regression bar (every phrasing there was a bug once), not evidence of recall on "
    "children's writing in general. The real NHS comments are the independent test, but "
    "they are adults' comments about health services, not children's about social care.",
    "There is no gold safeguarding label on real children's feedback. The proxies: 4 rows "
    "the trusts' coders marked 'Safeguarding concerns?', 5 negative 'Feeling safe' rows, and "
    "rows read by hand (picked by a keyword screen and by this detector's alerts, which "
    "flatters methods built on words).",
    "Alerts on ordinary comments are not all false alarms: several are adults describing "
    "suicidal thoughts or abuse that no coder labelled (see candour_alerts_on_ordinary_comments).",
    "The TF-IDF classifier learns from 330 short phrasings; on adults' long comments it sees "
    "text unlike anything it was trained on. It is here to show whether learning from the "
    "same evidence beats writing the patterns, not as a tuned alternative.",
    "Patterns v1, written from the phrasings alone, scored on the real comments: 1.66 "
    "alerts per 1,000 ordinary comments, coder_safeguarding 1/4, coder_feeling_unsafe 0/5, "
    "hand_read 21/26. v2 added five patterns after reading v1's misses there (assault, "
    "violence towards me, felt threatened, starved, neglect), so v2's real-comment recall "
    "is partly fitted to these rows; v1's is the unfitted figure.",
    "Throughput is the best of three passes over all real comments, one process, after "
    "loading; the machine is shared, so absolute figures vary between runs.",
]


def table(report: dict[str, Any]) -> str:
    lines = [
        f"{'method':<10} {'recall':>7} {'spec':>6} {'alerts/1k':>10} "
        f"{'coder_sg':>9} {'coder_fs':>9} {'hand':>9} {'texts/s':>9}"
    ]
    for name, m in report["methods"].items():
        labelled = m["real"]["recall_on_labelled"]

        def cell(label: str, labelled: dict[str, Any] = labelled) -> str:
            entry = labelled[label]
            return f"{entry['found']}/{entry['rows']}"

        lines.append(
            f"{name:<10} {m['phrasings']['recall']:>7} {m['phrasings']['specificity']:>6} "
            f"{m['real']['alerts_per_1000_ordinary']:>10} {cell('coder_safeguarding'):>9} "
            f"{cell('coder_feeling_unsafe'):>9} {cell('hand_read'):>9} "
            f"{m['texts_per_second_real']:>9}"
        )
    lines.append(
        "recall/spec: phrasings set (tfidf-lr cross-validated); alerts/1k: per 1,000 "
        "ordinary real comments; coder_sg, coder_fs, hand: found/rows of the real proxies"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
