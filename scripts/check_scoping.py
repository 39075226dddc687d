"""Fail the build when a view reaches a model's manager directly (ADR 0003).

Views and API handlers must read through scoped querysets (`.visible_to(user)`) or the
access functions in `candour.core.access`; `Model.objects.visible_to(...)` and
`Model.objects.<scoped method>` are therefore allowed, anything else on `.objects` is not.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

# Any module named like views (views.py, national_views.py) or an API module.
VIEW_MODULE_SUFFIXES = ("views.py", "api.py")
# Queryset methods that narrow to what a person may see; a view may start from these.
SCOPED_ENTRY_POINTS = {
    "visible_to",
    "administered_by",
    "managed_by",
    "member_of",
    "for_learning_team",
    "for_national_analysts",
}


def violations(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr == "objects"):
            continue
        parent_call = _parent_attribute(tree, node)
        if parent_call in SCOPED_ENTRY_POINTS:
            continue
        found.append(
            f"{path}:{node.lineno}: views must not use Model.objects directly "
            f"(use a scoped queryset or candour.core.access); got .objects.{parent_call or ''}"
        )
    return found


def _parent_attribute(tree: ast.AST, target: ast.Attribute) -> str | None:
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.value is target:
            return node.attr
    return None


def is_view_module(path: Path) -> bool:
    """Views and API handlers, wherever they live; their tests (test_views.py) are not."""
    if "tests" in path.parts or path.name.startswith("test_"):
        return False
    return path.name.endswith(VIEW_MODULE_SUFFIXES) or path.parent.name == "views"


def main(root: Path) -> int:
    problems: list[str] = []
    for path in sorted(root.rglob("*.py")):
        if is_view_module(path.relative_to(root)):
            problems.extend(violations(path))
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} unscoped quer{'y' if len(problems) == 1 else 'ies'} in views")
        return 1
    print("Scoping check passed: no Model.objects in views")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("candour")))
