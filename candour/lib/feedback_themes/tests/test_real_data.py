"""A smoke test on a slice of real NHS feedback (skipped where the shared data is absent)."""

import csv

import numpy as np
import pytest

from candour.config.shared_data import shared_data_dir
from candour.lib.feedback_themes import LabelledComment, ThemeModel
from candour.lib.text.classifier.metrics import top_k_recall

DATA = shared_data_dir() / "feedback/pxtextmining_v6framework_230831.csv"
NOT_THEMES = {"Not assigned", "Labelling not possible"}


@pytest.fixture(scope="module")
def comments():
    if not DATA.exists():
        pytest.fail("shared feedback data not present")
    with DATA.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields = list(reader.fieldnames or [])
        labels = [f for f in fields[fields.index("Comment sentiment") + 1 :] if f not in NOT_THEMES]
        rows = list(reader)[:1500]
    found = []
    for row in rows:
        themes = frozenset(label for label in labels if row[label].strip() == "1")
        sentiment = row["Comment sentiment"].strip()
        if themes and row["FFT answer"].strip():
            found.append(
                LabelledComment(
                    row["Comment ID"],
                    row["FFT answer"],
                    themes,
                    float(sentiment) if sentiment else None,
                )
            )
    return found


def test_learns_real_themes_well_above_chance(comments):
    train, test = comments[: len(comments) * 4 // 5], comments[len(comments) * 4 // 5 :]
    model = ThemeModel.train(train)
    truth = np.array([[t in c.themes for t in model.themes] for c in test])

    recall = top_k_recall(model.scores([c.text for c in test]), truth, 3)

    assert recall > 0.6
    reading = model.read(test[0].text)
    assert reading.themes
    assert reading.sentiment is not None
    assert ThemeModel.from_bytes(model.to_bytes()).themes == model.themes
