"""mentorsim_analysis.metadata: the metric declarations a file carries, on synthetic run,
comparison and sweep files written here (conftest.py), with and without the declarations."""

import h5py
import pandas as pd
import pytest

import mentorsim_analysis as ma
from conftest import (DECLARED, SERIES, SUMMARY, SWEEP_METRICS, THEMES, write_synthetic_compare,
                      write_synthetic_sweep_index)
from mentorsim_analysis.metadata import HEADLINE_COLUMNS, METADATA_COLUMNS

UNITS = {name: (units, doc) for name, units, doc, *_ in SERIES + SUMMARY}


def expected_row(name, kind):
    better, aggregate, theme, headline = DECLARED[name]
    return [name, kind, *UNITS[name], better, aggregate, theme, bool(headline), headline]


def test_a_run_files_declarations(synthetic_h5):
    table = ma.metric_metadata(synthetic_h5)
    assert list(table.columns) == METADATA_COLUMNS
    assert table["headline"].dtype == bool
    # Series, then summaries; each in the loaders' order (h5py's: by name, "a/b" as a path).
    series = sorted(name for name, *_ in SERIES)
    summaries = [c for c in ma.runs(synthetic_h5).columns if c in UNITS]
    assert summaries == sorted(name for name, *_ in SUMMARY)
    expected = [expected_row(n, "series") for n in series] + [
        expected_row(n, "summary") for n in summaries]
    assert table.values.tolist() == expected


def test_a_few_names(synthetic_h5, tmp_path):
    few = ["mean_participation", "participation", "no_such_output", "mean_skill/social"]
    table = ma.metric_metadata(synthetic_h5, few)
    assert table.values.tolist() == [expected_row("participation", "series"),
                                     expected_row("mean_skill/social", "series"),
                                     expected_row("mean_participation", "summary")]
    compare = write_synthetic_compare(tmp_path / "compare.h5")
    assert ma.metric_metadata(compare, ["shock1/recovered"])["name"].tolist() == [
        "shock1/recovered"]  # reported by the second scenario only
    index = write_synthetic_sweep_index(tmp_path / "index.h5")
    assert ma.metric_metadata(index, ["peak_wait_weeks"])["name"].tolist() == ["peak_wait_weeks"]


def test_themes_keep_the_files_order(synthetic_h5):
    themes = ma.metric_themes(synthetic_h5)
    assert list(themes.columns) == ["theme", "question"]
    assert list(themes.itertuples(index=False, name=None)) == THEMES


def test_the_headline_table_is_theme_by_theme_in_compares_order(synthetic_h5):
    table = ma.headline_metrics(synthetic_h5)
    assert list(table.columns) == HEADLINE_COLUMNS
    # Reach before Resilience before Growth (the themes' order, not the alphabet's); within
    # Reach compare's order (the `headline` attribute, not the alphabet's); summaries without it
    # and series are left out.
    assert table[["theme", "name", "better", "aggregate"]].values.tolist() == [
        ["Reach", "peak_wait_weeks", "lower", "mean"],
        ["Reach", "mean_participation", "higher", "share mean"],
        ["Resilience", "shock1/recovered", "higher", "share mean"],
        ["Growth", "final_competent_share", "higher", "share mean"],
    ]
    assert table["question"].iloc[0] == "who gets mentoring, and how soon"
    assert table["units"].iloc[0] == "weeks" and table["doc"].iloc[0] == "Longest wait"


def test_a_comparison_lists_what_any_scenario_reports(tmp_path):
    path = write_synthetic_compare(tmp_path / "compare.h5")
    table = ma.metric_metadata(path)
    summaries = table[table["kind"] == "summary"]["name"].tolist()
    # The baseline's names first; shock1/recovered, reported by the arm only, after them.
    assert summaries == sorted(n for n, *_ in SUMMARY if n != "shock1/recovered") + [
        "shock1/recovered"]
    assert not table.duplicated(["name", "kind"]).any()
    assert "shock1/recovered" in ma.headline_metrics(path)["name"].tolist()
    assert list(ma.metric_themes(path)["theme"]) == [t for t, _ in THEMES]


def test_a_sweep_index_lists_its_metrics_in_report_order(tmp_path):
    (tmp_path / "sweep").mkdir()
    index = write_synthetic_sweep_index(tmp_path / "sweep" / "index.h5")
    for path in (index, tmp_path / "sweep"):  # the index or its directory
        table = ma.metric_metadata(path)
        assert table.values.tolist() == [expected_row(n, "summary") for n in SWEEP_METRICS]
    assert ma.headline_metrics(index)["name"].tolist() == [
        "peak_wait_weeks", "mean_participation", "final_competent_share"]


def test_files_written_before_the_declarations(old_style_h5, tmp_path):
    table = ma.metric_metadata(old_style_h5)
    assert len(table) == len(SERIES) + len(SUMMARY)
    assert table["better"].isna().all() and table["theme"].isna().all()
    assert not table["headline"].any()
    # The aggregation the CLI of the time used: by the units.
    by_name = table.set_index("name")
    assert by_name.loc["mean_participation", "aggregate"] == "share mean"
    assert by_name.loc["participation", "aggregate"] == "share mean"
    assert by_name.loc["peak_wait_weeks", "aggregate"] == "mean"
    assert by_name.loc["peak_wait_weeks", "units"] == "weeks"
    assert ma.metric_themes(old_style_h5).empty
    headline = ma.headline_metrics(old_style_h5)
    assert headline.empty and list(headline.columns) == HEADLINE_COLUMNS
    compare = write_synthetic_compare(tmp_path / "old_compare.h5", declared=False)
    assert ma.headline_metrics(compare).empty
    index = write_synthetic_sweep_index(tmp_path / "old_index.h5", declared=False)
    assert ma.metric_metadata(index)["name"].tolist() == SWEEP_METRICS


def test_other_files_are_refused(tmp_path):
    with pytest.raises(FileNotFoundError):
        ma.metric_metadata(tmp_path / "absent.h5")
    part = tmp_path / "part.h5"
    with h5py.File(part, "w") as f:
        f.attrs["format"] = "mentorsim-sweep-part"
        f.attrs["format_version"] = 1
    with pytest.raises(ValueError, match="one part of a sweep"):
        ma.metric_themes(part)


def test_headline_table_of_loaded_tables(synthetic_h5):
    """headline_table works on tables already read, e.g. a subset of the themes."""
    from mentorsim_analysis.metadata import headline_table

    only_growth = pd.DataFrame({"theme": ["Growth"], "question": ["q"]})
    table = headline_table(ma.metric_metadata(synthetic_h5), only_growth)
    assert table["name"].tolist() == ["final_competent_share"]
    assert table["question"].tolist() == ["q"]


def test_the_figures_clip_by_the_declared_aggregate_not_the_units(tmp_path, old_style_h5):
    pytest.importorskip("matplotlib")
    from conftest import write_synthetic_run
    from mentorsim_analysis import figures

    path = write_synthetic_run(tmp_path / "run.h5")
    with h5py.File(path, "a") as f:  # declarations that contradict the units
        for run in f["runs"].values():
            run["weekly/participation"].attrs["aggregate"] = "mean"
            run["weekly/mean_skill/technical"].attrs["aggregate"] = "share mean"
    ts = figures._time_series(path, ["participation", "mean_skill/technical"])
    assert ts.shares == {"mean_skill/technical"}
    # A file from before the declarations: shares by their units, as the CLI of the time did.
    assert figures._time_series(old_style_h5, ["participation", "mean_skill/technical"]).shares == {
        "participation"}
