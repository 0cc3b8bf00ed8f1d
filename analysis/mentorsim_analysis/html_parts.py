"""Pieces of HTML the report pages share: numbers as the tables write them, a figure as an
embedded PNG with its alternative text, a theme's heading row, a metric's better direction."""

from __future__ import annotations

import base64
import html
import io
import math

import numpy as np


def _number(x) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    if isinstance(x, (int, np.integer)):
        return str(x)  # a seed or a count: "2026", not "2,026"
    return f"{x:.4g}"


def _ci(low, high) -> str:
    return "–" if not (math.isfinite(low) and math.isfinite(high)) else f"[{_number(low)}, {_number(high)}]"


def _png(fig, alt: str = "figure") -> str:
    """``fig`` as an <img> holding its PNG, with ``alt`` (plain text) as its alternative text."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f'<img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'


def _ident(text) -> str:
    """An identifier (a metric, a scenario label, a parameter key) as HTML that may break after
    "/", "_" and ".", so that a narrow column can wrap it without breaking words elsewhere."""
    escaped = html.escape(str(text))
    for c in "/_.":
        escaped = escaped.replace(c, c + "<wbr>")
    return escaped


def _direction(better) -> str:
    """ "higher is better", "lower is better", or "" for a metric with no better direction."""
    return f"{better} is better" if better in ("higher", "lower") else ""


def _theme_row(theme: str, question: str, columns: int) -> str:
    """The heading row of a theme, as the CLI's "== Reach: who gets mentoring, and how soon ==". """
    return (f"<tr class='theme'><td colspan='{columns}'><b>{html.escape(theme)}</b>: "
            f"{html.escape(question)}</td></tr>")
