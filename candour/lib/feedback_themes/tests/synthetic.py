"""A small, seeded set of themed comments: each theme has its own phrases among filler."""

from __future__ import annotations

import random

from candour.lib.feedback_themes import LabelledComment

PHRASES = {
    "listened-to": [
        "nobody listens to what I say",
        "my worker really listened to me",
        "they ignored my wishes about where to live",
        "I felt heard in the meeting",
    ],
    "school": [
        "I want to stay at my school",
        "my teacher helped with homework",
        "I missed lessons because of the move",
        "the college course is good",
    ],
    "family-contact": [
        "I want to see my mum more",
        "family time with my brother was cancelled",
        "contact with my dad is at the centre",
        "I miss my sisters",
    ],
}
FILLER = ["It was ok.", "Thanks.", "Sometimes.", "I don't know what else to say.", "Fine."]
# A positive comment is rated 1, a negative 5: the scale the NHS comments use.
TONE = {
    "good": (["It is good.", "I am happy."], 1.0),
    "bad": (["It is rubbish.", "I hate it."], 5.0),
}


def themed_comments(count: int, seed: int = 3) -> list[LabelledComment]:
    """``count`` comments with one or two themes and a sentiment, drawn with a fixed seed."""
    rng = random.Random(seed)
    themes = sorted(PHRASES)
    comments = []
    for number in range(count):
        chosen = rng.sample(themes, rng.choice([1, 1, 2]))
        tone_words, sentiment = TONE[rng.choice(sorted(TONE))]
        sentences = [rng.choice(FILLER), rng.choice(tone_words)]
        sentences += [rng.choice(PHRASES[theme]).capitalize() + "." for theme in chosen]
        rng.shuffle(sentences)
        comments.append(
            LabelledComment(f"c{number}", " ".join(sentences), frozenset(chosen), sentiment)
        )
    return comments
