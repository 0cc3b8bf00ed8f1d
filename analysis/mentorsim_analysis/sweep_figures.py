"""Figures of a parameter sweep (a :class:`~.sweep.Sweep`, its directory or its index): per-point
means of a summary metric with their 95% intervals, against one axis (:func:`sweep_response`) or
two (:func:`sweep_heatmap`). Re-exported by figures.py, whose helpers and band they share.

>>> import mentorsim_analysis.figures as mf
>>> mf.sweep_response(s, "peak_waiting_list", x="joining.arrivals_per_week",
...                   by="programme.one_on_one.capacity")
>>> mf.sweep_heatmap(s, "mean_participation", x="joining.arrivals_per_week",
...                  y="programme.one_on_one.capacity")
"""

from __future__ import annotations

import tomllib
from typing import Mapping, Optional

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from .figures import (PathLike, _axis_order, _color, _did_you_mean, _finish, _fmt, _new_figure,
                      _shares, _title, replicate_band)
from .labels import axis_label, metric_label
from .sweep import Sweep, load_sweep


def _axis_title(s: Sweep, key: str) -> str:
    """An axis in plain words with its key, e.g. "arrivals per week (joining.arrivals_per_week)":
    the words for the reader, the key to find it in the sweep file."""
    short = axis_label(key, s.axes)
    return f"{short} ({key})" if short != key else key

# --- sweeps --------------------------------------------------------------------------------------

def _sweep(sweep) -> Sweep:
    return sweep if isinstance(sweep, Sweep) else load_sweep(sweep)


def _check_metric(s: Sweep, metric: str) -> str:
    if metric not in s.metrics:
        raise KeyError(f"no metric {metric!r} in the sweep{_did_you_mean(metric, s.metrics)}")
    units = s.point_summaries.loc[s.point_summaries["metric"] == metric, "units"]
    return str(units.iloc[0]) if len(units) and units.iloc[0] else ""


def _check_axes(s: Sweep, named: Mapping[str, Optional[str]], fixed: Mapping) -> pd.DataFrame:
    """The points selected by ``fixed``, after checking that every axis named is an axis, that
    they differ, and that every other axis with more than one value is fixed."""
    used = {role: a for role, a in named.items() if a is not None}
    for role, axis in list(used.items()) + [("fixed", a) for a in fixed]:
        if axis not in s.axes:
            raise KeyError(f"{role}: no axis {axis!r} in the sweep{_did_you_mean(axis, s.axes)}")
    if len(set(used.values())) < len(used):
        raise ValueError(f"the axes must differ: {used}")
    points = s.points
    for axis, value in fixed.items():
        if axis in used.values():
            raise ValueError(f"axis {axis!r} is both plotted and fixed")
        values = pd.unique(points[axis]).tolist()
        if value not in values:
            raise ValueError(f"fixed: {axis} = {value!r} is not a value of the axis; values: "
                             f"{values}")
        points = points[points[axis] == value]
    free = [a for a in s.axes if a not in used.values() and a not in fixed
            and points[a].nunique() > 1]
    if free:
        listing = "; ".join(f"{a}: {pd.unique(points[a]).tolist()}" for a in free)
        raise ValueError(f"axes {free} vary too: pass one as by= or fix it with "
                         f"fixed={{axis: value}} ({listing})")
    return points




def _log_axes(s: Sweep) -> set:
    """Axes the sweep file spaces in logarithm (``scale = "log"``)."""
    try:
        entries = tomllib.loads(str(s.provenance.get("sweep_text", ""))).get("axis", [])
    except tomllib.TOMLDecodeError:
        return set()
    return {e.get("key") for e in entries if e.get("scale") == "log"}


def point_means(sweep, metric: str) -> pd.DataFrame:
    """Per point: point, the axis values, n, mean, sd, ci_low, ci_high of ``metric`` over the
    point's done replicates (:func:`replicate_band` of the runs table, clipped as the metric's
    declared aggregate says; points without a done run are left out)."""
    s = _sweep(sweep)
    _check_metric(s, metric)
    column = metric if metric in s.runs.columns else "summary/" + metric
    share = metric in _shares(s.path, [metric], "summary")
    band = replicate_band(s.runs, "point", column, share=share)
    return s.points[["point", *s.axes]].merge(band, on="point")


def _fixed_note(fixed: Mapping) -> str:
    return "\nat " + ", ".join(f"{a} = {_fmt(v)}" for a, v in fixed.items()) if fixed else ""


def _selected_means(s: Sweep, metric: str, named: Mapping[str, Optional[str]],
                    fixed: Mapping) -> tuple:
    """(units, per-point means) of ``metric`` at the points the figure shows: the named axes free,
    every other axis at its ``fixed`` value (errors as :func:`_check_metric`, :func:`_check_axes`)."""
    units = _check_metric(s, metric)
    points = _check_axes(s, named, fixed)
    means = point_means(s, metric)
    return units, means[means["point"].isin(points["point"])]


def sweep_response(sweep, metric: str, x: str, by: Optional[str] = None, *,
                   fixed: Optional[Mapping] = None, label: Optional[str] = None,
                   out: Optional[PathLike] = None) -> Figure:
    """Per-point mean of summary ``metric`` against axis ``x``, with 95% error bars across
    replicates; one line per value of axis ``by`` (if given). Any other axis with more than one
    value must be fixed: ``fixed={axis: value}``. A log-spaced axis (``scale = "log"``) gets a log
    scale. ``label`` names the metric on the figure (default: its identifier). Raises KeyError
    for an unknown metric or axis, ValueError for an axis left free."""
    s = _sweep(sweep)
    fixed = dict(fixed or {})
    units, means = _selected_means(s, metric, {"x": x, "by": by}, fixed)
    order = _axis_order(s.points[x])
    numeric = pd.api.types.is_float_dtype(s.points[x])
    position = {v: (v if numeric else i) for i, v in enumerate(order)}
    fig, axes = _new_figure(1, 1, height=5.0)
    ax = axes[0, 0]
    lines = [(None, means)] if by is None else [
        (v, means[means[by] == v]) for v in _axis_order(s.points[by])]
    for k, (value, rows) in enumerate(lines):
        rows = rows.assign(_x=rows[x].map(position)).sort_values("_x")
        if rows.empty:
            continue
        xs, mean = rows["_x"].to_numpy(dtype=float), rows["mean"].to_numpy()
        ax.plot(xs, mean, marker="o", color=_color(k),
                label="mean" if value is None else _fmt(value))
        low, high = rows["ci_low"].to_numpy(), rows["ci_high"].to_numpy()
        if np.isfinite(low).any():
            ax.errorbar(xs, mean, yerr=np.vstack([mean - low, high - mean]), fmt="none",
                        ecolor=_color(k), capsize=3, linewidth=1)
    if not numeric:
        ax.set_xticks(range(len(order)), [_fmt(v) for v in order])
    elif x in _log_axes(s) and min(order) > 0:
        ax.set_xscale("log")
        ax.set_xticks(order, [_fmt(v) for v in order])
        ax.minorticks_off()
    name = label or metric_label(metric)
    ax.set_xlabel(_axis_title(s, x))
    ax.set_ylabel(f"{name} ({units})" if units else name)
    ax.grid(True, alpha=0.3)
    if by is not None:
        ax.legend(title=_axis_title(s, by), fontsize="small")
    n = "/".join(str(v) for v in sorted(means["n"].unique()))
    _title(fig, f"{name} against {axis_label(x, s.axes)} — sweep "
                f"{s.provenance.get('sweep_name', '')}",
           f"mean over replicates (n = {n}), bars: 95% confidence interval{_fixed_note(fixed)}")
    return _finish(fig, out)


def sweep_heatmap(sweep, metric: str, x: str, y: str, *, fixed: Optional[Mapping] = None,
                  annotate: bool = True, cmap: str = "viridis", label: Optional[str] = None,
                  out: Optional[PathLike] = None) -> Figure:
    """Per-point mean of summary ``metric`` over two axes (``x`` across, ``y`` up) as a heatmap
    with a colorbar; each cell annotated with its mean and, with replicates, ± the half-width of
    its 95% interval. Other axes with more than one value must be fixed (``fixed``); a point with
    no run done is left blank. ``label`` as for :func:`sweep_response`. Errors as
    :func:`sweep_response`."""
    s = _sweep(sweep)
    fixed = dict(fixed or {})
    units, means = _selected_means(s, metric, {"x": x, "y": y}, fixed)
    xs, ys = _axis_order(s.points[x]), _axis_order(s.points[y])
    grid = np.full((len(ys), len(xs)), np.nan)
    half = np.full_like(grid, np.nan)
    for xv, yv, mean, high in zip(means[x], means[y], means["mean"], means["ci_high"]):
        i, j = ys.index(yv), xs.index(xv)
        grid[i, j] = mean
        half[i, j] = high - mean
    fig, axes = _new_figure(1, 1, width=max(7.5, 1.0 * len(xs) + 4.0),
                            height=0.7 * len(ys) + 3.0)
    ax = axes[0, 0]
    image = ax.imshow(np.ma.masked_invalid(grid), origin="lower", aspect="auto", cmap=cmap)
    name = label or metric_label(metric)
    fig.colorbar(image, ax=ax, label=f"mean {name} ({units})" if units else f"mean {name}")
    ax.set_xticks(range(len(xs)), [_fmt(v) for v in xs])
    ax.set_yticks(range(len(ys)), [_fmt(v) for v in ys])
    ax.set_xlabel(_axis_title(s, x))
    ax.set_ylabel(_axis_title(s, y))
    if annotate and np.isfinite(grid).any():
        low, high = np.nanmin(grid), np.nanmax(grid)
        for i in range(len(ys)):
            for j in range(len(xs)):
                if not np.isfinite(grid[i, j]):
                    continue
                text = f"{grid[i, j]:.3g}"
                if np.isfinite(half[i, j]):
                    text += f"\n± {half[i, j]:.2g}"
                shade = (grid[i, j] - low) / (high - low) if high > low else 0.5
                ax.text(j, i, text, ha="center", va="center", fontsize="small",
                        color="white" if shade < 0.5 else "black")
    n = "/".join(str(v) for v in sorted(means["n"].unique()))
    _title(fig, f"{name} — sweep {s.provenance.get('sweep_name', '')}",
           f"mean over replicates (n = {n}), ± half-width of the 95% confidence interval"
           f"{_fixed_note(fixed)}")
    return _finish(fig, out)
