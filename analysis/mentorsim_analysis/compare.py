"""Read ``mentorsim compare --out`` files (format ``mentorsim-compare``) into tidy pandas tables.

Layout (docs/output-format.md): root attributes hold the provenance plus ``baseline`` and
``scenarios`` (labels in command-line order); every scenario is a group
``/scenarios/<label>`` (attributes ``scenario_source``, ``resolved_scenario``) whose ``runs``
group holds the same run groups as a ``mentorsim run`` file. Replicate r of every scenario ran on
the same random draws (common random numbers), so rows with the same ``replicate`` form a pair.

>>> import mentorsim_analysis as ma
>>> c = ma.load_compare("out/compare.h5")
>>> c.baseline, c.scenarios
>>> c.summaries            # scenario, run_id, replicate, metric, value
>>> c.weekly               # scenario, run_id, replicate, week, series, value
>>> ma.paired_differences(c, "mean_participation")   # per replicate: value - the baseline's value
>>> ma.twins(c)            # {shock arm: its twin}, e.g. {"one_on_one_shock": "one_on_one"}
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from typing import Iterable, Optional, Union

import numpy as np
import pandas as pd

from .formats import COMPARE_FORMAT, open_file  # noqa: F401 (COMPARE_FORMAT: re-exported)
from .loader import PathLike, _arm_summary_rows, _python, _runs_table, _weekly_frames

SUMMARY_COLUMNS = ["scenario", "run_id", "replicate", "metric", "value"]
COMPARE_WEEKLY_COLUMNS = ["scenario", "run_id", "replicate", "week", "series", "value"]


@dataclass
class Comparison:
    """The contents of a comparison file.

    - ``provenance``: the root attributes as plain Python values.
    - ``baseline``: the baseline's label; ``scenarios``: every label, baseline first.
    - ``sources`` and ``resolved``: per label, the scenario file as given and the TOML that ran.
    - ``runs``: one row per scenario and replicate: scenario, run_id, scenario_name, seed,
      replicate, weeks, then one column per summary value (NaN where a scenario does not report it,
      e.g. shock metrics in a scenario without a [[shock]]).
    - ``summaries``: the same values tidy: scenario, run_id, replicate, metric, value (only the
      values a run reports).
    - ``weekly``: tidy weekly series: scenario, run_id, replicate, week, series, value.
    """

    path: str
    provenance: dict
    baseline: str
    scenarios: list
    sources: dict
    resolved: dict
    runs: pd.DataFrame
    summaries: pd.DataFrame
    weekly: pd.DataFrame = field(repr=False)


def _categorical(values, labels) -> pd.Categorical:
    """Scenario labels as an ordered categorical in command-line order, so sorting and grouping
    keep the table's order rather than the alphabet's."""
    return pd.Categorical(values, categories=list(labels), ordered=True)


def load_compare(path: PathLike, series: Optional[Union[str, Iterable[str]]] = None) -> Comparison:
    """Read a comparison file. ``series`` limits the weekly table to one name or a list of names
    (default: every series; a name present in no run raises KeyError). Raises ValueError for a file
    that is not a comparison file (e.g. a ``mentorsim run`` file: read that with runs/weekly)."""
    wanted = None
    if series is not None:
        wanted = {series} if isinstance(series, str) else set(series)
    with open_file(path, "compare") as f:
        provenance = {key: _python(value) for key, value in f.attrs.items()}
        labels = [str(label) for label in _python(f.attrs["scenarios"])]
        missing = [label for label in labels if label not in f["scenarios"]]
        if missing:
            raise ValueError(f"{path}: scenarios {missing} are listed but have no group")
        sources, resolved = {}, {}
        run_tables, summary_rows, weekly_frames, seen = [], [], [], set()
        for label in labels:
            group = f["scenarios"][label]
            sources[label] = _python(group.attrs["scenario_source"])
            resolved[label] = _python(group.attrs["resolved_scenario"])
            table = _runs_table(group).copy()  # one block per dtype: insert warns on a fragmented one
            table.insert(0, "scenario", label)
            run_tables.append(table)
            summary_rows.extend((label, *row) for row in _arm_summary_rows(group))
            frames, names = _weekly_frames(group, wanted)
            seen |= names
            for frame in frames:
                frame.insert(0, "scenario", label)
            weekly_frames.extend(frames)
    if wanted is not None and not wanted <= seen:
        raise KeyError(f"no series {sorted(wanted - seen)}; series are {sorted(seen)}")

    runs = pd.concat(run_tables, ignore_index=True) if run_tables else pd.DataFrame()
    if not runs.empty:
        runs["scenario"] = _categorical(runs["scenario"], labels)
    summaries = pd.DataFrame(summary_rows, columns=SUMMARY_COLUMNS)
    summaries = summaries.astype({"replicate": np.int64, "value": np.float64})
    summaries["scenario"] = _categorical(summaries["scenario"], labels)
    if weekly_frames:
        weekly = pd.concat(weekly_frames, ignore_index=True)[COMPARE_WEEKLY_COLUMNS]
    else:
        weekly = pd.DataFrame(
            {
                "scenario": pd.Series(dtype=object),
                "run_id": pd.Series(dtype=object),
                "replicate": pd.Series(dtype=np.int64),
                "week": pd.Series(dtype=np.int64),
                "series": pd.Series(dtype=object),
                "value": pd.Series(dtype=np.float64),
            }
        )
    weekly["scenario"] = _categorical(weekly["scenario"], labels)
    return Comparison(
        path=str(path),
        provenance=provenance,
        baseline=str(provenance["baseline"]),
        scenarios=labels,
        sources=sources,
        resolved=resolved,
        runs=runs,
        summaries=summaries,
        weekly=weekly,
    )


def paired_differences(comparison: Comparison, metric: str) -> pd.DataFrame:
    """Per scenario (baseline excluded) and replicate: scenario, replicate, value, baseline_value and
    diff = value - baseline_value, for the replicates where both report ``metric`` — the
    differences whose mean and interval ``mentorsim compare`` prints. Empty when the baseline does
    not report the metric; KeyError when no scenario does."""
    s = comparison.summaries
    rows = s[s["metric"] == metric]
    if rows.empty:
        raise KeyError(f"no scenario reports {metric!r}")
    base = rows[rows["scenario"] == comparison.baseline][["replicate", "value"]]
    others = rows[rows["scenario"] != comparison.baseline][["scenario", "replicate", "value"]]
    paired = others.merge(base.rename(columns={"value": "baseline_value"}), on="replicate")
    paired["diff"] = paired["value"] - paired["baseline_value"]
    paired = paired.sort_values(["scenario", "replicate"], kind="stable").reset_index(drop=True)
    return paired[["scenario", "replicate", "value", "baseline_value", "diff"]]


def _without_shocks(resolved: str) -> tuple:
    """(shock entries, the scenario without them and without the [scenario] keys a twin may
    differ in: name, description, twin) of a resolved scenario's TOML."""
    try:
        scenario = tomllib.loads(resolved or "")
    except tomllib.TOMLDecodeError:
        return [], None
    shocks = scenario.pop("shock", [])
    head = scenario.get("scenario", {})
    for key in ("name", "description", "twin"):
        head.pop(key, None)
    return shocks, scenario


def twins(comparison: Comparison) -> dict:
    """{shock arm: its twin} of a comparison, found as ``mentorsim compare`` finds them
    (docs/compare.md, "A shock against its twin"): for every scenario with ``[[shock]]`` entries,
    the scenario its ``[scenario] twin`` names (relative to its file) or else the first scenario
    without shocks whose resolved scenario is the same once the shocks and the ``[scenario]`` name,
    description and twin are set aside. A shock arm without a twin is left out."""
    parsed = {label: _without_shocks(comparison.resolved.get(label, ""))
              for label in comparison.scenarios}
    plain = [label for label, (shocks, body) in parsed.items() if not shocks and body is not None]
    found = {}
    for label, (shocks, body) in parsed.items():
        if not shocks or body is None:
            continue
        named = ""
        try:
            head = tomllib.loads(comparison.resolved[label]).get("scenario", {})
            named = str(head.get("twin", ""))
        except tomllib.TOMLDecodeError:
            pass
        if named:
            source = os.path.dirname(str(comparison.sources.get(label, "")))
            target = os.path.normpath(os.path.join(source, named))
            match = [p for p in plain
                     if os.path.normpath(str(comparison.sources.get(p, ""))) == target]
            if match:
                found[label] = match[0]
                continue
        match = [p for p in plain if parsed[p][1] == body]
        if match:
            found[label] = match[0]
    return found
