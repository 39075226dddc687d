"""Personal API tokens: `candour_<prefix>_<secret>`, stored only as a keyed hash (ADR 0010)."""

from __future__ import annotations

from candour.keys.bearer import BearerParts, BearerScheme

TOKENS = BearerScheme(scheme="candour", salt="candour.api.ApiToken")
SCHEME = TOKENS.scheme
TokenParts = BearerParts


def new_token() -> TokenParts:
    return TOKENS.new()


def parse(value: str) -> TokenParts | None:
    return TOKENS.parse(value)


def digest(value: str, *, secret_key: str | None = None) -> str:
    return TOKENS.digest(value, secret_key=secret_key)


def matches(value: str, stored_digest: str) -> bool:
    return TOKENS.matches(value, stored_digest)
