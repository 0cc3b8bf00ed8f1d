"""Read the ``/uncertainty`` group of a comparison file into numpy and pandas.

``mentorsim compare ARMS... --uncertain FILE.toml --out c.h5`` re-runs every arm under K draws
of the assumed parameters the uncertainty file gives ranges for (its ``[[axis]]`` entries), R
replicates per arm and draw on common random numbers, and adds the group ``/uncertainty`` to the
comparison file:

- attributes ``name``, ``source`` (the file as given), ``text`` (its contents), ``sampling``
  ("latin_hypercube" or "sobol"), ``draws`` (K), ``replicates`` (R), ``seed``, ``robust_share``
  and ``labels`` (the arms, baseline first: the ``/scenarios/<label>`` groups);
- per metric (M of them): ``metric``, ``units``, ``better``, ``headline_group`` ("" for a metric
  outside compare's headline table); per uncertain parameter (P): ``axis`` (its key) and ``why``;
- ``unit`` and ``value`` (K, P): each draw's unit-cube coordinates and parameter values;
- ``arm_mean``, ``difference``, ``difference_noise`` (M, K, A): each arm's mean over replicates,
  its paired difference from the baseline and that difference's 95% half-width, draw by draw;
- per metric and arm (M, A): ``p_best``, ``p_better``, ``p_higher``, ``diff_median``,
  ``diff_q05``, ``diff_q95``, ``nominal_difference`` and ``r2``; ``src`` (M, A, P), the
  standardised regression coefficients of the differences on the unit coordinates;
- ``verdict`` and ``driver``, strings flattened row-major (element m * A + a).

>>> import mentorsim_analysis as ma
>>> ma.has_uncertainty("out/compare.h5")
>>> u = ma.load_uncertainty("out/compare.h5")
>>> u.table                     # one row per metric and arm: p_best ... verdict, driver, r2
>>> u.differences("mean_effective_coverage")    # draw x arm: the paired differences
>>> u.src_of("mean_effective_coverage")         # arm x axis: what each difference depends on
"""

from __future__ import annotations

from dataclasses import dataclass, field

import h5py
import numpy as np
import pandas as pd

from .formats import PathLike, _python, open_file

GROUP = "uncertainty"
VERDICTS = ("baseline", "robust", "depends on assumptions", "no difference")
TABLE_COLUMNS = ["metric", "arm", "units", "better", "headline_group", "p_best", "p_better",
                 "p_higher", "p_lower", "median", "q05", "q95", "nominal_difference", "noise",
                 "noisy_share", "verdict", "driver", "driver_src", "r2"]
# Per metric and arm, (M, A): the table's column for each dataset.
PER_ARM = {"p_best": "p_best", "p_better": "p_better", "p_higher": "p_higher",
           "diff_median": "median", "diff_q05": "q05", "diff_q95": "q95",
           "nominal_difference": "nominal_difference", "r2": "r2"}
PER_DRAW = ("arm_mean", "difference", "difference_noise")  # (M, K, A)


@dataclass
class Uncertainty:
    """The ``/uncertainty`` group of a comparison file (module docstring for the layout).

    - ``name``, ``source``, ``text``: the uncertainty file's name, path as given, and contents.
    - ``sampling`` ("latin_hypercube" or "sobol"), ``draws`` (K), ``replicates`` (R, per arm and
      draw), ``seed``, ``robust_share`` (a difference is robust when it has one sign in at least
      this share of the draws).
    - ``labels``: the arms, baseline first; ``metrics``, ``units``, ``better``,
      ``headline_group``: per metric; ``axes`` and ``why``: per uncertain parameter.
    - ``unit``, ``value``: DataFrames, one row per draw and one column per axis (``value`` NaN
      for a non-numeric value).
    - ``arm_mean``, ``difference``, ``difference_noise``: float arrays (metric, draw, arm), in
      the metric's units.
    - ``p_best`` ... ``r2``: DataFrames, one row per metric and one column per arm (shares in
      [0, 1]; differences in the metric's units).
    - ``src``: float array (metric, arm, axis); ``verdict``, ``driver``: DataFrames of str.
    - ``table``: tidy, one row per metric and arm (TABLE_COLUMNS; see :func:`uncertainty_table`).
    """

    path: str
    name: str
    source: str
    text: str = field(repr=False)
    sampling: str
    draws: int
    replicates: int
    seed: int
    robust_share: float
    labels: list
    metrics: list
    units: list
    better: list
    headline_group: list
    axes: list
    why: list
    ranges: list  # each axis's range as the file gives it ("1 to 4, log-uniform"); "" if absent
    unit: pd.DataFrame = field(repr=False)
    value: pd.DataFrame = field(repr=False)
    arm_mean: np.ndarray = field(repr=False)
    difference: np.ndarray = field(repr=False)
    difference_noise: np.ndarray = field(repr=False)
    p_best: pd.DataFrame = field(repr=False)
    p_better: pd.DataFrame = field(repr=False)
    p_higher: pd.DataFrame = field(repr=False)
    diff_median: pd.DataFrame = field(repr=False)
    diff_q05: pd.DataFrame = field(repr=False)
    diff_q95: pd.DataFrame = field(repr=False)
    nominal_difference: pd.DataFrame = field(repr=False)
    src: np.ndarray = field(repr=False)
    r2: pd.DataFrame = field(repr=False)
    verdict: pd.DataFrame = field(repr=False)
    driver: pd.DataFrame = field(repr=False)
    table: pd.DataFrame = field(repr=False)

    @property
    def baseline(self) -> str:
        """The baseline's label: the first arm."""
        return self.labels[0]

    @property
    def headline(self) -> list:
        """The metrics of compare's headline table (a non-empty headline_group), in file order."""
        return [m for m, g in zip(self.metrics, self.headline_group) if g]

    def _m(self, metric: str) -> int:
        if metric not in self.metrics:
            raise KeyError(f"no metric {metric!r} in /uncertainty; metrics are {self.metrics}")
        return self.metrics.index(metric)

    def differences(self, metric: str) -> pd.DataFrame:
        """The paired differences arm − baseline of ``metric`` (its units), one row per draw and
        one column per arm (the baseline's column is 0)."""
        return pd.DataFrame(self.difference[self._m(metric)], columns=self.labels)

    def src_of(self, metric: str) -> pd.DataFrame:
        """The standardised regression coefficients of ``metric``'s differences: one row per arm
        (the baseline's NaN), one column per axis. Unitless: the change of the difference, in
        its standard deviations over the draws, per standard deviation of the axis's unit-cube
        coordinate."""
        return pd.DataFrame(self.src[self._m(metric)], index=self.labels, columns=self.axes)


def _strings(dset: h5py.Dataset) -> list:
    """A 1-D string dataset as a list of str (variable- or fixed-length, UTF-8 or ASCII); [] for
    an empty one (an empty dataspace too)."""
    if dset.shape is None or dset.size == 0:
        return []
    if dset.dtype.kind not in ("O", "S", "U"):
        raise ValueError(f"{dset.name}: is not a string dataset (dtype {dset.dtype})")
    return [str(s) for s in dset.asstr()[()]]


def _floats(group: h5py.Group, name: str, shape: tuple) -> np.ndarray:
    """Float dataset ``name`` of ``group`` as float64 of ``shape`` (ValueError naming it
    otherwise; an empty dataset stands for any shape with no elements)."""
    dset = _member(group, name)
    data = np.zeros(0) if dset.shape is None else np.asarray(dset[()], dtype=np.float64)
    if data.shape != shape:
        if data.size == 0 and int(np.prod(shape)) == 0:
            return data.reshape(shape)
        raise ValueError(f"{group.file.filename}: /{GROUP}/{name} has shape {data.shape}, "
                         f"expected {shape}")
    return data


def _member(group: h5py.Group, name: str) -> h5py.Dataset:
    if name not in group or not isinstance(group[name], h5py.Dataset):
        raise ValueError(f"{group.file.filename}: /{GROUP} has no dataset {name!r}")
    return group[name]


def _attr(group: h5py.Group, key: str):
    if key not in group.attrs:
        raise ValueError(f"{group.file.filename}: /{GROUP} has no attribute {key!r}")
    return _python(group.attrs[key])


def _sized(group: h5py.Group, name: str, n: int) -> list:
    """String dataset ``name`` of ``group``, checked to hold ``n`` strings."""
    values = _strings(_member(group, name))
    if len(values) != n:
        raise ValueError(f"{group.file.filename}: /{GROUP}/{name} holds {len(values)} strings, "
                         f"expected {n}")
    return values


def has_uncertainty(path: PathLike) -> bool:
    """Whether the comparison file at ``path`` holds an ``/uncertainty`` group (it was written
    with ``--uncertain``). ValueError for a file that is not a comparison file."""
    with open_file(path, "compare") as f:
        return GROUP in f and isinstance(f[GROUP], h5py.Group)


def load_uncertainty(path: PathLike) -> Uncertainty:
    """Read the ``/uncertainty`` group of a comparison file. ValueError, naming the file, when it
    is not a comparison file, has no such group (written without ``--uncertain``), or a dataset
    is missing or of the wrong shape."""
    with open_file(path, "compare") as f:
        if GROUP not in f or not isinstance(f[GROUP], h5py.Group):
            raise ValueError(f"{path}: has no /{GROUP} group (written without `mentorsim "
                             "compare --uncertain`)")
        return _read(f[GROUP], str(path))


def _read(g: h5py.Group, path: str) -> Uncertainty:
    """The Uncertainty of an open ``/uncertainty`` group."""
    labels = [str(label) for label in _attr(g, "labels")]
    metrics = _strings(_member(g, "metric"))
    axes = _strings(_member(g, "axis"))
    m, k, a, p = len(metrics), int(_attr(g, "draws")), len(labels), len(axes)
    per_arm = {name: pd.DataFrame(_floats(g, name, (m, a)), index=metrics, columns=labels)
               for name in PER_ARM}
    per_draw = {name: _floats(g, name, (m, k, a)) for name in PER_DRAW}
    strings = {name: pd.DataFrame(np.array(_sized(g, name, m * a), dtype=object).reshape(m, a),
                                  index=metrics, columns=labels)
               for name in ("verdict", "driver")}
    u = Uncertainty(
        path=path,
        name=str(_attr(g, "name")),
        source=str(_attr(g, "source")),
        text=str(_attr(g, "text")),
        sampling=str(_attr(g, "sampling")),
        draws=k,
        replicates=int(_attr(g, "replicates")),
        seed=int(_attr(g, "seed")),
        robust_share=float(_attr(g, "robust_share")),
        labels=labels,
        metrics=metrics,
        units=_sized(g, "units", m),
        better=_sized(g, "better", m),
        headline_group=_sized(g, "headline_group", m),
        axes=axes,
        why=_sized(g, "why", p),
        ranges=_sized(g, "range", p) if "range" in g else [""] * p,
        unit=pd.DataFrame(_floats(g, "unit", (k, p)), columns=axes),
        value=pd.DataFrame(_floats(g, "value", (k, p)), columns=axes),
        src=_floats(g, "src", (m, a, p)),
        table=pd.DataFrame(columns=TABLE_COLUMNS),
        **per_draw,
        **per_arm,
        **strings,
    )
    u.table = uncertainty_table(u)
    return u


def _driver_src(u: Uncertainty, m: int, a: int) -> float:
    """The SRC of the difference (metric m, arm a) on its driver axis; NaN without one."""
    driver = u.driver.iat[m, a]
    return float(u.src[m, a, u.axes.index(driver)]) if driver in u.axes else np.nan


def uncertainty_table(u: Uncertainty) -> pd.DataFrame:
    """One row per metric (file order) and arm (baseline first), TABLE_COLUMNS:

    - p_best, p_better, p_higher: the file's shares of draws (NaN where it leaves them out);
      p_lower: the share of the draws reporting the metric whose difference is < 0 (with p_higher
      it gives the direction of a "neither" metric).
    - median, q05, q95, nominal_difference: differences arm − baseline, in the metric's units.
    - noise: the median over draws of the difference's 95% half-width over the replicates;
      noisy_share: the share of draws whose 95% interval of the difference includes 0 — a
      difference that "depends on assumptions" with a large noisy_share may be replicate noise
      rather than the assumptions (more replicates per draw would tell).
    - verdict, driver (the axis with the largest |SRC|), driver_src (its SRC), r2."""
    rows = []
    for m, metric in enumerate(u.metrics):
        for a, arm in enumerate(u.labels):
            d, h = u.difference[m, :, a], u.difference_noise[m, :, a]
            baseline = a == 0
            row = {"metric": metric, "arm": arm, "units": u.units[m], "better": u.better[m],
                   "headline_group": u.headline_group[m]}
            row.update({column: float(getattr(u, name).iat[m, a])
                        for name, column in PER_ARM.items()})
            reported = d[np.isfinite(d)]  # shares are over the draws that report the metric
            row["p_lower"] = (np.nan if baseline or reported.size == 0
                              else float(np.mean(reported < 0)))
            finite = np.isfinite(h)
            row["noise"] = float(np.median(h[finite])) if finite.any() else np.nan
            row["noisy_share"] = (float(np.mean(np.abs(d[finite]) <= h[finite]))
                                  if finite.any() else np.nan)
            row.update(verdict=u.verdict.iat[m, a], driver=u.driver.iat[m, a],
                       driver_src=_driver_src(u, m, a))
            rows.append(row)
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    table["arm"] = pd.Categorical(table["arm"], categories=u.labels, ordered=True)
    return table
