"""mentorsim_analysis.load_compare on a comparison file written by the real CLI."""

import json
import math
import os
import pathlib
import subprocess

import numpy as np
import pandas as pd
import pytest

import mentorsim_analysis as ma

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
COMPARE = SOURCE / "scenarios" / "compare"
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
WEEKS = 16
REPLICATES = 3
LABELS = ["one_on_one", "one_on_one_shock", "peer_pod"]


def small_copy(tmp_path, name):
    """A bundled comparison scenario with its shock (if any) moved into a 16-week run."""
    text = (COMPARE / name).read_text()
    path = tmp_path / name
    path.write_text(text.replace("\nweek = ", "\nweek = 8  # was ", 1) if "[[shock]]" in text
                    else text)
    return path


def as_floats(values):
    """JSON's null (an undefined value) as NaN, the way the HDF5 file stores it."""
    return [math.nan if v is None else v for v in values]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """(path of the comparison file, the JSON table the CLI printed for it)."""
    tmp = tmp_path_factory.mktemp("compare")
    files = [small_copy(tmp, n) for n in
             ("00_one_on_one.toml", "01_one_on_one_shock.toml", "20_peer_pod.toml")]
    out = tmp / "compare.h5"
    command = [BINARY, "compare", *map(str, files), "--replicates", str(REPLICATES),
               "--set", f"scenario.weeks={WEEKS}", "--set", "population.initial_size=200",
               "--out", str(out), "--format", "json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stderr}"
    return out, json.loads(result.stdout)


def test_scenarios_sources_and_provenance(written):
    path, _ = written
    c = ma.load_compare(path)
    assert c.baseline == "one_on_one"
    assert c.scenarios == LABELS
    assert c.provenance["format"] == "mentorsim-compare"
    assert c.sources["peer_pod"].endswith("20_peer_pod.toml")
    assert f"weeks = {WEEKS}" in c.resolved["one_on_one_shock"]
    assert "[[shock]]" in c.resolved["one_on_one_shock"]


def test_runs_and_summaries_match_the_printed_table(written):
    path, table = written
    c = ma.load_compare(path)
    runs = c.runs
    assert list(runs.columns[:6]) == ["scenario", "run_id", "scenario_name", "seed", "replicate",
                                      "weeks"]
    assert list(runs["scenario"]) == [s for s in LABELS for _ in range(REPLICATES)]
    assert list(runs["replicate"]) == list(range(REPLICATES)) * len(LABELS)
    assert set(runs["seed"]) == {np.uint64(table["seed"])}
    assert list(c.summaries.columns) == ["scenario", "run_id", "replicate", "metric", "value"]
    checked = 0
    for metric, entry in table["metrics"].items():
        for label, stats in entry["stats"].items():
            values = c.summaries[(c.summaries["metric"] == metric)
                                 & (c.summaries["scenario"] == label)].sort_values("replicate")
            expected = as_floats(stats["values"])
            assert list(values["value"]) == pytest.approx(expected, nan_ok=True), (metric, label)
            if stats["n"]:
                assert list(runs[runs["scenario"] == label][metric]) == pytest.approx(
                    expected, nan_ok=True)
            checked += 1
    assert checked >= 3 * 20


def test_paired_differences_reproduce_the_table(written):
    path, table = written
    c = ma.load_compare(path)
    compared = 0
    for metric, entry in table["metrics"].items():
        if entry["stats"]["one_on_one"]["n"] == 0:
            # Reported only where the baseline has nothing: no pairs, as in the table.
            assert ma.paired_differences(c, metric).empty
            continue
        d = ma.paired_differences(c, metric)
        assert list(d.columns) == ["scenario", "replicate", "value", "baseline_value", "diff"]
        for label, expected in entry["differences"].items():
            mine = d[d["scenario"] == label]["diff"]
            assert len(mine) == expected["n"]
            if expected["mean"] is None:
                # The table has no mean where a replicate's difference is undefined (NaN).
                assert mine.empty or not math.isfinite(mine.mean(skipna=False))
            else:
                assert mine.mean() == pytest.approx(expected["mean"], rel=1e-12, abs=1e-12)
            compared += 1
    assert compared >= 2 * 20
    with pytest.raises(KeyError, match="no_such_metric"):
        ma.paired_differences(c, "no_such_metric")


def test_weekly_is_tidy_and_selectable(written):
    path, _ = written
    everything = ma.load_compare(path)
    w = everything.weekly
    assert list(w.columns) == ["scenario", "run_id", "replicate", "week", "series", "value"]
    assert list(w["scenario"].cat.categories) == LABELS
    coverage = w[w["series"] == "participation"]
    assert len(coverage) == len(LABELS) * REPLICATES * WEEKS
    one = coverage[(coverage["scenario"] == "peer_pod") & (coverage["replicate"] == 1)]
    assert list(one["week"]) == list(range(WEEKS))
    shock = w[(w["series"] == "departures_shock") & (w["scenario"] == "one_on_one_shock")]
    # A quarter of the expert tier leaves: of about two seniors in 200 people, 0 or 1 a replicate.
    assert shock.groupby("replicate")["value"].sum().sum() >= 1
    two = ma.load_compare(path, series=["participation", "waiting_list"])
    assert set(two.weekly["series"]) == {"participation", "waiting_list"}
    pd.testing.assert_frame_equal(
        two.weekly[two.weekly["series"] == "participation"].reset_index(drop=True),
        coverage.reset_index(drop=True))
    wide = coverage.pivot_table(index="week", columns="scenario", values="value")
    assert list(wide.columns) == LABELS
    with pytest.raises(KeyError, match="no_such_series"):
        ma.load_compare(path, series="no_such_series")


def test_run_and_comparison_files_are_not_confused(written, cli_h5):
    path, _ = written
    with pytest.raises(ValueError, match="comparison file: read it with load_compare"):
        ma.runs(path)
    with pytest.raises(ValueError, match="not a mentorsim comparison file.*run file"):
        ma.load_compare(cli_h5)


def test_summary_command_reads_comparison_files(written, capsys):
    from mentorsim_analysis import summary as summary_cli

    path, _ = written
    assert summary_cli.main([str(path)]) == 0
    out = capsys.readouterr().out
    assert "command_line: " in out and "compare" in out
    assert "one_on_one_shock" in out and "peer_pod" in out and "mean_participation" in out
