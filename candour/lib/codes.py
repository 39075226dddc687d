"""Codes people read off paper and type back: no look-alike characters.

A printed link code or receipt is copied by hand, often by a child or a worried parent.
0/O, 1/l/I, and in some fonts 5/S, 2/Z and 9/q are the usual misreadings, so those are
left out; lower case only, so case never matters when typing it back.
"""

from __future__ import annotations

import secrets

READABLE_ALPHABET = "346789abcdefghjkmnprtuvwxy"
LOOK_ALIKES = frozenset("0oO1lIi5sS2zZq")


def readable_code(length: int = 12) -> str:
    """A random code of `length` characters from the readable alphabet (26 symbols: 12
    characters carry about 56 bits, beyond guessing at the service's rate limits)."""
    return "".join(secrets.choice(READABLE_ALPHABET) for _ in range(length))
