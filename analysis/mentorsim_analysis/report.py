"""``mentorsim report``: one self-contained HTML page of a run, compare or sweep output — the
figures embedded as PNG, the headline table with 95% intervals (and, for a comparison, the paired
differences from the baseline), the scenarios' key parameters and the provenance — a page a
programme designer can forward.

Usage: mentorsim report RESULTS --out DIR [--force] [--title TEXT]
       (the same as: python3 -m mentorsim_analysis.report RESULTS --out DIR ...)

RESULTS is a ``mentorsim run --out`` file, a ``mentorsim compare --out`` file, or a sweep
directory (or its index.h5). Writes DIR/report.html (DIR is created; an existing report is
replaced only with --force). Exit status: 0 written, 2 bad input, 1 failure.
"""

from __future__ import annotations

import argparse
import html
import math
import os
import pathlib
import sys
import tomllib
from dataclasses import dataclass
from typing import Optional

import numpy as np
import pandas as pd

from . import figures
from .compare import load_compare
from .formats import file_kind
from .loader import open_results
from .metadata import headline_metrics, metric_themes
from .stats import t_quantile_975
from .sweep import load_sweep
from .html_parts import _ci, _direction, _number, _png, _theme_row
from .report_uncertainty import _uncertainty_section

PROVENANCE_KEYS = ["version", "git_commit", "created_utc", "command_line", "threads"]


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
    sections: list  # (heading, html)


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


def _parameters_table(columns: dict) -> str:
    """A table with one row per parameter and one column per scenario."""
    rows = []
    for label in columns:
        for key in columns[label]:
            if key not in rows:
                rows.append(key)
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = "".join(
        "<tr><th>" + html.escape(key) + "</th>" + "".join(
            f"<td>{html.escape(_number(v) if isinstance(v, (int, float)) else str(v or '–'))}</td>"
            for v in (columns[c].get(key) for c in columns)) + "</tr>" for key in rows)
    return f'<table class="params"><tr><th></th>{head}</tr>{body}</table>'


# --- the three kinds of page ---------------------------------------------------------------------

def _figure_sections(data) -> list:
    out = []
    for heading, draw in (("Coverage and the waiting list", figures.coverage_and_waiting_list),
                          ("Mentor load and burnout", figures.load_and_burnout),
                          ("Knowledge around each shock", figures.knowledge_around_shock),
                          ("Equity: coverage by group", figures.equity_by_group)):
        try:
            fig = draw(data)
        except (ValueError, KeyError) as e:  # e.g. no shock in any scenario: say so, go on
            out.append((heading, f'<p class="note">Not drawn: {html.escape(str(e))}</p>'))
            continue
        out.append((heading, _png(fig)))
    return out


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


def _no_headline(path) -> str:
    """What stands in place of an empty headline table: UNDECLARED for a file from before metric
    declarations, otherwise a note that none of its metrics is a headline one."""
    if metric_themes(path).empty:
        return UNDECLARED
    return '<p class="note">None of the file\'s metrics is a headline metric.</p>'


def _run_page(path, title) -> Page:
    results = open_results(path)
    runs = results.runs()
    heads = headline_metrics(path)
    rows, theme = [], None
    for h in heads.itertuples(index=False):
        if h.theme != theme:
            theme = h.theme
            rows.append(_theme_row(h.theme, h.question, 6))
        n, mean, low, high = interval(runs[h.name], h.aggregate)
        rows.append(f"<tr><td><code>{html.escape(h.name)}</code></td>"
                    f"<td>{html.escape(h.units)}</td><td>{_direction(h.better)}</td>"
                    f"<td class='num'>{_number(mean)}</td><td class='num'>{_ci(low, high)}</td>"
                    f"<td class='num'>{n}</td></tr>")
    table = ("<table><tr><th>metric</th><th>units</th><th></th><th>mean</th><th>95% CI</th>"
             "<th>replicates</th></tr>" + "".join(rows) + "</table>") if rows else _no_headline(path)
    resolved = results.resolved_scenario(runs["run_id"].iloc[0]) if len(runs) else ""
    name = runs["scenario_name"].iloc[0] if len(runs) else "run"
    sections = [("Headline metrics", table),
                ("Scenario", _parameters_table({name: _key_parameters(resolved)}))]
    sections += _figure_sections(path)
    return Page(title or f"Mentorsim run: {name}", "run", str(path), results.provenance(), sections)


def _compare_rows(c, h) -> list:
    """The rows of one headline metric ``h`` (a headline_metrics row) of comparison ``c``: per
    scenario its mean and interval, and the paired difference from the baseline."""
    qualifiers = "; ".join(q for q in (h.units, _direction(h.better)) if q)
    rows = [f"<tr class='metric'><td colspan='6'><code>{html.escape(h.name)}</code> "
            f"[{html.escape(qualifiers)}]: {html.escape(h.doc)}</td></tr>"]
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


# --- what the answer depends on (a comparison written with --uncertain) --------------------------

def _compare_page(path, title) -> Page:
    c = load_compare(path, series=[])
    heads = headline_metrics(path)
    rows, theme = [], None
    for h in heads.itertuples(index=False):
        if h.theme != theme:
            theme = h.theme
            rows.append(_theme_row(h.theme, h.question, 6))
        rows += _compare_rows(c, h)
    table = ("<p>Mean and 95% CI over replicates; diff = scenario − baseline "
             f"(<b>{html.escape(c.baseline)}</b>), paired by replicate (common random numbers), "
             "with its 95% CI; * = that CI excludes 0 (better or worse where known).</p>"
             "<table><tr><th>scenario</th><th>mean</th><th>95% CI</th><th>replicates</th>"
             "<th>diff vs baseline [95% CI]</th><th></th></tr>" + "".join(rows) + "</table>"
             ) if rows else _no_headline(path)
    params = _parameters_table({label: _key_parameters(c.resolved.get(label, ""))
                                for label in c.scenarios})
    uncertain = _uncertainty_section(path, c.scenarios)
    sections = ([("Comparison", table)] + ([uncertain] if uncertain else [])
                + [("Scenarios", params)] + _figure_sections(path))
    others = len(c.scenarios) - 1
    return Page(title or f"Mentorsim comparison: {others} scenario{'s' if others != 1 else ''} "
                f"against {c.baseline}", "compare", str(path),
                c.provenance, sections)


def _sweep_page(path, title) -> Page:
    s = load_sweep(path)
    chosen = [name for name in headline_metrics(path)["name"] if name in s.metrics][:6]
    table = _no_headline(path)
    if chosen:
        summaries = s.point_summaries[s.point_summaries["metric"].isin(chosen)]
        wide = summaries.pivot_table(index=["point"] + s.axes, columns="metric", values="mean",
                                     observed=True).reset_index()
        table = wide.to_html(index=False, float_format=lambda x: f"{x:.4g}", border=0)
    sections = [("Per-point means (headline metrics)", table),
                ("Sweep file", f"<pre>{html.escape(s.provenance.get('sweep_text', ''))}</pre>")]
    numeric = [a for a in s.axes if pd.api.types.is_numeric_dtype(s.points[a])]
    varying = [a for a in s.axes if s.points[a].nunique() > 1]
    fixed_one = {a: s.points[a].iloc[0] for a in s.axes if s.points[a].nunique() == 1}
    x = next((a for a in varying if a in numeric), varying[0] if varying else None)
    by = next((a for a in varying if a != x), None)
    others = [a for a in varying if a not in (x, by)]
    fixed = dict(fixed_one, **{a: s.points[a].iloc[0] for a in others})
    for metric in chosen[:3]:
        if x is None:
            break
        try:
            fig = figures.sweep_response(s, metric, x=x, by=by, fixed=fixed or None)
            sections.append((f"{metric} against {x}", _png(fig)))
        except (ValueError, KeyError) as e:
            sections.append((f"{metric} against {x}", f'<p class="note">Not drawn: {html.escape(str(e))}</p>'))
    if x is not None and by is not None and x in numeric and by in numeric and chosen:
        try:
            fig = figures.sweep_heatmap(s, chosen[0], x=x, y=by, fixed=fixed or None)
            sections.append((f"{chosen[0]} over {x} and {by}", _png(fig)))
        except (ValueError, KeyError) as e:
            sections.append(("Heatmap", f'<p class="note">Not drawn: {html.escape(str(e))}</p>'))
    name = s.provenance.get("sweep_name", "sweep")
    complete = "complete" if s.complete else f"{len(s.missing_runs)} runs missing"
    sections.insert(0, ("Sweep", f"<p>{len(s.points)} points × {s.provenance.get('replicates')} "
                                 f"replicates ({complete}); axes: {', '.join(s.axes)}.</p>"))
    return Page(title or f"Mentorsim sweep: {name}", "sweep", str(path), s.provenance, sections)


# --- writing -------------------------------------------------------------------------------------

STYLE = """body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{padding:3px 8px;border-bottom:1px solid #ddd;
text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}tr.metric td{
background:#f4f4f4}tr.theme td{background:#e4e9f0;padding-top:8px}img{max-width:100%}.note{color:#777}pre{background:#f6f6f6;padding:1em;
overflow-x:auto}td.robust{font-weight:bold;color:#1a6b2a}td.depends{color:#9a5b00}
table.uncertain td.num{white-space:nowrap}ul.answers li{margin:0.4em 0}"""

# On load the page notes on <body> how many figures decoded, so a browser (or a headless test) can
# tell a page whose pictures show from one whose pictures are broken.
CHECK = """<script>window.addEventListener("load",function(){var i=document.images,ok=0,bad=0;
for(var k=0;k<i.length;k++){if(i[k].complete&&i[k].naturalWidth>0){ok++}else{bad++}}
document.body.dataset.imagesOk=ok;document.body.dataset.imagesBroken=bad;});</script>"""


def render(page: Page) -> str:
    provenance = "".join(f"<tr><th>{k}</th><td>{html.escape(str(page.provenance.get(k, '')))}</td></tr>"
                         for k in PROVENANCE_KEYS)
    body = "".join(f"<h2>{html.escape(h)}</h2>\n{content}\n" for h, content in page.sections)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(page.title)}</title><style>{STYLE}</style>{CHECK}</head>\n"
            f"<body><h1>{html.escape(page.title)}</h1>\n"
            f"<p>A Mentorsim {page.kind} report of <code>{html.escape(page.source)}</code>.</p>\n"
            f"{body}<h2>Provenance</h2><table>{provenance}</table>\n"
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


def build(results: pathlib.Path, title: Optional[str] = None) -> Page:
    kind = report_kind(results)
    if kind == "run":
        return _run_page(results, title)
    if kind == "compare":
        return _compare_page(results, title)
    return _sweep_page(results, title)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="mentorsim report", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", help="a run or compare file, or a sweep directory")
    parser.add_argument("--out", "-o", required=True, help="directory for report.html")
    parser.add_argument("--force", action="store_true", help="replace an existing report.html")
    parser.add_argument("--title", help="the page's title (default: from the results)")
    args = parser.parse_args(argv)  # exits 2 on a bad command line
    out = pathlib.Path(args.out)
    target = out / "report.html"
    try:
        if out.exists() and not out.is_dir():
            raise BadInput(f"{out}: exists and is not a directory")
        if not out.parent.exists() and str(out.parent) not in ("", "."):
            raise BadInput(f"{out}: directory {out.parent} does not exist")
        if target.exists() and not args.force:
            raise BadInput(f"{target}: exists; pass --force to replace it")
        text = render(build(pathlib.Path(args.results), args.title))
    except BadInput as e:
        print(f"mentorsim report: {e}", file=sys.stderr)
        return 2
    except (OSError, ValueError, KeyError) as e:
        print(f"mentorsim report: {args.results}: {e}", file=sys.stderr)
        return 1
    out.mkdir(exist_ok=True)
    temp = out / f".report.html.tmp-{os.getpid()}"
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, target)
    print(f"report written to {target}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
