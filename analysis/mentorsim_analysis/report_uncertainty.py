"""The report's section "What the answer depends on", for a comparison file written with
``mentorsim compare ... --uncertain`` (docs/sensitivity.md): one sentence per headline metric, a
table of rank probabilities and verdicts, a figure of the drivers, and how it was computed."""

from __future__ import annotations

import html
import math
from typing import Optional

import numpy as np
import pandas as pd

from .html_parts import _direction, _number, _png, _theme_row
from .labels import metric_label
from .metadata import metric_metadata, metric_themes
from .uncertainty import Uncertainty, has_uncertainty, load_uncertainty
from . import uncertainty_figures


UNCERTAINTY_HEADING = "What the answer depends on"
SAMPLING = {"latin_hypercube": "a Latin hypercube (random, stratified on every parameter)",
            "sobol": "the first points of a Sobol' sequence (quasi-random, evenly spread)"}
NOISY = 0.5  # a "depends" difference within its replicate noise in this share of draws is flagged


def _share(p) -> str:
    """A share of draws as a percentage: "97%"; "<1%" and ">99%" rather than a rounded 0% or
    100% that did not happen; "–" for NaN."""
    if p is None or not math.isfinite(p):
        return "–"
    percent = round(100 * p)
    if 0 < p < 1 and percent in (0, 100):
        return "<1%" if percent == 0 else ">99%"
    return f"{percent}%"


def _signed(x) -> str:
    """A difference with its sign ("+0.12"; "–" for NaN), as the Comparison table writes them."""
    return f"{x:+.4g}" if x is not None and math.isfinite(x) else "–"


def _direction_of(row) -> tuple:
    """("higher" | "lower", share of draws) of a table row (:func:`uncertainty_table`): the way
    most draws move the arm from the baseline, and how many do."""
    higher = row.p_higher if math.isfinite(row.p_higher) else 0.0
    lower = row.p_lower if math.isfinite(row.p_lower) else 0.0
    return ("higher", row.p_higher) if higher >= lower else ("lower", row.p_lower)


def _arm_clause(row, first: bool) -> str:
    """One arm of a metric's sentence: "group_cohort higher (better) in 100% of draws" ("of
    draws" only in the ``first`` clause), with the top driver of a difference that depends on
    assumptions. HTML."""
    arm = f"<b>{html.escape(str(row.arm))}</b>"
    if row.verdict == "no difference":
        return f"{arm} (the same in every draw)"
    way, share = _direction_of(row)
    judged = ""
    if row.better in ("higher", "lower"):
        judged = " (better)" if way == row.better else " (worse)"
    clause = f"{arm} {way}{judged} in {_share(share)}{' of draws' if first else ''}"
    if row.verdict == "depends on assumptions" and row.driver:
        clause += f" (top driver: <code>{html.escape(row.driver)}</code>)"
    return clause


def _best_clause(u: Uncertainty, rows: pd.DataFrame) -> str:
    """Which arm ranks best most often, and in what share of the draws (ties named together)."""
    if rows["better"].iloc[0] not in ("higher", "lower") or not rows["p_best"].notna().any():
        return "no arm ranks best (the metric has no better direction)"
    top = rows["p_best"].max()
    best = [html.escape(str(a)) for a in rows.loc[rows["p_best"] == top, "arm"]]
    if len(best) == 1:
        return f"<b>{best[0]}</b> ranks best in {_share(top)} of {u.draws} draws"
    return (f"<b>{'</b> and <b>'.join(best)}</b> rank best in {_share(top)} of {u.draws} draws "
            "each")


def _answer_sentence(u: Uncertainty, metric: str, name: str = "") -> str:
    """The plain-English answer for one metric: the arm that ranks best most often, then the
    arms against the baseline grouped by verdict (robust first). HTML."""
    rows = u.table[u.table["metric"] == metric]
    better = rows["better"].iloc[0]
    direction = f" ({_direction(better)})" if _direction(better) else ""
    parts = []
    others = rows[rows["arm"] != u.baseline]
    for verdict in ["robust", "depends on assumptions", "no difference"] + sorted(
            set(others["verdict"]) - {"robust", "depends on assumptions", "no difference"}):
        mine = others[others["verdict"] == verdict]
        if len(mine):
            parts.append(f"{html.escape(verdict)} — " + ", ".join(
                _arm_clause(row, not parts and k == 0)
                for k, row in enumerate(mine.itertuples(index=False))))
    against = f"; against {html.escape(u.baseline)}: " + "; ".join(parts) if parts else ""
    return (f"<b>{html.escape(name or metric_label(metric))}</b> <code>{html.escape(metric)}</code>"
            f"{direction}: {_best_clause(u, rows)}{against}.")


def _verdict_cell(row) -> str:
    """The verdict, robust ones marked (✔, bold), a "depends" within its noise flagged (†)."""
    if row.verdict == "robust":
        return "<td class='robust'>✔ robust</td>"
    if row.verdict == "depends on assumptions":
        noisy = math.isfinite(row.noisy_share) and row.noisy_share >= NOISY
        return f"<td class='depends'>depends on assumptions{'†' if noisy else ''}</td>"
    return f"<td>{html.escape(str(row.verdict))}</td>"


def _driver_cell(row) -> str:
    if not row.driver:
        return "<td>–</td>"
    fit = "; ".join(t for t in (f"SRC {row.driver_src:+.2f}" if math.isfinite(row.driver_src)
                                else "", f"R² {row.r2:.2f}" if math.isfinite(row.r2) else "") if t)
    note = f" <span class='note'>({fit})</span>" if fit else ""
    return f"<td><code>{html.escape(row.driver)}</code>{note}</td>"


def _uncertainty_rows(u: Uncertainty, metric: str, name: str = "") -> list:
    """The table rows of one metric: a heading row (with the baseline's P(best)), then one row
    per arm other than the baseline."""
    rows = u.table[u.table["metric"] == metric]
    first = rows.iloc[0]
    qualifiers = "; ".join(q for q in (first.units, _direction(first.better)) if q)
    base = rows[rows["arm"] == u.baseline]
    base_best = ""
    if len(base) and math.isfinite(base["p_best"].iloc[0]):
        base_best = (f" — the baseline {html.escape(u.baseline)} ranks best in "
                     f"{_share(base['p_best'].iloc[0])} of draws")
    out = [f"<tr class='metric'><td colspan='7'><b>{html.escape(name or metric_label(metric))}</b> "
           f"<code>{html.escape(metric)}</code>"
           f"{f' [{html.escape(qualifiers)}]' if qualifiers else ''}{base_best}</td></tr>"]
    for row in rows[rows["arm"] != u.baseline].itertuples(index=False):
        spread = f"{_signed(row.median)} [{_signed(row.q05)}, {_signed(row.q95)}]"
        out.append(f"<tr><td>{html.escape(str(row.arm))}</td>"
                   f"<td class='num'>{_share(row.p_best)}</td>"
                   f"<td class='num'>{_share(row.p_better)}</td>"
                   f"<td class='num'>{spread}</td>"
                   f"<td class='num'>{_signed(row.nominal_difference)}</td>"
                   f"{_verdict_cell(row)}{_driver_cell(row)}</tr>")
    return out


def _theme_questions(path) -> dict:
    """Theme name (lower case) -> (theme, question), to head a headline group's rows."""
    return {t.lower(): (t, q) for t, q in metric_themes(path).itertuples(index=False)}


def _uncertainty_table(u: Uncertainty, metrics: list, themes: dict,
                       names: Optional[dict] = None) -> str:
    rows, group = [], None
    for metric in metrics:
        mine = u.headline_group[u.metrics.index(metric)]
        if mine and mine != group:
            group = mine
            theme, question = themes.get(mine.lower(), (mine, ""))
            rows.append(_theme_row(theme, question, 7))
        rows += _uncertainty_rows(u, metric, (names or {}).get(metric, ""))
    noisy = ("<p class='note'>† In at least half of the draws this difference lies within its "
             "own replicate noise (its 95% interval over the replicates includes 0): more "
             "replicates per draw would tell whether the assumptions or chance flip its sign.</p>")
    flagged = u.table[(u.table["verdict"] == "depends on assumptions")
                      & (u.table["noisy_share"] >= NOISY) & u.table["metric"].isin(metrics)]
    return ("<table class='uncertain'><tr><th>arm</th><th>P(best)</th>"
            "<th>P(better than baseline)</th><th>median diff [5%, 95%]</th><th>nominal diff</th>"
            "<th>verdict</th><th>top driver</th></tr>" + "".join(rows) + "</table>"
            + (noisy if len(flagged) else ""))


def _drivers_alt(u: Uncertainty, metrics: list) -> str:
    """The driver figure's alternative text: what it draws and, per metric, the strongest
    driver of each arm's difference (plain text)."""
    parts = []
    for metric in metrics:
        rows = u.table[(u.table["metric"] == metric) & (u.table["arm"] != u.baseline)]
        said = [f"{row.arm} {row.driver} ({row.driver_src:+.2f})" for row in
                rows.itertuples(index=False) if row.driver and math.isfinite(row.driver_src)]
        parts.append(f"{metric}: " + (", ".join(said) if said else "no driver estimated"))
    return (f"Horizontal bar charts, one panel per metric ({len(metrics)}), of the standardised "
            f"regression coefficient of each arm's difference from {u.baseline} on each uncertain "
            f"parameter over {u.draws} draws. Strongest driver per arm, with its coefficient: "
            + "; ".join(parts) + ".")


def _drivers_figure(u: Uncertainty, metrics: list) -> str:
    """The driver chart of the metrics whose answer depends on assumptions (of every metric in
    ``metrics`` when none does), or a note saying why it is not drawn."""
    depends = u.table[(u.table["verdict"] == "depends on assumptions")
                      & u.table["metric"].isin(metrics)]["metric"]
    drawn = [m for m in metrics if m in set(depends)] or metrics
    try:
        fig = uncertainty_figures.uncertainty_drivers(u, drawn)
    except (ValueError, KeyError):
        return ('<p class="note">The chart of what drives each difference could not be drawn '
                'from this file.</p>')
    which = ("the metrics where some arm's answer depends on assumptions" if len(depends)
             else "every metric above (each answer is robust or unchanged)")
    return (f"<p>What moves each difference, for {which}: one bar per arm and uncertain "
            "parameter, its standardised regression coefficient (SRC, −1 to 1 for a linear "
            "effect; 0 = no effect).</p>" + _png(fig, _drivers_alt(u, drawn)))


def _axis_range(values: pd.Series) -> str:
    """The values an axis took in the draws: "0.1 – 0.4", or a note for non-numeric ones."""
    finite = values[np.isfinite(values)]
    if finite.empty:
        return "non-numeric values (see the file)"
    low, high = finite.min(), finite.max()
    return _number(low) if low == high else f"{_number(low)} – {_number(high)}"


def _uncertainty_method(u: Uncertainty) -> str:
    """How the section's numbers were made: the draws, the replicates, the verdict's rule, the
    drivers; then each uncertain parameter with its range in the draws and why, and the file."""
    sampling = SAMPLING.get(u.sampling, html.escape(u.sampling))
    text = (
        f"<p>Every arm was run again under <b>{u.draws}</b> draws of the assumed parameters in "
        f"the uncertainty file <b>{html.escape(u.name)}</b> (<code>{html.escape(u.source)}"
        f"</code>), drawn as {sampling}, seed {u.seed}; <b>{u.replicates}</b> replicates per arm "
        "and draw on common random numbers (replicate r of every arm on the same random draws), "
        "so within a draw each arm's difference from the baseline "
        f"(<b>{html.escape(u.baseline)}</b>) is paired. A difference is <b>robust</b> when it has "
        f"the same sign in at least {_share(u.robust_share)} of the draws, and <b>depends on "
        "assumptions</b> otherwise. P(best): the share of draws in which the arm has the best "
        "mean (ties shared); P(better than baseline): the share in which it beats the baseline; "
        "median diff [5%, 95%]: the difference arm − baseline across the draws, in the metric's "
        "units; nominal diff: the difference at the scenarios' own values (the Comparison above). "
        "The top driver is the parameter with the largest standardised regression coefficient "
        "(SRC) of the difference on the draws' unit-cube coordinates; R² is the share of the "
        "difference's spread across the draws that this linear fit explains (a low R² leaves "
        "the rest to interactions, non-linear effects or replicate noise).</p>")
    axes = "".join(
        f"<tr><td><code>{html.escape(axis)}</code></td><td class='num'>"
        f"{html.escape(spread or _axis_range(u.value[axis]))}</td><td>{html.escape(why)}</td></tr>"
        for axis, why, spread in zip(u.axes, u.why, u.ranges))
    return (text + "<table><tr><th>uncertain parameter</th><th>range</th><th>why this "
            "range</th></tr>" + axes + "</table><details><summary>The uncertainty file</summary>"
            f"<pre>{html.escape(u.text)}</pre></details>")


def _names(path, metrics: list) -> dict:
    """{metric: its plain name} from the file's declarations (labels.metric_label)."""
    meta = metric_metadata(path, list(metrics))
    docs = dict(zip(meta.loc[meta["kind"] == "summary", "name"],
                    meta.loc[meta["kind"] == "summary", "doc"]))
    return {m: metric_label(m, docs.get(m)) for m in metrics}


def _uncertainty_section(path, labels: list, u: Optional[Uncertainty] = None,
                         unreadable: Optional[BaseException] = None) -> Optional[tuple]:
    """(UNCERTAINTY_HEADING, html) for a comparison file with ``/uncertainty``, else None: per
    headline metric (every metric when none is) one sentence, then the table, the drivers and
    how it was computed. ``labels``: the comparison's scenarios, to note a mismatch; ``u``: the
    group if already loaded, ``unreadable``: the error that kept it from loading. A group this
    code cannot read is reported in the section in plain words (the reason goes to stderr), not
    by failing the whole page."""
    if u is None and unreadable is None:
        if not has_uncertainty(path):
            return None
        try:
            u = load_uncertainty(path)
        except (ValueError, KeyError) as e:
            unreadable = e
    if u is None:
        return UNCERTAINTY_HEADING, ('<p class="note">The file has a group of uncertainty runs '
                                     '(<code>/uncertainty</code>) that this version cannot read, '
                                     'so it is not shown; the rest of the report is unaffected.'
                                     '</p>')
    metrics = u.headline or list(u.metrics)
    names = _names(path, metrics)
    sentences = "".join(f"<li>{_answer_sentence(u, m, names.get(m, ''))}</li>" for m in metrics)
    mismatch = ""
    if list(labels) != list(u.labels):
        mismatch = (f"<p class='note'>The uncertainty runs' arms ("
                    f"{html.escape(', '.join(u.labels))}) are not the comparison's ("
                    f"{html.escape(', '.join(labels))}).</p>")
    body = (f"<p>How the comparison's answer holds up when the assumed parameters vary over "
            f"{u.draws} draws of <b>{html.escape(u.name)}</b> (how: below).</p>{mismatch}"
            f"<ul class='answers'>{sentences}</ul>"
            + _uncertainty_table(u, metrics, _theme_questions(path), names)
            + _drivers_figure(u, metrics) + "<h3>How this was computed</h3>"
            + _uncertainty_method(u))
    return UNCERTAINTY_HEADING, body
