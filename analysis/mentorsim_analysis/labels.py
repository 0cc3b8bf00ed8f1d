"""Plain names for metrics and parameters, and numbers written with their units, for the pages a
programme designer reads (``mentorsim report``) rather than the identifiers a script uses.

>>> from mentorsim_analysis.labels import metric_label, quantity, difference
>>> metric_label("shock2/vs_twin/recovery_weeks")
'Weeks to recover from the shock (shock 2)'
>>> quantity(0.1234, "share"), difference(0.0358, "share"), quantity(4.8, "weeks")
('12.3%', '+3.58 points', '4.8 weeks')

A metric's name comes from HEADLINE_LABELS, one short name per headline summary of the
catalogue (``mentorsim metrics``; a test checks that every headline summary has one); any other
metric is named from the first clause of its declared ``doc``, or failing that from its identifier.
"""

from __future__ import annotations

import math
import re
from typing import Optional

# One plain name per headline summary of the catalogue (`mentorsim metrics --format json`, the
# "headline" ones), by its name there ({shock} stands for the shock's number).
HEADLINE_LABELS = {
    "served_within_4w_share": "Seekers served within 4 weeks",
    "served_within_13w_share": "Seekers served within 13 weeks",
    "served_within_26w_share": "Seekers served within 26 weeks",
    "mean_effective_coverage": "Effective coverage",
    "mean_developers_per_learner": "Developers per learner",
    "departures_burnout_total": "Departures due to burnout",
    "peak_burned_out_load_carrier_share": "Load carriers burned out at the peak",
    "mean_load_gini": "Unevenness of the mentoring load (Gini)",
    "mean_single_developer_share": "Learners relying on a single developer",
    "isolation_events_total": "Learners cut off by a departure",
    "shock{shock}/vs_twin/knowledge_lost_52w": "Expert knowledge lost a year after the shock",
    "shock{shock}/vs_twin/orphaned_learners_0w": "Learners orphaned by the shock",
    "shock{shock}/vs_twin/orphan_weeks_52w": "Orphaned learner-weeks in the year after the shock",
    "shock{shock}/vs_twin/served_learners_lost_13w": "Places lost 13 weeks after the shock",
    "shock{shock}/vs_twin/recovery_weeks": "Weeks to recover from the shock",
    "shock{shock}/vs_twin/recovered": "Replicates that recovered from the shock",
    "final_competent_share": "Competent at the end",
    "never_competent_share": "Never became competent",
    "competent_within_52w_share": "Competent within a year of joining",
    "effective_coverage_weeks_per_senior_hour": "Effective coverage per senior hour",
    "competence_per_100_senior_hours": "Competence reached per 100 senior hours",
    "mean_access_ratio": "Access of the least-reached group vs the best-reached",
    "cost_per_covered_practitioner_year": "Cost per covered practitioner-year",
}
SHOCK = re.compile(r"^shock(\d+)/")


def _template(name: str) -> tuple:
    """(catalogue name, shock number or None): "shock2/vs_twin/x" gives
    ("shock{shock}/vs_twin/x", 2)."""
    found = SHOCK.match(name)
    if not found:
        return name, None
    return "shock{shock}/" + name[found.end():], int(found.group(1))


def _from_doc(doc: str) -> str:
    """The first clause of a declared doc: up to a colon, semicolon, parenthesis or the end of
    the first sentence."""
    text = re.split(r"\s*[:;(]\s*|\.\s|\.$", doc.strip(), maxsplit=1)[0].strip()
    return text[:1].upper() + text[1:] if text else ""


def metric_label(name: str, doc: Optional[str] = None) -> str:
    """A plain name for metric ``name``: HEADLINE_LABELS', the first clause of ``doc``, or the
    identifier with its underscores as spaces; a shock's metric says the shock's number when it is
    not the first ("(shock 2)")."""
    template, shock = _template(name)
    label = HEADLINE_LABELS.get(template) or (_from_doc(doc) if doc else "")
    if not label:
        last = name.rsplit("/", 1)[-1]
        label = last.replace("_", " ")
        label = label[:1].upper() + label[1:]
    if shock is not None and shock > 1:
        label += f" (shock {shock})"
    return label


def axis_label(key: str, keys=()) -> str:
    """A short name for a sweep axis or parameter key: its last component with spaces
    ("programme.one_on_one.capacity" -> "capacity"), longer where that is ambiguous among
    ``keys``."""
    parts = key.split(".")
    for n in range(1, len(parts) + 1):
        short = ".".join(parts[-n:])
        if sum(1 for k in keys if k.split(".")[-n:] == parts[-n:]) <= 1:
            break
    return short.replace("_", " ")


# --- numbers with units --------------------------------------------------------------------------

def _plain(x: float, digits: int = 3) -> str:
    """``x`` to ``digits`` significant digits, never in exponent form and never with thousands
    separators: 0.000183, 12.3, 4080."""
    if x == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(0, digits - 1 - magnitude)
    text = f"{round(x, decimals):.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _is_share(units: str) -> bool:
    return units == "share"


def _unitless(units: str) -> bool:
    """Units a number is read without: none, or a bounded index such as "Gini (0-1)"."""
    return not units or units.endswith("(0-1)")


def quantity(x, units: str) -> str:
    """A value with its units: a share as a percentage ("12.3%"), an index as a number, anything
    else followed by its units ("4.8 weeks"); "–" for a missing value."""
    if x is None or not math.isfinite(x):
        return "–"
    if _is_share(units):
        return f"{_plain(100 * x)}%"
    if _unitless(units):
        return _plain(x)
    return f"{_plain(x)} {units}"


def difference(d, units: str, signed: bool = True) -> str:
    """A difference with its sign and units: a share's in percentage points ("+3.58 points")."""
    if d is None or not math.isfinite(d):
        return "–"
    sign = "+" if signed and d > 0 else ""
    if _is_share(units):
        return f"{sign}{_plain(100 * d)} points"
    if _unitless(units):
        return f"{sign}{_plain(d)}"
    return f"{sign}{_plain(d)} {units}"


def interval_text(low, high, units: str) -> str:
    """A difference's interval: "+3.25 to +3.92 points"; "–" when it is undefined."""
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return "–"
    lo, hi = difference(low, units), difference(high, units)
    suffix = ""
    for unit in (" points", f" {units}"):
        if unit.strip() and lo.endswith(unit) and hi.endswith(unit):
            lo, suffix = lo[:-len(unit)], unit
            hi = hi[:-len(unit)]
            break
    return f"{lo} to {hi}{suffix}"
