"""Standard figures of mentorsim results (issue 6): each function takes loaded data or a path and
returns a :class:`matplotlib.figure.Figure`, saved too when ``out=`` names a file.

Time series (a run file of ``mentorsim run --out``, a comparison file of ``mentorsim compare
--out``, their path, a :class:`~.loader.Results` or a :class:`~.compare.Comparison`): one line per
scenario, the mean over replicates week by week, with a shaded 95% confidence band.

>>> import mentorsim_analysis.figures as mf
>>> mf.coverage_and_waiting_list("out/compare.h5", out="coverage.png")
>>> mf.load_and_burnout(c)                 # c = ma.load_compare(...)
>>> mf.knowledge_around_shock(c, before=13, after=52)
>>> mf.equity_by_group("out/run.h5")
>>> mf.shock_against_twin(c)               # each shock arm against its no-shock twin

Sweeps (a :class:`~.sweep.Sweep`, its directory or index), per-point means of a summary metric:

>>> mf.sweep_response(s, "peak_waiting_list", x="joining.arrivals_per_week",
...                   by="programme.one_on_one.capacity")
>>> mf.sweep_heatmap(s, "mean_participation", x="joining.arrivals_per_week",
...                  y="programme.one_on_one.capacity")

Uncertain assumptions (``compare --uncertain``): uncertainty_figures.py.

Every band and error bar is :func:`replicate_band`: mean ± t(0.975, n − 1) · sd / √n over the
replicates (n of them, NaN values left out; t from :func:`~.stats.t_quantile_975`), clipped as
``mentorsim run`` clips its intervals (at 0 when no replicate is negative and, for a metric the file
declares with aggregate "share mean", at 1 when none exceeds 1; metadata.py). The figures are built on :class:`~matplotlib.figure.Figure` directly, not
through pyplot, so importing this module selects no interactive backend and keeps no global figure.
"""

from __future__ import annotations

import difflib
import math
import os
import tomllib
import warnings
from dataclasses import dataclass
from typing import Iterable, Mapping, Optional

import h5py
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .compare import Comparison, load_compare, twins as find_twins
from .formats import NAMES, file_kind
from .loader import (PathLike, Results, _arm_output_groups, _datasets, resolved_scenario, run_ids,
                     weekly)
from .metadata import SHARE, metric_metadata
from .stats import t_quantile_975

# Units of the weekly series drawn here (docs/model.md §4 and docs/metrics.md).
SERIES_LABELS = {
    "participation": "coverage (share of practitioners with a mentor)",
    "waiting_list": "waiting list (practitioners)",
    "load_p95_hours": "95th percentile load (hours/week)",
    "load_max_hours": "maximum load (hours/week)",
    "burned_out_mentor_share": "burned-out mentors (share of mentors)",
    "knowledge_stock": "knowledge stock (skill × practitioners)",
    "effective_coverage": "effective coverage (share of practitioners)",
    "orphaned_learners": "orphaned learners (practitioners)",
}
# The series shock_against_twin draws by default: what a shock does, and what recovery means
# (recovery_weeks is measured on effective coverage; docs/metrics.md).
TWIN_SERIES = ("effective_coverage", "orphaned_learners", "knowledge_stock")
GROUP_PREFIX = "participation_by_group/"
WEEK_LABEL = "week (weeks since the start of the run)"
BAND_ALPHA = 0.2


# --- the confidence band -------------------------------------------------------------------------

def replicate_band(table: pd.DataFrame, by, value: str = "value", *, clip: bool = True,
                   share: bool = False) -> pd.DataFrame:
    """Mean and 95% interval of ``value`` over the rows of each group of ``by`` (a column or a
    list: e.g. ["scenario", "week"], one row per replicate in each group). Returns the ``by``
    columns, then n (the non-NaN values), mean, sd (sample), ci_low and ci_high =
    mean ∓ t(0.975, n − 1) · sd / √n, sorted by ``by``. sd and the interval are NaN for
    n < 2.

    With ``clip`` (the default), as in ``mentorsim``'s tables: when no value of a group is
    negative, ci_low is at least 0; with ``share`` too, when none exceeds 1, ci_high is at most 1
    (a count or a share cannot leave its range, however few the replicates)."""
    by = [by] if isinstance(by, str) else list(by)
    stats = (table.groupby(by, observed=True, sort=True)[value]
             .agg(n="count", mean="mean", sd="std", low="min", high="max").reset_index())
    n = stats["n"].to_numpy(dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        half = t_quantile_975(n - 1) * stats["sd"].to_numpy() / np.sqrt(n)
    ci_low, ci_high = stats["mean"].to_numpy() - half, stats["mean"].to_numpy() + half
    if clip:  # np.maximum and np.minimum keep NaN
        ci_low = np.where(stats["low"] >= 0, np.maximum(ci_low, 0.0), ci_low)
        if share:
            ci_high = np.where(stats["high"] <= 1, np.minimum(ci_high, 1.0), ci_high)
    stats["ci_low"], stats["ci_high"] = ci_low, ci_high
    return stats.drop(columns=["low", "high"])


def _draw_band(ax, x, band: pd.DataFrame, color, label, linestyle="-"):
    """The mean as a line and, where it is defined, the interval as a shaded band."""
    (line,) = ax.plot(x, band["mean"].to_numpy(), color=color, linestyle=linestyle, label=label)
    low, high = band["ci_low"].to_numpy(), band["ci_high"].to_numpy()
    if np.isfinite(low).any():
        ax.fill_between(x, low, high, color=color, alpha=BAND_ALPHA, linewidth=0)
    return line


# --- reading the data ----------------------------------------------------------------------------

@dataclass
class _TimeSeries:
    """Weekly series of a run or comparison file, normalised: ``weekly`` has columns scenario,
    replicate, week, series, value; ``resolved`` maps each scenario to the TOML that ran."""

    name: str
    scenarios: list
    resolved: dict
    weekly: pd.DataFrame
    shares: set = frozenset()  # the series declared "share mean": bands clipped at 1 too


def _shares(path: PathLike, names: Iterable[str], kind: str = "series") -> set:
    """The outputs of ``kind`` among ``names`` whose declared aggregate is "share mean"."""
    meta = metric_metadata(path, list(names))
    return set(meta.loc[(meta["kind"] == kind) & (meta["aggregate"] == SHARE), "name"])


def _time_series_kind(path: PathLike) -> str:
    """"run" or "compare" (:func:`~.formats.file_kind`); ValueError for any other input."""
    kind = file_kind(path)
    if kind not in ("run", "compare"):
        what = "a directory (a sweep)" if os.path.isdir(path) else f"a {NAMES[kind]}"
        raise ValueError(f"{path}: is {what}, not a run or comparison file, which the time-series "
                         "figures take (a sweep goes to sweep_response or sweep_heatmap)")
    return kind


def _series_in_file(path: PathLike, kind: str) -> list:
    """Every weekly series name of a run or comparison file, without reading the values."""
    names = set()
    with h5py.File(path, "r") as f:
        tops = [f] if kind == "run" else [f["scenarios"][label] for label in f["scenarios"]]
        for top in tops:
            for group in _arm_output_groups(top, "weekly"):
                names.update(_datasets(group))
    return sorted(names)


def _select(names: list, series: Iterable[str], prefix: Optional[str]) -> list:
    wanted = list(series) + ([n for n in names if n.startswith(prefix)] if prefix else [])
    missing = [s for s in series if s not in names]
    if missing:
        raise KeyError(f"no weekly series {missing} in the data{_did_you_mean(missing[0], names)}")
    if prefix and not any(n.startswith(prefix) for n in names):
        raise KeyError(f"no weekly series {prefix}<...> in the data")
    return wanted


def _time_series(data, series: Iterable[str] = (), prefix: Optional[str] = None,
                 scenarios: Optional[Iterable[str]] = None) -> _TimeSeries:
    """Read ``series`` (and every series starting with ``prefix``) from a run or comparison file,
    its path, a Results or a Comparison, keeping only ``scenarios`` when given."""
    series = list(series)
    if isinstance(data, Results):
        data = data.path
    if isinstance(data, Comparison):
        names = sorted(data.weekly["series"].unique())
        w = data.weekly[data.weekly["series"].isin(_select(names, series, prefix))]
        ts = _TimeSeries(os.path.basename(data.path), list(data.scenarios), dict(data.resolved),
                         w.drop(columns=["run_id"]), _shares(data.path, w["series"].unique()))
    elif isinstance(data, (str, os.PathLike)):
        kind = _time_series_kind(data)
        wanted = _select(_series_in_file(data, kind), series, prefix)
        if kind == "compare":
            return _time_series(load_compare(data, wanted), series, prefix, scenarios)
        w = weekly(data, wanted)
        label = str(w["scenario_name"].iloc[0]) if len(w) else "run"
        w = w.drop(columns=["run_id", "scenario_name"])
        w.insert(0, "scenario", pd.Categorical([label] * len(w), categories=[label], ordered=True))
        ts = _TimeSeries(os.path.basename(os.fspath(data)), [label],
                         {label: resolved_scenario(data, run_ids(data)[0])}, w,
                         _shares(data, wanted))
    else:
        raise TypeError(f"expected a run or comparison file (path, Results or Comparison), not "
                        f"{type(data).__name__}")
    if scenarios is not None:
        keep = [scenarios] if isinstance(scenarios, str) else list(scenarios)
        unknown = [s for s in keep if s not in ts.scenarios]
        if unknown:
            raise KeyError(f"no scenario {unknown[0]!r}{_did_you_mean(unknown[0], ts.scenarios)}")
        ts.scenarios = keep
        ts.weekly = ts.weekly[ts.weekly["scenario"].isin(keep)].copy()
        ts.weekly["scenario"] = pd.Categorical(ts.weekly["scenario"].astype(str),
                                               categories=keep, ordered=True)
    return ts


def _did_you_mean(name: str, valid: Iterable[str]) -> str:
    valid = [str(v) for v in valid]
    close = difflib.get_close_matches(str(name), valid, n=3)
    hint = f" (did you mean {', '.join(map(repr, close))}?)" if close else ""
    listing = ", ".join(valid) if len(valid) <= 12 else f"{len(valid)} in all"
    return f"{hint}; valid: {listing}"


def _replicate_note(w: pd.DataFrame) -> str:
    counts = sorted(w.groupby("scenario", observed=True)["replicate"].nunique().unique())
    n = "/".join(str(c) for c in counts)
    band = ", shaded: 95% confidence interval" if counts and max(counts) > 1 else ""
    return f"mean over replicates (n = {n}){band}"


def _color(k: int) -> str:
    return f"C{k % 10}"


def _new_figure(rows: int = 1, cols: int = 1, width: float = 8.0, height: float = 4.5,
                **subplots) -> tuple:
    fig = Figure(figsize=(width, height), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False, **subplots)
    return fig, axes


def _title(fig: Figure, title: str, note: str) -> None:
    fig.suptitle(f"{title}\n{note}", fontsize="medium")


def _outside_legend(ax, *args, **kwargs):
    """A legend to the right of the axes, where it hides no data."""
    return ax.legend(*args, loc="upper left", bbox_to_anchor=(1.01, 1.0), borderaxespad=0.0,
                     fontsize="small", **kwargs)


def _finish(fig: Figure, out: Optional[PathLike]) -> Figure:
    if out is not None:
        fig.savefig(out, dpi=150)
    return fig


# --- time series ---------------------------------------------------------------------------------

def _series_panel(ax, ts: _TimeSeries, name: str, linestyle: str = "-", suffix: str = "") -> None:
    w = ts.weekly[ts.weekly["series"] == name]
    band = replicate_band(w, ["scenario", "week"], share=name in ts.shares)
    for k, label in enumerate(ts.scenarios):
        rows = band[band["scenario"] == label]
        if len(rows):
            _draw_band(ax, rows["week"].to_numpy(), rows, _color(k), f"{label}{suffix}", linestyle)
    ax.set_ylabel(SERIES_LABELS.get(name, name))
    ax.grid(True, alpha=0.3)


def coverage_and_waiting_list(data, *, scenarios=None, out: Optional[PathLike] = None) -> Figure:
    """Coverage (top) and waiting list (bottom) week by week, one line per scenario with its 95%
    band across replicates. ``data``: a run or comparison file, its path, a Results or a
    Comparison; ``scenarios`` keeps some of a comparison's scenarios, in that order."""
    ts = _time_series(data, ["participation", "waiting_list"], scenarios=scenarios)
    fig, axes = _new_figure(2, 1, width=9.0, height=6.5, sharex=True)
    top, bottom = axes[:, 0]
    _series_panel(top, ts, "participation")
    _series_panel(bottom, ts, "waiting_list")
    top.set_title("Coverage", fontsize="medium")
    bottom.set_title("Waiting list", fontsize="medium")
    bottom.set_xlabel(WEEK_LABEL)
    _outside_legend(top, title="scenario")
    _title(fig, f"Coverage and waiting list — {ts.name}", _replicate_note(ts.weekly))
    return _finish(fig, out)


def load_and_burnout(data, *, scenarios=None, out: Optional[PathLike] = None) -> Figure:
    """The mentor load distribution (top: 95th percentile, solid, and maximum, dashed, of the
    developers' load in hours/week) and the share of mentors burned out (bottom), week by week,
    one colour per scenario, with 95% bands across replicates."""
    ts = _time_series(data, ["load_p95_hours", "load_max_hours", "burned_out_mentor_share"],
                      scenarios=scenarios)
    fig, axes = _new_figure(2, 1, width=9.0, height=6.5, sharex=True)
    top, bottom = axes[:, 0]
    _series_panel(top, ts, "load_p95_hours", "-", ": 95th percentile")
    _series_panel(top, ts, "load_max_hours", "--", ": maximum")
    top.set_ylabel("developers' load (hours/week)")
    _series_panel(bottom, ts, "burned_out_mentor_share")
    top.set_title("Mentor load (developers carrying load)", fontsize="medium")
    bottom.set_title("Burnout", fontsize="medium")
    bottom.set_xlabel(WEEK_LABEL)
    # Colour: the scenario (its 95th-percentile line stands for it); line style: the statistic.
    handles = [line for line in top.get_lines() if line.get_label().endswith("percentile")]
    labels = [line.get_label().rsplit(": ", 1)[0] for line in handles]
    handles += [Line2D([], [], color="0.3", linestyle="-"), Line2D([], [], color="0.3",
                                                                    linestyle="--")]
    labels += ["95th percentile", "maximum"]
    _outside_legend(top, handles, labels, title="scenario / statistic")
    _title(fig, f"Mentor load and burnout — {ts.name}", _replicate_note(ts.weekly))
    return _finish(fig, out)


def shocks(resolved: str) -> list:
    """The ``[[shock]]`` entries of a resolved scenario (TOML text), in file order: a list of
    (position from 1, kind, week) — position i is the i of the ``shock<i>/...`` summaries."""
    entries = tomllib.loads(resolved).get("shock", [])
    return [(i, str(e.get("kind", "?")), int(e["week"])) for i, e in enumerate(entries, 1)]


def knowledge_around_shock(data, *, before: int = 26, after: int = 52,
                           series: str = "knowledge_stock", scenarios=None,
                           out: Optional[PathLike] = None) -> Figure:
    """``series`` (default the knowledge stock) around each shock, relative to the week before it:
    for shock week s, X(s + k) / X(s − 1) for k = −before … after (clipped to the run),
    computed per replicate and then averaged, with a 95% band; one line per scenario and shock
    (shock weeks from each scenario's resolved ``[[shock]]`` entries). At k = 0 the line is the mean of
    ``shock<i>/knowledge_retained``. Raises ValueError when no scenario has a shock after week 0
    (a shock at week 0 has no week before it)."""
    if before < 0 or after < 0:
        raise ValueError(f"before and after must be ≥ 0 weeks, not {before} and {after}")
    ts = _time_series(data, [series], scenarios=scenarios)
    found = {label: shocks(ts.resolved.get(label, "")) for label in ts.scenarios}
    if not any(found.values()):
        raise ValueError(f"no scenario has a [[shock]] (scenarios: {', '.join(ts.scenarios)}): "
                         "knowledge_around_shock needs at least one")
    fig, axes = _new_figure(1, 1, height=5.0)
    ax = axes[0, 0]
    w = ts.weekly[ts.weekly["series"] == series]
    drawn, skipped = 0, []
    for k, label in enumerate(ts.scenarios):
        runs = w[w["scenario"] == label].pivot(index="week", columns="replicate", values="value")
        for position, kind, week in found[label]:
            if week - 1 not in runs.index:
                skipped.append(f"{label} shock {position} (week {week})")
                continue
            reference = runs.loc[week - 1]
            window = runs.loc[max(0, week - before):week + after]
            relative = (window / reference.where(reference != 0)).stack(dropna=False)
            tidy = relative.rename("value").reset_index()
            tidy["k"] = tidy["week"] - week
            band = replicate_band(tidy, "k")
            many = len(found[label]) > 1
            name = f"{label}: shock {position}, " if many else f"{label}: "
            linestyle = ["-", "--", ":", "-."][(position - 1) % 4]
            _draw_band(ax, band["k"].to_numpy(), band, _color(k), f"{name}{kind}, week {week}",
                       linestyle)
            drawn += 1
    if skipped:
        if not drawn:
            raise ValueError(f"no shock has a week before it in the run: {', '.join(skipped)}")
        warnings.warn(f"knowledge_around_shock: left out {', '.join(skipped)}: no week before it")
    ax.axvline(0, color="0.4", linewidth=0.8)
    ax.axhline(1, color="0.4", linewidth=0.8, linestyle=":")
    ax.set_xlabel("weeks since the shock (0 = the shock week s)")
    what = "knowledge stock" if series == "knowledge_stock" else series
    ax.set_ylabel(f"{what} relative to week s − 1 (ratio)")
    ax.grid(True, alpha=0.3)
    ax.legend(title="scenario: shock", fontsize="small")
    _title(fig, f"{what.capitalize()} around each shock — {ts.name}", _replicate_note(w))
    return _finish(fig, out)


def equity_by_group(data, *, scenarios=None, out: Optional[PathLike] = None) -> Figure:
    """Coverage of each group (``participation_by_group/<group>``) week by week, one line per group
    with its 95% band across replicates; one panel per scenario (sharing the y axis)."""
    ts = _time_series(data, prefix=GROUP_PREFIX, scenarios=scenarios)
    groups = []
    for label in ts.scenarios:  # population.group_names order, then anything else
        names = tomllib.loads(ts.resolved.get(label, "")).get("population", {}).get(
            "group_names", [])
        groups += [g for g in names if g not in groups]
    present = [s[len(GROUP_PREFIX):] for s in sorted(ts.weekly["series"].unique())]
    groups = [g for g in groups if g in present] + [g for g in present if g not in groups]
    cols = min(3, len(ts.scenarios))
    rows = math.ceil(len(ts.scenarios) / cols)
    fig, axes = _new_figure(rows, cols, width=4.0 * cols + 1, height=3.6 * rows + 0.8,
                            sharey=True)
    flat = list(axes.flat)
    band = replicate_band(ts.weekly, ["scenario", "series", "week"],
                          share=set(ts.weekly["series"].unique()) <= ts.shares)
    for ax, label in zip(flat, ts.scenarios):
        for j, group in enumerate(groups):
            b = band[(band["scenario"] == label) & (band["series"] == GROUP_PREFIX + group)]
            if len(b):
                _draw_band(ax, b["week"].to_numpy(), b, _color(j), group)
        ax.set_title(label, fontsize="medium")
        ax.set_xlabel(WEEK_LABEL if len(ts.scenarios) == 1 else "week")
        ax.grid(True, alpha=0.3)
        ax.legend(title="group", fontsize="small")
    for ax in flat[len(ts.scenarios):]:
        fig.delaxes(ax)
    for r in range(rows):
        axes[r, 0].set_ylabel("coverage of the group (share of its practitioners)")
    _title(fig, f"Coverage by group — {ts.name}", _replicate_note(ts.weekly))
    return _finish(fig, out)


def shock_against_twin(data, *, twins: Optional[Mapping[str, str]] = None,
                       series: Iterable[str] = TWIN_SERIES, before: int = 26, after: int = 78,
                       out: Optional[PathLike] = None) -> Figure:
    """Each shock arm of a comparison against its own no-shock twin: one small panel per pair
    (columns, at most five to a row) and series (rows of panels sharing their y range), the twin
    dashed and the shock arm solid in the pair's colour, each the mean over replicates with its
    95% band, from ``before`` weeks before the arm's first shock to ``after`` weeks after it
    (clipped to the run), a vertical line at each shock. ``data``: a comparison file, its path or
    a Comparison; ``twins``: {shock arm: twin} (default: :func:`~.compare.twins`, as ``mentorsim
    compare`` pairs them); ``series``: weekly series (those not in the file are left out).
    ValueError when no shock arm has a twin, or none of ``series`` is in the file."""
    if before < 0 or after < 0:
        raise ValueError(f"before and after must be ≥ 0 weeks, not {before} and {after}")
    if isinstance(data, (str, os.PathLike)):
        if _time_series_kind(data) != "compare":
            raise ValueError(f"{data}: a run file has one scenario: shock_against_twin needs a "
                             "comparison of a shock arm and its twin")
        present = set(_series_in_file(data, "compare"))
        data = load_compare(data, [n for n in series if n in present])
    if not isinstance(data, Comparison):
        raise TypeError(f"expected a comparison file (path or Comparison), not "
                        f"{type(data).__name__}")
    pairs = dict(find_twins(data) if twins is None else twins)
    unknown = [a for pair in pairs.items() for a in pair if a not in data.scenarios]
    if unknown:
        raise KeyError(f"no scenario {unknown[0]!r}{_did_you_mean(unknown[0], data.scenarios)}")
    if not pairs:
        raise ValueError(f"no shock arm has a no-shock twin among the scenarios "
                         f"({', '.join(data.scenarios)})")
    # In the twins' order, the order the models were given in.
    order = sorted(pairs, key=lambda arm: (data.scenarios.index(pairs[arm]),
                                           data.scenarios.index(arm)))
    available = set(data.weekly["series"].unique())
    names = [n for n in series if n in available]
    if not names:
        raise ValueError(f"none of the series {list(series)} is in the data")
    ts = _time_series(data, names, scenarios=[a for arm in order for a in (arm, pairs[arm])])
    cols = min(5, len(order))
    blocks = math.ceil(len(order) / cols)
    fig, axes = _new_figure(len(names) * blocks, cols, width=2.6 * cols + 1.2,
                            height=2.1 * len(names) * blocks + 1.2)
    for i, name in enumerate(names):
        w = ts.weekly[ts.weekly["series"] == name]
        band = replicate_band(w, ["scenario", "week"], share=name in ts.shares)
        panels = []
        for k, arm in enumerate(order):
            ax = axes[i * blocks + k // cols, k % cols]
            panels.append(ax)
            weeks = [week for _, _, week in shocks(ts.resolved.get(arm, ""))]
            first = min(weeks) if weeks else 0
            color = _color(k)  # the pair's model, coloured as in figures of the models alone
            for label, style in ((pairs[arm], "--"), (arm, "-")):
                rows = band[(band["scenario"] == label) & (band["week"] >= first - before)
                            & (band["week"] <= first + after)]
                if len(rows):
                    _draw_band(ax, rows["week"].to_numpy(), rows, color, label, style)
            for week in weeks:
                if first - before <= week <= first + after:
                    ax.axvline(week, color="0.4", linewidth=0.8, linestyle=":")
            ax.grid(True, alpha=0.3)
            ax.tick_params(labelsize="small")
            if i == 0 or blocks > 1:
                ax.set_title(pairs[arm], fontsize="medium")
            if k % cols == 0:
                ax.set_ylabel(SERIES_LABELS.get(name, name), fontsize="small")
            if i == len(names) - 1:
                ax.set_xlabel("week", fontsize="small")
        low = min(ax.get_ylim()[0] for ax in panels)
        high = max(ax.get_ylim()[1] for ax in panels)
        for ax in panels:
            ax.set_ylim(low, high)
        for k in range(len(order), blocks * cols):
            fig.delaxes(axes[i * blocks + k // cols, k % cols])
    # The key in the title: a legend in every panel would hide data, one of its own takes a row.
    _title(fig, f"Each shock arm against its no-shock twin — {ts.name}",
           "solid: with the shock; dashed: its twin without it; dotted: the shock week\n"
           + _replicate_note(ts.weekly))
    return _finish(fig, out)


# --- shared with the sweep figures and the report ----------------------------------------------

def _axis_order(values: pd.Series) -> list:
    """An axis's values in plotting order: numbers ascending, anything else in sweep-file order."""
    unique = pd.unique(values).tolist()
    return sorted(unique) if pd.api.types.is_float_dtype(values) else unique


def _fmt(value) -> str:
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:.4g}"
    return str(value)


# The sweep figures live in sweep_figures.py; they stay reachable here, as before the split.
from .sweep_figures import point_means, sweep_heatmap, sweep_response  # noqa: E402,F401
