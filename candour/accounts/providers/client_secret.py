"""The client secret Candour presents to a provider: never stored in plain text.

Either sealed under its own data key (envelope encryption, ADR 0005), so a copy of the
database alone does not reveal it, or named as an environment variable that the server's
operator sets (or its `_FILE` variant, naming a file that holds it). Only names under
CANDOUR_PROVIDER_SECRET_ may be named: an administrator who could name any variable
could have Candour send its own keys to a server they run.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from candour.accounts.models import IdentityProvider
from candour.keys.services import KeyDestroyedError, create_data_key, seal, unseal

VARIABLE_PREFIX = "CANDOUR_PROVIDER_SECRET_"
_VARIABLE = re.compile(r"^CANDOUR_PROVIDER_SECRET_[A-Z0-9_]{1,60}$")
_FIELD = "client_secret"
KEY_PURPOSE = "identity-provider-secret"


class MissingSecretError(Exception):
    """The provider has no usable client secret (the variable is unset or empty)."""


def _from_environment(name: str) -> str:
    """The variable's value, or, as for every secret setting, the file `NAME_FILE` names."""
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        try:
            return Path(file_path).read_text(encoding="utf-8").strip()
        except OSError:
            return ""
    return os.environ.get(name, "").strip()


def is_allowed_variable(name: str) -> bool:
    return bool(_VARIABLE.match(name))


def seal_secret(provider: IdentityProvider, secret: str) -> None:
    """Seal a new secret on the provider (unsaved): a fresh data key each time."""
    key = create_data_key(purpose=KEY_PURPOSE)
    provider.client_secret_key = key
    provider.client_secret_sealed = seal(key, secret, field=_FIELD)
    provider.client_secret_variable = ""


def has_secret(provider: IdentityProvider) -> bool:
    return bool(provider.client_secret_variable) or provider.client_secret_key_id is not None


def client_secret(provider: IdentityProvider) -> str:
    """The plain secret, read at the moment it is sent and never kept."""
    if provider.client_secret_variable:
        if not is_allowed_variable(provider.client_secret_variable):
            raise MissingSecretError
        value = _from_environment(provider.client_secret_variable)
        if not value:
            raise MissingSecretError
        return value
    key = provider.client_secret_key
    if key is None or provider.client_secret_sealed is None:
        raise MissingSecretError
    try:
        return unseal(key, bytes(provider.client_secret_sealed), field=_FIELD)
    except KeyDestroyedError as exc:
        raise MissingSecretError from exc
