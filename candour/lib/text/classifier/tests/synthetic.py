"""A small, seeded set of coded reports: each code has its own phrases among shared filler."""

from __future__ import annotations

import random

from candour.lib.text.classifier import Example

PHRASES = {
    "fatigue": [
        "the worker was exhausted after a double shift",
        "she had not slept after the late duty",
        "he felt very tired by the evening visit",
        "worn out after twelve hours on duty",
    ],
    "communication": [
        "the message was never passed on to the school",
        "nobody told the foster carer about the change",
        "the handover note was missing",
        "the police did not call back",
    ],
    "workload": [
        "she was carrying thirty cases",
        "the team was short of two social workers",
        "too many visits were booked in one day",
        "covering for absent colleagues as well",
    ],
    "distraction": [
        "the phone kept ringing during the meeting",
        "a fire alarm interrupted the visit",
        "another crisis came in halfway through",
        "she was pulled away by an urgent call",
    ],
}
FILLER = [
    "The visit to the family home took place in the morning.",
    "The child was seen at school with the teacher present.",
    "A strategy discussion was held with partner agencies.",
    "The case was reviewed in supervision afterwards.",
    "Grandmother attended and the plan was explained.",
    "The records were updated the following week.",
]


def report(codes: list[str], rng: random.Random) -> str:
    sentences = rng.sample(FILLER, 3)
    sentences += [rng.choice(PHRASES[code]).capitalize() + "." for code in codes]
    rng.shuffle(sentences)
    return " ".join(sentences)


def coded_reports(count: int, seed: int = 7) -> list[Example]:
    """``count`` reports with one or two codes each, drawn with a fixed seed."""
    rng = random.Random(seed)
    codes = sorted(PHRASES)
    examples = []
    for number in range(count):
        chosen = rng.sample(codes, rng.choice([1, 1, 2]))
        examples.append(Example(f"r{number}", report(chosen, rng), frozenset(chosen)))
    return examples
