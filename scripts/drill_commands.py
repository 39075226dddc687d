"""Running Candour's commands from the drills and the load test (scripts/, benchmarks/).

One place for how a step runs a program and reads `candour shell`'s JSON, so that every
drill reports a failed step the same way.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Mapping
from typing import Any


class DrillError(RuntimeError):
    """A step of the drill failed; the message says which and why."""


def run(args: list[str], env: Mapping[str, str], what: str, timeout: float = 600) -> str:
    """Run a command, returning its output; a non-zero exit or a timeout is a DrillError."""
    # Fixed programs (candour, pg_dump, createdb, ...) with arguments built here; no shell.
    try:
        result = subprocess.run(  # noqa: S603
            args, env=dict(env), capture_output=True, text=True, check=False, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise DrillError(f"{what} did not finish in {timeout:.0f}s") from error
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()[-2000:]
        raise DrillError(f"{what} failed (exit {result.returncode}): {output}")
    return result.stdout


def shell_json(candour: str, code: str, env: Mapping[str, str], what: str) -> Any:
    """Run Python in `candour shell`; it prints one JSON line, returned decoded."""
    output = run([candour, "shell", "-c", code], env, what)
    for line in reversed(output.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise DrillError(f"{what} printed no JSON: {output.strip()[-2000:]}")
