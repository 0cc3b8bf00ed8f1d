"""Read a ``mentorsim sweep`` directory (its ``index.h5``, format ``mentorsim-sweep``) into pandas.

Layout (docs/sweeps.md): root attributes hold the provenance, the sweep (``sweep_name``,
``sweep_text``, ``points``, ``replicates``, ``seed``, ``runs_total``, ``runs_done``, ``complete``)
and the names of the ``axes`` and ``metrics`` (report order). ``/points`` holds one entry per point
(``axes/<key>``: float64, or TOML text when an axis has a non-number; ``runs_done``;
``scenario_hash``; ``resolved_scenario``; ``summary/<metric>/{mean,sd,ci_low,ci_high}``),
``/runs`` one entry per done run in run order (``run_index``, ``run_id``, ``point``, ``replicate``,
``seed``, ``summary/<metric>``), and ``/weekly/<run_id>`` is an external link to the run's weekly
group in the part that holds it (``parts/<part>.h5``, relative to the index's directory).

>>> import mentorsim_analysis as ma
>>> s = ma.load_sweep("out/capacity")          # the sweep directory, or its index.h5
>>> s.axes, s.complete
>>> s.points               # point, one column per axis, runs_done, scenario_hash
>>> s.runs                 # run_id, run_index, point, replicate, seed, axes, one column per metric
>>> s.point_summaries      # tidy: point, axes, metric, mean, sd, ci_low, ci_high, units
>>> ma.sweep_weekly(s, "participation")   # tidy: run_id, point, replicate, week, series, value
"""

from __future__ import annotations

import os
import pathlib
import tomllib
from dataclasses import dataclass, field
from typing import Iterable, Optional, Union

import h5py
import numpy as np
import pandas as pd

from .formats import INDEX_NAME, PLAN_NAME, SWEEP_FORMAT, open_file  # noqa: F401 (re-exported)
from .loader import PathLike, _datasets, _python

RUN_ID_COLUMNS = ["run_id", "run_index", "point", "replicate", "seed"]
STAT_COLUMNS = ["mean", "sd", "ci_low", "ci_high"]
SWEEP_WEEKLY_COLUMNS = ["run_id", "point", "replicate", "week", "series", "value"]


@dataclass
class Sweep:
    """The contents of a sweep's index.

    - ``path``: the index file; ``directory``: the sweep directory holding it.
    - ``provenance``: the root attributes as plain Python values (sweep_name, sweep_text, seed,
      replicates, runs_total, runs_done, git_commit, command_line, ...).
    - ``axes``: the axis keys in the sweep file's order; ``metrics``: every summary metric, in
      report order.
    - ``complete``: True when every run of the sweep is done; ``missing_runs``: the run indices
      that are not (an index ``mentorsim merge`` wrote before every shard finished).
    - ``points``: one row per point: point, one column per axis, runs_done, scenario_hash. An axis
      of numbers is float; an axis of strings (a ``base`` axis of scenario files, a choice such as
      ``matching``) is plain text without TOML quotes; booleans are bool; any other value (a list)
      is kept as the TOML text that ran.
    - ``resolved``: per point, the resolved scenario TOML ("" for a point with no run done yet).
    - ``runs``: one row per done run, in run order: run_id, run_index, point, replicate, seed
      (uint64), the point's axis values, then one float column per metric (NaN where a run reports
      none). A metric whose name clashes with an earlier column gets the prefix "summary/".
    - ``point_summaries``: tidy, metric by metric in report order, points within: point, the axis
      columns, metric, mean, sd, ci_low, ci_high, units — the numbers ``mentorsim summarize``
      prints (NaN for a point with no run done).
    """

    path: str
    directory: str
    provenance: dict
    axes: list
    metrics: list
    complete: bool
    missing_runs: np.ndarray
    points: pd.DataFrame
    resolved: dict
    runs: pd.DataFrame
    point_summaries: pd.DataFrame = field(repr=False)

    def weekly(self, series: Optional[Union[str, Iterable[str]]] = None,
               run_ids: Optional[Union[str, Iterable[str]]] = None) -> pd.DataFrame:
        """:func:`sweep_weekly` of this sweep."""
        return sweep_weekly(self, series, run_ids)


def index_path(path: PathLike) -> pathlib.Path:
    """The index of a sweep given as its directory or as the index file itself. Raises
    FileNotFoundError for a sweep directory without an index (a job array's shards before
    ``mentorsim merge``, or a sweep stopped before its end)."""
    p = pathlib.Path(os.fspath(path))
    if p.is_dir():
        index = p / INDEX_NAME
        if not index.exists():
            hint = ""
            if (p / PLAN_NAME).exists():
                hint = f": build it with `mentorsim merge {p}` (or finish the sweep)"
            raise FileNotFoundError(f"{p}: no {INDEX_NAME} in this directory{hint}")
        return index
    if not p.exists():
        raise FileNotFoundError(f"{p}: no such sweep directory or index file")
    return p


def _open_index(path: PathLike) -> h5py.File:
    """Open a sweep index read-only (ValueError, naming the file, for anything else)."""
    return open_file(path, "sweep")


def _strings(dset: h5py.Dataset) -> list:
    return [str(s) for s in dset.asstr()[()]]


def _axis_value(text: str):
    """A non-number axis value stored as its TOML text, as Python: a string without its quotes,
    a boolean as bool; anything else (a list, a table) stays the TOML text."""
    try:
        value = tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text
    if isinstance(value, (str, bool)):
        return value
    if isinstance(value, (int, float)):  # a number in an axis that also has non-numbers
        return float(value)
    return text


def _axis_column(dset: h5py.Dataset) -> list:
    if dset.dtype.kind == "f":
        return dset[()].astype(np.float64)
    return [_axis_value(text) for text in _strings(dset)]


def _unique_name(name: str, taken: set) -> str:
    return "summary/" + name if name in taken else name


def load_sweep(path: PathLike) -> Sweep:
    """Read a sweep directory (or its ``index.h5``). Raises ValueError, naming the file, for a file
    that is not a sweep index (a run or comparison file, a part of a sweep), and
    FileNotFoundError for a directory that has no index yet."""
    index = index_path(path)
    with _open_index(index) as f:
        provenance = {key: _python(value) for key, value in f.attrs.items()}
        axes = [str(a) for a in _python(f.attrs["axes"])]
        metrics = [str(m) for m in _python(f.attrs["metrics"])]
        P = int(provenance["points"])

        points = pd.DataFrame({"point": f["points/point"][()].astype(np.int64)})
        for key in axes:
            points[key] = _axis_column(f["points/axes"][key])
        points["runs_done"] = f["points/runs_done"][()].astype(np.int64)
        points["scenario_hash"] = _strings(f["points/scenario_hash"])
        resolved = dict(zip(points["point"].tolist(), _strings(f["points/resolved_scenario"])))
        if len(points) != P:
            raise ValueError(f"{index}: {len(points)} points stored, {P} in the attributes")

        runs = pd.DataFrame(
            {
                "run_id": _strings(f["runs/run_id"]),
                "run_index": f["runs/run_index"][()].astype(np.int64),
                "point": f["runs/point"][()].astype(np.int64),
                "replicate": f["runs/replicate"][()].astype(np.int64),
                "seed": f["runs/seed"][()].astype(np.uint64),
            }
        )
        by_point = points.set_index("point")
        for key in axes:
            runs[key] = by_point[key].reindex(runs["point"]).to_numpy()
        taken = set(runs.columns)
        metric_columns = {}
        for name in metrics:
            column = _unique_name(name, taken)
            metric_columns[column] = f["runs/summary"][name][()].astype(np.float64)
        runs = pd.concat([runs, pd.DataFrame(metric_columns, index=runs.index)], axis=1)

        frames = []
        for name in metrics:
            group = f["points/summary"][name]
            frame = points[["point", *axes]].copy()
            frame["metric"] = name
            for stat in STAT_COLUMNS:
                frame[stat] = group[stat][()].astype(np.float64)
            frame["units"] = str(_python(group.attrs.get("units", "")))
            frames.append(frame)
        if frames:
            point_summaries = pd.concat(frames, ignore_index=True)
        else:
            point_summaries = pd.DataFrame(
                columns=["point", *axes, "metric", *STAT_COLUMNS, "units"])
        missing = f["missing_runs"][()].astype(np.uint64) if "missing_runs" in f else np.array(
            [], dtype=np.uint64)
    return Sweep(
        path=str(index),
        directory=str(index.parent),
        provenance=provenance,
        axes=axes,
        metrics=metrics,
        complete=bool(provenance.get("complete", 0)),
        missing_runs=missing,
        points=points,
        resolved=resolved,
        runs=runs,
        point_summaries=point_summaries,
    )


def _empty_sweep_weekly() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "run_id": pd.Series(dtype=object),
            "point": pd.Series(dtype=np.int64),
            "replicate": pd.Series(dtype=np.int64),
            "week": pd.Series(dtype=np.int64),
            "series": pd.Series(dtype=object),
            "value": pd.Series(dtype=np.float64),
        }
    )


def _selection(value) -> Optional[list]:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def sweep_weekly(sweep: Union[Sweep, PathLike],
                 series: Optional[Union[str, Iterable[str]]] = None,
                 run_ids: Optional[Union[str, Iterable[str]]] = None) -> pd.DataFrame:
    """Weekly series of a sweep's runs as a tidy DataFrame: run_id, point, replicate, week, series,
    value, in run order, each run's series sorted by name. ``sweep`` is a :class:`Sweep`, a sweep
    directory or its index. ``series`` selects one name or a list (default: all; a name present in
    none of the selected runs raises KeyError); ``run_ids`` one id or a list (default: every done
    run; an id that is not a done run raises KeyError). The series are read from the parts through
    the index's external links. Raises ValueError for a sweep run with ``weekly = false``."""
    path = sweep.path if isinstance(sweep, Sweep) else index_path(sweep)
    wanted_series = _selection(series)
    wanted_runs = _selection(run_ids)
    frames, seen = [], set()
    with _open_index(path) as f:
        ids = _strings(f["runs/run_id"])
        points = f["runs/point"][()].astype(np.int64)
        replicates = f["runs/replicate"][()].astype(np.int64)
        if "weekly" not in f:
            if ids:
                raise ValueError(f"{path}: the sweep has no weekly series (weekly = false)")
            rows = []
        elif wanted_runs is None:
            rows = list(range(len(ids)))
        else:
            position = {run_id: k for k, run_id in enumerate(ids)}
            unknown = [r for r in wanted_runs if r not in position]
            if unknown:
                raise KeyError(f"{path}: no done run {unknown}; runs are {ids[0] if ids else '-'} "
                               f"... {ids[-1] if ids else '-'} ({len(ids)} done)")
            rows = [position[r] for r in wanted_runs]
        for k in rows:
            run_id = ids[k]
            link = f["weekly"].get(run_id, getlink=True)
            if link is None:
                raise ValueError(f"{path}: run {run_id} is done but has no /weekly link")
            try:
                group = f["weekly"][run_id]
            except KeyError as e:
                target = getattr(link, "filename", "?")
                raise FileNotFoundError(
                    f"{path}: the weekly series of {run_id} are in {target} (relative to "
                    f"{pathlib.Path(path).parent}), which cannot be opened: {e}") from None
            for name, dset in sorted(_datasets(group).items()):
                seen.add(name)
                if wanted_series is not None and name not in wanted_series:
                    continue
                values = np.asarray(dset[()], dtype=np.float64)
                frames.append(
                    pd.DataFrame(
                        {
                            "run_id": run_id,
                            "point": np.full(values.size, points[k], dtype=np.int64),
                            "replicate": np.full(values.size, replicates[k], dtype=np.int64),
                            "week": np.arange(values.size, dtype=np.int64),
                            "series": name,
                            "value": values,
                        }
                    )
                )
    if wanted_series is not None and rows and not set(wanted_series) <= seen:
        raise KeyError(f"no series {sorted(set(wanted_series) - seen)}; series are {sorted(seen)}")
    if not frames:
        return _empty_sweep_weekly()
    return pd.concat(frames, ignore_index=True)[SWEEP_WEEKLY_COLUMNS]
