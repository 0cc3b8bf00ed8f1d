"""mentorsim_analysis.loader on a synthetic file and on one written by the real CLI."""

import subprocess
import sys

import h5py
import numpy as np
import pandas as pd
import pytest

import mentorsim_analysis as ma
from mentorsim_analysis import summary as summary_cli

from conftest import SERIES, SUMMARY, WEEKS, ZONES, cli_command, run_cli, write_run

CLI_SERIES = [
    "active_practitioners",
    "joins",
    "departures",
    "participation",
    "waiting_list",
    "wait_weeks_mean",
    "mentors_over_capacity",
    "burned_out_mentor_share",
]


# ---- synthetic file ------------------------------------------------------------------------------


def test_provenance(synthetic_h5):
    p = ma.provenance(synthetic_h5)
    assert p["format"] == "mentorsim-run"
    assert p["format_version"] == 1 and isinstance(p["format_version"], int)
    assert p["threads"] == 2 and isinstance(p["threads"], int)
    assert p["git_commit"] == "0123456789ab"
    assert isinstance(p["command_line"], str)


def test_runs_table(synthetic_h5):
    df = ma.runs(synthetic_h5)
    assert list(df.columns[:5]) == ["run_id", "scenario_name", "seed", "replicate", "weeks"]
    assert list(df["run_id"]) == ["r0000", "r0001", "r0002"]
    assert list(df["replicate"]) == [0, 1, 2]
    assert list(df["weeks"]) == [WEEKS, WEEKS, 0]
    assert df["seed"].dtype == np.uint64
    assert int(df["seed"].iloc[1]) == 2**64 - 5
    for name, _, _ in SUMMARY:
        assert name in df.columns
    assert list(df["mean_participation"]) == [10.0, 11.0, 12.0]


def test_weekly_tidy(synthetic_h5):
    df = ma.weekly(synthetic_h5)
    assert list(df.columns) == ["run_id", "scenario_name", "replicate", "week", "series", "value"]
    assert set(df["series"]) == {name for name, _, _, _ in SERIES}
    assert len(df) == 2 * WEEKS * len(SERIES)  # r0002 has zero weeks
    assert df["week"].dtype == np.int64 and df["value"].dtype == np.float64
    one = df[(df["run_id"] == "r0001") & (df["series"] == "active_practitioners")]
    assert list(one["week"]) == list(range(WEEKS))
    assert list(one["value"]) == [101.0 + w for w in range(WEEKS)]


def test_weekly_selects_series(synthetic_h5):
    nested = ma.weekly(synthetic_h5, "mean_skill/technical")
    assert set(nested["series"]) == {"mean_skill/technical"}
    assert np.allclose(nested[nested["run_id"] == "r0000"]["value"], 0.5 + 0.01 * np.arange(WEEKS))
    two = ma.weekly(synthetic_h5, ["participation", "mean_skill/social"])
    assert set(two["series"]) == {"participation", "mean_skill/social"}
    with pytest.raises(KeyError, match="no_such_series"):
        ma.weekly(synthetic_h5, "no_such_series")


def test_weekly_pivots_for_plotting(synthetic_h5):
    wide = ma.weekly(synthetic_h5, "participation").pivot(index="week", columns="run_id", values="value")
    assert wide.shape == (WEEKS, 2)


def test_resolved_scenario_and_zones(synthetic_h5):
    text = ma.resolved_scenario(synthetic_h5, "r0001")
    assert isinstance(text, str) and f"weeks = {WEEKS}" in text
    assert ma.zones(synthetic_h5, "r0000") == ZONES
    with pytest.raises(KeyError):
        ma.resolved_scenario(synthetic_h5, "r9999")


def test_series_names_and_run_ids(synthetic_h5):
    assert ma.series_names(synthetic_h5) == sorted(name for name, _, _, _ in SERIES)
    assert ma.run_ids(synthetic_h5) == ["r0000", "r0001", "r0002"]


def test_runs_are_in_replicate_order_not_name_order(tmp_path):
    path = tmp_path / "order.h5"
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "mentorsim-run"
        f.attrs["format_version"] = 1
        runs = f.create_group("runs")
        write_run(runs, "r10", 10, 2, 1)
        write_run(runs, "r2", 2, 2, 1)
    assert ma.run_ids(path) == ["r2", "r10"]
    assert list(ma.runs(path)["replicate"]) == [2, 10]
    assert list(ma.weekly(path, "participation")["run_id"].unique()) == ["r2", "r10"]


def test_open_results_object(synthetic_h5):
    r = ma.open_results(synthetic_h5)
    pd.testing.assert_frame_equal(r.runs(), ma.runs(synthetic_h5))
    pd.testing.assert_frame_equal(r.weekly("participation"), ma.weekly(synthetic_h5, "participation"))
    assert r.provenance() == ma.provenance(synthetic_h5)


def test_rejects_other_files(tmp_path):
    other = tmp_path / "other.h5"
    with h5py.File(other, "w") as f:
        f.attrs["format"] = "something-else"
    with pytest.raises(ValueError, match="not a mentorsim result file"):
        ma.open_results(other)
    newer = tmp_path / "newer.h5"
    with h5py.File(newer, "w") as f:
        f.attrs["format"] = "mentorsim-run"
        f.attrs["format_version"] = 99
    with pytest.raises(ValueError, match="format_version 99"):
        ma.runs(newer)


def test_summary_entry_point(synthetic_h5, capsys):
    assert summary_cli.main([str(synthetic_h5)]) == 0
    out = capsys.readouterr().out
    assert "git_commit: 0123456789ab" in out
    assert "r0001" in out and "mean_participation" in out
    assert summary_cli.main([]) == 2


def test_summary_runs_as_module(synthetic_h5):
    result = subprocess.run([sys.executable, "-m", "mentorsim_analysis.summary", str(synthetic_h5)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "final_active_practitioners" in result.stdout


# ---- file written by the CLI ---------------------------------------------------------------------


def test_cli_file_layout(cli_h5):
    p = ma.provenance(cli_h5)
    assert p["format"] == "mentorsim-run" and p["format_version"] == 2
    for key in ("version", "git_commit", "created_utc", "command_line"):
        assert isinstance(p[key], str) and p[key], key
    assert isinstance(p["threads"], int) and p["threads"] >= 1

    df = ma.runs(cli_h5)
    assert list(df["run_id"]) == ["r0000", "r0001"]
    assert list(df["replicate"]) == [0, 1]
    assert list(df["weeks"]) == [20, 20]
    assert df["seed"].dtype == np.uint64
    assert len(df.columns) > 5, "no summary values"

    zones = ma.zones(cli_h5, "r0000")
    assert zones, "a run has at least one zone"
    names = set(ma.series_names(cli_h5))
    missing = set(CLI_SERIES + [f"mean_skill/{z}" for z in zones]) - names
    assert not missing, f"series missing from the CLI output: {sorted(missing)}"

    weekly = ma.weekly(cli_h5)
    counts = weekly.groupby(["run_id", "series"]).size()
    assert (counts == 20).all()
    assert "weeks" in ma.resolved_scenario(cli_h5, "r0000")


def test_cli_datasets_are_compressed_and_documented(cli_h5):
    with h5py.File(cli_h5, "r") as f:
        datasets = []
        for group in ("weekly", "summary"):
            f[group].visititems(lambda n, o: datasets.append((f"{group}/{n}", o))
                                if isinstance(o, h5py.Dataset) else None)
        assert datasets
        for name, d in datasets:
            assert d.dtype == np.float64, name
            assert isinstance(d.attrs["units"], str) and isinstance(d.attrs["doc"], str), name
            assert d.compression == "gzip" and d.compression_opts == 4 and d.shuffle, name
            if name.startswith("weekly/"):  # every run of a series in one chunk
                assert d.shape == (2, 20) and d.chunks == (2, 20), name
            else:
                assert d.shape == (2,), name


def test_cli_refuses_to_overwrite(cli_h5, tmp_path):
    out = tmp_path / "existing.h5"
    out.write_bytes(b"not to be touched")
    refused = run_cli(cli_command(out))
    assert refused.returncode == 2, refused.stderr
    assert "--force" in refused.stderr
    assert out.read_bytes() == b"not to be touched"
    forced = run_cli(cli_command(out, "--force"))
    assert forced.returncode == 0, forced.stderr
    assert ma.provenance(out)["format"] == "mentorsim-run"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.h5"]  # no temporary left
