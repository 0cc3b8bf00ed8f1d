"""Figures of a comparison's uncertain assumptions (``mentorsim compare ... --uncertain``,
docs/sensitivity.md): what each arm's difference from the baseline depends on.

>>> import mentorsim_analysis.uncertainty_figures as uf
>>> uf.uncertainty_drivers("out/compare.h5", ["mean_effective_coverage"])
"""

from __future__ import annotations

import math
from typing import Optional

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .figures import _color, _did_you_mean, _finish, _title
from .loader import PathLike
from .uncertainty import Uncertainty, load_uncertainty


DRIVER_AXES = 6  # the most influential axes drawn per panel; the title counts the rest
DEPENDS = "depends on assumptions"


def _uncertainty(data) -> Uncertainty:
    return data if isinstance(data, Uncertainty) else load_uncertainty(data)


def _ranked_axes(src: np.ndarray, top: int) -> list:
    """Indices of the ``top`` axes (columns of ``src``) with the largest |SRC| over the arms
    (rows), the largest first; axes without a non-zero SRC are left out."""
    strength = np.abs(np.nan_to_num(src, nan=0.0)).max(axis=0, initial=0.0)
    order = [j for j in np.argsort(-strength, kind="stable") if strength[j] > 0]
    return order[:top]


def _drawn_arms(u: Uncertainty, metric: str, arms: str) -> list:
    """Indices of the arms drawn for ``metric``: with ``arms`` "depends", those whose difference
    depends on assumptions (every arm but the baseline when none does); with "all", every arm but
    the baseline."""
    others = list(range(1, len(u.labels)))
    if arms == "all":
        return others
    if arms != "depends":
        raise ValueError(f"arms must be 'depends' or 'all', not {arms!r}")
    depends = [a for a in others if u.verdict.loc[metric].iloc[a] == DEPENDS]
    return depends or others


def parameter_label(key: str) -> str:
    """A short label for an uncertain parameter's key, for an axis of a figure:
    "knowledge.transfer_rate" → "transfer_rate"; "programme.kind:one_on_one.max_mentees" →
    "max_mentees (one_on_one)"; "programme.kind:a|b|c.seek_share" → "seek_share (3 kinds)";
    "programme.pods.seek_share" → "seek_share (pods)"."""
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "programme":
        which = parts[1]
        if which.startswith("kind:"):
            kinds = which[len("kind:"):].split("|")
            which = kinds[0] if len(kinds) == 1 else f"{len(kinds)} kinds"
        return f"{parts[2]} ({which})"
    return parts[-1]


def _drivers_panel(ax, u: Uncertainty, metric: str, arms: list, top: int) -> None:
    """One metric's panel: per axis (the largest |SRC| at the top) one horizontal bar per arm of
    ``arms`` (indices into u.labels), its signed SRC, in the arm's colour."""
    m = u.metrics.index(metric)
    src = u.src[m][arms] if arms else np.zeros((0, len(u.axes)))
    shown = _ranked_axes(src, top)
    left_out = len(_ranked_axes(src, len(u.axes))) - len(shown)
    height = 0.8 / max(len(arms), 1)
    for i, a in enumerate(arms):
        y = np.arange(len(shown)) + (i - (len(arms) - 1) / 2) * height
        ax.barh(y, np.nan_to_num(u.src[m, a, shown], nan=0.0), height=height * 0.95,
                color=_color(a), label=u.labels[a])
    ax.set_yticks(range(len(shown)), [parameter_label(u.axes[j]) for j in shown],
                  fontsize="small")
    ax.set_ylim(len(shown) - 0.5, -0.5)  # the strongest driver at the top
    finite = np.abs(src[np.isfinite(src)])
    limit = max(1.0, float(finite.max()) * 1.05) if finite.size else 1.0
    ax.set_xlim(-limit, limit)
    ax.axvline(0, color="0.3", linewidth=0.8)
    ax.grid(True, axis="x", alpha=0.3)
    ax.tick_params(axis="x", labelsize="small")
    title = f"{metric} ({u.units[m]})" if u.units[m] else metric
    if not shown:
        ax.text(0, 0, "no coefficient could be estimated", ha="center", va="center")
    elif left_out > 0:
        title += f"\n{left_out} weaker parameter{'s' if left_out > 1 else ''} not drawn"
    ax.set_title(title, fontsize="medium", loc="left")


def _arm_key(ax, u: Uncertainty, used: list) -> None:
    """The colour of each arm drawn, in a row of its own above the panels."""
    ax.axis("off")
    handles = [Patch(color=_color(a), label=u.labels[a]) for a in sorted(used)]
    ax.legend(handles=handles, loc="center", ncols=min(len(handles), 5) or 1, frameon=False,
              title=f"arm (its difference from {u.baseline})", fontsize="small")


def uncertainty_drivers(data, metrics=None, *, arms: str = "depends", top: int = DRIVER_AXES,
                        out: Optional[PathLike] = None) -> Figure:
    """What each difference from the baseline depends on: one panel per metric (default: the
    headline ones, else every one), one row per uncertain parameter (the ``top`` strongest, the
    strongest at the top) and one bar per arm: the standardised regression coefficient (SRC,
    unitless, −1 to 1 for a linear effect) of the arm's difference arm − baseline across the
    draws on the parameter's unit-cube coordinate. A long bar is a parameter that moves the
    difference; its sign the way it moves it (positive: the difference grows with the
    parameter). ``arms``: "depends" (default) draws, per metric, the arms whose difference
    depends on assumptions (all when none does), "all" every arm but the baseline. ``data``: a
    comparison file written with ``--uncertain``, its path, or an
    :class:`~.uncertainty.Uncertainty`. KeyError for a metric not in the file."""
    u = _uncertainty(data)
    metrics = list(metrics) if metrics is not None else (u.headline or list(u.metrics))
    for metric in metrics:
        if metric not in u.metrics:
            raise KeyError(f"no metric {metric!r} in /uncertainty"
                           f"{_did_you_mean(metric, u.metrics)}")
    if not metrics:
        raise ValueError("no metric to draw")
    drawn = {metric: _drawn_arms(u, metric, arms) for metric in metrics}
    cols = 1 if len(metrics) == 1 else 2
    rows = math.ceil(len(metrics) / cols)
    panel = [0.8 + 0.25 * min(top, len(u.axes)) * max(1.0, 0.5 * len(drawn[m])) for m in metrics]
    heights = [max(panel[r * cols:(r + 1) * cols]) for r in range(rows)]
    fig = Figure(figsize=(5.5 * cols, sum(heights) + 1.6), layout="constrained")
    grid = fig.add_gridspec(rows + 1, cols, height_ratios=[0.6] + heights)
    for k, metric in enumerate(metrics):
        ax = fig.add_subplot(grid[1 + k // cols, k % cols])
        _drivers_panel(ax, u, metric, drawn[metric], top)
        if k + cols >= len(metrics):  # the lowest panel of its column
            ax.set_xlabel("SRC of the difference on the parameter")
    _arm_key(fig.add_subplot(grid[0, :]), u, {a for arms_ in drawn.values() for a in arms_})
    which = "arms whose answer depends on assumptions" if arms == "depends" else "every arm"
    _title(fig, f"What each difference depends on — {u.draws} draws of {u.name}",
           f"{u.replicates} replicates per arm and draw; {which}\nbar: standardised regression "
           "coefficient (longer = moves the difference more; sign = direction)")
    return _finish(fig, out)
