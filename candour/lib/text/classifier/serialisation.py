"""A trained suggester as bytes: numeric arrays and a JSON header in a NumPy .npz archive.

Loading never unpickles (``allow_pickle=False``), so a stored model can hold only numbers
and text: reading one back cannot run code. Entries carry a fixed timestamp, so the same
model always gives the same bytes (and the same hash).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

HEADER = "header"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def pack(header: Mapping[str, Any], arrays: Mapping[str, npt.NDArray[Any]]) -> bytes:
    encoded = json.dumps(header, ensure_ascii=False, sort_keys=True).encode("utf-8")
    entries = {HEADER: np.frombuffer(encoded, dtype=np.uint8), **arrays}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, array in entries.items():
            info = zipfile.ZipInfo(f"{name}.npy", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            with archive.open(info, "w", force_zip64=True) as entry:
                np.lib.format.write_array(entry, np.asanyarray(array), allow_pickle=False)
    return buffer.getvalue()


def unpack(data: bytes) -> tuple[dict[str, Any], dict[str, npt.NDArray[Any]]]:
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
        header = json.loads(arrays.pop(HEADER).tobytes().decode("utf-8"))
    except (OSError, EOFError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise ValueError("not a stored code suggester") from error
    if not isinstance(header, dict):
        raise ValueError("not a stored code suggester")
    return header, arrays
