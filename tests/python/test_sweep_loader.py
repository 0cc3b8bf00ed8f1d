"""mentorsim_analysis.load_sweep and sweep_weekly on sweep directories written by the real CLI.

The central check: a sweep's run of point p, replicate r holds exactly what `mentorsim run` writes
for the same scenario (the point's --set values, the sweep's seed, replicate r) — every summary
value and every weekly series, bit for bit.
"""

import os
import pathlib
import shutil
import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest

import mentorsim_analysis as ma

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
SEED = 7
REPLICATES = 2
AXES = ["programme.one_on_one.capacity", "joining.arrivals_per_week",
        "programme.one_on_one.matching"]
SWEEP = f"""\
[sweep]
name = "loader"
base = "base.toml"
replicates = {REPLICATES}
seed = {SEED}

[[axis]]
key = "programme.one_on_one.capacity"
values = [2, 4]

[[axis]]
key = "joining.arrivals_per_week"
from = 2.0
to = 8.0
steps = 3
scale = "log"

[[axis]]
key = "programme.one_on_one.matching"
values = ["fifo", "random"]
"""
POINTS = 2 * 3 * 2


def write_base(directory):
    """The one-on-one model, small: 200 people for 26 weeks."""
    text = (SOURCE / "scenarios" / "models" / "one_on_one.toml").read_text()
    for old, new in (("initial_size = 2000", "initial_size = 200"), ("weeks = 260", "weeks = 26")):
        assert old in text
        text = text.replace(old, new, 1)
    (directory / "base.toml").write_text(text)


def mentorsim(*args, cwd=None):
    return subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, timeout=300,
                          cwd=cwd)


def run_sweep(directory, text, out="out"):
    write_base(directory)
    (directory / "sweep.toml").write_text(text)
    result = mentorsim("sweep", directory / "sweep.toml", "--out", directory / out, "--quiet")
    assert result.returncode == 0, result.stderr
    return directory / out


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    return run_sweep(tmp_path_factory.mktemp("sweep"), SWEEP)


def set_value(value):
    """An axis value as --set takes it: an integer-valued number without ".0", any other number
    in its shortest round-trip form (the same double), a string as it is."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value


def test_attributes_points_and_runs(swept):
    s = ma.load_sweep(swept)
    assert s.path == str(swept / "index.h5") and s.directory == str(swept)
    assert s.axes == AXES
    assert s.complete is True and s.missing_runs.size == 0
    p = s.provenance
    assert p["format"] == "mentorsim-sweep" and p["format_version"] == 1
    assert (p["sweep_name"], p["seed"], p["replicates"]) == ("loader", SEED, REPLICATES)
    assert p["points"] == POINTS and p["runs_total"] == p["runs_done"] == POINTS * REPLICATES
    assert p["sweep_text"] == SWEEP
    assert s.metrics[:2] == ["final_active_practitioners", "mean_participation"]

    assert list(s.points.columns) == ["point", *AXES, "runs_done", "scenario_hash"]
    assert s.points["point"].tolist() == list(range(POINTS))
    # The first axis varies slowest; numbers are floats, strings plain text without TOML quotes.
    assert s.points[AXES[0]].tolist() == [2.0] * 6 + [4.0] * 6
    assert s.points[AXES[0]].dtype == np.float64
    arrivals = s.points[AXES[1]].tolist()
    assert arrivals[:6:2] == pytest.approx([2.0, 4.0, 8.0])
    assert s.points[AXES[2]].tolist() == ["fifo", "random"] * 6
    assert (s.points["runs_done"] == REPLICATES).all()
    assert s.points["scenario_hash"].str.fullmatch("[0-9a-f]{64}").all()
    assert s.points["scenario_hash"].nunique() == POINTS
    assert 'matching = "random"' in s.resolved[1] and "capacity = 4" in s.resolved[POINTS - 1]

    runs = s.runs
    assert list(runs.columns[:8]) == ["run_id", "run_index", "point", "replicate", "seed", *AXES]
    assert list(runs.columns[8:]) == s.metrics
    assert runs["run_index"].tolist() == list(range(POINTS * REPLICATES))
    assert runs["run_id"].iloc[3] == "p000001_r0001"
    assert (runs["point"] == runs["run_index"] // REPLICATES).all()
    assert (runs["replicate"] == runs["run_index"] % REPLICATES).all()
    assert runs["seed"].dtype == np.uint64 and (runs["seed"] == SEED).all()
    assert runs[AXES[2]].tolist() == [m for m in ["fifo", "random"] * 6 for _ in range(2)]


def test_point_summaries_are_the_index_values_and_the_runs_means(swept):
    s = ma.load_sweep(swept)
    ps = s.point_summaries
    assert list(ps.columns) == ["point", *AXES, "metric", "mean", "sd", "ci_low", "ci_high",
                                "units"]
    assert len(ps) == POINTS * len(s.metrics)
    assert ps["metric"].drop_duplicates().tolist() == s.metrics  # report order, points within
    with h5py.File(swept / "index.h5", "r") as f:
        for metric in ("mean_participation", "final_bus_factor/technical"):
            rows = ps[ps["metric"] == metric]
            group = f["points/summary"][metric]
            for stat in ("mean", "sd", "ci_low", "ci_high"):
                assert np.array_equal(rows[stat].to_numpy(), group[stat][()], equal_nan=True)
            assert (rows["units"] == group.attrs["units"]).all()
    means = s.runs.groupby("point")[s.metrics].mean()
    for metric in ("mean_participation", "peak_waiting_list", "final_active_practitioners"):
        rows = ps[ps["metric"] == metric].set_index("point")
        assert rows["mean"].to_numpy() == pytest.approx(means[metric].to_numpy(), rel=1e-12)
    cov = ps[ps["metric"] == "mean_participation"]
    assert (cov["ci_low"] <= cov["mean"]).all() and (cov["mean"] <= cov["ci_high"]).all()


@pytest.mark.parametrize("point", [0, 3, POINTS - 1])
def test_a_sweep_run_is_the_run_of_its_point(swept, tmp_path, point):
    """Summary values and weekly series of point p equal `mentorsim run BASE --set <p's values>
    --seed S --replicates R`, replicate by replicate, exactly."""
    s = ma.load_sweep(swept)
    values = s.points.set_index("point").loc[point, AXES]
    sets = [arg for key in AXES for arg in ("--set", f"{key}={set_value(values[key])}")]
    single = tmp_path / "single.h5"
    result = mentorsim("run", swept.parent / "base.toml", *sets, "--seed", SEED, "--replicates",
                       REPLICATES, "--out", single, "--quiet")
    assert result.returncode == 0, result.stderr

    alone = ma.runs(single).set_index("replicate").sort_index()
    mine = s.runs[s.runs["point"] == point].set_index("replicate").sort_index()
    summary_columns = [c for c in alone.columns if c not in ("run_id", "scenario_name", "seed",
                                                             "weeks")]
    assert sorted(summary_columns) == sorted(s.metrics)
    for metric in summary_columns:
        assert np.array_equal(alone[metric].to_numpy(), mine[metric].to_numpy(), equal_nan=True), (
            metric)
    assert (alone["seed"] == mine["seed"]).all()

    keys = ["replicate", "series", "week"]
    weekly_alone = ma.weekly(single).sort_values(keys, kind="stable").reset_index(drop=True)
    weekly_mine = ma.sweep_weekly(s, run_ids=mine["run_id"].tolist())
    weekly_mine = weekly_mine.sort_values(keys, kind="stable").reset_index(drop=True)
    assert len(weekly_alone) == len(weekly_mine) > 0
    pd.testing.assert_frame_equal(weekly_alone[keys], weekly_mine[keys])
    assert np.array_equal(weekly_alone["value"].to_numpy(), weekly_mine["value"].to_numpy(),
                          equal_nan=True)
    assert (weekly_mine["point"] == point).all()


def test_sweep_weekly_selection_and_errors(swept):
    s = ma.load_sweep(swept)
    everything = ma.sweep_weekly(swept)
    assert list(everything.columns) == ["run_id", "point", "replicate", "week", "series", "value"]
    assert everything["run_id"].drop_duplicates().tolist() == s.runs["run_id"].tolist()
    assert everything.groupby("run_id").size().nunique() == 1  # every run has the same series
    coverage = s.weekly("participation")
    assert set(coverage["series"]) == {"participation"} and len(coverage) == 26 * len(s.runs)
    one = ma.sweep_weekly(swept / "index.h5", ["participation", "mean_skill/technical"],
                          run_ids="p000005_r0001")
    assert sorted(set(one["series"])) == ["mean_skill/technical", "participation"]
    assert set(one["run_id"]) == {"p000005_r0001"} and set(one["point"]) == {5}
    assert one["week"].tolist()[:3] == [0, 1, 2]
    with pytest.raises(KeyError, match="no series.*'nope'"):
        ma.sweep_weekly(s, "nope")
    with pytest.raises(KeyError, match="no done run"):
        ma.sweep_weekly(s, run_ids=["p000099_r0000"])


def test_weekly_links_resolve_from_the_index_directory(swept, tmp_path, monkeypatch):
    """The links name parts relative to the index, so the directory can be moved whole and read
    from any working directory; a missing part is an error naming it."""
    with h5py.File(swept / "index.h5", "r") as f:
        link = f["weekly"].get("p000000_r0000", getlink=True)
        assert isinstance(link, h5py.ExternalLink)
        assert link.filename.startswith("parts/") and link.path == "/runs/p000000_r0000/weekly"
    moved = tmp_path / "elsewhere" / "moved"
    shutil.copytree(swept, moved)
    decoy = tmp_path / "cwd"
    shutil.copytree(swept / "parts", decoy / "parts")  # the same part names, emptied below
    for part in (decoy / "parts").glob("*.h5"):
        part.write_bytes(b"")
    monkeypatch.chdir(decoy)
    expected = ma.sweep_weekly(swept, "participation")
    pd.testing.assert_frame_equal(ma.sweep_weekly(moved, "participation"), expected)
    for part in (moved / "parts").glob("*.h5"):
        part.unlink()
    s = ma.load_sweep(moved)  # the index alone holds every summary
    assert len(s.runs) == POINTS * REPLICATES
    with pytest.raises(FileNotFoundError, match=r"p000000_r0000 are in parts/.*\.h5"):
        s.weekly("participation")


def test_summaries_only_sweep(tmp_path):
    out = run_sweep(tmp_path, SWEEP.replace("seed = 7\n", "seed = 7\nweekly = false\n"))
    s = ma.load_sweep(out)
    assert len(s.runs) == POINTS * REPLICATES and s.complete
    with h5py.File(out / "index.h5", "r") as f:
        assert "weekly" not in f
    with pytest.raises(ValueError, match="weekly = false"):
        ma.sweep_weekly(s)


def test_other_files_are_refused_with_the_right_reader(swept, tmp_path, cli_h5):
    index = swept / "index.h5"
    with pytest.raises(ValueError, match="not a mentorsim result file.*sweep index: read it with "
                                         "load_sweep"):
        ma.runs(index)
    with pytest.raises(ValueError, match="not a mentorsim comparison file.*load_sweep"):
        ma.load_compare(index)
    with pytest.raises(ValueError, match="is a directory.*load_sweep"):
        ma.weekly(swept)
    with pytest.raises(ValueError, match=f"{cli_h5}: not a mentorsim sweep index.*run file"):
        ma.load_sweep(cli_h5)
    part = next((swept / "parts").glob("*.h5"))
    with pytest.raises(ValueError, match="one part of a sweep: read the sweep's index.h5"):
        ma.load_sweep(part)
    text = tmp_path / "notes.h5"
    text.write_text("not hdf5")
    with pytest.raises(ValueError, match=f"{text}: not an HDF5 file"):
        ma.load_sweep(text)
    with pytest.raises(FileNotFoundError, match="no such sweep directory"):
        ma.load_sweep(tmp_path / "absent")
    with pytest.raises(FileNotFoundError, match="no index.h5"):
        ma.load_sweep(tmp_path)


def test_summary_command_reads_sweeps(swept, capsys):
    from mentorsim_analysis import summary as summary_cli

    assert summary_cli.main([str(swept)]) == 0
    printed = capsys.readouterr().out
    assert "command_line: " in printed and " sweep " in printed
    assert "runs_done" in printed and "scenario_hash" in printed
