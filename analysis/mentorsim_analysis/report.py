"""``mentorsim report``: one self-contained HTML page of a run, compare or sweep output that a
programme designer can forward. The first screen is the summary: the question, the arms, and one
plain sentence per headline metric — which arm is best, by how much against the baseline, how
sure, and (with ``compare --uncertain``) whether that survives the assumptions
(report_summary.py). Below it: the figures, each with alternative text (report_figures.py; a
shock arm against its own twin), the headline table with 95% intervals (and, for a comparison,
the paired differences from the baseline), the scenarios' key parameters and the provenance.

Usage: mentorsim report RESULTS --out DIR [--force] [--title TEXT] [--quiet]
       (the same as: python3 -m mentorsim_analysis.report RESULTS --out DIR ...)

RESULTS is a ``mentorsim run --out`` file, a ``mentorsim compare --out`` file, or a sweep
directory (or its index.h5). Writes DIR/report.html (DIR is created; an existing report is
replaced only with --force), saying on stderr what it is doing unless --quiet. Exit status: 0
written, 2 bad input (or a Python module missing: _deps.py), 1 failure.
"""

from __future__ import annotations

import argparse
import html
import math
import os
import pathlib
import sys
import time
import tomllib
from dataclasses import dataclass
from typing import Optional

import h5py
import numpy as np
import pandas as pd

from . import figures, report_figures, report_summary
from .compare import Comparison, load_compare, twins
from .formats import file_kind
from .html_parts import _ci, _direction, _ident, _number, _theme_row
from .labels import axis_label, metric_label
from .loader import RUN_COLUMNS, _arm_runs, open_results
from .metadata import headline_metrics, headline_table, metric_metadata, metric_themes
from .report_uncertainty import _uncertainty_section
from .stats import t_quantile_975
from .sweep import load_sweep
from .uncertainty import has_uncertainty, load_uncertainty

PROVENANCE_KEYS = ["version", "git_commit", "created_utc", "command_line", "threads", "host",
                   "compiler", "build_type", "hdf5_version", "rng"]


class BadInput(Exception):
    """A problem with the command line or the input file (exit status 2)."""


def interval(values, aggregate: Optional[str]) -> tuple:
    """(n, mean, ci_low, ci_high) as ``mentorsim`` reports them: a Student-t 95% interval over the
    replicates, clipped as the metric's declared ``aggregate`` says (metric_interval): "mean" at 0
    when no value is negative, "share mean" at 1 too when none exceeds 1; None (a paired
    difference, which may be of either sign) not at all. Any NaN value makes the mean NaN, as in
    the CLI's tables."""
    v = np.asarray(values, dtype=np.float64)
    n = len(v)
    if n == 0 or np.isnan(v).any():
        return n, math.nan, math.nan, math.nan
    mean = float(v.mean())
    if n < 2:
        return n, mean, math.nan, math.nan
    half = t_quantile_975(n - 1) * float(v.std(ddof=1)) / math.sqrt(n)
    low, high = mean - half, mean + half
    if aggregate is not None and (v >= 0).all():
        low = max(low, 0.0)
    if aggregate == "share mean" and (v <= 1).all():
        high = min(high, 1.0)
    return n, mean, low, high


@dataclass
class Page:
    title: str
    kind: str
    source: str
    provenance: dict
    sections: list  # (heading, html), below the summary
    summary: str = ""  # the first screen: the question, the arms, a sentence per headline metric


# --- the scenarios' key parameters ---------------------------------------------------------------

def _key_parameters(resolved: str) -> dict:
    """The parameters a reader checks first, from a resolved scenario's TOML."""
    s = tomllib.loads(resolved) if resolved else {}
    scenario, population = s.get("scenario", {}), s.get("population", {})
    out = {
        "weeks": scenario.get("weeks"), "replicates": scenario.get("replicates"),
        "seed": scenario.get("seed"), "initial population": population.get("initial_size"),
        "zones": ", ".join(population.get("zones", [])),
        "arrivals per week": s.get("joining", {}).get("arrivals_per_week"),
        "departure hazard per year": s.get("departure", {}).get("annual_rate"),
    }
    for k, p in enumerate(s.get("programme", [])):
        keys = [key for key in ("capacity", "cohort_size", "pod_size", "zones_per_learner",
                                "guides_per_zone", "matching", "cadence_weeks") if key in p]
        details = ", ".join(f"{key} {p[key]}" for key in keys)
        out[f"programme {k + 1}"] = f"{p.get('name', p.get('kind'))} ({p.get('kind')})" + (
            f": {details}" if details else "")
    for k, shock in enumerate(s.get("shock", [])):
        # An empty text is a key left at "none" (expert_tier's zone = "": the mean over zones).
        what = {key: v for key, v in shock.items() if key not in ("kind", "week") and v != ""}
        out[f"shock {k + 1}"] = f"{shock.get('kind')} at week {shock.get('week')} " + ", ".join(
            f"{key} {v}" for key, v in what.items())
    return out


def _cell(v) -> str:
    return html.escape(_number(v) if isinstance(v, (int, float)) else str(v or "–"))


def _parameters_table(columns: dict, descriptions: Optional[dict] = None) -> str:
    """The scenarios' key parameters (:func:`_key_parameters`, per label), split so that the
    page stays narrow however many scenarios there are: what is the same in every scenario once,
    as a two-column table; then, when there are several, one row per scenario with what differs
    (and its description)."""
    descriptions = descriptions or {}
    keys = []
    for label in columns:
        keys += [key for key in columns[label] if key not in keys]
    labels = list(columns)
    same = [k for k in keys if len({repr(columns[c].get(k)) for c in labels}) == 1]
    differ = [k for k in keys if k not in same]
    out = ""
    if len(labels) > 1:
        rows = []
        for label in labels:
            items = "".join(f"<li>{html.escape(k)}: {_cell(columns[label].get(k))}</li>"
                            for k in differ if columns[label].get(k) not in (None, ""))
            rows.append(f"<tr><th>{_ident(label)}</th>"
                        f"<td>{html.escape(descriptions.get(label, '')) or '–'}</td>"
                        f"<td><ul class='plain'>{items}</ul></td></tr>")
        out += ("<table class='params wide'><tr><th>scenario</th><th>description</th>"
                "<th>what differs</th></tr>" + "".join(rows) + "</table>")
        caption = "<p>The same in every scenario:</p>"
    else:
        label = labels[0] if labels else ""
        text = descriptions.get(label, "")
        caption = (f"<p><b>{html.escape(label)}</b>{': ' + html.escape(text) if text else ''}</p>")
    body = "".join(f"<tr><th>{html.escape(k)}</th><td>{_cell(columns[labels[0]].get(k))}</td></tr>"
                   for k in same) if labels else ""
    return out + caption + f"<table class='params'>{body}</table>"


# --- the three kinds of page ---------------------------------------------------------------------

class Progress:
    """What the report is doing, on stderr ("mentorsim report: loading 120 runs…"), so that it is
    never silent for long on a large file; nothing with ``quiet``."""

    def __init__(self, quiet: bool = False):
        self.quiet = quiet
        self.start = time.monotonic()

    def __call__(self, text: str) -> None:
        if not self.quiet:
            print(f"mentorsim report: {text}", file=sys.stderr, flush=True)

    def elapsed(self) -> str:
        return f"{time.monotonic() - self.start:.1f} s"


_quiet = Progress(quiet=True)


def _mark(low: float, high: float, better) -> str:
    """The CLI's mark of a difference whose 95% interval excludes 0: "* better" or "* worse" by
    the declared direction, "*" for a metric without one; "" when the interval includes 0."""
    if not (math.isfinite(low) and (low > 0 or high < 0)):
        return ""
    if better not in ("higher", "lower"):
        return " *"
    return " * " + ("better" if (low > 0) == (better == "higher") else "worse")


# In place of the headline table, for a file written before metrics were declared in it.
UNDECLARED = ('<p class="note">No headline table: this file was written by a mentorsim from before '
              'metric declarations (it has no <code>themes</code> attribute), so it does not say '
              'which metrics are headline ones or which way is better. Every summary is still in '
              'the file (<code>mentorsim_analysis.runs</code>, <code>load_compare</code>, '
              '<code>load_sweep</code>); a current mentorsim writes the table.</p>')


def _no_headline(themes: pd.DataFrame) -> str:
    """What stands in place of an empty headline table: UNDECLARED for a file from before metric
    declarations (no ``themes``), otherwise a note that none of its metrics is a headline one."""
    if themes.empty:
        return UNDECLARED
    return '<p class="note">None of the file\'s metrics is a headline metric.</p>'


def _metric_heading(h, columns: int) -> str:
    """The row that opens a metric's block: its plain name, identifier, units, direction, doc."""
    qualifiers = "; ".join(q for q in (h.units, _direction(h.better)) if q)
    label = html.escape(metric_label(h.name, h.doc))
    return (f"<tr class='metric'><td colspan='{columns}'><b>{label}</b> "
            f"<code>{html.escape(h.name)}</code> [{html.escape(qualifiers)}]: "
            f"{html.escape(h.doc)}</td></tr>")


def _count_runs(path, kind: str) -> tuple:
    """(runs, scenarios) in a run or comparison file, for the progress message."""
    try:
        with h5py.File(path, "r") as f:
            if kind == "run":
                return len(_arm_runs(f)), 1
            groups = [f["scenarios"][label] for label in f["scenarios"]]
            return sum(len(_arm_runs(g)) for g in groups), len(groups)
    except (OSError, KeyError):
        return 0, 0


def _metadata(path) -> tuple:
    """(metric_metadata, metric_themes, headline table) of a run or comparison file."""
    meta = metric_metadata(path)
    themes = metric_themes(path)
    return meta, themes, headline_table(meta, themes)


def _run_as_comparison(path, series: list) -> Comparison:
    """A run file as a comparison of one arm (its scenario), for the figures and the summary."""
    results = open_results(path)
    runs = results.runs()
    label = str(runs["scenario_name"].iloc[0]) if len(runs) else "run"
    resolved = results.resolved_scenario(runs["run_id"].iloc[0]) if len(runs) else ""
    metrics = [c for c in runs.columns if c not in RUN_COLUMNS]
    summaries = runs.melt(id_vars=["run_id", "replicate"], value_vars=metrics,
                          var_name="metric", value_name="value").dropna(subset=["value"])
    summaries.insert(0, "scenario", pd.Categorical([label] * len(summaries), categories=[label]))
    summaries["metric"] = [m[len("summary/"):] if m.startswith("summary/") and m[8:] in RUN_COLUMNS
                           else m for m in summaries["metric"]]
    w = results.weekly(series) if series else pd.DataFrame(
        columns=["run_id", "scenario_name", "replicate", "week", "series", "value"])
    w = w.drop(columns=["scenario_name"])
    w.insert(0, "scenario", pd.Categorical([label] * len(w), categories=[label], ordered=True))
    table = runs.copy()
    table.insert(0, "scenario", pd.Categorical([label] * len(table), categories=[label]))
    return Comparison(path=str(path), provenance=results.provenance(), baseline=label,
                      scenarios=[label], sources={label: ""}, resolved={label: resolved},
                      runs=table, summaries=summaries[["scenario", "run_id", "replicate", "metric",
                                                       "value"]], weekly=w)


def _run_page(path, title, say=_quiet) -> Page:
    count, _ = _count_runs(path, "run")
    say(f"loading {count} run{'s' if count != 1 else ''} from {path}…")
    meta, themes, heads = _metadata(path)
    present = meta.loc[meta["kind"] == "series", "name"]
    c = _run_as_comparison(path, report_figures.wanted_series(present))
    runs = c.runs
    say(f"loaded in {say.elapsed()}")
    rows, theme = [], None
    for h in heads.itertuples(index=False):
        if h.theme != theme:
            theme = h.theme
            rows.append(_theme_row(h.theme, h.question, 6))
        n, mean, low, high = interval(runs[h.name] if h.name in runs else [], h.aggregate)
        rows.append(f"<tr><td><b>{html.escape(metric_label(h.name, h.doc))}</b> "
                    f"<code>{html.escape(h.name)}</code></td>"
                    f"<td>{html.escape(h.units)}</td><td>{_direction(h.better)}</td>"
                    f"<td class='num'>{_number(mean)}</td><td class='num'>{_ci(low, high)}</td>"
                    f"<td class='num'>{n}</td></tr>")
    table = ("<table class='headline'><tr><th>metric</th><th>units</th><th></th><th>mean</th>"
             "<th>95% CI</th><th>replicates</th></tr>" + "".join(rows) + "</table>"
             ) if rows else _no_headline(themes)
    name = c.baseline
    resolved = c.resolved[name]
    about = report_summary.description(resolved)
    summary = report_summary.run_summary(name, about, runs, heads, interval)
    sections = report_figures.time_series_sections(c, {}, say, "run")
    sections += [("Headline metrics", table),
                 ("Scenario", _parameters_table({name: _key_parameters(resolved)},
                                                {name: about}))]
    return Page(title or f"Mentorsim run: {name}", "run", str(path), c.provenance, sections,
                summary)


def _compare_rows(c, h) -> list:
    """The rows of one headline metric ``h`` (a headline_metrics row) of comparison ``c``: per
    scenario its mean and interval, and the paired difference from the baseline."""
    rows = [_metric_heading(h, 6)]
    values = c.summaries[c.summaries["metric"] == h.name]
    base = values[values["scenario"] == c.baseline].set_index("replicate")["value"]
    for label in c.scenarios:
        mine = values[values["scenario"] == label].set_index("replicate")["value"]
        if mine.empty:
            continue
        n, mean, low, high = interval(mine, h.aggregate)
        diff = ""
        if label != c.baseline and not base.empty:
            paired = (mine - base).dropna() if not mine.isna().any() else mine - base
            _, d, dl, dh = interval(paired.reindex(mine.index), None)
            diff = (f"{_number(d) if not math.isfinite(d) else f'{d:+.4g}'} {_ci(dl, dh)}"
                    f"{_mark(dl, dh, h.better)}")
        rows.append(f"<tr><td>{html.escape(label)}</td><td class='num'>{_number(mean)}</td>"
                    f"<td class='num'>{_ci(low, high)}</td><td class='num'>{n}</td>"
                    f"<td class='num'>{html.escape(diff)}</td><td></td></tr>")
    return rows


def _compare_page(path, title, say=_quiet) -> Page:
    count, scenarios = _count_runs(path, "compare")
    say(f"loading {count} runs of {scenarios} scenarios from {path}…")
    meta, themes, heads = _metadata(path)
    present = meta.loc[meta["kind"] == "series", "name"]
    c = load_compare(path, series=report_figures.wanted_series(present))
    pairs = twins(c)
    u, unreadable = None, None
    if has_uncertainty(path):
        try:
            u = load_uncertainty(path)
        except (ValueError, KeyError) as e:
            unreadable = e
            say(f"the /uncertainty group cannot be read: {e}")
    say(f"loaded in {say.elapsed()}")
    rows, theme = [], None
    for h in heads.itertuples(index=False):
        if h.theme != theme:
            theme = h.theme
            rows.append(_theme_row(h.theme, h.question, 6))
        rows += _compare_rows(c, h)
    table = ("<p>Mean and 95% CI over replicates; diff = scenario − baseline "
             f"(<b>{html.escape(c.baseline)}</b>), paired by replicate (common random numbers), "
             "with its 95% CI; * = that CI excludes 0 (better or worse where known).</p>"
             "<table class='headline'><tr><th>scenario</th><th>mean</th><th>95% CI</th>"
             "<th>replicates</th><th>diff vs baseline [95% CI]</th><th></th></tr>"
             + "".join(rows) + "</table>") if rows else _no_headline(themes)
    params = _parameters_table({label: _key_parameters(c.resolved.get(label, ""))
                                for label in c.scenarios},
                               {label: report_summary.description(c.resolved.get(label, ""))
                                for label in c.scenarios})
    summary = report_summary.compare_summary(c, heads, pairs, interval, u)
    uncertain = _uncertainty_section(path, c.scenarios, u, unreadable)
    sections = (report_figures.time_series_sections(c, pairs, say, "compare")
                + [("Comparison", table)] + ([uncertain] if uncertain else [])
                + [("Scenarios", params)])
    others = len(c.scenarios) - 1
    return Page(title or f"Mentorsim comparison: {others} scenario{'s' if others != 1 else ''} "
                f"against {c.baseline}", "compare", str(path), c.provenance, sections, summary)


# The most metric columns in one per-point table, so that it fits the page beside the axes.
SWEEP_COLUMNS = 4


def _sweep_tables(s, heads: pd.DataFrame, varying: list) -> str:
    """Per point, every headline metric's mean and 95% interval (the numbers of ``mentorsim
    summarize``), theme by theme in the headline order, at most SWEEP_COLUMNS metrics a table."""
    ps = s.point_summaries.set_index(["metric", "point"])
    out = []
    chosen = [h for h in heads.itertuples(index=False) if h.name in s.metrics]
    for theme in dict.fromkeys(h.theme for h in chosen):
        mine = [h for h in chosen if h.theme == theme]
        question = next(h.question for h in mine)
        out.append(f"<h3>{html.escape(theme)}: {html.escape(question)}</h3>")
        tables = math.ceil(len(mine) / SWEEP_COLUMNS)
        size = math.ceil(len(mine) / tables)  # balanced: 5 metrics as 3 + 2, not 4 + 1
        for k in range(0, len(mine), size):
            block = mine[k:k + size]
            head = "".join(f"<th class='axis' title='{html.escape(a)}'>"
                           f"{html.escape(axis_label(a, s.axes))}</th>" for a in varying)
            head += "".join(
                f"<th data-metric='{html.escape(h.name)}'>"
                f"{html.escape(metric_label(h.name, h.doc))} <code>{_ident(h.name)}</code>"
                "<span class='units'>"
                f"{html.escape('; '.join(q for q in (h.units, _direction(h.better)) if q))}"
                "</span></th>" for h in block)
            rows = []
            for point in s.points.itertuples(index=False):
                row = s.points[s.points["point"] == point.point].iloc[0]
                cells = "".join(f"<td class='num'>{html.escape(figures._fmt(row[a]))}</td>"
                                for a in varying)
                for h in block:
                    stat = ps.loc[(h.name, point.point)]
                    cells += (f"<td class='num'>{_number(stat['mean'])}<span class='ci'>"
                              f"{_ci(stat['ci_low'], stat['ci_high'])}</span></td>")
                rows.append(f"<tr>{cells}</tr>")
            out.append(f"<table class='points'><tr>{head}</tr>{''.join(rows)}</table>")
    return "".join(out)


def _sweep_page(path, title, say=_quiet) -> Page:
    say(f"loading the sweep index {path}…")
    s = load_sweep(path)
    say(f"loaded {len(s.runs)} runs at {len(s.points)} points in {say.elapsed()}")
    themes = metric_themes(path)
    heads = headline_metrics(path)
    varying = [a for a in s.axes if s.points[a].nunique() > 1] or list(s.axes)
    chosen = [name for name in heads["name"] if name in s.metrics]
    table = _sweep_tables(s, heads, varying) if chosen else _no_headline(themes)
    complete = ("complete" if s.complete else
                f"incomplete: {len(s.missing_runs)} runs missing")
    fixed = [a for a in s.axes if a not in varying]
    same = ("; the same at every point: " + ", ".join(
        f"{axis_label(a, s.axes)} {figures._fmt(s.points[a].iloc[0])}" for a in fixed)
        if fixed else "")
    intro = (f"<p>Mean and 95% CI over the replicates at each point ({complete}){same}. "
             "Hover over a column's name for the full key.</p>")
    sections = report_figures.sweep_sections(s, heads, say)
    sections += [("Every headline metric, point by point", intro + table),
                 ("Sweep file", f"<pre>{html.escape(str(s.provenance.get('sweep_text', '')))}"
                                "</pre>")]
    summary = report_summary.sweep_summary(s, heads, interval) if chosen else _no_headline(themes)
    name = s.provenance.get("sweep_name", "sweep")
    return Page(title or f"Mentorsim sweep: {name}", "sweep", str(path), s.provenance, sections,
                summary)


# --- writing -------------------------------------------------------------------------------------

# Laid out for a 1400 × 900 window and up: the summary on the first screen, nothing wider than
# the page (long words and identifiers wrap, a long per-point table is split; tests/python/
# test_report.py measures it in headless Chromium).
STYLE = """
body{font-family:sans-serif;max-width:1400px;margin:0 auto;padding:0.3em 1.2em;color:#222;
  line-height:1.3}
h1{font-size:1.45em;margin:0.3em 0 0.1em}
h2{font-size:1.2em;margin:1.2em 0 0.4em;border-bottom:1px solid #ccc}
h3{font-size:1.05em;margin:1em 0 0.3em}
p.source{margin:0;color:#666;font-size:0.85em}
section#summary h2{margin-top:0.4em}section#summary p{margin:0.3em 0}
table{border-collapse:collapse;margin:0.8em 0;max-width:100%}
td,th{padding:3px 8px;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td{overflow-wrap:anywhere}code{font-size:0.92em}
td.num{text-align:right;font-variant-numeric:tabular-nums;overflow-wrap:normal;white-space:nowrap}
tr.metric td{background:#f4f4f4}tr.theme td{background:#e4e9f0;padding-top:8px}
table.glance{font-size:0.88em;margin:0.4em 0}table.glance td,table.glance th{padding:1px 8px}
table.glance th{width:11em;background:#f1f4f8}
table.glance th span.q{display:block;font-weight:normal;font-size:0.8em;color:#555;line-height:1.15}
table.points th{font-weight:normal}table.points th.axis{font-weight:bold}
span.ci,span.units{display:block;font-size:0.85em;color:#666}
ul.plain{margin:0;padding-left:1.1em}
img{max-width:100%;height:auto;display:block;margin:0.5em 0}
.note{color:#666}.small{font-size:0.8em}
pre{background:#f6f6f6;padding:1em;overflow-x:auto;white-space:pre-wrap}
td.robust,span.robust{font-weight:bold;color:#1a6b2a}td.depends,span.depends{color:#9a5b00}
table.uncertain td.num{white-space:nowrap}ul.answers li{margin:0.4em 0}
"""

# On load the page notes on <body> how many figures decoded, so a browser (or a headless test) can
# tell a page whose pictures show from one whose pictures are broken.
CHECK = """<script>window.addEventListener("load",function(){var i=document.images,ok=0,bad=0;
for(var k=0;k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0){ok++}else{bad++}}
document.body.dataset.imagesOk=ok;document.body.dataset.imagesBroken=bad;});</script>"""


def render(page: Page) -> str:
    provenance = "".join(f"<tr><th>{k}</th><td>{html.escape(str(page.provenance.get(k, '')))}</td></tr>"
                         for k in PROVENANCE_KEYS)
    body = "".join(f"<h2>{html.escape(h)}</h2>\n{content}\n" for h, content in page.sections)
    summary = (f'<section id="{report_summary.SECTION_ID}"><h2>{report_summary.HEADING}</h2>\n'
               f"{page.summary}</section>\n") if page.summary else ""
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            f"<title>{html.escape(page.title)}</title><style>{STYLE}</style>{CHECK}</head>\n"
            f"<body><h1>{html.escape(page.title)}</h1>\n"
            f"<p class=\"source\">A Mentorsim {page.kind} report of "
            f"<code>{html.escape(page.source)}</code>.</p>\n"
            f"{summary}{body}<h2>Provenance</h2><table>{provenance}</table>\n"
            f"<p class=\"note\">Written by mentorsim report. Every figure shows means over "
            f"replicates with 95% confidence bands; docs/metrics.md defines every metric.</p>"
            f"</body></html>\n")


def report_kind(results: pathlib.Path) -> str:
    """"run", "compare" or "sweep" (:func:`~.formats.file_kind`); BadInput (exit status 2) for
    anything else: no such path, not HDF5, not mentorsim output, a part of a sweep."""
    try:
        kind = file_kind(results)
    except (FileNotFoundError, ValueError) as e:
        raise BadInput(str(e)) from None
    if kind not in ("run", "compare", "sweep"):
        raise BadInput(f"{results}: one part of a sweep: report the sweep's directory (or its "
                       "index.h5) instead")
    return kind


def build(results: pathlib.Path, title: Optional[str] = None,
          progress: Optional[Progress] = None) -> Page:
    """The page of ``results``; ``progress`` says on stderr what it is doing (default: nothing)."""
    say = progress or _quiet
    kind = report_kind(results)
    if kind == "run":
        return _run_page(results, title, say)
    if kind == "compare":
        return _compare_page(results, title, say)
    return _sweep_page(results, title, say)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="mentorsim report", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", help="a run or compare file, or a sweep directory")
    parser.add_argument("--out", "-o", required=True, help="directory for report.html")
    parser.add_argument("--force", action="store_true", help="replace an existing report.html")
    parser.add_argument("--title", help="the page's title (default: from the results)")
    parser.add_argument("--quiet", "-q", action="store_true",
                        help="print nothing on stderr but errors (no progress)")
    args = parser.parse_args(argv)  # exits 2 on a bad command line
    out = pathlib.Path(args.out)
    target = out / "report.html"
    say = Progress(args.quiet)
    try:
        if out.exists() and not out.is_dir():
            raise BadInput(f"{out}: exists and is not a directory")
        if not out.parent.exists() and str(out.parent) not in ("", "."):
            raise BadInput(f"{out}: directory {out.parent} does not exist")
        if target.exists() and not args.force:
            raise BadInput(f"{target}: exists; pass --force to replace it")
        text = render(build(pathlib.Path(args.results), args.title, say))
    except BadInput as e:
        print(f"mentorsim report: {e}", file=sys.stderr)
        return 2
    except (OSError, ValueError, KeyError) as e:
        print(f"mentorsim report: {args.results}: {e}", file=sys.stderr)
        return 1
    say(f"writing {target}")
    out.mkdir(exist_ok=True)
    temp = out / f".report.html.tmp-{os.getpid()}"
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, target)
    say(f"report written to {target} in {say.elapsed()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
