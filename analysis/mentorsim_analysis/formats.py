"""The kinds of file ``mentorsim`` writes, and the one place that tells them apart.

Every HDF5 file ``mentorsim`` writes has the root attributes ``format`` and ``format_version``
(docs/output-format.md, docs/sweeps.md); :func:`file_kind` reads them, and every reader of the
package opens its file through :func:`open_file`, which checks them the same way.

- "run": format ``mentorsim-run``, from ``mentorsim run --out FILE``; read with runs(), weekly().
- "compare": ``mentorsim-compare``, from ``mentorsim compare --out FILE``; load_compare().
- "sweep": ``mentorsim-sweep``, ``DIR/index.h5`` of ``mentorsim sweep --out DIR``; load_sweep().
- "sweep-part": ``mentorsim-sweep-part``, ``DIR/parts/*.h5`` of the same; read through the index.

>>> import mentorsim_analysis as ma
>>> ma.file_kind("out/compare.h5")         # "compare"
>>> ma.file_kind("out/capacity")           # "sweep": a sweep directory, by its index.h5
"""

from __future__ import annotations

import os
from typing import Union

import h5py
import numpy as np

PathLike = Union[str, "os.PathLike[str]"]

RUN_FORMAT = "mentorsim-run"
COMPARE_FORMAT = "mentorsim-compare"
SWEEP_FORMAT = "mentorsim-sweep"
SWEEP_PART_FORMAT = "mentorsim-sweep-part"
# The layout versions this code reads, per kind: run and comparison files are at version 2 (each
# scenario's runs as arrays) and version 1 (a group per run) is still read; sweeps are at 1.
FORMAT_VERSIONS = {"run": (1, 2), "compare": (1, 2), "sweep": (1,), "sweep-part": (1,)}
SUPPORTED_FORMAT_VERSIONS = tuple(sorted({v for vs in FORMAT_VERSIONS.values() for v in vs}))
INDEX_NAME = "index.h5"  # a sweep directory's index
PLAN_NAME = "plan.toml"  # written at a sweep's start, before any index

# The kind of each format attribute.
KINDS = {RUN_FORMAT: "run", COMPARE_FORMAT: "compare", SWEEP_FORMAT: "sweep",
         SWEEP_PART_FORMAT: "sweep-part"}
# What each kind is called in an error, and which reader a file of that kind wants.
NAMES = {"run": "result file", "compare": "comparison file", "sweep": "sweep index",
         "sweep-part": "part of a sweep"}
READERS = {
    "run": "it is a run file: read it with runs() and weekly()",
    "compare": "it is a comparison file: read it with load_compare",
    "sweep": "it is a sweep index: read it with load_sweep",
    "sweep-part": "it is one part of a sweep: read the sweep's index.h5 with load_sweep",
}


def _python(value):
    """Convert an attribute value read by h5py (numpy scalar, bytes, array) to plain Python."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return [_python(v) for v in value.tolist()]
    if isinstance(value, np.generic):
        return value.item()
    return value


def _open_hdf5(path: str) -> h5py.File:
    """``path`` opened read-only: FileNotFoundError when there is nothing there, ValueError (naming
    the path; h5py's message does not) when it is not an HDF5 file or cannot be read."""
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path}: no such file or directory")
    try:
        return h5py.File(path, "r")
    except OSError as e:
        raise ValueError(f"{path}: not an HDF5 file, or unreadable ({e})") from None


def _kind(f: h5py.File) -> tuple:
    """(kind or None, the format attribute as read) of an open file."""
    fmt = _python(f.attrs.get("format"))
    return (KINDS.get(fmt) if isinstance(fmt, str) else None), fmt


def _check_version(f: h5py.File, path: str) -> None:
    version = _python(f.attrs.get("format_version"))
    kind, _ = _kind(f)
    known = FORMAT_VERSIONS.get(kind, SUPPORTED_FORMAT_VERSIONS)
    if isinstance(version, list) or version not in known:
        raise ValueError(f"{path}: format_version {version!r} is not supported "
                         f"(this reader knows {known})")


def file_kind(path: PathLike) -> str:
    """The kind of mentorsim output at ``path``: "run", "compare", "sweep" or "sweep-part" (table
    above). A directory is a sweep when it holds a sweep's ``index.h5``.

    Raises FileNotFoundError when nothing is at ``path``, and ValueError, naming the path, for
    anything else that is not mentorsim output this code reads: a file that is not HDF5, one whose
    ``format`` attribute is not a mentorsim format, one of a ``format_version`` it does not know,
    a directory without an index (a sweep before ``mentorsim merge``, or any other directory)."""
    p = os.fspath(path)
    if os.path.isdir(p):
        index = os.path.join(p, INDEX_NAME)
        if not os.path.isfile(index):
            hint = ""
            if os.path.exists(os.path.join(p, PLAN_NAME)):
                hint = f" yet: build the index with `mentorsim merge {p}` (or finish the sweep)"
            raise ValueError(f"{p}: is a directory without {INDEX_NAME}, not a mentorsim sweep "
                             f"directory{hint}")
        kind = file_kind(index)
        if kind != "sweep":
            raise ValueError(f"{p}: is a directory whose {INDEX_NAME} is not a sweep index but a "
                             f"{NAMES[kind]}")
        return kind
    with _open_hdf5(p) as f:
        kind, fmt = _kind(f)
        if kind is None:
            raise ValueError(f"{p}: not a mentorsim file (format attribute {fmt!r}; mentorsim "
                             f"writes {', '.join(KINDS)})")
        _check_version(f, p)
    return kind


def open_file(path: PathLike, kind: str) -> h5py.File:
    """Open ``path`` read-only after checking, as :func:`file_kind` does, that it is a file of
    ``kind`` in a layout this code reads. The ValueError for a file of another kind names the
    reader it wants ("...: not a mentorsim result file (format attribute 'mentorsim-sweep'); it
    is a sweep index: read it with load_sweep"); a directory is refused (a sweep directory with
    that hint too). FileNotFoundError when nothing is at ``path``."""
    p = os.fspath(path)
    if os.path.isdir(p):
        hint = ""
        if any(os.path.exists(os.path.join(p, name)) for name in (INDEX_NAME, PLAN_NAME)):
            hint = ": it is a sweep directory: read it with load_sweep"
        raise ValueError(f"{p}: is a directory, not a mentorsim file{hint}")
    f = _open_hdf5(p)
    try:
        found, fmt = _kind(f)
        if found != kind:
            hint = f"; {READERS[found]}" if found else ""
            raise ValueError(f"{p}: not a mentorsim {NAMES[kind]} (format attribute {fmt!r})"
                             f"{hint}")
        _check_version(f, p)
    except BaseException:
        f.close()
        raise
    return f
