"""A provider's published configuration and signing keys, fetched with short timeouts.

OpenID Connect Discovery: `<issuer>/.well-known/openid-configuration` names the endpoints
and the keys' address (`jwks_uri`). Both are cached for an hour per issuer; the keys are
fetched again at once when a token names a key Candour has not seen (the provider has
rotated its keys). Redirects are not followed and answers are capped in size: the
addresses come from an administrator's form, so they are not trusted to behave.
"""

from __future__ import annotations

import hashlib
import ipaddress
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from authlib.oidc.discovery import OpenIDProviderMetadata
from django.conf import settings
from django.core.cache import cache

_CACHE_SECONDS = 3600
_MAX_BYTES = 512 * 1024
# ID tokens signed with a shared secret (HS*) or not at all are refused: only the
# provider's published public keys may vouch for a person.
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")


class ProviderUnreachableError(Exception):
    """The provider did not answer in time, or answered with a server error."""


class ProviderMisconfiguredError(Exception):
    """The provider answered, but not with a usable OpenID Connect configuration."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    signing_algorithms: tuple[str, ...]
    token_auth_methods: tuple[str, ...]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _is_private_address(host: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_private or address.is_link_local or address.is_reserved


def address_problem(url: str) -> str | None:
    """Why Candour will not call this address, or None: https only (plain http on this
    machine only where CANDOUR_PROVIDER_ALLOW_LOOPBACK is on), no credentials, query or
    fragment, and no private network address written as a number."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return "not_a_url"
    host = (parts.hostname or "").lower()
    if not host:
        return "not_a_url"
    if parts.username or parts.password or parts.query or parts.fragment:
        return "extra_parts"
    if _is_loopback(host):
        if not settings.CANDOUR_PROVIDER_ALLOW_LOOPBACK:
            return "private_address"
        return None if parts.scheme in ("http", "https") else "not_https"
    if parts.scheme != "https":
        return "not_https"
    if _is_private_address(host):
        return "private_address"
    return None


def _get_json(url: str) -> dict[str, Any]:
    if address_problem(url) is not None:
        raise ProviderMisconfiguredError("address")
    try:
        response = requests.get(
            url,
            timeout=settings.CANDOUR_PROVIDER_TIMEOUT_SECONDS,
            allow_redirects=False,
            headers={"Accept": "application/json"},
        )
    except requests.RequestException as exc:
        raise ProviderUnreachableError from exc
    if response.status_code >= 500:
        raise ProviderUnreachableError
    if response.status_code != 200:
        raise ProviderMisconfiguredError("status")
    if len(response.content) > _MAX_BYTES:
        raise ProviderMisconfiguredError("too_large")
    try:
        data = response.json()
    except ValueError as exc:
        raise ProviderMisconfiguredError("not_json") from exc
    if not isinstance(data, dict):
        raise ProviderMisconfiguredError("not_json")
    return data


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def _cache_key(kind: str, url: str) -> str:
    return f"candour.provider.{kind}." + hashlib.sha256(url.encode()).hexdigest()


def _as_strings(value: object) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, str))


def _metadata_from(issuer: str, data: dict[str, Any]) -> ProviderMetadata:
    try:
        OpenIDProviderMetadata(data).validate()
    except (ValueError, TypeError) as exc:
        raise ProviderMisconfiguredError("invalid_configuration") from exc
    # Discovery 4.3: the issuer it names must be exactly the one configured, or tokens
    # from a different tenant or server could be taken for this organisation's.
    if data["issuer"] != issuer:
        raise ProviderMisconfiguredError("issuer_mismatch")
    for name in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(data.get(name), str) or address_problem(data[name]) is not None:
            raise ProviderMisconfiguredError("endpoint")
    algorithms = tuple(
        alg
        for alg in _as_strings(data.get("id_token_signing_alg_values_supported"))
        if alg in SIGNING_ALGORITHMS
    )
    if not algorithms:
        raise ProviderMisconfiguredError("algorithms")
    return ProviderMetadata(
        issuer=data["issuer"],
        authorization_endpoint=data["authorization_endpoint"],
        token_endpoint=data["token_endpoint"],
        jwks_uri=data["jwks_uri"],
        signing_algorithms=algorithms,
        token_auth_methods=_as_strings(
            data.get("token_endpoint_auth_methods_supported", ["client_secret_basic"])
        ),
    )


def fetch_metadata(issuer: str, *, fresh: bool = False) -> ProviderMetadata:
    """The provider's checked configuration (cached for an hour unless `fresh`)."""
    key = _cache_key("metadata", issuer)
    cached = None if fresh else cache.get(key)
    if isinstance(cached, ProviderMetadata):
        return cached
    metadata = _metadata_from(issuer, _get_json(discovery_url(issuer)))
    cache.set(key, metadata, _CACHE_SECONDS)
    return metadata


def fetch_keys(metadata: ProviderMetadata, *, fresh: bool = False) -> dict[str, Any]:
    """The provider's public signing keys as a JWK set (cached for an hour unless `fresh`)."""
    key = _cache_key("keys", metadata.jwks_uri)
    cached = None if fresh else cache.get(key)
    if isinstance(cached, dict):
        return cached
    keys = _get_json(metadata.jwks_uri)
    if not isinstance(keys.get("keys"), list) or not keys["keys"]:
        raise ProviderMisconfiguredError("no_keys")
    cache.set(key, keys, _CACHE_SECONDS)
    return keys
