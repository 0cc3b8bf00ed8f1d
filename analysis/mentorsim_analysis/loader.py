"""Read mentorsim HDF5 result files into pandas.

The layout is documented in docs/output-format.md: root attributes hold the provenance, and the
runs of one scenario (an *arm*) are stored together. In format version 2 (the current one) an arm
is a group holding the dimension scales ``replicate`` and ``week``, ``run_id``, a ``weekly`` group of
float64 arrays [runs x weeks] (a name such as ``mean_skill/technical`` is a nested group) and a
``summary`` group of float64 arrays [runs]; in version 1 an arm holds a group ``runs/<run_id>`` per
run with 1-D series and scalar summaries. Both are read. Every function takes the path of a file
and opens it read-only for the duration of the call.

A run file is one arm at its root. Comparison files (``mentorsim compare --out``) hold one arm per
scenario at ``/scenarios/<label>``; :func:`load_compare` reads them (see compare.py). A sweep's
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


def _as_arrays(arm: h5py.Group) -> bool:
    """Whether ``arm`` (a run file's root, or a comparison's scenario group) stores its runs as
    arrays (format version 2) rather than a group per run (version 1)."""
    return arm.get("replicate", getclass=True) is h5py.Dataset


def _run_groups(f: h5py.Group) -> list:
    """(run_id, group) of every run below ``f`` in a version-1 arm, in replicate order (by the
    ``replicate`` attribute, so the order does not depend on how run ids sort as strings)."""
    items = list(f["runs"].items())
    return sorted(items, key=lambda item: (int(item[1].attrs["replicate"]), item[0]))


def _arm_runs(arm: h5py.Group) -> list:
    """(run_id, replicate) of every run of ``arm``, in replicate order, in either layout."""
    if _as_arrays(arm):
        return list(zip(arm["run_id"].asstr()[()], (int(r) for r in arm["replicate"][()])))
    return [(run_id, int(g.attrs["replicate"])) for run_id, g in _run_groups(arm)]


def _arm_output_groups(arm: h5py.Group, kind: str) -> list:
    """The groups holding ``arm``'s outputs of ``kind`` ("weekly" or "summary"): the arm's own
    (arrays), or each run's (version 1)."""
    if _as_arrays(arm):
        return [arm[kind]] if kind in arm else []
    return [g[kind] for _, g in _run_groups(arm) if kind in g]


def _arm_summary_rows(arm: h5py.Group) -> list:
    """(run_id, replicate, name, value) of every summary of every run of ``arm``."""
    rows = []
    if _as_arrays(arm):
        runs = _arm_runs(arm)
        for name, dset in _datasets(arm["summary"]).items():
            for (run_id, replicate), value in zip(runs, np.asarray(dset[()], dtype=np.float64)):
                rows.append((run_id, replicate, name, float(value)))
        return sorted(rows, key=lambda row: row[1])
    for run_id, run in _run_groups(arm):
        replicate = int(run.attrs["replicate"])
        for name, dset in _datasets(run["summary"]).items():
            rows.append((run_id, replicate, name, float(dset[()])))
    return rows


def _arm_attrs(arm: h5py.Group, run_id: str) -> h5py.AttributeManager:
    """The attributes describing run ``run_id`` of ``arm`` (the arm's own in version 2, where every
    run shares its scenario); KeyError for a run the arm does not have."""
    ids = [r for r, _ in _arm_runs(arm)]
    if run_id not in ids:
        raise KeyError(f"no run {run_id!r}; runs are {sorted(ids)}")
    return arm.attrs if _as_arrays(arm) else arm["runs"][run_id].attrs


def provenance(path: PathLike) -> dict:
    """Root attributes: format, format_version, version, git_commit, created_utc, command_line,
    threads (and any others a later writer adds), as plain Python values."""
    with _open(path) as f:
        return {key: _python(value) for key, value in f.attrs.items()}


def run_ids(path: PathLike) -> list:
    """Run ids in replicate order ("r0000", "r0001", ...)."""
    with _open(path) as f:
        return [run_id for run_id, _ in _arm_runs(f)]


def series_names(path: PathLike) -> list:
    """Names of the weekly series present in any run, sorted."""
    with _open(path) as f:
        return sorted({name for g in _arm_output_groups(f, "weekly") for name in _datasets(g)})


def runs(path: PathLike) -> pd.DataFrame:
    """One row per run, in replicate order: run_id, scenario_name, seed (uint64), replicate, weeks, then one float
    column per summary value, named as in the file (e.g. "participation"). A summary whose name clashes
    with one of the first five columns is given the prefix "summary/"."""
    with _open(path) as f:
        return _runs_table(f)


def _runs_table(f: h5py.Group) -> pd.DataFrame:
    """The runs() table of the runs of the arm ``f``."""
    if _as_arrays(f):
        runs = _arm_runs(f)
        if not runs:
            return pd.DataFrame(columns=RUN_COLUMNS)
        table = {
            "run_id": [run_id for run_id, _ in runs],
            "scenario_name": _python(f.attrs["scenario_name"]),
            "seed": np.uint64(f.attrs["seed"]),
            "replicate": np.asarray([r for _, r in runs], dtype=np.int64),
            "weeks": int(f.attrs["weeks"]),
        }
        for name, dset in _datasets(f["summary"]).items():
            table["summary/" + name if name in RUN_COLUMNS else name] = \
                np.asarray(dset[()], dtype=np.float64)
        return pd.DataFrame(table).astype({"seed": np.uint64, "replicate": np.int64,
                                           "weeks": np.int64})
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
    """(frames, names seen): weekly() frames of the selected series of the arm ``f``, rows in run,
    then series (by name), then week order."""
    if _as_arrays(f):
        return _weekly_arrays(f, wanted)
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


def _weekly_arrays(f: h5py.Group, wanted: Optional[set]) -> tuple:
    """_weekly_frames of a version-2 arm: every selected series read whole, as one frame."""
    outputs = sorted(_datasets(f["weekly"]).items()) if "weekly" in f else []
    seen = {name for name, _ in outputs}
    chosen = [(name, dset) for name, dset in outputs if wanted is None or name in wanted]
    runs = _arm_runs(f)
    if not chosen or not runs:
        return [], seen
    values = np.stack([np.asarray(dset[()], dtype=np.float64) for _, dset in chosen])
    n_series, n_runs, n_weeks = values.shape  # [series, runs, weeks] -> rows run, series, week
    per_run = n_series * n_weeks
    frame = pd.DataFrame({
        "run_id": np.repeat(np.asarray([r for r, _ in runs], dtype=object), per_run),
        "scenario_name": _python(f.attrs["scenario_name"]),
        "replicate": np.repeat(np.asarray([r for _, r in runs], dtype=np.int64), per_run),
        "week": np.tile(np.arange(n_weeks, dtype=np.int64), n_runs * n_series),
        "series": np.tile(np.repeat(np.asarray([n for n, _ in chosen], dtype=object), n_weeks),
                          n_runs),
        "value": values.transpose(1, 0, 2).reshape(-1),
    })
    return [frame], seen


def resolved_scenario(path: PathLike, run_id: str) -> str:
    """The resolved scenario of one run as TOML text: every parameter after defaults and --set,
    enough to rerun it with ``mentorsim run``."""
    with _open(path) as f:
        return _python(_arm_attrs(f, run_id)["resolved_scenario"])


def zones(path: PathLike, run_id: str) -> list:
    """The zone names of one run (the <zone> in the mean_skill/<zone> series)."""
    with _open(path) as f:
        return _python(_arm_attrs(f, run_id)["zones"])


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
