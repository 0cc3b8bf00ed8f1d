"""Analysis helpers for mentorsim result files (HDF5, layout in docs/output-format.md).

>>> import mentorsim_analysis as ma
>>> ma.provenance("out.h5")["git_commit"]
>>> ma.runs("out.h5")                      # one row per run, summary values as columns
>>> ma.weekly("out.h5", "coverage")        # tidy: run_id, scenario_name, replicate, week, series, value
>>> print(ma.resolved_scenario("out.h5", "r0000"))

Comparison files (`mentorsim compare --out`):

>>> c = ma.load_compare("compare.h5")      # .baseline, .scenarios, .runs, .summaries, .weekly
>>> ma.paired_differences(c, "mean_coverage")   # per scenario and replicate: diff vs the baseline
"""

from .compare import COMPARE_FORMAT, Comparison, load_compare, paired_differences

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

__all__ = [
    "COMPARE_FORMAT",
    "Comparison",
    "FORMAT",
    "SUPPORTED_FORMAT_VERSIONS",
    "Results",
    "load_compare",
    "open_results",
    "paired_differences",
    "provenance",
    "resolved_scenario",
    "run_ids",
    "runs",
    "series_names",
    "weekly",
    "zones",
]
