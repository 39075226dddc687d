from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from candour.config.env import (
    ConfigurationError,
    development_secret,
    env_bool,
    env_int,
    env_str,
)


def test_bad_booleans_fail_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANDOUR_X", "maybe")
    with pytest.raises(ConfigurationError, match="CANDOUR_X must be true or false"):
        env_bool("CANDOUR_X", default=False)
    monkeypatch.setenv("CANDOUR_X", "Yes")
    assert env_bool("CANDOUR_X", default=False) is True


def test_numbers_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CANDOUR_N", "ten")
    with pytest.raises(ConfigurationError, match="whole number"):
        env_int("CANDOUR_N", default=1)
    monkeypatch.setenv("CANDOUR_N", "0")
    with pytest.raises(ConfigurationError, match="at least 1"):
        env_int("CANDOUR_N", default=1, minimum=1)


def test_secrets_can_come_from_a_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("CANDOUR_SECRET_FILE", str(secret))
    monkeypatch.setenv("CANDOUR_SECRET", "ignored")
    assert env_str("CANDOUR_SECRET") == "from-a-file"
    monkeypatch.setenv("CANDOUR_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ConfigurationError, match="CANDOUR_SECRET_FILE"):
        env_str("CANDOUR_SECRET")


def test_required_settings_say_which_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CANDOUR_NEEDED", raising=False)
    with pytest.raises(ConfigurationError, match="CANDOUR_NEEDED must be set"):
        env_str("CANDOUR_NEEDED")


def test_the_development_secret_is_generated_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "var" / "secret_key"
    first = development_secret(path)
    assert len(first) >= 50
    assert development_secret(path) == first
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def _import_settings(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CANDOUR_")}
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", "import candour.config.settings"],
        env=clean,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_is_the_default_and_refuses_to_start_without_secrets() -> None:
    result = _import_settings({})
    assert result.returncode != 0
    assert "CANDOUR_SECRET_KEY must be set" in result.stderr


def test_production_refuses_debug() -> None:
    result = _import_settings({"CANDOUR_SECRET_KEY": "x" * 50, "CANDOUR_DEBUG": "true"})
    assert "CANDOUR_DEBUG must not be on in production" in result.stderr


def test_production_starts_with_its_secrets() -> None:
    result = _import_settings(
        {
            "CANDOUR_SECRET_KEY": "x" * 50,
            "CANDOUR_AUDIT_KEY": "y" * 50,
            "CANDOUR_KEY_ENCRYPTION_KEY": "k" * 40,
            "CANDOUR_ALLOWED_HOSTS": "candour.example",
        }
    )
    assert result.returncode == 0, result.stderr
