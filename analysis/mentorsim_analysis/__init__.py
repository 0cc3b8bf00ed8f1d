"""Analysis helpers for mentorsim result files (HDF5, layout in docs/output-format.md).

>>> import mentorsim_analysis as ma
>>> ma.provenance("out.h5")["git_commit"]
>>> ma.runs("out.h5")                      # one row per run, summary values as columns
>>> ma.weekly("out.h5", "participation")        # tidy: run_id, scenario_name, replicate, week, series, value
>>> print(ma.resolved_scenario("out.h5", "r0000"))

Which kind of output a path is (formats.py; every reader checks the same way):

>>> ma.file_kind("out.h5")                 # "run", "compare", "sweep" (a directory too), "sweep-part"

Comparison files (`mentorsim compare --out`):

>>> c = ma.load_compare("compare.h5")      # .baseline, .scenarios, .runs, .summaries, .weekly
>>> ma.paired_differences(c, "mean_participation")   # per scenario and replicate: diff vs the baseline
>>> ma.twins(c)                            # {shock arm: its no-shock twin}

Uncertain assumptions (`mentorsim compare ... --uncertain FILE.toml --out`; uncertainty.py):

>>> ma.has_uncertainty("compare.h5")
>>> u = ma.load_uncertainty("compare.h5")  # .labels, .metrics, .axes, .difference (metric, draw, arm)
>>> u.table                                # per metric and arm: p_best, p_better, median, verdict, driver

Sweep directories (`mentorsim sweep --out DIR`, layout in docs/sweeps.md):

>>> s = ma.load_sweep("out/capacity")      # the directory or its index.h5
>>> s.points                               # point, one column per axis, runs_done, scenario_hash
>>> s.runs                                 # one row per done run: ids, axis values, every metric
>>> s.point_summaries                      # tidy: point, axes, metric, mean, sd, ci, units
>>> ma.sweep_weekly(s, "participation")         # tidy: run_id, point, replicate, week, series, value

What each metric is, as the file declares it (metadata.py): units, doc, which way is better, how
replicates aggregate, theme, headline flag; and the headline table of `mentorsim compare`:

>>> ma.metric_metadata("compare.h5")       # name, kind, units, doc, better, aggregate, theme, headline
>>> ma.metric_themes("compare.h5")         # theme, question, in display order
>>> ma.headline_metrics("compare.h5")      # theme, question, name, better, aggregate, units, doc

Standard figures (figures.py, needs matplotlib; imported on first use), each returning a
matplotlib Figure and saving it with ``out=``:

>>> ma.coverage_and_waiting_list("compare.h5", out="coverage.png")   # run or comparison file
>>> ma.load_and_burnout(c); ma.knowledge_around_shock(c); ma.equity_by_group(c)
>>> ma.shock_against_twin(c)               # each shock arm against its no-shock twin
>>> ma.sweep_response(s, "peak_waiting_list", x="joining.arrivals_per_week",
...                   by="programme.one_on_one.capacity")
>>> ma.sweep_heatmap(s, "mean_participation", x="joining.arrivals_per_week",
...                  y="programme.one_on_one.capacity")

The Student-t quantile of every 95% interval (stats.py, from scipy; loaded on first use):

>>> ma.t_quantile_975(n - 1)               # mean ± t · sd / √n over n replicates

The developmental network from `mentorsim run --export-network` GraphML files (network.py, needs
networkx):

>>> ma.network_picture("one-network/a_r0000_w0100.graphml", "web-network/b_r0000_w0100.graphml")
"""

from . import _deps

# Run as `python3 -m mentorsim_analysis.report` (or .summary) without numpy, h5py, ...: one line
# naming the Debian package to install, exit status 2, no traceback (_deps.py).
_deps.check_command_line()

try:
    from .compare import COMPARE_FORMAT, Comparison, load_compare, paired_differences, twins
    from .formats import SWEEP_PART_FORMAT, file_kind

    from .loader import (
        FORMAT,
        SUPPORTED_FORMAT_VERSIONS,
        Results,
        open_results,
        provenance,
        resolved_scenario,
        run_ids,
        runs,
        series_names,
        weekly,
        zones,
    )
    from .metadata import headline_metrics, metric_metadata, metric_themes
    from .sweep import SWEEP_FORMAT, Sweep, load_sweep, sweep_weekly
    from .uncertainty import Uncertainty, has_uncertainty, load_uncertainty
except ImportError as _error:  # imported as a library: the same hint, on the ImportError
    _missing = _deps.first_missing(("numpy", "h5py", "pandas"))
    if _missing is None:
        raise
    raise ImportError(f"mentorsim_analysis: {_deps.hint(*_missing)}") from _error

# The figures import matplotlib, which the loaders do not need: load them on first use (PEP 562).
FIGURES = [
    "coverage_and_waiting_list",
    "equity_by_group",
    "knowledge_around_shock",
    "load_and_burnout",
    "point_means",
    "replicate_band",
    "shock_against_twin",
    "shocks",
    "sweep_heatmap",  # sweep_figures.py, re-exported by figures.py
    "sweep_response",
    "uncertainty_drivers",  # uncertainty_figures.py
]


def __getattr__(name):
    if name == "t_quantile_975":  # scipy.stats takes a while to import: the loaders do not need it
        from .stats import t_quantile_975

        return t_quantile_975
    if name == "network_picture":  # networkx, like matplotlib, is loaded only when used
        from .network import network_picture

        return network_picture
    if name == "uncertainty_drivers":
        from .uncertainty_figures import uncertainty_drivers

        return uncertainty_drivers
    if name in FIGURES:
        from . import figures

        return getattr(figures, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "COMPARE_FORMAT",
    "Comparison",
    "FORMAT",
    "SUPPORTED_FORMAT_VERSIONS",
    "SWEEP_FORMAT",
    "SWEEP_PART_FORMAT",
    "Results",
    "Sweep",
    "Uncertainty",
    "file_kind",
    "has_uncertainty",
    "headline_metrics",
    "load_compare",
    "load_sweep",
    "load_uncertainty",
    "metric_metadata",
    "metric_themes",
    "open_results",
    "paired_differences",
    "provenance",
    "resolved_scenario",
    "run_ids",
    "runs",
    "series_names",
    "sweep_weekly",
    "twins",
    "weekly",
    "zones",
    "network_picture",
    "t_quantile_975",
    *FIGURES,
]
