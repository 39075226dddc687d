"""Schools, nurseries, children's centres, hospitals and surgeries, by the name's last words.

A setting named in a report narrows down the child a great deal, so "St Mary's Primary
School" and "Oakwood Academy" go; "the school" and "GP surgery" stay.
"""

from __future__ import annotations

import re

from candour.lib.deid.spans import Kind, Span
from candour.lib.deid.wordlists import is_common, words

_QUALIFIERS = (
    r"(?:Primary|Junior|Infant|Infants|Secondary|High|Grammar|Special|Free|Middle|First|Prep"
    r"|Preparatory|Community|Catholic|CofE|C of E|CE|RC|Methodist|Sixth Form|Day|Studio"
    r"|University|General|Royal|Children'?s|Childrens|Women'?s|Maternity|Teaching|District"
    r"|Memorial)"
)
_TYPES = (
    rf"(?:(?:{_QUALIFIERS}\s+)?(?:School|Academy|College|Nursery|Pre-?[Ss]chool|Hospital"
    r"|Infirmary|Surgery|Clinic|Playgroup|Kindergarten|Cr[eè]che|University|Primary|Juniors"
    r"|Infants)"
    r"|(?:Children'?s|Childrens|Family|Medical|Health|Youth|Community|Pupil Referral|Day"
    r"|Resource|Contact|Assessment|Care|Residential|Mother and Baby|Sure Start)\s+"
    r"(?:Centre|Center|Hub|Unit|Home|Practice|Club)"
    r"|High)"
)
_SETTING = re.compile(
    r"\b(?P<name>(?:(?:St\.?|Saint|[A-Z][\w'\u2019\-]*)\s+(?:(?:of(?:\s+the)?|&|de|la|upon)\s+)?){1,5})"
    rf"(?P<type>{_TYPES})\b"
)

# Words that do not make a name on their own: "The Local Primary School", "GP Surgery".
_GENERIC = words(
    """
    the a an her his their our my your its this that local new old nearby same previous
    current former primary secondary junior infant infants special mainstream independent
    private state residential children's childrens family medical health mental community
    gp gps dental day youth pupil referral contact assessment care police court social a&e
    hospital school nursery university college general royal
    """
)


_BARE = frozenset({"High", "Primary", "Juniors", "Infants"})
_LEADING = frozenset({"the", "a", "an", "her", "his", "their", "our", "my", "your"})


def _distinctive(name: str) -> bool:
    return any(word.lower() not in _GENERIC for word in name.split())


def find_settings(text: str) -> list[Span]:
    spans: list[Span] = []
    for match in _SETTING.finditer(text):
        words = match["name"].split()
        # Drop leading generic words ("The", "Her") from the span, keep the rest.
        while words and words[0].lower() in _LEADING and words[1:2] != ["Lady"]:
            words.pop(0)
        if not words or not _distinctive(" ".join(words)):
            continue
        # A bare "High" or "Primary" needs a name that is no everyday word ("Very High").
        if match["type"] in _BARE and all(is_common(word) for word in words):
            continue
        start = match.start("name") + match["name"].index(words[0])
        spans.append(Span(start, match.end(), Kind.SCHOOL_OR_SETTING))
    return spans
