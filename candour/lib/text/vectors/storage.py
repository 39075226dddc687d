"""Saving an index as .npy files and a JSON manifest, or as one .npz blob; never pickle.

A directory holds `manifest.json` and the files it names. Segment files never change once
written; what does change (deletion marks, list assignments, centroids) is written under a
new generation's name, and the manifest is replaced atomically last. So a reader sees one
whole generation, and one writer at a time (a lock file) cannot lose another's update.
The previous generation's files are kept for readers still opening them.
"""

from __future__ import annotations

import fcntl
import io
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from candour.lib.text.vectors.index import StorageType, VectorIndex
from candour.lib.text.vectors.segment import Segment

FORMAT = "candour-vector-index"
# 2: rows sorted by group, then list (1 sorted by list alone); a version 1 index is rebuilt.
VERSION = 2
MANIFEST = "manifest.json"
_LOCK = ".lock"
_IMMUTABLE = ("ids", "groups", "vectors")
_KEY = re.compile(r"[a-z][a-z0-9_]{0,40}")
_LOAD_ATTEMPTS = 3


class StorageError(RuntimeError):
    """The stored index is missing, of another format, or inconsistent."""


class ConcurrentUpdateError(StorageError):
    """Another writer saved this directory after this index was loaded from it."""


def stored_generation(directory: Path) -> int | None:
    """The generation on disk, cheaply, to tell a reader when to reload."""
    try:
        return int(_read_manifest(directory)["generation"])
    except (FileNotFoundError, StorageError):
        return None


def save_index(index: VectorIndex, directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory.resolve()
    with _writer_lock(target):
        previous = _read_manifest(target) if (target / MANIFEST).exists() else None
        on_disk = int(previous["generation"]) if previous else 0
        if previous and index.source == target and index.generation != on_disk:
            raise ConcurrentUpdateError(
                f"{target} is at generation {on_disk}, this index was loaded at {index.generation}"
            )
        generation = on_disk + 1
        entries = [_write_segment(segment, target, generation) for segment in index.segments]
        centroids = None
        if index.centroids is not None:
            centroids = f"centroids.g{generation}.npy"
            _write_array(target / centroids, index.centroids)
        extras = {}
        for key, array in index.extras.items():
            if not _KEY.fullmatch(key):
                raise StorageError(f"extra array name {key!r} is not a plain lower-case name")
            extras[key] = f"extra-{key}.g{generation}.npy"
            _write_array(target / extras[key], array)
        manifest = _manifest(index, generation, entries, centroids, extras)
        _write_bytes(target / MANIFEST, json.dumps(manifest, indent=1).encode())
        for segment in index.segments:
            segment.stored_in = target
        index.source, index.generation = target, generation
        _remove_unreferenced(target, [manifest, previous] if previous else [manifest])


def load_index(directory: Path, *, mmap: bool = True) -> VectorIndex:
    """Load the current generation; memory-mapped segments are shared between processes."""
    target = directory.resolve()
    for attempt in range(_LOAD_ATTEMPTS):
        try:
            return _load_generation(target, mmap)
        except FileNotFoundError:
            # A writer replaced the generation while we were opening its files.
            if attempt == _LOAD_ATTEMPTS - 1 or not (target / MANIFEST).exists():
                raise
    raise AssertionError("unreachable")


def index_to_bytes(index: VectorIndex) -> bytes:
    arrays: dict[str, NDArray[Any]] = {}
    entries = []
    for number, segment in enumerate(index.segments):
        for part in (*_IMMUTABLE, "alive", "lists"):
            arrays[f"{number}.{part}"] = np.asarray(getattr(segment, part))
        entries.append({"name": segment.name, "rows": len(segment)})
    if index.centroids is not None:
        arrays["centroids"] = index.centroids
    for key, array in index.extras.items():
        arrays[f"extra.{key}"] = array
    manifest = _manifest(
        index, index.generation, entries, "centroids", {key: key for key in index.extras}
    )
    arrays["manifest"] = np.frombuffer(json.dumps(manifest).encode(), dtype=np.uint8)
    buffer = io.BytesIO()
    np.savez(buffer, allow_pickle=False, **arrays)
    return buffer.getvalue()


def index_from_bytes(data: bytes) -> VectorIndex:
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        manifest = _checked(json.loads(archive["manifest"].tobytes()))
        index = _empty_index(manifest)
        for number, entry in enumerate(manifest["segments"]):
            parts = {part: archive[f"{number}.{part}"] for part in (*_IMMUTABLE, "alive", "lists")}
            index.segments.append(_segment(entry["name"], parts, index.dimensions, index.storage))
        if "centroids" in archive:
            index.centroids = np.asarray(archive["centroids"], dtype=np.float32)
        for key in manifest["extras"]:
            index.extras[key] = np.asarray(archive[f"extra.{key}"])
    return index


# ---------------------------------------------------------------------- internals


def _load_generation(target: Path, mmap: bool) -> VectorIndex:
    manifest = _checked(_read_manifest(target))
    index = _empty_index(manifest)
    mode: Any = "r" if mmap else None
    for entry in manifest["segments"]:
        name = entry["name"]
        parts = {
            part: np.load(target / f"{name}.{part}.npy", mmap_mode=mode) for part in _IMMUTABLE
        }
        parts["alive"] = np.load(target / entry["alive"]).copy()
        parts["lists"] = np.load(target / entry["lists"])
        segment = _segment(name, parts, index.dimensions, index.storage)
        segment.stored_in = target
        index.segments.append(segment)
    if manifest["centroids"]:
        index.centroids = np.load(target / manifest["centroids"]).astype(np.float32)
    for key, name in manifest["extras"].items():
        # Memory-mapped too: the word index (ADR 0008) is as large as the vectors.
        index.extras[key] = np.load(target / name, mmap_mode=mode)
    index.source, index.generation = target, int(manifest["generation"])
    return index


def _empty_index(manifest: dict[str, Any]) -> VectorIndex:
    index = VectorIndex(
        int(manifest["dimensions"]),
        storage=manifest["storage"],
        exact_limit=int(manifest["exact_limit"]),
        probes=int(manifest["probes"]),
        max_segments=int(manifest["max_segments"]),
    )
    index.trained_size = int(manifest["trained_size"])
    index.next_segment = int(manifest["next_segment"])
    index.metadata = dict(manifest["metadata"])
    return index


def _segment(
    name: str, parts: dict[str, NDArray[Any]], dimensions: int, storage: StorageType
) -> Segment:
    vectors = parts["vectors"]
    if vectors.ndim != 2 or vectors.shape[1] != dimensions or vectors.dtype != np.dtype(storage):
        raise StorageError(f"segment {name} holds {vectors.dtype} vectors of shape {vectors.shape}")
    if parts["ids"].dtype != np.int64 or parts["groups"].dtype != np.int64:
        raise StorageError(f"segment {name} has ids or groups of the wrong type")
    try:
        return Segment(
            name=name,
            ids=parts["ids"],
            groups=parts["groups"],
            vectors=vectors,
            alive=np.asarray(parts["alive"], dtype=np.bool_),
            lists=np.asarray(parts["lists"], dtype=np.int32),
        )
    except ValueError as error:
        raise StorageError(str(error)) from error


def _manifest(
    index: VectorIndex,
    generation: int,
    segments: list[dict[str, Any]],
    centroids: str | None,
    extras: dict[str, str],
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "generation": generation,
        "dimensions": index.dimensions,
        "storage": index.storage,
        "exact_limit": index.exact_limit,
        "probes": index.probes,
        "max_segments": index.max_segments,
        "trained_size": index.trained_size,
        "next_segment": index.next_segment,
        "metadata": index.metadata,
        "centroids": centroids if index.centroids is not None else None,
        "extras": extras,
        "segments": segments,
    }


def _checked(manifest: dict[str, Any]) -> dict[str, Any]:
    if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
        raise StorageError(f"not a {FORMAT} version {VERSION} manifest")
    if manifest.get("storage") not in ("float32", "float16"):
        raise StorageError(f"unknown storage type {manifest.get('storage')!r}")
    return manifest


def _read_manifest(directory: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise StorageError(f"unreadable manifest in {directory}") from error
    return manifest


def _write_segment(segment: Segment, target: Path, generation: int) -> dict[str, Any]:
    for part in _IMMUTABLE:
        path = target / f"{segment.name}.{part}.npy"
        if segment.stored_in != target or not path.exists():
            _write_array(path, np.asarray(getattr(segment, part)))
    alive = f"{segment.name}.alive.g{generation}.npy"
    lists = f"{segment.name}.lists.g{generation}.npy"
    _write_array(target / alive, np.asarray(segment.alive))
    _write_array(target / lists, np.asarray(segment.lists))
    return {"name": segment.name, "rows": len(segment), "alive": alive, "lists": lists}


def _write_array(path: Path, array: NDArray[Any]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as stream:
        np.save(stream, array, allow_pickle=False)
    os.replace(temporary, path)


def _write_bytes(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
    os.replace(temporary, path)


def _remove_unreferenced(target: Path, manifests: list[dict[str, Any]]) -> None:
    keep = {MANIFEST, _LOCK}
    for manifest in manifests:
        if manifest["centroids"]:
            keep.add(manifest["centroids"])
        keep.update(manifest["extras"].values())
        for entry in manifest["segments"]:
            keep.update(f"{entry['name']}.{part}.npy" for part in _IMMUTABLE)
            keep.update((entry["alive"], entry["lists"]))
    for path in target.iterdir():
        if path.is_file() and path.name not in keep and path.name.endswith((".npy", ".tmp")):
            path.unlink(missing_ok=True)


@contextmanager
def _writer_lock(target: Path) -> Iterator[None]:
    with (target / _LOCK).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
