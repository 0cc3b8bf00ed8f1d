"""scenarios/roster/: an organisation read from a roster (synthetic, made by make_people.py), with the
mentoring pairs running at week 0 (ties.csv), under three policies. The shipped files are the
script's output; compare runs the three arms on the same 500 people and pairs; outputs name people
by hashed ids unless population.keep_roster_ids."""

import io
import os
import pathlib
import re
import subprocess
import sys

import networkx as nx
import pytest

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
ROSTER = SOURCE / "scenarios" / "roster"
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
ARMS = ["00_one_on_one.toml", "10_group_cohort.toml", "20_peer_pod.toml"]


def run(*args):
    result = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def make_people():
    sys.path.insert(0, str(ROSTER))
    try:
        import make_people as module
    finally:
        sys.path.pop(0)
    return module


def test_the_shipped_roster_and_pairs_are_the_scripts_output():
    out = io.StringIO()
    make_people().main(out)
    assert (ROSTER / "people.csv").read_text() == out.getvalue()
    out = io.StringIO()
    make_people().ties(out)
    assert (ROSTER / "ties.csv").read_text() == out.getvalue()


def test_the_pairs_running_at_week_0_are_in_the_week_0_network(tmp_path):
    lines = [line.split(",") for line in (ROSTER / "ties.csv").read_text().splitlines()[1:]]
    pairs = {tuple(line[:2]) for line in lines}
    assert len(pairs) == 22  # as the scenarios' comments and docs/scenarios.md say
    # The winding-down programme (end_week = 40) outlives every pair: the last ends at week 38.
    assert max(int(line[4]) for line in lines) == 38
    for arm in ARMS:  # the old programme goes on, or winds down beside the new one
        directory = tmp_path / arm
        run("run", ROSTER / arm, "--replicates", "1", "--set", "scenario.weeks=2",
            "--set", "population.keep_roster_ids=true", "--export-network", "0",
            "--network-dir", directory, "--quiet")
        g = nx.read_graphml(next(directory.iterdir()))
        name = {n: d.get("roster_id") for n, d in g.nodes(data=True)}
        edges = {(name[a], name[b]) for a, b in g.edges()}
        assert pairs <= edges, arm


def test_every_arm_starts_from_the_same_500_people():
    for arm in ARMS:
        resolved = run("check", ROSTER / arm).stdout
        assert re.search(r"^initial_size = 500$", resolved, re.M), arm
        path = re.search(r'^roster = "(.*)"$', resolved, re.M).group(1)
        assert pathlib.Path(path) == (ROSTER / "people.csv").resolve()
    table = run("compare", *(ROSTER / a for a in ARMS), "--replicates", "2",
                "--set", "scenario.weeks=26").stdout
    assert "roster_group_cohort" in table and "roster_peer_pod" in table


def test_outputs_name_people_by_hashed_ids_unless_kept(tmp_path):
    def ids(*extra):
        directory = tmp_path / f"net{len(extra)}"
        run("run", ROSTER / ARMS[0], "--replicates", "1", "--set", "scenario.weeks=4",
            "--export-network", "0", "--network-dir", directory, "--quiet", *extra)
        g = nx.read_graphml(next(directory.iterdir()))
        return [d["roster_id"] for _, d in g.nodes(data=True) if "roster_id" in d]

    hashed = ids()
    assert len(hashed) > 400 and all(re.fullmatch(r"h[0-9a-f]{16}", i) for i in hashed)
    kept = ids("--set", "population.keep_roster_ids=true")
    assert all(re.fullmatch(r"E\d{4}", i) for i in kept)
    assert len(set(hashed)) == len(hashed)


def test_a_sweep_runs_on_a_roster_scenario(tmp_path):
    """The points are read from the base file, so its roster is found beside it."""
    sweep = tmp_path / "s.toml"
    sweep.write_text(f'[sweep]\nbase = "{ROSTER / ARMS[0]}"\nreplicates = 1\n'
                     '[[axis]]\nkey = "programme.current.capacity"\nvalues = [3, 5]\n'
                     '[[axis]]\nkey = "scenario.weeks"\nvalues = [8]\n')
    run("sweep", sweep, "--out", tmp_path / "out", "--quiet")
    summary = run("summarize", tmp_path / "out", "--format", "csv", "--metrics",
                  "final_participation").stdout
    assert summary.count("\n") >= 3  # a header and a row per point


def test_a_switch_to_cohorts_continues_from_the_saved_week(tmp_path):
    """30_switch_later.toml: save at week 104, continue with the cohorts started and the
    one-on-one programme ended; the first 104 weeks are the saved run's, bit for bit."""
    import h5py
    import numpy as np

    run("run", ROSTER / "30_switch_later.toml", "-r", "2", "--save-state", "104",
        "--out", tmp_path / "now.h5", "--quiet")
    state = tmp_path / "now.week104.state.h5"
    run("run", "--from-state", state, "--out", tmp_path / "switched.h5", "--quiet",
        "--set", "programme.cohorts.start_week=104", "--set", "programme.current.end_week=130")
    with h5py.File(tmp_path / "now.h5") as now, h5py.File(tmp_path / "switched.h5") as switched:
        series = []
        now["weekly"].visititems(
            lambda name, obj: series.append(name) if isinstance(obj, h5py.Dataset) else None)
        assert len(series) > 50
        for name in series:
            before, after = now["weekly"][name][:, :104], switched["weekly"][name][:, :104]
            assert np.array_equal(before, after, equal_nan=True), name
        cohorts = switched["weekly/programme/cohorts/learners"][()]
        current = switched["weekly/programme/current/learners"][()]
        assert (cohorts[:, :104] == 0).all() and (cohorts[:, 110:] > 0).all()
        assert (current[:, :104] > 0).all() and (current[:, 130:] == 0).all()
