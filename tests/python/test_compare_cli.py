"""`mentorsim compare` through the real CLI: the grouped HDF5 file, seed alignment, warnings."""

import json
import os
import pathlib
import subprocess

import h5py
import pytest

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
MODELS = SOURCE / "scenarios" / "models"
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
QUICK = ["--replicates", "2", "--set", "scenario.weeks=26"]


def compare(*args):
    return subprocess.run([BINARY, "compare", *args], capture_output=True, text=True, timeout=120)


def text(value):
    return value.decode() if isinstance(value, bytes) else value


def variant(tmp_path, name, old, new):
    """A copy of the one-on-one scenario with one line replaced."""
    source = (MODELS / "one_on_one.toml").read_text()
    assert old in source
    path = tmp_path / name
    path.write_text(source.replace(old, new, 1))
    return path


def test_grouped_file_and_json(tmp_path):
    out = tmp_path / "compare.h5"
    result = compare(str(MODELS / "one_on_one.toml"), str(MODELS / "peer_pod.toml"),
                     str(MODELS / "one_on_one.toml"), *QUICK, "--out", str(out), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["baseline"] == "one_on_one"
    assert [s["label"] for s in report["scenarios"]] == ["one_on_one", "peer_pod", "one_on_one-2"]
    coverage = report["metrics"]["final_participation"]
    assert coverage["differences"]["one_on_one-2"]["mean"] == 0  # same scenario, same draws
    assert coverage["stats"]["peer_pod"]["n"] == 2
    with h5py.File(out, "r") as f:
        assert text(f.attrs["format"]) == "mentorsim-compare"
        assert [text(s) for s in f.attrs["scenarios"]] == ["one_on_one", "peer_pod", "one_on_one-2"]
        group = f["scenarios/peer_pod"]
        assert text(group.attrs["scenario_source"]).endswith("peer_pod.toml")
        assert "weeks = 26" in text(group.attrs["resolved_scenario"])
        assert list(group["run_id"].asstr()[()]) == ["r0000", "r0001"]
        assert group["weekly/participation"].shape == (2, 26)
        assert group["summary/final_participation"][1] == pytest.approx(
            coverage["stats"]["peer_pod"]["values"][1])


def test_other_scenarios_run_on_the_baseline_seed(tmp_path):
    other = variant(tmp_path, "other.toml", "seed = 2026", "seed = 99")
    out = tmp_path / "compare.h5"
    result = compare(str(MODELS / "one_on_one.toml"), str(other), *QUICK, "--out", str(out),
                     "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    with h5py.File(out, "r") as f:
        assert f["scenarios/one_on_one-2"].attrs["seed"] == 2026
        assert "seed = 2026" in text(f["scenarios/one_on_one-2"].attrs["resolved_scenario"])


def test_different_population_warns_but_runs(tmp_path):
    other = variant(tmp_path, "bigger.toml", "initial_size = 2000", "initial_size = 1500")
    result = compare(str(MODELS / "one_on_one.toml"), str(other), *QUICK, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "warning: one_on_one-2 differs from the baseline one_on_one in [population]" in (
        result.stderr)
    assert "[joining]" not in result.stderr
    assert result.stdout.startswith("metric,scenario,mean,ci_low,ci_high,diff,")


def test_same_population_does_not_warn():
    result = compare(str(MODELS / "one_on_one.toml"), str(MODELS / "peer_pod.toml"), *QUICK)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr


def test_help_and_usage_errors(tmp_path):
    result = compare("--help")
    assert result.returncode == 0
    assert "BASELINE" in result.stdout and "--replicates" in result.stdout
    top = subprocess.run([BINARY, "--help"], capture_output=True, text=True)
    assert "compare BASELINE" in top.stdout
    out = tmp_path / "c.h5"
    assert compare(str(MODELS / "one_on_one.toml"), "--out", str(out)).returncode == 2
    existing = tmp_path / "existing.h5"
    existing.write_text("keep")
    result = compare(str(MODELS / "one_on_one.toml"), str(MODELS / "peer_pod.toml"), *QUICK,
                     "--out", str(existing))
    assert result.returncode == 2
    assert "pass --force" in result.stderr
    assert existing.read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.h5"]


def test_metrics_selection(tmp_path):
    base = [str(MODELS / "one_on_one.toml"), str(MODELS / "peer_pod.toml"), *QUICK]
    default = compare(*base)
    assert default.returncode == 0, default.stderr
    assert "== Reach: who is served" in default.stdout
    assert "\nmean_effective_coverage [share; higher is better]: " in default.stdout
    assert "\nfinal_participation [" not in default.stdout  # not a headline metric
    everything = compare(*base, "--metrics", "all")
    assert "\nfinal_participation [" in everything.stdout and "==" not in everything.stdout
    listed = compare(*base, "--metrics", "final_participation, mean_*_gini", "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    metrics = [line.split(",")[0] for line in listed.stdout.splitlines()[1:]]
    assert metrics[:2] == ["final_participation", "final_participation"]
    assert set(metrics) >= {"final_participation", "mean_load_gini"}
    assert all(m == "final_participation" or (m.startswith("mean_") and m.endswith("_gini"))
               for m in metrics)
    # csv and json default to every metric, so scripts see the same columns whatever the headline.
    csv = compare(*base, "--format", "csv")
    assert "\nfinal_participation,one_on_one," in csv.stdout


def test_unknown_metric_is_bad_input_and_writes_nothing(tmp_path):
    out = tmp_path / "c.h5"
    result = compare(str(MODELS / "one_on_one.toml"), str(MODELS / "peer_pod.toml"), *QUICK,
                     "--out", str(out), "--metrics", "mean_participation,nonsense")
    assert result.returncode == 2
    assert "no metric matches 'nonsense'" in result.stderr
    assert "final_participation" in result.stderr  # the valid choices are listed
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []
    empty = compare(str(MODELS / "one_on_one.toml"), str(MODELS / "peer_pod.toml"),
                    "--metrics", "a,,b")
    assert empty.returncode == 2 and "--metrics" in empty.stderr


def test_run_takes_the_same_metrics_option(tmp_path):
    scenario = str(MODELS / "one_on_one.toml")
    result = subprocess.run([BINARY, "run", scenario, *QUICK, "--metrics", "headline"],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "== Reach ==" in result.stdout and "final_participation " not in result.stdout
    # The default on a terminal is the headline set too (after --live it stays on the screen),
    # and says how to see the rest; scripts' formats get every metric.
    default = subprocess.run([BINARY, "run", scenario, *QUICK], capture_output=True, text=True,
                             timeout=120)
    assert default.stdout == result.stdout
    assert "--metrics all shows every one" in default.stdout
    everything = subprocess.run([BINARY, "run", scenario, *QUICK, "--metrics", "all"],
                                capture_output=True, text=True, timeout=120)
    assert "final_participation " in everything.stdout and "==" not in everything.stdout
    as_json = subprocess.run([BINARY, "run", scenario, *QUICK, "--format", "json"],
                             capture_output=True, text=True, timeout=120)
    assert "final_participation" in json.loads(as_json.stdout)["metrics"]
    out = tmp_path / "r.h5"
    bad = subprocess.run([BINARY, "run", scenario, *QUICK, "--metrics", "nope", "--out", str(out)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "no metric matches 'nope'" in bad.stderr
    assert list(tmp_path.iterdir()) == []
