"""The house plan (ADR 0023) holds: `make lint` fails when a pure library imports Django,
when two apps import each other, or when a write leaves the services modules."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _load_check_writes():
    spec = importlib.util.spec_from_file_location("check_writes", ROOT / "scripts/check_writes.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _copy_of_the_code(tmp_path: Path) -> Path:
    """The Python files of candour/ (no data), and the contracts, in a scratch folder."""
    shutil.copytree(
        ROOT / "candour",
        tmp_path / "candour",
        ignore=lambda folder, names: [
            n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
        ],
    )
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return tmp_path


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_tree_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint_imports(_copy_of_the_code(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "4 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        # A pure library that reaches for Django.
        ("lib/statistics/suppression.py", "import django.conf", "Pure libraries import no"),
        # A pure library that reaches for an app.
        ("lib/text/clustering.py", "import candour.reporting.models", "Pure libraries"),
        # The platform reaching for a domain app.
        ("core/charts/__init__.py", "import candour.ideas.models", "The platform imports"),
        # Two domain apps importing each other: ideas already imports learning.
        ("learning/agreement.py", "import candour.ideas.models", "one direction only"),
        # Something depending on the demo.
        ("voice/access.py", "import candour.demo.voice", "Nothing depends on the demo"),
    ],
)
def test_a_broken_rule_fails_the_lint(tmp_path: Path, module: str, line: str, contract: str):
    tree = _copy_of_the_code(tmp_path)
    path = tree / "candour" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")

    result = _lint_imports(tree)

    assert result.returncode != 0
    assert contract in result.stdout
    assert "BROKEN" in result.stdout


def test_the_write_check_finds_writes_outside_services_modules() -> None:
    check = _load_check_writes()
    source = (
        "def act(report, request):\n"
        "    Report.objects.filter(pk=1).update(status='x')\n"
        "    report.save()\n"
        "    Idea.objects.create(title='t')\n"
        "    request.session.save()\n"
        "    Report.objects.filter(pk=1).first()\n"
    )

    assert check.writes(source) == [(2, "update"), (3, "save"), (4, "create")]
    assert check.is_services_module(Path("learning/themes/services.py"))
    assert check.is_services_module(Path("voice/setup_services.py"))
    assert not check.is_services_module(Path("learning/views.py"))


def test_the_code_passes_the_write_check() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts/check_writes.py"), str(ROOT / "candour")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode == 0, result.stdout
