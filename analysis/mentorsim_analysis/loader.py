"""Read mentorsim HDF5 result files into pandas.

The layout is documented in docs/output-format.md: root attributes hold the provenance, and each
run is a group ``/runs/<run_id>`` with attributes, a ``weekly`` group of 1-D float64 series (a name
such as ``mean_skill/technical`` is a nested group) and a ``summary`` group of scalar float64
values. Every function takes the path of a file and opens it read-only for the duration of the call.

Comparison files (``mentorsim compare --out``) hold the same run groups under
``/scenarios/<label>/runs/<run_id>``; :func:`load_compare` reads them (see compare.py). A sweep's
``index.h5`` (``mentorsim sweep --out DIR``) is read by :func:`load_sweep` (see sweep.py).
:func:`file_kind` (formats.py) tells which of these a path is.
"""

from __future__ import annotations

import os
from typing import Iterable, Optional, Union

import h5py
import numpy as np
import pandas as pd

# FORMAT and SUPPORTED_FORMAT_VERSIONS are re-exported, as before formats.py held them.
from .formats import RUN_FORMAT as FORMAT  # noqa: F401
from .formats import SUPPORTED_FORMAT_VERSIONS, PathLike, _python, open_file  # noqa: F401

RUN_COLUMNS = ["run_id", "scenario_name", "seed", "replicate", "weeks"]
WEEKLY_COLUMNS = ["run_id", "scenario_name", "replicate", "week", "series", "value"]


def _open(path: PathLike) -> h5py.File:
    """Open ``path`` read-only, checking that it is a run file in a layout this code reads
    (ValueError naming the path, and the right reader for a file of another kind)."""
    return open_file(path, "run")


def _datasets(group: h5py.Group) -> dict:
    """All datasets below ``group``, keyed by their path relative to it ("mean_skill/technical")."""
    found = {}
    group.visititems(
        lambda name, obj: found.__setitem__(name, obj) if isinstance(obj, h5py.Dataset) else None
    )
    return found


def _run_groups(f: h5py.Group) -> list:
    """(run_id, group) of every run below ``f`` (a file, or a comparison's scenario group) in
    replicate order (by the ``replicate`` attribute, so the order does not depend on how run ids
    sort as strings)."""
    items = list(f["runs"].items())
    return sorted(items, key=lambda item: (int(item[1].attrs["replicate"]), item[0]))


def _run_group(f: h5py.File, run_id: str) -> h5py.Group:
    if run_id not in f["runs"]:
        raise KeyError(f"no run {run_id!r}; runs are {sorted(f['runs'])}")
    return f["runs"][run_id]


def provenance(path: PathLike) -> dict:
    """Root attributes: format, format_version, version, git_commit, created_utc, command_line,
    threads (and any others a later writer adds), as plain Python values."""
    with _open(path) as f:
        return {key: _python(value) for key, value in f.attrs.items()}


def run_ids(path: PathLike) -> list:
    """Run ids in replicate order ("r0000", "r0001", ...)."""
    with _open(path) as f:
        return [run_id for run_id, _ in _run_groups(f)]


def series_names(path: PathLike) -> list:
    """Names of the weekly series present in any run, sorted."""
    with _open(path) as f:
        return sorted({name for g in f["runs"].values() for name in _datasets(g["weekly"])})


def runs(path: PathLike) -> pd.DataFrame:
    """One row per run, in replicate order: run_id, scenario_name, seed (uint64), replicate, weeks, then one float
    column per summary value, named as in the file (e.g. "participation"). A summary whose name clashes
    with one of the first five columns is given the prefix "summary/"."""
    with _open(path) as f:
        return _runs_table(f)


def _runs_table(f: h5py.Group) -> pd.DataFrame:
    """The runs() table of the runs below ``f``."""
    rows = []
    for run_id, g in _run_groups(f):
        row = {
            "run_id": run_id,
            "scenario_name": _python(g.attrs["scenario_name"]),
            "seed": np.uint64(g.attrs["seed"]),
            "replicate": int(g.attrs["replicate"]),
            "weeks": int(g.attrs["weeks"]),
        }
        for name, dset in _datasets(g["summary"]).items():
            row["summary/" + name if name in RUN_COLUMNS else name] = float(dset[()])
        rows.append(row)
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=RUN_COLUMNS)
    return df.astype({"seed": np.uint64, "replicate": np.int64, "weeks": np.int64})


def weekly(path: PathLike, series: Optional[Union[str, Iterable[str]]] = None) -> pd.DataFrame:
    """Weekly series as a tidy DataFrame with columns run_id, scenario_name, replicate, week, series,
    value: one row per run, series and week. ``week`` is the 0-based index into the series (the value
    recorded at the end of that week). ``series`` selects one name or a list of names (default: all);
    a name present in no run raises KeyError."""
    wanted = None
    if series is not None:
        wanted = {series} if isinstance(series, str) else set(series)
    with _open(path) as f:
        frames, seen = _weekly_frames(f, wanted)
    if wanted is not None and not wanted <= seen:
        raise KeyError(f"no series {sorted(wanted - seen)}; series are {sorted(seen)}")
    if not frames:
        return _empty_weekly()
    return pd.concat(frames, ignore_index=True)[WEEKLY_COLUMNS]


def _empty_weekly() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "run_id": pd.Series(dtype=object),
            "scenario_name": pd.Series(dtype=object),
            "replicate": pd.Series(dtype=np.int64),
            "week": pd.Series(dtype=np.int64),
            "series": pd.Series(dtype=object),
            "value": pd.Series(dtype=np.float64),
        }
    )


def _weekly_frames(f: h5py.Group, wanted: Optional[set]) -> tuple:
    """(frames, names seen): one weekly() frame per run and selected series below ``f``."""
    frames = []
    seen = set()
    for run_id, g in _run_groups(f):
        scenario_name = _python(g.attrs["scenario_name"])
        replicate = int(g.attrs["replicate"])
        for name, dset in sorted(_datasets(g["weekly"]).items()):
            seen.add(name)
            if wanted is not None and name not in wanted:
                continue
            values = np.asarray(dset[()], dtype=np.float64)
            frames.append(
                pd.DataFrame(
                    {
                        "run_id": run_id,
                        "scenario_name": scenario_name,
                        "replicate": np.full(values.size, replicate, dtype=np.int64),
                        "week": np.arange(values.size, dtype=np.int64),
                        "series": name,
                        "value": values,
                    }
                )
            )
    return frames, seen


def resolved_scenario(path: PathLike, run_id: str) -> str:
    """The resolved scenario of one run as TOML text: every parameter after defaults and --set,
    enough to rerun it with ``mentorsim run``."""
    with _open(path) as f:
        return _python(_run_group(f, run_id).attrs["resolved_scenario"])


def zones(path: PathLike, run_id: str) -> list:
    """The zone names of one run (the <zone> in the mean_skill/<zone> series)."""
    with _open(path) as f:
        return _python(_run_group(f, run_id).attrs["zones"])


class Results:
    """A result file: the module's functions bound to one path.

    >>> r = open_results("out.h5")
    >>> r.runs()[["replicate", "participation"]]
    """

    def __init__(self, path: PathLike):
        self.path = os.fspath(path)
        with _open(self.path):  # fail now, not on first use, if it is not a result file
            pass

    def provenance(self) -> dict:
        return provenance(self.path)

    def run_ids(self) -> list:
        return run_ids(self.path)

    def series_names(self) -> list:
        return series_names(self.path)

    def runs(self) -> pd.DataFrame:
        return runs(self.path)

    def weekly(self, series: Optional[Union[str, Iterable[str]]] = None) -> pd.DataFrame:
        return weekly(self.path, series)

    def resolved_scenario(self, run_id: str) -> str:
        return resolved_scenario(self.path, run_id)

    def zones(self, run_id: str) -> list:
        return zones(self.path, run_id)

    def __repr__(self) -> str:
        return f"Results({self.path!r})"


def open_results(path: PathLike) -> Results:
    """Check that ``path`` is a mentorsim result file and return a :class:`Results` for it."""
    return Results(path)
