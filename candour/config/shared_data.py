"""Where the shared third-party data sets live (../shared/data beside the repository).

Tests and benchmarks must find them wherever the repository is cloned, and fail, not
skip, when they are missing: a skipped data test would hide a gap.
"""

from __future__ import annotations

import os
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """$CANDOUR_SHARED_DATA, else the first `shared/data` beside the repository or one of
    its parents (a clone elsewhere still finds the machine's copy), else /work/shared/data."""
    configured = os.environ.get("CANDOUR_SHARED_DATA")
    if configured:
        return Path(configured)
    for folder in REPOSITORY.parents:
        candidate = folder / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return Path("/work/shared/data")
