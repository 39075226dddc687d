"""Every module under candour/lib imports without Django and without any Candour app.

The import runs in a fresh interpreter (pytest-django has already imported Django here)
with a meta-path finder that refuses `django` and every `candour.<name>` outside
`candour.lib`, so a forbidden import fails loudly instead of quietly succeeding.
"""

import json
import subprocess
import sys
from pathlib import Path

import candour.lib

LIB = Path(candour.lib.__file__).parent

CHECK = """
import importlib, importlib.abc, json, sys

class Refuse(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        top, _, rest = name.partition(".")
        app = top == "candour" and rest and not (rest == "lib" or rest.startswith("lib."))
        if top == "django" or app:
            raise ImportError(f"pure library imported {name}")
        return None

sys.meta_path.insert(0, Refuse())
failures = {}
for module in json.loads(sys.argv[1]):
    try:
        importlib.import_module(module)
    except Exception as error:
        failures[module] = f"{type(error).__name__}: {error}"
leaked = sorted(m for m in sys.modules if m == "django" or m.startswith("django."))
print(json.dumps({"failures": failures, "leaked": leaked}))
"""


def library_modules() -> list[str]:
    """Every importable module under candour/lib, apart from tests and data build scripts."""
    modules = []
    for path in sorted(LIB.rglob("*.py")):
        parts = path.relative_to(LIB).with_suffix("").parts
        if "tests" in parts or "data" in parts or parts[-1] == "conftest":
            continue
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append(".".join(("candour", "lib", *parts)))
    return modules


def test_the_module_list_covers_every_library():
    modules = library_modules()

    for expected in (
        "candour.lib",
        "candour.lib.deid.redaction",
        "candour.lib.safeguarding.detector",
        "candour.lib.statistics.spiral",
        "candour.lib.tabular.reader",
        "candour.lib.dfe.loader",
        "candour.lib.feedback_themes.model",
        "candour.lib.text.embedding.embedder",
        "candour.lib.text.vectors.index",
        "candour.lib.text.classifier.suggester",
        "candour.lib.text.clustering",
        "candour.lib.text.similar_reports",
    ):
        assert expected in modules


def test_every_library_module_imports_without_django_or_an_app():
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [sys.executable, "-c", CHECK, json.dumps(library_modules())],
        capture_output=True,
        text=True,
        check=False,
        cwd=LIB.parent.parent,
    )

    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report == {"failures": {}, "leaked": []}


def test_the_check_catches_a_library_that_imports_an_app(tmp_path):
    # The blocker itself is under test: a module importing an app must be reported.
    (tmp_path / "leaky.py").write_text("import candour.core.models\n", encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [
            sys.executable,
            "-c",
            f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n" + CHECK,
            json.dumps(["leaky"]),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=LIB.parent.parent,
    )

    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["failures"] == {"leaky": "ImportError: pure library imported candour.core"}
