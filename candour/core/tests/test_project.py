"""Project-wide checks: migrations, the scoping lint, demo data and the command line."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_models_and_migrations_agree() -> None:
    call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())


def test_the_scoping_lint_flags_model_objects_in_views(tmp_path: Path) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / "views.py").write_text(
        "from x import Report, Team\n"
        "def a(request):\n    return Report.objects.all()\n"
        "def b(request, user):\n    return Team.objects.visible_to(user)\n"
    )
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, str(ROOT / "scripts" / "check_scoping.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "views.py:3" in result.stdout
    assert "views.py:5" not in result.stdout


def test_the_scoping_lint_passes_on_candour() -> None:
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, str(ROOT / "scripts" / "check_scoping.py"), str(ROOT / "candour")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


def test_the_candour_command_maps_hyphenated_names(monkeypatch: pytest.MonkeyPatch) -> None:
    from candour import cli

    seen: list[list[str]] = []
    monkeypatch.setattr(sys, "argv", ["candour", "verify-audit", "--help"])
    monkeypatch.setattr(
        "django.core.management.execute_from_command_line", lambda argv: seen.append(argv)
    )
    cli.main()
    assert seen == [["candour", "verify_audit", "--help"]]


def test_production_static_build_collects_with_hashed_names(tmp_path: Path) -> None:
    # The manifest storage fails on any file the CSS names but the build lacks.
    env = {
        "PATH": "/usr/bin:/bin",
        "CANDOUR_ENVIRONMENT": "production",
        "CANDOUR_SECRET_KEY": "s" * 50,
        "CANDOUR_AUDIT_KEY": "a" * 50,
        "CANDOUR_KEY_ENCRYPTION_KEY": "k" * 40,
        "CANDOUR_VAR_DIR": str(tmp_path / "var"),
        "CANDOUR_STATIC_ROOT": str(tmp_path / "static"),
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "collectstatic",
            "--noinput",
            "-v0",
            "--settings",
            "candour.config.settings",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    manifest = (tmp_path / "static" / "staticfiles.json").read_text()
    assert "build/candour.css" in manifest
