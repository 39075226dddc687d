"""The pictures beside every question and choice of the 4 to 7 form (issue 18, ADR 0036).

Each picture repeats words already on the page, so it is shown with empty alt text and
hidden from screen readers: a reader hears the words once, not twice.
"""

from __future__ import annotations

from candour.voice.vocabulary import AgeBand, Rating

FOLDER = "candour/pictures/"
# The rating's choices keep the faces they had before (candour/faces/).
FACES = "candour/faces/"

# "Who is filling this in?" comes before the 4-7 form: a child of 5 picks the small child.
AGE_BAND_PICTURES: dict[str, str] = {
    AgeBand.YOUNG: "age_young",
    AgeBand.MIDDLE: "age_middle",
    AgeBand.TEEN: "age_teen",
    AgeBand.PARENT: "age_parent",
}

QUESTION_PICTURES: dict[str, str] = {
    "rating": "how_was_it",
    "what_was_good": "star",
    "what_would_be_better": "wand",
    "idea": "lightbulb",
}

CHOICE_PICTURES: dict[str, dict[str, str]] = {
    "what_was_good": {
        "listened": "ear",
        "kind": "heart",
        "safe": "house",
        "fun": "ball",
        "nothing": "cloud",
    },
    "what_would_be_better": {
        "listen_more": "ear_plus",
        "explain": "speech",
        "same_person": "person",
        "scared": "sad",
        "nothing": "thumbs_up",
    },
    "idea": {
        "ask_me": "question",
        "family": "family",
        "play": "kite",
        "no_idea": "thinking",
    },
}


def question_picture(key: str) -> str:
    """The static path of a question's picture, or "" if it has none."""
    name = QUESTION_PICTURES.get(key)
    return f"{FOLDER}{name}.svg" if name else ""


def choice_picture(key: str, option: str) -> str:
    """The static path of a choice's picture, or "" if it has none."""
    if key == "rating" and option in Rating.values:
        return f"{FACES}{option}.svg"
    name = CHOICE_PICTURES.get(key, {}).get(option)
    return f"{FOLDER}{name}.svg" if name else ""


def age_band_picture(band: str) -> str:
    """The static path of the picture beside an age band on the start page."""
    return f"{FOLDER}{AGE_BAND_PICTURES[band]}.svg"


# The thank-you page: a child who cannot read much still sees it went well, and one who
# told us something worrying sees the shield beside "You are not in trouble".
THANKS_PICTURE = f"{FOLDER}thumbs_up.svg"
SAFE_PICTURE = f"{FOLDER}shield.svg"
