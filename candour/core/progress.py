"""A text progress bar for long commands, written to a stream (stderr by default)."""

from __future__ import annotations

import sys
import time
from typing import Protocol

from django.core.management.base import OutputWrapper


class Stream(Protocol):
    def write(self, text: str, /) -> object: ...
    def flush(self) -> None: ...


class ProgressBar:
    def __init__(
        self, total: int, *, label: str, stream: Stream | None = None, width: int = 30
    ) -> None:
        self.total = max(total, 0)
        self.label = label
        self.stream: Stream = stream if stream is not None else sys.stderr
        # A management command's stdout/stderr wrapper ends every write with a newline
        # unless told otherwise, which would turn the redrawn bar into a scroll of lines.
        self._ending: str | None = None
        if isinstance(self.stream, OutputWrapper):
            self._ending, self.stream.ending = self.stream.ending, ""
        self.width = width
        self._last_drawn = -1.0
        self._started = time.monotonic()
        self._last_done = -1

    def update(self, done: int) -> None:
        now = time.monotonic()
        # Redraw at most ten times a second: drawing must not dominate the work.
        if done < self.total and now - self._last_drawn < 0.1:
            return
        self._last_drawn = now
        self._last_done = done
        fraction = done / self.total if self.total else 1.0
        filled = int(self.width * min(fraction, 1.0))
        bar = "#" * filled + "-" * (self.width - filled)
        elapsed = now - self._started
        self.stream.write(
            f"\r{self.label} [{bar}] {done:,}/{self.total:,} {fraction:6.1%} {elapsed:5.1f}s"
        )
        self.stream.flush()

    def finish(self, done: int) -> None:
        if done != self._last_done:
            self._last_drawn = -1.0
            self.update(done)
        self.stream.write("\n")
        self.stream.flush()
        if self._ending is not None and isinstance(self.stream, OutputWrapper):
            self.stream.ending = self._ending
