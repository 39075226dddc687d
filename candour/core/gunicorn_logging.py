"""gunicorn's access log, scrubbed like Candour's own logs (`make serve` uses it)."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger  # type: ignore[import-untyped]

from candour.core.logging import scrub


class ScrubbingLogger(Logger):  # type: ignore[misc]
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        # Every text atom: the path, query, referrer and raw URI can each hold a link.
        for name, value in atoms.items():
            if isinstance(value, str):
                atoms[name] = scrub(value)
        atoms["h"] = "-"  # the client's address is personal data
        return atoms
