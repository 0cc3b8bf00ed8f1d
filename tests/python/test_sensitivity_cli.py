"""`mentorsim sensitivity DIR` through the real CLI, on small Morris and Sobol' sweeps.

The estimators themselves are checked against analytic indices in tests/unit/test_sensitivity.cpp;
here: the command reads a finished sweep, rebuilds its design from the recorded sweep text,
reports every axis with an interval around its estimate, gives the same answer for a sweep run
in two shards and merged, and refuses a grid sweep or an unfinished one with status 2.
"""

import csv
import io
import json
import os
import pathlib
import subprocess

import pytest

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")

BASE = SOURCE / "scenarios" / "workshop" / "02_capacity_and_waiting_list.toml"
AXES = """
[[axis]]
key = "programme.one_on_one.capacity"
from = 2
to = 6

[[axis]]
key = "population.senior_count"
from = 3
to = 15

[[axis]]
key = "departure.annual_rate"
from = 0.1
to = 0.3
"""


def sweep_file(tmp_path, name, sampling_keys):
    path = tmp_path / f"{name}.toml"
    path.write_text(f'[sweep]\nname = "{name}"\nbase = "{BASE}"\nreplicates = 2\n'
                    f'{sampling_keys}\n{AXES}')
    return path


def run(*args, check=True):
    done = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, timeout=600)
    if check:
        assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def morris(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("morris")
    path = sweep_file(tmp, "m", 'sampling = "morris"\ntrajectories = 6\nsampling_seed = 2')
    run("sweep", path, "--out", tmp / "out", "--quiet")
    return tmp, path


def test_morris_reports_every_axis_with_an_interval(morris):
    tmp, _ = morris
    study = json.loads(run("sensitivity", tmp / "out", "--format", "json",
                           "--metrics", "peak_waiting_list,mean_participation").stdout)
    assert study["method"] == "morris"
    assert study["points"] == 6 * 4 and study["replicates"] == 2
    for name in ("peak_waiting_list", "mean_participation"):
        m = study["metrics"][name]
        assert m["trajectories"] == 6
        assert m["noise_mu_star"] >= 0
        assert set(m["axes"]) == {"programme.one_on_one.capacity", "population.senior_count",
                                  "departure.annual_rate"}
        for effects in m["axes"].values():
            mu_star = effects["mu_star"]
            assert mu_star["ci_low"] <= mu_star["estimate"] <= mu_star["ci_high"]
            assert mu_star["estimate"] >= abs(effects["mu"]) - 1e-12  # mu* = mean |EE| >= |mean EE|
    # More experts shorten the waiting list: the bottleneck is expert capacity.
    seniors = study["metrics"]["peak_waiting_list"]["axes"]["population.senior_count"]
    assert seniors["mu"] < 0


def test_text_lists_axes_most_important_first_and_csv_has_every_statistic(morris):
    tmp, _ = morris
    text = run("sensitivity", tmp / "out", "--metrics", "peak_waiting_list").stdout
    assert "Morris design, 24 points, 2 replicates each" in text
    assert "noise alone would give mu* about" in text
    rows = list(csv.DictReader(io.StringIO(
        run("sensitivity", tmp / "out", "--format", "csv", "--metrics", "peak_waiting_list").stdout)))
    stats = {(r["axis"], r["statistic"]) for r in rows}
    for axis in ("programme.one_on_one.capacity", "population.senior_count",
                 "departure.annual_rate"):
        assert {(axis, "mu_star"), (axis, "mu"), (axis, "sigma")} <= stats
    assert ("", "noise_mu_star") in stats
    mu_star = {r["axis"]: float(r["estimate"]) for r in rows if r["statistic"] == "mu_star"}
    listed = [line.split()[0] for line in text.splitlines()[4:7]]
    assert listed == sorted(mu_star, key=lambda a: -mu_star[a])


def test_sobol_indices_and_the_same_answer_from_merged_shards(tmp_path):
    path = sweep_file(tmp_path, "s", 'sampling = "sobol"\nbase_samples = 8')
    run("sweep", path, "--out", tmp_path / "whole", "--quiet")
    run("sweep", path, "--out", tmp_path / "shards", "--shard", "0/2", "--quiet")
    # Half the runs: merge builds a partial index (and says so, status 1); refused until the
    # sweep is finished.
    assert run("merge", tmp_path / "shards", check=False).returncode == 1
    refused = run("sensitivity", tmp_path / "shards", check=False)
    assert refused.returncode == 2, refused.stderr
    assert "runs are done: finish the sweep" in refused.stderr
    run("sweep", path, "--out", tmp_path / "shards", "--shard", "1/2", "--quiet")
    run("merge", tmp_path / "shards")
    whole = run("sensitivity", tmp_path / "whole", "--format", "json", "--metrics", "all").stdout
    merged = run("sensitivity", tmp_path / "shards", "--format", "json", "--metrics", "all").stdout
    assert whole == merged
    study = json.loads(whole)
    assert study["method"] == "sobol" and study["points"] == 8 * 5
    m = study["metrics"]["peak_waiting_list"]
    assert m["base_samples"] == 8 and 0 <= m["noise_share"]
    for indices in m["axes"].values():
        total = indices["total"]
        assert total["ci_low"] <= total["estimate"] <= total["ci_high"]
        assert total["estimate"] >= 0  # a mean of squares


def test_a_grid_sweep_is_refused(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text(f'[sweep]\nname = "g"\nbase = "{BASE}"\nreplicates = 1\n\n'
                    '[[axis]]\nkey = "programme.one_on_one.capacity"\nvalues = [2, 3]\n')
    run("sweep", path, "--out", tmp_path / "out", "--quiet")
    refused = run("sensitivity", tmp_path / "out", check=False)
    assert refused.returncode == 2
    assert 'uses sampling = "grid": sensitivity indices need a "morris" or "sobol" sweep' in \
        refused.stderr
    missing = run("sensitivity", check=False)
    assert missing.returncode == 2


def test_indices_are_written_into_the_index_unless_asked_not_to(morris):
    import hashlib

    import h5py

    tmp, _ = morris
    index = tmp / "out" / "index.h5"
    metrics = "peak_waiting_list,peak_burned_out_share/senior_mentor"
    before = hashlib.sha256(index.read_bytes()).hexdigest()
    printed = run("sensitivity", tmp / "out", "--format", "json", "--metrics", metrics,
                  "--no-write")
    assert hashlib.sha256(index.read_bytes()).hexdigest() == before
    assert "written" not in printed.stderr
    done = run("sensitivity", tmp / "out", "--format", "json", "--metrics", metrics)
    assert "indices of 2 metrics written to" in done.stderr
    assert done.stdout == printed.stdout
    study = json.loads(done.stdout)
    with h5py.File(index, "r") as f:
        group = f["sensitivity"]
        assert group.attrs["method"] == "morris"
        assert [m.decode() if isinstance(m, bytes) else m for m in group.attrs["metrics"]] == \
            metrics.split(",")
        for name in metrics.split(","):
            m = group[name]  # a name with '/' is a nested group
            axes = [a.decode() if isinstance(a, bytes) else a for a in m["axis"][:]]
            for i, axis in enumerate(axes):
                expected = study["metrics"][name]["axes"][axis]["mu_star"]
                assert m["mu_star"][i] == pytest.approx(expected["estimate"], rel=1e-15)
                assert m["mu_star_ci_low"][i] == pytest.approx(expected["ci_low"], rel=1e-15)
        # The sweep's own data is untouched: summarize still reads it.
        assert "points" in f and "runs" in f
    assert run("summarize", tmp / "out", "--metrics", "peak_waiting_list").returncode == 0
    # Writing again replaces the group; no temporary file is left beside the index.
    run("sensitivity", tmp / "out", "--metrics", "peak_waiting_list")
    with h5py.File(index, "r") as f:
        assert list(f["sensitivity"].attrs["metrics"]) in (["peak_waiting_list"],
                                                           [b"peak_waiting_list"])
    assert sorted(p.name for p in (tmp / "out").iterdir()) == \
        ["index.h5", "parts", "plan.toml", "sweep.toml"]


def test_second_order_pairs_through_the_cli(tmp_path):
    import h5py

    path = sweep_file(tmp_path, "s2", 'sampling = "sobol"\nbase_samples = 8\nsecond_order = true')
    assert run("check", path).stdout.startswith("sweep s2: 64 points x 2 replicates")  # 8 x (2*3+2)
    run("sweep", path, "--out", tmp_path / "out", "--quiet")
    study = json.loads(run("sensitivity", tmp_path / "out", "--format", "json",
                           "--metrics", "peak_waiting_list").stdout)
    pairs = study["metrics"]["peak_waiting_list"]["pairs"]
    assert [p["axes"] for p in pairs] == [
        ["programme.one_on_one.capacity", "population.senior_count"],
        ["programme.one_on_one.capacity", "departure.annual_rate"],
        ["population.senior_count", "departure.annual_rate"]]
    for p in pairs:
        s = p["second_order"]
        assert s["ci_low"] <= s["estimate"] <= s["ci_high"]
    text = run("sensitivity", tmp_path / "out", "--metrics", "peak_waiting_list").stdout
    assert "pairs (second order S_ij [95% CI], largest first):" in text
    with h5py.File(tmp_path / "out" / "index.h5", "r") as f:
        m = f["sensitivity/peak_waiting_list"]
        assert len(m["second_order"]) == 3
        assert m["second_order"][0] == pytest.approx(pairs[0]["second_order"]["estimate"],
                                                     rel=1e-15)
    refused = run("check", sweep_file(tmp_path, "bad",
                                      'sampling = "morris"\ntrajectories = 4\nsecond_order = true'),
                  check=False)
    assert refused.returncode == 2
    assert 'sweep.second_order: only for sampling = "sobol"' in refused.stderr
