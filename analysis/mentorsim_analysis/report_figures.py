"""The figures of ``mentorsim report``, each with alternative text that says what it shows — the
arms, the axes and what the lines end at — and, where a figure cannot be drawn, a plain sentence
saying why (the technical reason goes to stderr, never into the page).

A comparison's models (its arms without a twin) are drawn together, one line each; each shock arm
is drawn against its own no-shock twin, one small panel per model (figures.shock_against_twin);
a shock arm without a twin in the comparison gets the knowledge-around-the-shock figure.
"""

from __future__ import annotations

import html
import math
import tomllib
from typing import Callable, Optional

import pandas as pd

from . import figures
from .html_parts import _png
from .labels import axis_label, difference, metric_label, quantity

GROUP_PREFIX = figures.GROUP_PREFIX
TIME_SERIES = ["participation", "waiting_list", "load_p95_hours", "load_max_hours",
               "burned_out_mentor_share", "knowledge_stock"]


def wanted_series(present) -> list:
    """The weekly series the report draws, of those ``present`` in the file."""
    present = list(present)
    names = set(present)
    wanted = [n for n in TIME_SERIES + list(figures.TWIN_SERIES) if n in names]
    return list(dict.fromkeys(wanted + [n for n in present if n.startswith(GROUP_PREFIX)]))


def _listing(items, limit: int = 12) -> str:
    items = [str(i) for i in items]
    if len(items) > limit:
        return ", ".join(items[:limit]) + f" and {len(items) - limit} more"
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _means(c, series: str, scenarios) -> pd.DataFrame:
    """scenario, week, mean of ``series`` over the replicates."""
    w = c.weekly[(c.weekly["series"] == series) & c.weekly["scenario"].isin(list(scenarios))]
    return w.groupby(["scenario", "week"], observed=True)["value"].mean().reset_index()


def _last(c, series: str, scenarios) -> dict:
    """{scenario: its mean in its last week} (NaN-free arms only)."""
    m = _means(c, series, scenarios).dropna()
    last = m.sort_values("week").groupby("scenario", observed=True).tail(1)
    return {str(s): float(v) for s, v in zip(last["scenario"], last["value"])}


def _peak(c, series: str, scenarios) -> dict:
    """{scenario: (week, its largest mean)}."""
    m = _means(c, series, scenarios).dropna()
    out = {}
    for s, rows in m.groupby("scenario", observed=True):
        if len(rows):
            k = rows["value"].idxmax()
            out[str(s)] = (int(rows.loc[k, "week"]), float(rows.loc[k, "value"]))
    return out


def _extremes(values: dict, units: str, high: str, low: str) -> str:
    """"highest for a (12%) and lowest for b (5%)" of {arm: value}; one arm: its value."""
    if not values:
        return "no value"
    if len(values) == 1:
        (arm, v), = values.items()
        return quantity(v, units)
    top = max(values, key=values.get)
    bottom = min(values, key=values.get)
    return (f"{high} for {top} ({quantity(values[top], units)}) and {low} for {bottom} "
            f"({quantity(values[bottom], units)})")


def _replicates(c, scenarios) -> str:
    counts = c.runs[c.runs["scenario"].isin(list(scenarios))].groupby(
        "scenario", observed=True)["replicate"].nunique()
    return "/".join(str(v) for v in sorted(set(int(n) for n in counts))) or "0"


def _weeks(c, scenarios) -> int:
    w = c.weekly[c.weekly["scenario"].isin(list(scenarios))]["week"]
    return int(w.max()) if len(w) else 0


def _arms_phrase(scenarios) -> str:
    scenarios = list(scenarios)
    if len(scenarios) == 1:
        return f"one line for {scenarios[0]}"
    return f"one line per arm ({_listing(scenarios)})"


def coverage_alt(c, scenarios) -> str:
    final = _last(c, "participation", scenarios)
    waiting = _last(c, "waiting_list", scenarios)
    return (f"Line chart in two panels over weeks 0 to {_weeks(c, scenarios)}, "
            f"{_arms_phrase(scenarios)}, each the mean over {_replicates(c, scenarios)} "
            f"replicates with its 95% band. Top: coverage, the share of practitioners with a "
            f"mentor; in the last week {_extremes(final, 'share', 'highest', 'lowest')}. "
            f"Bottom: the waiting list; in the last week "
            f"{_extremes(waiting, 'practitioners', 'longest', 'shortest')}.")


def load_alt(c, scenarios) -> str:
    p95 = {k: v for k, (_, v) in _peak(c, "load_p95_hours", scenarios).items()}
    burned = {k: v for k, (_, v) in _peak(c, "burned_out_mentor_share", scenarios).items()}
    return (f"Line chart in two panels over weeks 0 to {_weeks(c, scenarios)}, one colour per arm "
            f"({_listing(scenarios)}), means over {_replicates(c, scenarios)} replicates with "
            "95% bands. Top: the 95th percentile (solid) and the maximum (dashed) of the "
            "developers' load in hours a week; the 95th percentile peaks "
            f"{_extremes(p95, 'hours/week', 'highest', 'lowest')}. Bottom: the share of mentors "
            f"burned out, at its peak {_extremes(burned, 'share', 'highest', 'lowest')}.")


def twin_alt(c, pairs: dict, series: list) -> str:
    """What the twin figure shows, and each model's gap to its twin a year after its shock."""
    order = sorted(pairs, key=lambda arm: c.scenarios.index(pairs[arm]))
    first = {}
    for arm in order:
        weeks = [w for _, _, w in figures.shocks(c.resolved.get(arm, ""))]
        first[arm] = min(weeks) if weeks else 0
    named = [figures.SERIES_LABELS.get(s, s).split(" (")[0] for s in series]
    weeks = sorted(set(first.values()))
    when = (f"the shock in week {weeks[0]}" if len(weeks) == 1
            else "each arm's first shock (weeks " + ", ".join(map(str, weeks)) + ")")
    text = (f"Small panels, one per model ({_listing(pairs[a] for a in order)}), in rows for "
            f"{_listing(named)}: the model with the shock (solid line) against its twin without "
            f"it (dashed), means over {_replicates(c, list(pairs) + list(pairs.values()))} "
            f"replicates with 95% bands, from 26 weeks before to 78 weeks after {when}.")
    lead = series[0]
    units = "share" if lead in ("effective_coverage", "participation") else ""
    gaps = []
    for arm in order:
        means = _means(c, lead, [arm, pairs[arm]])
        at = first[arm] + 52
        rows = means[means["week"] == min(at, int(means["week"].max()) if len(means) else at)]
        values = {str(s): v for s, v in zip(rows["scenario"], rows["value"])}
        if arm in values and pairs[arm] in values:
            gaps.append(f"{pairs[arm]} {difference(values[arm] - values[pairs[arm]], units)}")
    if gaps:
        text += (f" A year after the shock, {named[0]} with the shock minus its twin's: "
                 + "; ".join(gaps) + ".")
    return text


def knowledge_alt(c, scenarios) -> str:
    entries = []
    for label in scenarios:
        for position, kind, week in figures.shocks(c.resolved.get(label, "")):
            entries.append(f"{label} ({kind} in week {week})")
    return ("Line chart of the knowledge stock relative to the week before each shock, from 26 "
            "weeks before to 52 weeks after it, one line per arm and shock: "
            f"{_listing(entries)}; a line below 1 is knowledge lost since the week before.")


def equity_alt(c, scenarios) -> str:
    groups = sorted({s[len(GROUP_PREFIX):] for s in c.weekly["series"].unique()
                     if str(s).startswith(GROUP_PREFIX)})
    gaps = {}
    finals = {}
    for label in scenarios:
        values = {g: _last(c, GROUP_PREFIX + g, [label]).get(label) for g in groups}
        values = {g: v for g, v in values.items() if v is not None and math.isfinite(v)}
        finals[label] = values
        if len(values) > 1:
            gaps[label] = max(values.values()) - min(values.values())
    text = (f"One panel per arm ({_listing(scenarios)}): the coverage of each group "
            f"({_listing(groups)}) week by week, mean over replicates with 95% bands.")
    if len(scenarios) == 1 and finals.get(scenarios[0]):
        text += " In the last week: " + ", ".join(
            f"{g} {quantity(v, 'share')}" for g, v in finals[scenarios[0]].items()) + "."
    elif len(gaps) > 1:
        top, bottom = max(gaps, key=gaps.get), min(gaps, key=gaps.get)
        text += (f" In the last week the gap between the best- and the least-covered group is "
                 f"largest for {top} ({difference(gaps[top], 'share', signed=False)}) and "
                 f"smallest for {bottom} ({difference(gaps[bottom], 'share', signed=False)}).")
    return text


class Drawer:
    """Draws figures into report sections: (heading, HTML) each, saying on stderr (``say``) which
    it draws, and a plain note in the page for one that cannot be drawn."""

    def __init__(self, say: Callable[[str], None], total: int):
        self.say, self.total, self.done = say, total, 0

    def __call__(self, heading: str, draw: Callable, alt: Callable) -> tuple:
        self.done += 1
        self.say(f"drawing figure {self.done} of {self.total}: {heading.lower()}…")
        try:
            fig = draw()
            text = alt()
        except (ValueError, KeyError, IndexError, TypeError) as e:
            self.say(f"figure {heading.lower()!r} not drawn: {e}")
            return heading, ('<p class="note">This figure could not be drawn from this file '
                             '(the command line says why).</p>')
        return heading, _png(fig, text)


def note(text: str) -> str:
    return f'<p class="note">{html.escape(text)}</p>'


def time_series_sections(c, twins: dict, say: Callable[[str], None], kind: str) -> list:
    """The figure sections of a run (``c`` a one-arm Comparison) or a comparison."""
    present = set(c.weekly["series"].unique())
    models = [label for label in c.scenarios if label not in twins]
    shocked = [label for label in c.scenarios if figures.shocks(c.resolved.get(label, ""))]
    unpaired = [label for label in shocked if label not in twins]
    groups = [s for s in present if str(s).startswith(GROUP_PREFIX)]
    plan, missing = [], []
    if {"participation", "waiting_list"} <= present:
        plan.append(("Coverage and the waiting list",
                     lambda: figures.coverage_and_waiting_list(c, scenarios=models),
                     lambda: coverage_alt(c, models)))
    else:
        missing.append("coverage and the waiting list")
    if {"load_p95_hours", "load_max_hours", "burned_out_mentor_share"} <= present:
        plan.append(("Mentor load and burnout",
                     lambda: figures.load_and_burnout(c, scenarios=models),
                     lambda: load_alt(c, models)))
    else:
        missing.append("mentor load and burnout")
    twin_series = [s for s in figures.TWIN_SERIES if s in present]
    if twins and twin_series:
        plan.append(("Each shock against its twin",
                     lambda: figures.shock_against_twin(c, twins=twins, series=twin_series),
                     lambda: twin_alt(c, twins, twin_series)))
    if unpaired and "knowledge_stock" in present:
        heading = ("Knowledge around the shock" if kind == "run"
                   else "Knowledge around the shocks of arms without a twin")
        plan.append((heading,
                     lambda: figures.knowledge_around_shock(c, scenarios=unpaired),
                     lambda: knowledge_alt(c, unpaired)))
    if groups:
        plan.append(("Equity: coverage by group",
                     lambda: figures.equity_by_group(c, scenarios=models),
                     lambda: equity_alt(c, models)))
    draw = Drawer(say, len(plan))
    sections = [draw(*item) for item in plan]
    if not shocked:
        sections.insert(min(2, len(sections)), (
            "Shocks", note("This run has no shock (its scenario has no [[shock]] entry), so "
                           "there is nothing to show around one." if kind == "run" else
                           "None of the arms has a shock (no [[shock]] entry in any scenario), "
                           "so there is nothing to show around one.")))
    if not groups:
        single = all(len(_group_names(c, label)) <= 1 for label in models)
        sections.append(("Equity: coverage by group", note(
            "The scenario has a single demographic group, so there is no coverage by group to "
            "compare." if single else "The file holds no weekly coverage by group "
            "(participation_by_group), so it is not drawn.")))
    if missing:
        sections.insert(0, ("Figures", note(
            f"The file holds no weekly series for {_listing(missing)}, so "
            f"{'they are' if len(missing) > 1 else 'it is'} not drawn.")))
    return sections


def _group_names(c, label: str) -> list:
    try:
        return list(tomllib.loads(c.resolved.get(label, "") or "").get("population", {}).get(
            "group_names", []))
    except tomllib.TOMLDecodeError:
        return []


# --- sweeps --------------------------------------------------------------------------------------

def _point_text(row, axes, all_axes) -> str:
    return ", ".join(f"{axis_label(a, all_axes)} {figures._fmt(row[a])}" for a in axes)


def _means_at(s, metric: str, fixed: dict) -> pd.DataFrame:
    """The per-point means a sweep figure draws: at the ``fixed`` axis values, done points only."""
    means = figures.point_means(s, metric)
    for axis, value in fixed.items():
        means = means[means[axis] == value]
    return means.dropna(subset=["mean"])


def _highest_and_lowest(means: pd.DataFrame, units: str, axes, all_axes) -> str:
    """" Highest <mean> at <point>; lowest <mean> at <point>." for an alt text ("" for no point)."""
    if not len(means):
        return ""
    top = means.loc[means["mean"].idxmax()]
    bottom = means.loc[means["mean"].idxmin()]
    return (f" Highest {quantity(top['mean'], units)} at {_point_text(top, axes, all_axes)}; "
            f"lowest {quantity(bottom['mean'], units)} at {_point_text(bottom, axes, all_axes)}.")


def response_alt(s, metric: str, label: str, units: str, x: str, by: Optional[str],
                 fixed: dict) -> str:
    means = _means_at(s, metric, fixed)
    shown = [a for a in (x, by) if a]
    lines = (f", one line per value of {axis_label(by, s.axes)} "
             f"({_listing(figures._fmt(v) for v in figures._axis_order(s.points[by]))})"
             if by else "")
    at = (" at " + _point_text(pd.Series(fixed), list(fixed), s.axes)) if fixed else ""
    text = (f"Line chart of the mean {label} against {axis_label(x, s.axes)}{lines}, with 95% "
            f"error bars over the replicates{at}.")
    return text + _highest_and_lowest(means, units, shown, s.axes)


def heatmap_alt(s, metric: str, label: str, units: str, x: str, y: str, fixed: dict) -> str:
    means = _means_at(s, metric, fixed)
    text = (f"Heatmap of the mean {label} over {axis_label(x, s.axes)} (across) and "
            f"{axis_label(y, s.axes)} (up), each cell labelled with its mean and the half-width "
            "of its 95% interval.")
    return text + _highest_and_lowest(means, units, [x, y], s.axes)


def sweep_sections(s, heads: pd.DataFrame, say: Callable[[str], None]) -> list:
    """Response curves of the first three headline metrics against the first numeric axis (one
    line per value of the next), and a heatmap of the first over two numeric axes."""
    chosen = [h for h in heads.itertuples(index=False) if h.name in s.metrics]
    numeric = [a for a in s.axes if pd.api.types.is_numeric_dtype(s.points[a])]
    varying = [a for a in s.axes if s.points[a].nunique() > 1]
    x = next((a for a in varying if a in numeric), varying[0] if varying else None)
    if x is None or not chosen:
        return []
    by = next((a for a in varying if a != x), None)
    fixed_one = {a: s.points[a].iloc[0] for a in s.axes if s.points[a].nunique() == 1}
    others = [a for a in varying if a not in (x, by)]
    fixed = dict(fixed_one, **{a: s.points[a].iloc[0] for a in others})
    plan = []
    for h in chosen[:3]:
        label = metric_label(h.name, h.doc)
        plan.append((f"{label} against {axis_label(x, s.axes)}",
                     lambda h=h, label=label: figures.sweep_response(
                         s, h.name, x=x, by=by, fixed=fixed or None, label=label),
                     lambda h=h, label=label: response_alt(s, h.name, label, h.units, x, by,
                                                           fixed)))
    if by is not None and x in numeric and by in numeric:
        h = chosen[0]
        label = metric_label(h.name, h.doc)
        plan.append((f"{label} over {axis_label(x, s.axes)} and {axis_label(by, s.axes)}",
                     lambda: figures.sweep_heatmap(s, h.name, x=x, y=by, fixed=fixed or None,
                                                   label=label),
                     lambda: heatmap_alt(s, h.name, label, h.units, x, by, fixed)))
    draw = Drawer(say, len(plan))
    return [draw(*item) for item in plan]
