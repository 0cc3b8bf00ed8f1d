"""What a mentorsim file says about its metrics: each output's declaration and the themes.

Every metric is declared once in the simulator (sim/metrics, ``mentorsim metrics`` prints the
catalogue, docs/outputs.md is its Markdown form), and the declaration travels with the data:

- each weekly series and summary dataset of a run or comparison file, and each ``runs/summary``
  column of a sweep index, has the attributes ``units``, ``doc``, ``better`` ("higher", "lower" or
  "neither"), ``aggregate`` ("mean" or "share mean": how replicates aggregate, i.e. how the 95%
  interval is clipped), ``theme`` and ``headline`` (1 for the metrics of compare's headline table);
- the root attributes ``themes`` and ``theme_questions`` list the themes in display order.

>>> import mentorsim_analysis as ma
>>> ma.metric_metadata("out/compare.h5")   # name, kind, units, doc, better, aggregate, theme, headline
>>> ma.metric_themes("out/compare.h5")     # theme, question (empty for a file without them)
>>> ma.headline_metrics("out/compare.h5")  # theme, question, name, better, aggregate, units, doc

Files written before the declarations reached the files have only ``units`` and ``doc``: there,
``better`` and ``theme`` are None, ``headline`` is False, ``aggregate`` is what the CLI of that
time used ("share mean" for units "share", otherwise "mean"), and there are no themes and no
headline metrics.

Order: a run or comparison file lists its names as the other readers do (h5py's name order within
each run, as ``runs()`` lists its columns; the files do not record the order the names were
written in), scenarios in command-line order; a sweep index in its ``metrics`` attribute's order,
which is the simulator's report (declaration) order.
"""

from __future__ import annotations

import os

import h5py
import pandas as pd

from .formats import INDEX_NAME, PathLike, _python, file_kind, open_file
from .loader import _arm_output_groups, _datasets

METADATA_COLUMNS = ["name", "kind", "units", "doc", "better", "aggregate", "theme", "headline",
                    "headline_rank"]
THEME_COLUMNS = ["theme", "question"]
HEADLINE_COLUMNS = ["theme", "question", "name", "better", "aggregate", "units", "doc"]
SHARE = "share mean"  # the aggregate whose interval is clipped at 1 too


def _open(path: PathLike) -> tuple:
    """(kind, open file) of a run or comparison file or a sweep (its directory or index.h5);
    ValueError for a part of a sweep, which is read through its index."""
    kind = file_kind(path)
    if kind == "sweep-part":
        raise ValueError(f"{path}: one part of a sweep: read the sweep's index.h5 instead")
    p = os.fspath(path)
    if kind == "sweep" and os.path.isdir(p):
        p = os.path.join(p, INDEX_NAME)
    return kind, open_file(p, kind)


def _text(attrs, key: str):
    """A string attribute as str, or None when it is absent."""
    value = _python(attrs.get(key))
    return None if value is None else str(value)


def _declaration(name: str, kind: str, attrs) -> dict:
    """One METADATA_COLUMNS row from a dataset's attributes (the rules for older files above)."""
    units = _text(attrs, "units") or ""
    return {
        "name": name,
        "kind": kind,
        "units": units,
        "doc": _text(attrs, "doc") or "",
        "better": _text(attrs, "better"),
        "aggregate": _text(attrs, "aggregate") or (SHARE if units == "share" else "mean"),
        "theme": _text(attrs, "theme"),
        # The attribute is the summary's place in compare's headline table (from 1), 0 if none.
        "headline": int(_python(attrs.get("headline", 0))) > 0,
        "headline_rank": int(_python(attrs.get("headline", 0))),
    }


def _outputs(group: h5py.Group, names) -> list:
    """(name, dataset) of every dataset below ``group`` or, given ``names``, of those of them it
    holds (looked up by name, without listing the group: much faster for a few names)."""
    if names is None:
        return list(_datasets(group).items())
    return [(n, group[n]) for n in names if n in group and isinstance(group[n], h5py.Dataset)]


def _run_declarations(tops, names=None) -> list:
    """Rows for every series, then every summary, of the runs below each of ``tops`` (a file, or
    a comparison's scenario groups), each name once: where it first appears."""
    rows = {"series": {}, "summary": {}}
    for top in tops:
        for kind, group_name in (("series", "weekly"), ("summary", "summary")):
            for group in _arm_output_groups(top, group_name):
                for name, dset in _outputs(group, names):
                    if name not in rows[kind]:
                        rows[kind][name] = _declaration(name, kind, dset.attrs)
    return list(rows["series"].values()) + list(rows["summary"].values())


def metric_metadata(path: PathLike, names=None) -> pd.DataFrame:
    """The declaration of every output in the file, one row per name: name ("participation",
    "shock1/recovered"), kind ("series" for a weekly series, "summary" for a run summary), units,
    doc, better ("higher" | "lower" | "neither"), aggregate ("mean" | "share mean"), theme (one
    of :func:`metric_themes`) and headline (bool). Series first, then summaries, in the order
    of the module's docstring. A run file lists the names present in any run, a comparison file
    in any scenario, a sweep index its summary metrics (its weekly series live in the parts).
    ``names`` (a list) keeps only those names (in their order within a kind, for a run or
    comparison file), found by lookup rather than by listing every run's outputs: the quick way
    to ask about a few in a file of many runs."""
    kind, f = _open(path)
    with f:
        if kind == "sweep":
            columns = f["runs/summary"]
            listed = [str(name) for name in _python(f.attrs["metrics"])]
            rows = [_declaration(name, "summary", columns[name].attrs) for name in listed
                    if name in columns and (names is None or name in names)]
        elif kind == "compare":
            labels = [str(label) for label in _python(f.attrs["scenarios"])]
            rows = _run_declarations([f["scenarios"][label] for label in labels], names)
        else:
            rows = _run_declarations([f], names)
    table = pd.DataFrame(rows, columns=METADATA_COLUMNS)
    return table.astype({"headline": bool, "headline_rank": int})


def metric_themes(path: PathLike) -> pd.DataFrame:
    """The themes a metric's ``theme`` names, in display order: theme ("Reach"), question ("who
    gets mentoring, and how soon"). Empty for a file written before metric declarations."""
    _, f = _open(path)
    with f:
        themes = [str(t) for t in _python(f.attrs.get("themes", []))]
        questions = [str(q) for q in _python(f.attrs.get("theme_questions", []))]
    questions += [""] * (len(themes) - len(questions))
    return pd.DataFrame({"theme": themes, "question": questions[:len(themes)]},
                        columns=THEME_COLUMNS)


def headline_table(metadata: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """The headline metrics among ``metadata`` (:func:`metric_metadata`), grouped by theme in
    ``themes`` order (:func:`metric_themes`), in compare's order within a theme (the declared
    ``headline_rank``; instances of one template, such as ``shock1/...`` and ``shock2/...``, in
    ``metadata`` order): theme, question, name, better, aggregate, units, doc. Empty when
    ``themes`` is."""
    summaries = metadata[(metadata["kind"] == "summary") & metadata["headline"]]
    summaries = summaries.sort_values("headline_rank", kind="stable")
    frames = []
    for theme, question in themes[THEME_COLUMNS].itertuples(index=False):
        rows = summaries[summaries["theme"] == theme].copy()
        rows.insert(0, "question", question)
        frames.append(rows)
    if not frames:
        return pd.DataFrame(columns=HEADLINE_COLUMNS)
    return pd.concat(frames, ignore_index=True)[HEADLINE_COLUMNS]


def headline_metrics(path: PathLike) -> pd.DataFrame:
    """:func:`headline_table` of a file: the metrics of its headline table, the table that
    ``mentorsim compare`` prints by default, theme by theme. Empty for a file written before
    metric declarations (:func:`metric_themes` is empty too)."""
    return headline_table(metric_metadata(path), metric_themes(path))
