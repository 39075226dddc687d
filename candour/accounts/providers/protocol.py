"""The authorisation code flow with PKCE, and the ID token's checks, through Authlib.

Candour sends the browser to the provider with a fresh `state` (this browser started the
sign-in), `nonce` (the ID token was made for this sign-in) and PKCE code verifier (only
the party that started may swap the code for tokens); all three wait in the server-side
session. On the way back the code is swapped for tokens at the provider's token endpoint,
and the ID token is accepted only when it is signed by one of the provider's published
keys with an asymmetric algorithm, issued by the configured issuer, for this client,
unexpired, and carries the nonce.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, cast

import requests
from authlib.common.security import generate_token
from authlib.integrations.base_client.errors import OAuthError
from authlib.integrations.requests_client import OAuth2Session
from authlib.oidc.core import CodeIDToken
from django.conf import settings
from joserfc import jwt
from joserfc.errors import ClaimError, InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet

from candour.accounts.providers.discovery import (
    ProviderMetadata,
    ProviderUnreachableError,
    fetch_keys,
    fetch_metadata,
)

if TYPE_CHECKING:
    from joserfc.jwk import KeySetSerialization

SCOPE = "openid email profile"
# How long a started sign-in may wait for the person to come back from the provider.
PENDING_SECONDS = 10 * 60
# Clock difference tolerated between Candour and the provider when checking expiry.
LEEWAY_SECONDS = 60


class TokenRefusedError(Exception):
    """The provider refused the code, or its ID token failed a check. `reason` is a code."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class PendingSignIn:
    """What waits in the session between sending the browser away and its return."""

    provider_id: int
    state: str
    nonce: str
    code_verifier: str
    next_url: str
    started_at: float

    def to_session(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_session(cls, value: object) -> PendingSignIn | None:
        if not isinstance(value, Mapping):
            return None
        try:
            return cls(
                provider_id=int(value["provider_id"]),
                state=str(value["state"]),
                nonce=str(value["nonce"]),
                code_verifier=str(value["code_verifier"]),
                next_url=str(value["next_url"]),
                started_at=float(value["started_at"]),
            )
        except (KeyError, TypeError, ValueError):
            return None

    def has_expired(self) -> bool:
        return time.time() - self.started_at > PENDING_SECONDS


def _client(
    client_id: str, *, redirect_uri: str, secret: str = "", auth_method: str | None = None
) -> OAuth2Session:
    return OAuth2Session(
        client_id=client_id,
        client_secret=secret or None,
        token_endpoint_auth_method=auth_method,
        scope=SCOPE,
        redirect_uri=redirect_uri,
        code_challenge_method="S256",
        default_timeout=settings.CANDOUR_PROVIDER_TIMEOUT_SECONDS,
    )


def _acr_request(acr_values: list[str]) -> dict[str, str]:
    """Ask for the strength that counts as two factors, where the organisation named one:
    `acr_values` in the standard's way, and a claims request, which is how Entra's
    authentication contexts are asked for (voluntary: a provider that cannot meet it still
    signs the person in, and Candour then asks for its own code)."""
    if not acr_values:
        return {}
    wanted = {"essential": False, "values": acr_values}
    return {
        "acr_values": " ".join(acr_values),
        "claims": json.dumps({"id_token": {"acr": wanted, "acrs": wanted}}),
    }


def start(
    *,
    provider_id: int,
    issuer: str,
    client_id: str,
    redirect_uri: str,
    login_hint: str,
    next_url: str,
    acr_values: list[str],
) -> tuple[str, PendingSignIn]:
    """The provider's authorisation address to send the browser to, and what to keep."""
    metadata = fetch_metadata(issuer)
    pending = PendingSignIn(
        provider_id=provider_id,
        state=generate_token(32),
        nonce=generate_token(32),
        # RFC 7636: 43 to 128 characters; 64 of [A-Za-z0-9].
        code_verifier=generate_token(64),
        next_url=next_url,
        started_at=time.time(),
    )
    extra: dict[str, str] = {"nonce": pending.nonce, **_acr_request(acr_values)}
    if login_hint:
        extra["login_hint"] = login_hint
    url, _state = _client(client_id, redirect_uri=redirect_uri).create_authorization_url(
        metadata.authorization_endpoint,
        state=pending.state,
        code_verifier=pending.code_verifier,
        **extra,
    )
    return str(url), pending


def _auth_method(metadata: ProviderMetadata) -> str:
    # client_secret_basic is the standard's default; Entra offers both.
    if not metadata.token_auth_methods or "client_secret_basic" in metadata.token_auth_methods:
        return "client_secret_basic"
    if "client_secret_post" in metadata.token_auth_methods:
        return "client_secret_post"
    raise TokenRefusedError("auth_method")


def _decode(id_token: str, metadata: ProviderMetadata) -> jwt.Token:
    algorithms = list(metadata.signing_algorithms)
    try:
        return jwt.decode(id_token, _key_set(fetch_keys(metadata)), algorithms)
    except InvalidKeyIdError:
        # A key Candour has not seen: the provider may have rotated its keys since.
        return jwt.decode(id_token, _key_set(fetch_keys(metadata, fresh=True)), algorithms)


def _key_set(keys: dict[str, Any]) -> KeySet:
    return KeySet.import_key_set(cast("KeySetSerialization", keys))


def finish(
    *,
    pending: PendingSignIn,
    issuer: str,
    client_id: str,
    client_secret: str,
    redirect_uri: str,
    code: str,
) -> dict[str, Any]:
    """Swap the code for tokens and return the ID token's claims once every check passes."""
    metadata = fetch_metadata(issuer)
    client = _client(
        client_id,
        redirect_uri=redirect_uri,
        secret=client_secret,
        auth_method=_auth_method(metadata),
    )
    try:
        token = client.fetch_token(
            metadata.token_endpoint,
            grant_type="authorization_code",
            code=code,
            code_verifier=pending.code_verifier,
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        raise ProviderUnreachableError from exc
    except (OAuthError, ValueError) as exc:
        raise TokenRefusedError("code_refused") from exc
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise TokenRefusedError("no_id_token")
    try:
        decoded = _decode(id_token, metadata)
    except JoseError as exc:
        raise TokenRefusedError("signature") from exc
    claims = CodeIDToken(
        decoded.claims,
        decoded.header,
        {
            "iss": {"essential": True, "value": issuer},
            "aud": {"essential": True, "value": client_id},
            "exp": {"essential": True},
            "iat": {"essential": True},
        },
        {
            "nonce": pending.nonce,
            "client_id": client_id,
            "access_token": token.get("access_token"),
        },
    )
    try:
        claims.validate(leeway=LEEWAY_SECONDS)
    except JoseError as exc:
        raise TokenRefusedError(_claim_reason(exc)) from exc
    return dict(claims)


def _claim_reason(exc: JoseError) -> str:
    """An audit code naming the claim that failed ("claim_aud"), never its value."""
    claim = exc.claim if isinstance(exc, ClaimError) else ""
    if claim in ("iss", "aud", "exp", "nonce", "azp", "at_hash", "iat", "sub", "nbf"):
        return f"claim_{claim}"
    return "claims"
