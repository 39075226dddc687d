"""Count the rows of every table, to prove a read wrote nothing.

Sessions are left out: every request saves its session (SESSION_SAVE_EVERY_REQUEST), and
that is the framework's bookkeeping, not a write of Candour's.
"""

from __future__ import annotations

from django.apps import apps

UNCOUNTED = frozenset({"sessions.session"})


def row_counts() -> dict[str, int]:
    """Rows per model (``app_label.model``), for every model with a table of its own."""
    counts = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.label_lower in UNCOUNTED or meta.proxy or not meta.managed:
            continue
        counts[meta.label_lower] = model._default_manager.count()
    return counts


def changed_tables(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    """The models whose row counts differ, with (before, after)."""
    return {
        label: (before.get(label, 0), after.get(label, 0))
        for label in sorted(set(before) | set(after))
        if before.get(label, 0) != after.get(label, 0)
    }
