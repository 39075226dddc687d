"""The similar-reports index on disk (ADR 0008): written by a command, read by the web.

Only reports whose redactions were reviewed are indexed, by their de-identified words, in
the group of their organisation. `candour build-similarity-index` writes a new generation
(in full nightly, with --update every few minutes); web workers read the latest one through
`shared_reports()`, which memory-maps it and never builds anything.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from candour.audit.events import AuditEventType
from candour.audit.recorder import record
from candour.lib.text.embedding.embedder import ModelError
from candour.lib.text.similar_reports import SharedReports, SimilarReports, StaleIndexError
from candour.lib.text.vectors.storage import StorageError, stored_generation
from candour.reporting.models import Report
from candour.reporting.querysets import ReportQuerySet

logger = logging.getLogger(__name__)

# The de-identified fields that say what happened and why; never the reporter's own words.
TEXT_FIELDS = ("what_happened", "what_caught_it", "what_made_it_likely")
# A review whose transaction was still open when an update read the table carries a time
# before that update began: each update looks this far back again (re-adding is harmless).
OVERLAP = timedelta(minutes=5)
# How often a web worker looks for a newer generation on disk.
RELOAD_CHECK_SECONDS = 10.0
WEIGHT_SAMPLE = 100_000
# Processes that embed and hash reports during a full build (the quantiser's training
# already uses every core through BLAS); the deployment target has two cores.
BUILD_WORKERS = min(2, os.cpu_count() or 1)
BATCH_SIZE = 2000
_REVIEWED_THROUGH = "reviewed_through"

# progress(stage, done, total): what a command draws its progress bars from.
Progress = Callable[[str, int, int], None]
_BUILD_STAGES = ("Finding form sentences", "Weighing words", "Indexing reports")
_UPDATE_STAGE = "Updating the index"


@dataclass(frozen=True)
class IndexChange:
    """What a build or an update did, in counts only."""

    full: bool
    indexed: int
    added: int
    removed: int
    generation: int | None

    @property
    def saved(self) -> bool:
        return self.full or bool(self.added or self.removed)


def index_directory() -> Path:
    return Path(settings.CANDOUR_SIMILARITY_DIR)


def indexed_text(report: Report) -> str:
    """What is indexed for a report: its de-identified account of what happened and why."""
    return _joined(getattr(report, name) for name in TEXT_FIELDS)


def build_index(*, progress: Progress | None = None) -> IndexChange:
    """Index every reviewed report of every organisation afresh, as a new generation."""
    started = timezone.now()
    # Fixed at the start, so that the three passes over the reports see the same set.
    eligible = Report.objects.reviewed().filter(redactions_reviewed_at__lte=started)
    total = eligible.count()
    stages = iter(_BUILD_STAGES)

    def source() -> Iterator[tuple[int, int, str]]:
        stage = next(stages, _BUILD_STAGES[-1])
        expected = min(total, WEIGHT_SAMPLE) if stage == _BUILD_STAGES[1] else total
        return _counted(_rows(eligible), stage, expected, progress)

    reports = SimilarReports.build(source, weight_sample=WEIGHT_SAMPLE, workers=BUILD_WORKERS)
    reports.index.metadata[_REVIEWED_THROUGH] = started.isoformat()
    directory = index_directory()
    reports.save(directory)
    _forget_shared(directory)
    change = IndexChange(
        full=True,
        indexed=len(reports.index),
        added=len(reports.index),
        removed=0,
        generation=reports.index.generation,
    )
    _record(change)
    return change


def update_index(*, progress: Progress | None = None) -> IndexChange:
    """Add reports reviewed since the last build or update; drop those no longer eligible.

    Builds afresh when there is no index yet or it was made with another model.
    Raises ConcurrentUpdateError if another build saved the index meanwhile.
    """
    directory = index_directory()
    if stored_generation(directory) is None:
        return build_index(progress=progress)
    try:
        reports = SimilarReports.load(directory)
        previous = datetime.fromisoformat(reports.index.metadata[_REVIEWED_THROUGH])
    except (StaleIndexError, StorageError, KeyError, ValueError) as error:
        logger.warning("Rebuilding the similar-reports index: %s", type(error).__name__)
        return build_index(progress=progress)
    started = timezone.now()
    reviewed = Report.objects.reviewed()
    eligible = set(reviewed.values_list("pk", flat=True))
    indexed = {int(pk) for pk in reports.index.ids()}
    gone = sorted(indexed - eligible)
    changed = reviewed.filter(redactions_reviewed_at__gte=previous - OVERLAP)
    wanted = sorted((eligible - indexed) | set(changed.values_list("pk", flat=True)))
    reports.remove(gone)
    added = 0
    for batch in _batches(wanted, BATCH_SIZE):
        rows = list(_rows(reviewed.filter(pk__in=batch)))
        reports.add([r[0] for r in rows], [r[2] for r in rows], [r[1] for r in rows])
        added += len(rows)
        if progress is not None:
            progress(_UPDATE_STAGE, added, len(wanted))
    if not added and not gone:
        return IndexChange(False, len(reports.index), 0, 0, reports.index.generation)
    if reports.index.needs_training:
        reports.index.train()
    reports.index.metadata[_REVIEWED_THROUGH] = started.isoformat()
    reports.save(directory)
    _forget_shared(directory)
    change = IndexChange(False, len(reports.index), added, len(gone), reports.index.generation)
    _record(change)
    return change


# ---------------------------------------------------------------------- the web's copy

_shared: dict[Path, SharedReports] = {}
_shared_lock = threading.Lock()


def shared_reports() -> SimilarReports | None:
    """This process's copy of the latest saved index; None if none is built or usable."""
    directory = index_directory()
    with _shared_lock:
        shared = _shared.get(directory)
        if shared is None:
            shared = _shared[directory] = SharedReports(directory, check_every=RELOAD_CHECK_SECONDS)
    try:
        return shared.get()
    except (StaleIndexError, StorageError, ModelError, OSError, ValueError) as error:
        # Callers fall back to a per-request search; the next build repairs the index.
        logger.warning("The similar-reports index is unusable: %s", type(error).__name__)
        return None


def _forget_shared(directory: Path) -> None:
    """After this process saved the index, its next read loads the new generation."""
    with _shared_lock:
        _shared.pop(directory, None)


# ---------------------------------------------------------------------- internals


def _joined(parts: Iterable[str]) -> str:
    return " ".join(part for part in parts if part)


def _rows(reports: ReportQuerySet) -> Iterator[tuple[int, int, str]]:
    values = reports.order_by("pk").values_list("pk", "organisation_id", *TEXT_FIELDS)
    for pk, organisation_id, *parts in values.iterator(chunk_size=BATCH_SIZE):
        yield pk, organisation_id, _joined(parts)


def _counted(
    rows: Iterator[tuple[int, int, str]], stage: str, total: int, progress: Progress | None
) -> Iterator[tuple[int, int, str]]:
    done = 0
    if progress is not None:
        progress(stage, 0, total)
    for row in rows:
        yield row
        done += 1
        if progress is not None and done % 500 == 0:
            progress(stage, done, total)
    if progress is not None:
        progress(stage, done, total)


def _batches(ids: list[int], size: int) -> Iterator[list[int]]:
    iterator = iter(ids)
    while batch := list(islice(iterator, size)):
        yield batch


def _record(change: IndexChange) -> None:
    with transaction.atomic():
        record(
            AuditEventType.SIMILARITY_INDEX_BUILT,
            actor_id=None,
            data={
                "full": change.full,
                "indexed": change.indexed,
                "added": change.added,
                "removed": change.removed,
                "generation": change.generation,
            },
        )
