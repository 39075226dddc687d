"""Files Candour creates that hold personal data are readable by its own user only.

The SQLite database (and its -wal and -shm files, which SQLite creates with the
database's own permissions), the var/ directory (keys, similarity index, anchor) and
the email file backend's folder used to follow the umask, typically world-readable.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


def private_dir(path: Path) -> Path:
    """Create ``path`` if needed, and make it the owner's alone."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    _tighten(path, PRIVATE_DIR_MODE)
    return path


def private_file(path: Path) -> Path:
    """Create ``path`` empty with owner-only permissions if absent; tighten it if present."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE))
    _tighten(path, PRIVATE_FILE_MODE)
    return path


def private_sqlite(path: Path) -> Path:
    """The database file, and any journal beside it, private before SQLite opens them."""
    private_file(path)
    for suffix in ("-wal", "-shm", "-journal"):
        sibling = path.with_name(path.name + suffix)
        if sibling.exists():
            _tighten(sibling, PRIVATE_FILE_MODE)
    return path


def _tighten(path: Path, mode: int) -> None:
    # Only what this user owns can be changed; a shared directory chosen by an operator
    # (for example /tmp as CANDOUR_SQLITE_PATH's parent) is left as it is.
    with contextlib.suppress(PermissionError):
        if path.stat().st_uid == os.getuid() and path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
