"""Fail the build on ORM writes outside services modules (ADR 0023, CONVENTIONS.md).

A write is a manager or queryset write (`create`, `update`, `delete`, `get_or_create`,
`update_or_create`, `bulk_create`, `bulk_update`) on a chain that starts at `.objects`,
or an instance's `.save()` / `.delete()`. Writes belong in services modules
(`services.py`, `<area>_services.py` or a `services/` package), where each is one named
action with its audit row in the same transaction. The modules below are the deliberate
exceptions, each with its reason; tests, migrations and the demo are outside the rule.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

WRITE_METHODS = {
    "create",
    "update",
    "delete",
    "get_or_create",
    "update_or_create",
    "bulk_create",
    "bulk_update",
    "save",
}

EXCEPTIONS = {
    # The audit chain's one writer (ADR 0002).
    "audit/recorder.py": "the only writer of the audit chain",
    # Infrastructure whose rows are counters or queues, written as a side effect of
    # another action, never an action of their own.
    "notifications/outbox.py": "the email outbox, queued inside the sending action",
    "core/throttle.py": "the one set of throttle counters (every limit, sign-in included)",
    "api/auth.py": "a token's last-used day, kept by the authentication scheme",
}


def _chain_has_objects(node: ast.AST) -> bool:
    while isinstance(node, (ast.Attribute, ast.Call, ast.Subscript)):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            return True
        node = node.func if isinstance(node, ast.Call) else node.value
    return False


def writes(source: str, filename: str = "<source>") -> list[tuple[int, str]]:
    """The ORM writes in a module's source: (line, method)."""
    found = []
    for node in ast.walk(ast.parse(source, filename=filename)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        method = node.func.attr
        if method not in WRITE_METHODS:
            continue
        if method in ("save", "delete") and not node.args:
            receiver = node.func.value
            if isinstance(receiver, ast.Attribute) and receiver.attr == "session":
                continue  # request.session.save(): the session store, not a model
            found.append((node.lineno, method))
        elif _chain_has_objects(node.func.value):
            found.append((node.lineno, method))
    return found


def is_services_module(relative: Path) -> bool:
    return relative.name.endswith("services.py") or "services" in relative.parts[:-1]


def outside_the_rule(relative: Path) -> bool:
    parts = relative.parts
    return (
        "tests" in parts
        or "migrations" in parts
        or parts[0] == "demo"
        or relative.name.startswith("test_")
    )


def main(root: Path) -> int:
    problems = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if outside_the_rule(relative) or is_services_module(relative):
            continue
        if relative.as_posix() in EXCEPTIONS:
            continue
        for line, method in writes(path.read_text(encoding="utf-8"), str(path)):
            problems.append(f"{path}:{line}: .{method}() outside a services module")
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} ORM write(s) outside services modules (ADR 0023)")
        return 1
    print("Write check passed: ORM writes only in services modules")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("candour")))
