"""Did the provider ask for more than one factor? Read from the ID token's claims.

`amr` (RFC 8176) lists the methods used: "mfa" (or "mca") says so outright, and a
possession factor beside the first (a one-time code, a hardware or smart-card key, a code
by text or call) means two. A password or a fingerprint alone is one factor. `acr` is the
provider's own name for the strength of the sign-in; which values mean two factors is
each provider's choice, so each organisation lists them (Entra's authentication contexts,
such as "c1", come in the `acrs` claim). Nothing here guesses: no claim, no second factor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

MULTI_FACTOR_METHODS = frozenset({"mfa", "mca"})
SECOND_FACTOR_METHODS = frozenset({"otp", "hwk", "sc", "sms", "tel"})


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [item for item in value if isinstance(item, str)]
    return []


def proves_multi_factor(claims: Mapping[str, object], acr_values: Iterable[str]) -> bool:
    """True when the claims say the provider asked for a second factor."""
    methods = set(_strings(claims.get("amr")))
    if methods & MULTI_FACTOR_METHODS or methods & SECOND_FACTOR_METHODS:
        return True
    accepted = {value for value in acr_values if value}
    contexts = set(_strings(claims.get("acr"))) | set(_strings(claims.get("acrs")))
    return bool(accepted & contexts)
