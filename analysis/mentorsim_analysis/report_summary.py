"""The first screen of ``mentorsim report``: the question, the arms, and one plain sentence per
headline metric — which arm is best, by how much against the baseline (in the metric's units),
how sure (whether the 95% interval of the paired difference excludes 0) and, for a comparison
written with ``--uncertain``, whether that answer survives the assumptions.

The numbers are those of the tables below them: :func:`report.interval` over the replicates, and
over the per-replicate differences for a paired difference (common random numbers: replicate r of
every arm, or of every point of a sweep, ran on the same draws).
"""

from __future__ import annotations

import html
import math
import tomllib
from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np
import pandas as pd

from .figures import _fmt
from .labels import axis_label, difference, interval_text, metric_label, quantity
from .uncertainty import Uncertainty

HEADING = "Summary"
SECTION_ID = "summary"  # the <section> the first-screen test measures


def _e(text) -> str:
    return html.escape(str(text))


@dataclass
class Arm:
    """One arm's values of a metric: per replicate, and their mean and interval."""

    label: str
    values: pd.Series  # indexed by replicate
    n: int
    mean: float
    low: float
    high: float


# How sure a paired difference is, in a word or two; the note under the sentences says what
# the words mean.
CLEAR, CHANCE, SAME, NO_INTERVAL = "clear", "could be chance", "the same in every replicate", (
    "no interval (one replicate)")
SURENESS_NOTE = ("<i>clear</i> when it excludes 0, <i>could be chance</i> when it includes 0 (more "
                 "replicates could change the answer)")


# The explanation under the sentences, folded so that it takes one line of the first screen.
HOW_TO_READ = "<details class='note small'><summary>How to read these lines</summary>"


def _sureness(d: float, low: float, high: float, n: int) -> str:
    """How sure a paired difference is, in words."""
    if n < 2 or not (math.isfinite(low) and math.isfinite(high)):
        return NO_INTERVAL
    if d == 0 and low == 0 and high == 0:
        return SAME
    if low > 0 or high < 0:
        return CLEAR
    return CHANCE


def _short(x, units: str) -> str:
    """A value whose units were given just before: a share still as a percentage."""
    return quantity(x, units) if units == "share" else quantity(x, "")


def _diff(d, units: str) -> str:
    """A difference whose units were given just before: a share's in points."""
    return difference(d, units) if units == "share" else difference(d, "")


def _ci_text(low, high, units: str) -> str:
    """A difference's interval after the difference itself, which gave the units: "+3.25 to
    +3.92" (a share's in points too)."""
    text = interval_text(low, high, units if units == "share" else "")
    return text[:-len(" points")] if text.endswith(" points") else text


def _best(arms: list, better: Optional[str]) -> list:
    """``arms`` with a finite mean, best first by the declared direction (highest first when
    there is none), ties in the given order."""
    finite = [a for a in arms if math.isfinite(a.mean)]
    sign = -1.0 if better == "lower" else 1.0
    return sorted(finite, key=lambda a: -sign * a.mean)


def _paired(first: Arm, second: Arm, interval: Callable) -> tuple:
    """(mean, low, high, n) of first − second over the replicates both report."""
    both = pd.concat([first.values, second.values], axis=1, join="inner").dropna()
    d = both.iloc[:, 0] - both.iloc[:, 1]
    n, mean, low, high = interval(d.to_numpy(), None)
    return mean, low, high, n


def comparison_sentence(label: str, units: str, better: Optional[str], arms: list,
                        reference: Optional[str], roles: dict, interval: Callable,
                        robust: Callable = lambda best, other: "") -> str:
    """One metric's sentence (HTML) for the arms that report it: the best arm, its value against
    ``reference``'s (or, when the reference is best, against the next best), their paired
    difference with its 95% interval and how sure it is; ``robust(best, other)`` adds a clause
    from the uncertainty analysis. ``roles``: {arm: "the baseline", ...}: how an arm compared
    with is named (default: by its label)."""
    ranked = _best(arms, better)
    name = f"<b>{_e(label)}</b>"
    if not ranked:
        return f"{name}: no value in any arm (undefined in some replicate of each)."
    if len(ranked) == 1:
        only = ranked[0]
        return (f"{name}: only <b>{_e(only.label)}</b> has a value, {quantity(only.mean, units)} "
                f"(95% CI {_range(only, units)}).")
    if all(a.mean == ranked[0].mean for a in ranked) and len(ranked) == len(arms):
        same = all(_paired(a, ranked[0], interval)[1:3] == (0.0, 0.0) for a in ranked[1:])
        return (f"{name}: {quantity(ranked[0].mean, units)} in every arm"
                f"{', in every replicate' if same else ''}: no difference.")
    best = ranked[0]
    by_label = {a.label: a for a in ranked}
    other = by_label.get(reference) if reference != best.label else None
    next_best = other is None
    if next_best:
        other = ranked[1]
    d, low, high, n = _paired(best, other, interval)
    lead = "best" if better in ("higher", "lower") else "highest"
    role = roles.get(best.label)
    first = f"<b>{_e(best.label)}</b>{f' ({role})' if role else ''}"
    second = roles.get(other.label) or _e(other.label)
    if next_best:
        second = f"{_e(other.label)}, the next"
    return (f"{name}: {lead} {first}, {quantity(best.mean, units)} vs {_short(other.mean, units)} "
            f"for {second}: {_diff(d, units)} (95% CI {_ci_text(low, high, units)}), "
            f"{_sureness(d, low, high, n)}{robust(best.label, other.label)}.")


def _range(arm: Arm, units: str) -> str:
    if not (math.isfinite(arm.low) and math.isfinite(arm.high)):
        return "–"
    low, high = quantity(arm.low, units), quantity(arm.high, units)
    if units and not units.endswith("(0-1)") and units != "share":
        low = low[:-len(units) - 1]
    return f"{low} to {high}"


# --- a comparison ------------------------------------------------------------------------------

def _arms(summaries: pd.DataFrame, metric: str, labels: list, aggregate, interval) -> list:
    rows = summaries[summaries["metric"] == metric]
    out = []
    for label in labels:
        mine = rows[rows["scenario"] == label].set_index("replicate")["value"]
        if mine.empty:
            continue
        n, mean, low, high = interval(mine.to_numpy(), aggregate)
        out.append(Arm(label, mine, n, mean, low, high))
    return out


def _robust_clause(u: Optional[Uncertainty], metric: str, baseline: str) -> Callable:
    """The clause on the assumptions for the pair (best, other) of ``metric``: the verdict of the
    arm that is not the baseline (its difference from the baseline across the draws), or for a
    metric the baseline does not report, how often the best arm ranks best."""
    if u is None or metric not in u.metrics or u.baseline != baseline:
        return lambda best, other: ""
    from .uncertainty_figures import parameter_label

    table = u.table[u.table["metric"] == metric].set_index("arm", drop=False)

    def clause(best: str, other: str) -> str:
        arm = best if other == baseline else other if best == baseline else None
        if arm is not None and arm in table.index:
            row = table.loc[arm]
            if row["verdict"] == "robust":
                return "; <span class='robust'>robust</span>"
            if row["verdict"] == "depends on assumptions":
                driver = f" ({_e(parameter_label(row['driver']))})" if row["driver"] else ""
                return f"; <span class='depends'>depends on assumptions</span>{driver}"
            if row["verdict"] == "no difference":
                return "; the same under every assumption"
            return ""
        if best in table.index and math.isfinite(table.loc[best, "p_best"]):
            p = table.loc[best, "p_best"]
            how = ("<span class='robust'>robust</span>" if p >= u.robust_share
                   else "<span class='depends'>depends on assumptions</span>")
            return f"; {how} (best in {round(100 * p)}% of draws)"
        return ""

    return clause


def compare_summary(c, heads: pd.DataFrame, twins: dict, interval: Callable,
                    u: Optional[Uncertainty] = None) -> str:
    """The summary section's HTML for a comparison ``c`` (:class:`~.compare.Comparison`) with its
    headline metrics ``heads`` and {shock arm: twin} ``twins``."""
    models = [label for label in c.scenarios if label not in twins]
    shock_of = {twin: arm for arm, twin in twins.items()}
    question = _compare_question(c, models, twins, heads)
    arms = _arms_line(c, models, twins)
    rows = []
    roles = {c.baseline: "the baseline"}
    for h in heads.itertuples(index=False):
        reported = set(c.summaries.loc[c.summaries["metric"] == h.name, "scenario"].astype(str))
        if c.baseline in reported:
            candidates, reference = [m for m in models if m in reported], c.baseline
        else:  # e.g. shock<i>/vs_twin/...: only the shock arms report it, each against its twin
            candidates = [label for label in c.scenarios if label in reported]
            reference = shock_of.get(c.baseline) if shock_of.get(c.baseline) in reported else (
                candidates[0] if candidates else None)
        arms_of = _arms(c.summaries, h.name, candidates, h.aggregate, interval)
        sentence = comparison_sentence(metric_label(h.name, h.doc), h.units, h.better, arms_of,
                                       reference, roles, interval,
                                       _robust_clause(u, h.name, c.baseline))
        rows.append((h.theme, h.question, sentence))
    table = _table(rows)
    note = (f"{HOW_TO_READ}Each line: the best arm by the metric's direction against the "
            "baseline (where the baseline is best, against the next best), and their difference "
            f"paired by replicate with its 95% CI: {SURENESS_NOTE}.")
    if twins:
        against = _e(shock_of.get(c.baseline, "the first"))
        note += (" Shock arms appear only in the shock's lines, each measured against its own "
                 f"no-shock twin (and compared there with {against}).")
    if u is not None:
        note += (f" <i>robust</i>: the difference keeps its sign in at least "
                 f"{round(100 * u.robust_share)}% of {u.draws} draws of the assumed parameters "
                 f"({_e(u.name)}); <i>depends on assumptions</i> otherwise, with the parameter "
                 "that drives it most (What the answer depends on, below).")
    note += "</details>"
    return f"{question}{arms}{table}{note}"


def _themes_asked(heads: pd.DataFrame) -> str:
    themes = list(dict.fromkeys(heads["theme"]))
    names = [t.lower() for t in themes]
    return ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1] if names else ""


def _compare_question(c, models, twins, heads) -> str:
    others = [m for m in models if m != c.baseline]
    asked = _themes_asked(heads) if len(heads) else "the metrics in the file"
    listing = ", ".join(f"<b>{_e(m)}</b>" for m in others) or "the other arms"
    shock = (" — and, for each, what a shock does to it against its own twin without the shock"
             if twins else "")
    return (f"<p class='question'><b>The question:</b> how do {listing} compare with "
            f"<b>{_e(c.baseline)}</b> on {_e(asked)}{shock}?</p>")


def description(resolved: str) -> str:
    """The ``[scenario] description`` of a resolved scenario's TOML ("" when it has none)."""
    try:
        return str(tomllib.loads(resolved or "").get("scenario", {}).get("description", ""))
    except tomllib.TOMLDecodeError:
        return ""


def _arms_line(c, models, twins) -> str:
    """The arms: the models (baseline first, each scenario's description as its tooltip), then
    the shock arms paired with them, the replicates and the seed."""
    shock_of = {twin: arm for arm, twin in twins.items()}
    items = []
    for label in models:
        title = description(c.resolved.get(label, ""))
        attr = f' title="{_e(title)}"' if title else ""
        items.append(f"<b{attr}>{_e(label)}</b>" + (" (baseline)" if label == c.baseline else ""))
    counts = c.runs.groupby("scenario", observed=True)["replicate"].nunique()
    replicates = "/".join(str(v) for v in sorted(set(int(n) for n in counts)))
    seeds = sorted(set(int(s) for s in c.runs["seed"])) if "seed" in c.runs else []
    seed = f", seed {seeds[0]}" if len(seeds) == 1 else ""
    shocks = ""
    if twins:
        paired = [shock_of[m] for m in models if m in shock_of]
        if all(arm == f"{twin}_shock" for arm, twin in twins.items()):
            shocks = (f"; {'each' if len(paired) == len(models) else 'with'} a shock twin "
                      f"({_e(', '.join(paired))})")
        else:
            shocks = "; shock twins: " + ", ".join(
                f"{_e(shock_of[m])} of {_e(m)}" for m in models if m in shock_of)
    return (f"<p class='arms'><b>The arms</b> ({len(c.scenarios)}, {replicates} replicates each "
            f"on common random numbers{seed}): {', '.join(items)}{shocks}.</p>")


def _table(rows: list) -> str:
    """The sentences, (theme, question, HTML) each, in a table of one row per sentence under a
    cell per theme naming its question."""
    if not rows:
        return ("<p>The file declares no headline metrics (it was written before metric "
                "declarations): the tables below have every value.</p>")
    out, k = [], 0
    while k < len(rows):
        theme, question = rows[k][0], rows[k][1]
        span = 1
        while k + span < len(rows) and rows[k + span][0] == theme:
            span += 1
        for j in range(span):
            cell = ""
            if j == 0:
                cell = (f"<th rowspan='{span}' scope='rowgroup'>{_e(theme)}"
                        f"<span class='q'>{_e(question)}</span></th>")
            out.append(f"<tr>{cell}<td>{rows[k + j][2]}</td></tr>")
        k += span
    return f"<table class='glance'>{''.join(out)}</table>"


# --- a run ---------------------------------------------------------------------------------------

def run_summary(name: str, description: str, runs: pd.DataFrame, heads: pd.DataFrame,
                interval: Callable) -> str:
    """The summary section's HTML for a run file: its scenario, and per headline metric its mean
    and 95% interval over the replicates."""
    seeds = sorted(set(int(s) for s in runs["seed"])) if "seed" in runs and len(runs) else []
    seed = f", seed {seeds[0]}" if len(seeds) == 1 else ""
    what = f": {_e(description)}" if description else ""
    asked = _themes_asked(heads) if len(heads) else "its metrics"
    out = [f"<p class='question'><b>The question:</b> what does <b>{_e(name)}</b> do on "
           f"{_e(asked)}?</p><p class='arms'><b>The scenario</b> ({len(runs)} replicate"
           f"{'s' if len(runs) != 1 else ''}{seed}): <b>{_e(name)}</b>{what}.</p>"]
    rows = []
    for h in heads.itertuples(index=False):
        values = runs[h.name].to_numpy() if h.name in runs else np.array([])
        n, mean, low, high = interval(values, h.aggregate)
        label = f"<b>{_e(metric_label(h.name, h.doc))}</b>"
        if n == 0:
            text = f"{label}: not reported by this run."
        elif not math.isfinite(mean):
            text = f"{label}: undefined in some replicate (see the table below)."
        else:
            arm = Arm(name, pd.Series(values), n, mean, low, high)
            ci = f" (95% CI {_range(arm, h.units)})" if math.isfinite(low) else ""
            direction = f"; {h.better} is better" if h.better in ("higher", "lower") else ""
            text = f"{label}: {quantity(mean, h.units)}{ci}{direction}."
        rows.append((h.theme, h.question, text))
    out.append(_table(rows))
    return "".join(out)


# --- a sweep -------------------------------------------------------------------------------------

def _point_name(s, point: int, varying: list) -> str:
    """A point as the sentences name it: "capacity 4" on one varying axis, else its values in
    the axes' order, "(4, 0.5)" (the points line says the order)."""
    row = s.points.set_index("point").loc[point]
    if len(varying) == 1:
        return f"{axis_label(varying[0], s.axes)} {_fmt(row[varying[0]])}"
    return "(" + ", ".join(_fmt(row[a]) for a in varying) + ")"


def sweep_summary(s, heads: pd.DataFrame, interval: Callable) -> str:
    """The summary section's HTML for a sweep: what it varies, and per headline metric the best
    and the worst point with their paired difference (every point ran on the same seed, so
    replicate r of two points is a pair)."""
    varying = [a for a in s.axes if s.points[a].nunique() > 1] or list(s.axes)
    axes = "; ".join(
        f"<b>{_e(axis_label(a, s.axes))}</b> (<code>{_e(a)}</code>) "
        f"{_e(', '.join(_fmt(v) for v in pd.unique(s.points[a])[:8]))}"
        f"{' …' if s.points[a].nunique() > 8 else ''}" for a in varying)
    base = ""
    if len(s.points):
        first = s.resolved.get(int(s.points["point"].iloc[0]), "")
        try:
            base = str(tomllib.loads(first).get("scenario", {}).get("name", "")) if first else ""
        except tomllib.TOMLDecodeError:
            base = ""
    name = s.provenance.get("sweep_name", "the sweep")
    order = (f"; a point is written ({_e(', '.join(axis_label(a, s.axes) for a in varying))})"
             if len(varying) > 1 else "")
    out = [f"<p class='question'><b>The question:</b> how do "
           f"{_e(_themes_asked(heads) if len(heads) else 'the metrics')} change with "
           f"{_e(' and '.join(axis_label(a, s.axes) for a in varying))}"
           f"{f' in the scenario <b>{_e(base)}</b>' if base and 'base' not in varying else ''}?</p>"
           f"<p class='arms'><b>The points</b> ({len(s.points)} of sweep <b>{_e(name)}</b>, "
           f"{_e(s.provenance.get('replicates', '?'))} replicates each, seed "
           f"{_e(s.provenance.get('seed', '?'))}): {axes}{order}.</p>"]
    rows = []
    for h in heads.itertuples(index=False):
        if h.name not in s.metrics:
            continue
        column = h.name if h.name in s.runs.columns else "summary/" + h.name
        arms = []
        for point, group in s.runs.groupby("point", sort=True):
            values = group.set_index("replicate")[column]
            n, mean, low, high = interval(values.to_numpy(), h.aggregate)
            arms.append(Arm(_point_name(s, point, varying), values, n, mean, low, high))
        rows.append((h.theme, h.question,
                     _sweep_sentence(metric_label(h.name, h.doc), h.units, h.better, arms,
                                     interval)))
    out.append(_table(rows))
    out.append(f"{HOW_TO_READ}Each line: the best and the worst point by the metric's declared "
               "direction, their means over replicates and their difference paired by replicate "
               f"(every point ran on the same seed) with its 95% interval: {SURENESS_NOTE}."
               "</details>")
    return "".join(out)


def _sweep_sentence(label, units, better, arms, interval) -> str:
    ranked = _best(arms, better)
    name = f"<b>{_e(label)}</b>"
    if not ranked:
        return f"{name}: no value at any point."
    if len(ranked) == 1:
        return f"{name}: {quantity(ranked[0].mean, units)} at {_e(ranked[0].label)}."
    best, worst = ranked[0], ranked[-1]
    if best.mean == worst.mean:
        return f"{name}: {quantity(best.mean, units)} at every point: no difference."
    d, low, high, n = _paired(best, worst, interval)
    lead = ("best", "worst") if better in ("higher", "lower") else ("highest", "lowest")
    return (f"{name}: {lead[0]} {quantity(best.mean, units)} at <b>{_e(best.label)}</b>, "
            f"{lead[1]} {_short(worst.mean, units)} at {_e(worst.label)}: "
            f"{_diff(d, units)} (95% CI {_ci_text(low, high, units)}), "
            f"{_sureness(d, low, high, n)}.")
