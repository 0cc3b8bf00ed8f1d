"""`mentorsim sweep`, `merge`, `summarize` and `check` through the real CLI.

The guarantees of docs/sweeps.md, each against an uninterrupted one-process sweep of the same file:
the index is identical, dataset by dataset, whether it came from 3 MPI ranks, from two shards and
`merge`, or from a sweep killed (SIGKILL) or stopped (SIGTERM) and run again; and bad input is
status 2 with `file:line:col`, touching nothing.
"""

import hashlib
import io
import os
import pathlib
import re
import shutil
import signal
import subprocess
import time

import h5py
import numpy as np
import pandas as pd
import pytest

import mentorsim_analysis as ma

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
PROVENANCE = {"created_utc", "command_line", "threads"}  # root attributes that may differ
MPI_ENV = {"OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1"}
if "ASAN_OPTIONS" in os.environ:  # ctest --preset debug (AddressSanitizer)
    # OpenMPI keeps its runtime's allocations until exit, by design; tests/sanitizers/lsan.supp
    # suppresses them by library, which needs whole allocation stacks: OpenMPI is built without
    # frame pointers, so the fast unwinder stops at its first frame ("<unknown module>").
    MPI_ENV["ASAN_OPTIONS"] = os.environ["ASAN_OPTIONS"] + ":fast_unwind_on_malloc=0"
    MPI_ENV["OMPI_MCA_mca_base_component_disable_dlclose"] = "1"

# 6 points x 3 replicates, on the base scenario's seed (2026).
SMALL = """\
[sweep]
name = "small"
base = "base.toml"
replicates = 3

[[axis]]
key = "programme.one_on_one.capacity"
values = [2, 3]

[[axis]]
key = "joining.arrivals_per_week"
from = 2.0
to = 8.0
steps = 3
scale = "log"
"""
SMALL_RUNS = 18

LHS = """\
[sweep]
base = "base.toml"
replicates = 2
sampling = "latin_hypercube"
points = 5
sampling_seed = 3

[[axis]]
key = "departure.annual_rate"
from = 0.1
to = 0.3
"""

# 20 points x 10 replicates of a year each: long enough (a few seconds) to interrupt.
LONG = """\
[sweep]
name = "long"
base = "base.toml"
replicates = 10
seed = 11

[[axis]]
key = "scenario.weeks"
values = [52]

[[axis]]
key = "programme.one_on_one.capacity"
values = [2, 3, 4, 5]

[[axis]]
key = "joining.arrivals_per_week"
from = 2
to = 10
steps = 5
"""
LONG_RUNS = 200

# A Morris design of 20 trajectories x 3 axes (80 points) x 2 replicates of a year each.
MORRIS_LONG = """\
[sweep]
name = "morris-long"
base = "base.toml"
replicates = 2
seed = 11
sampling = "morris"
trajectories = 20
sampling_seed = 5

[[axis]]
key = "scenario.weeks"
values = [52]

[[axis]]
key = "programme.one_on_one.capacity"
from = 2
to = 5

[[axis]]
key = "joining.arrivals_per_week"
from = 2.0
to = 10.0
"""
MORRIS_LONG_RUNS = 160


def write_base(directory):
    """The one-on-one model, small: 200 people for 26 weeks."""
    text = (SOURCE / "scenarios" / "models" / "one_on_one.toml").read_text()
    for old, new in (("initial_size = 2000", "initial_size = 200"), ("weeks = 260", "weeks = 26")):
        assert old in text
        text = text.replace(old, new, 1)
    (directory / "base.toml").write_text(text)


def sweep_file(directory, text, name="sweep.toml"):
    directory.mkdir(parents=True, exist_ok=True)
    write_base(directory)
    path = directory / name
    path.write_text(text)
    return path


def mentorsim(*args, env=None, timeout=300):
    return subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=None if env is None else {**os.environ, **env})


def ok(result):
    assert result.returncode == 0, f"{' '.join(result.args)}\n{result.stderr}"
    return result


# --- comparing indexes -----------------------------------------------------------------------

def index_contents(path):
    """{name: value} of everything in an index: root attributes except provenance, every
    dataset with its attributes, every group's attributes, and the weekly datasets read through
    the /weekly links (whose targets, the part files, may differ)."""
    out = {}
    with h5py.File(path, "r") as f:
        for key, value in f.attrs.items():
            if key not in PROVENANCE:
                out["@" + key] = value

        def visit(name, obj):
            if name == "weekly" or name.startswith("weekly/"):
                return
            if isinstance(obj, h5py.Dataset):
                out[name] = obj[()]
            for key, value in obj.attrs.items():
                out[f"{name}@{key}"] = value

        f.visititems(visit)
        for run_id in f.get("weekly", {}):
            f["weekly"][run_id].visititems(
                lambda n, o: out.__setitem__(f"weekly/{run_id}/{n}", o[()])
                if isinstance(o, h5py.Dataset) else None)
    return out


def same(a, b):
    a, b = np.asarray(a), np.asarray(b)
    if a.shape != b.shape:
        return False
    if a.dtype.kind == "f" and b.dtype.kind == "f":
        return np.array_equal(a, b, equal_nan=True)
    return a.dtype == b.dtype and np.array_equal(a, b)


def assert_same_index(path, reference):
    mine, theirs = index_contents(path), index_contents(reference)
    assert sorted(mine) == sorted(theirs)
    different = [name for name in mine if not same(mine[name], theirs[name])]
    assert different == []
    assert len([n for n in mine if n.startswith("weekly/")]) > 0


def committed_run_indices(out):
    """run_index of every committed part, concatenated (a run in two parts appears twice)."""
    found = []
    for part in sorted((out / "parts").glob("*.h5")):
        with h5py.File(part, "r") as f:
            found.extend(int(k) for k in f["run_index"][()])
    return found


def done_and_to_run(stderr):
    match = re.search(r"; (\d+) done, (\d+) to run", stderr)
    assert match, stderr
    return int(match.group(1)), int(match.group(2))


def snapshot(directory):
    return {p.relative_to(directory): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """(sweep file, the directory of its uninterrupted one-process sweep)."""
    tmp = tmp_path_factory.mktemp("small")
    path = sweep_file(tmp, SMALL)
    out = tmp / "reference"
    result = ok(mentorsim("sweep", path, "--out", out, "--quiet"))
    assert f"index {out}/index.h5: {SMALL_RUNS} of {SMALL_RUNS} runs" in result.stderr
    # A completed sweep leaves its parts and index, no lock or temporary file.
    assert [p.name for p in (out / "parts").iterdir() if p.name.startswith(".")] == []
    return path, out


@pytest.fixture(scope="module")
def long(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("long")
    path = sweep_file(tmp, LONG)
    out = tmp / "reference"
    ok(mentorsim("sweep", path, "--out", out, "--quiet"))
    return path, out


# --- (h) check -------------------------------------------------------------------------------

def test_check_prints_points_and_runs(small):
    path, _ = small
    result = ok(mentorsim("check", path))
    lines = result.stdout.splitlines()
    assert lines[0] == "sweep small: 6 points x 3 replicates = 18 runs (seed 2026, grid sampling)"
    assert re.fullmatch(r"estimated: [\d,]+ practitioner-weeks in all; at most about \d+ MB per run",
                        lines[1]), lines[1]
    assert lines[2] == ("  point 0: programme.one_on_one.capacity = 2, "
                        "joining.arrivals_per_week = 2.0")
    assert len([line for line in lines if line.startswith("  point ")]) == 6
    assert lines[-1].startswith("  point 5: programme.one_on_one.capacity = 3, ")
    bundled = ok(mentorsim("check", SOURCE / "scenarios" / "sweeps" / "capacity_by_arrivals.toml"))
    assert bundled.stdout.startswith(
        "sweep capacity_by_arrivals: 20 points x 4 replicates = 80 runs (seed 2026, grid sampling)")
    lhs = sweep_file(path.parent / "lhs", LHS, "lhs.toml")
    result = ok(mentorsim("check", lhs))
    assert result.stdout.startswith("sweep lhs: 5 points x 2 replicates = 10 runs (seed 2026, "
                                    "latin_hypercube sampling)\n")
    rates = [float(line.rsplit("= ", 1)[1]) for line in result.stdout.splitlines()[2:]]
    # one value in each fifth of [0.1, 0.3]
    assert sorted(int((r - 0.1) / 0.04) for r in rates) == [0, 1, 2, 3, 4]


# --- (b) MPI ---------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("mpirun") is None, reason="mpirun is not on PATH")
def test_three_mpi_ranks_write_the_same_index(small, tmp_path):
    path, reference = small
    out = tmp_path / "mpi"
    command = ["mpirun", "--oversubscribe", "--bind-to", "none", "-np", "3", BINARY, "sweep",
               str(path), "--out", str(out), "--threads", "1", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300,
                            env={**os.environ, **MPI_ENV})
    assert result.returncode == 0, result.stderr
    assert f"{SMALL_RUNS} runs; 0 done, {SMALL_RUNS} to run on 3 ranks" in result.stderr
    prefixes = {p.name.split("-")[0] for p in (out / "parts").glob("*.h5")}
    assert prefixes <= {"rank000", "rank001", "rank002"} and len(prefixes) >= 2
    assert sorted(committed_run_indices(out)) == list(range(SMALL_RUNS))
    assert_same_index(out / "index.h5", reference / "index.h5")


# --- (c) shards and merge --------------------------------------------------------------------

def test_two_shards_and_merge_write_the_same_index(small, tmp_path):
    path, reference = small
    out = tmp_path / "shards"
    first = ok(mentorsim("sweep", path, "--out", out, "--shard", "0/2", "--quiet"))
    assert "(shard 0/2: 9); 0 done, 9 to run" in first.stderr
    assert not (out / "index.h5").exists()  # a shard writes no index
    assert sorted(committed_run_indices(out)) == list(range(0, SMALL_RUNS, 2))  # k mod 2 = 0

    early = mentorsim("merge", out)
    assert early.returncode == 1, early.stderr
    assert "9 of 18 runs" in early.stderr and "9 runs are missing" in early.stderr
    partial = ma.load_sweep(out)
    assert not partial.complete and partial.provenance["runs_done"] == 9
    assert partial.missing_runs.tolist() == list(range(1, SMALL_RUNS, 2))
    assert partial.runs["run_index"].tolist() == list(range(0, SMALL_RUNS, 2))
    assert partial.points["runs_done"].tolist() == [2, 1, 2, 1, 2, 1]

    ok(mentorsim("sweep", path, "--out", out, "--shard", "1/2", "--quiet"))
    assert {p.name.split("-")[0] for p in (out / "parts").glob("*.h5")} == {
        "shard0000of0002", "shard0001of0002"}
    merged = ok(mentorsim("merge", out))
    assert "18 of 18 runs" in merged.stderr
    assert_same_index(out / "index.h5", reference / "index.h5")
    assert ma.load_sweep(out).complete


# --- (d), (e) interrupted sweeps -------------------------------------------------------------

def start_and_wait_for_a_part(path, out):
    """Start the long sweep with a 0.2 s checkpoint and return it once a part is committed."""
    process = subprocess.Popen([BINARY, "sweep", str(path), "--out", str(out), "--checkpoint",
                                "0.2", "--quiet"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list((out / "parts").glob("*.h5")):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "no part committed within 60 s"
        time.sleep(0.02)
    return process


def test_killed_sweep_resumes_only_the_missing_runs(long, tmp_path):
    path, reference = long
    out = tmp_path / "killed"
    process = start_and_wait_for_a_part(path, out)
    process.kill()  # SIGKILL: nothing is committed on the way out
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    committed = committed_run_indices(out)
    assert 0 < len(committed) < LONG_RUNS, "the sweep finished before it could be killed"
    assert len(set(committed)) == len(committed)

    result = ok(mentorsim("sweep", path, "--out", out, "--checkpoint", "0.2", "--quiet"))
    assert done_and_to_run(result.stderr) == (len(committed), LONG_RUNS - len(committed))
    assert sorted(committed_run_indices(out)) == list(range(LONG_RUNS))  # none twice, none lost
    assert not list((out / "parts").glob(".*.tmp"))  # the killed process's open part is gone
    assert_same_index(out / "index.h5", reference / "index.h5")


def test_killed_morris_study_resumes_to_the_same_index_and_indices(tmp_path):
    """A sensitivity design is a sweep like any other: killed and run again, it loses and
    repeats no run, and its index and its Morris indices equal an uninterrupted run's."""
    path = sweep_file(tmp_path, MORRIS_LONG, "morris.toml")
    reference = tmp_path / "reference"
    ok(mentorsim("sweep", path, "--out", reference, "--quiet"))
    out = tmp_path / "killed"
    process = start_and_wait_for_a_part(path, out)
    process.kill()
    process.communicate()
    assert process.returncode == -signal.SIGKILL
    committed = committed_run_indices(out)
    assert 0 < len(committed) < MORRIS_LONG_RUNS, "the sweep finished before it could be killed"

    result = ok(mentorsim("sweep", path, "--out", out, "--checkpoint", "0.2", "--quiet"))
    assert done_and_to_run(result.stderr) == (len(committed), MORRIS_LONG_RUNS - len(committed))
    assert sorted(committed_run_indices(out)) == list(range(MORRIS_LONG_RUNS))
    assert_same_index(out / "index.h5", reference / "index.h5")
    indices = [ok(mentorsim("sensitivity", d, "--no-write", "--format", "csv")).stdout
               for d in (out, reference)]
    assert indices[0] == indices[1] and "programme.one_on_one.capacity" in indices[0]


def test_sigterm_stops_with_status_1_and_the_same_command_resumes(long, tmp_path):
    path, reference = long
    out = tmp_path / "stopped"
    process = start_and_wait_for_a_part(path, out)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stderr
    assert "stopped by signal 15" in stderr and "run the same command to resume" in stderr
    assert not list((out / "parts").glob(".*.tmp"))  # finished runs were committed
    committed = committed_run_indices(out)
    assert 0 < len(committed) < LONG_RUNS and len(set(committed)) == len(committed)

    result = ok(mentorsim("sweep", path, "--out", out, "--quiet"))
    assert done_and_to_run(result.stderr) == (len(committed), LONG_RUNS - len(committed))
    assert sorted(committed_run_indices(out)) == list(range(LONG_RUNS))
    assert_same_index(out / "index.h5", reference / "index.h5")


# --- (f) bad input ---------------------------------------------------------------------------

def where(text, needle, occurrence=0):
    """(line, column), 1-based, of the start of ``needle`` in ``text``."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


BAD = {
    "unknown_sweep_key": (
        SMALL.replace("replicates = 3", "replicate = 3"),
        "replicate = 3", "unknown key 'sweep.replicate'; did you mean 'replicates'?"),
    "unknown_axis_key": (
        SMALL.replace("steps = 3", "stpes = 3"),
        "stpes = 3", "unknown key 'axis[1].stpes'; did you mean 'steps'?"),
    "value_out_of_range": (
        SMALL + '\n[[axis]]\nkey = "departure.annual_rate"\nvalues = [0.2, -1.0]\n',
        "-1.0", "axis 'departure.annual_rate' = -1.0 (point 1): departure.annual_rate: -1 is out "
                "of range [0, 10]"),
    "empty_values": (
        SMALL.replace("values = [2, 3]", "values = []"),
        "[]", "axis[0].values: is empty (an axis needs at least one value)"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_sweep_file_is_status_2_at_its_line_and_writes_nothing(tmp_path, case):
    text, needle, message = BAD[case]
    path = sweep_file(tmp_path, text, f"{case}.toml")
    line, column = where(text, needle)
    for command in (["check", path], ["sweep", path, "--out", tmp_path / "out"]):
        result = mentorsim(*command)
        assert result.returncode == 2, result.stderr
        assert f"{path}:{line}:{column}: {message}" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_directory_holding_another_sweep_is_refused_untouched(small, tmp_path):
    path, reference = small
    out = tmp_path / "theirs"
    shutil.copytree(reference, out)
    before = snapshot(out)
    other = sweep_file(tmp_path / "other", SMALL.replace("values = [2, 3]", "values = [2, 4]"))
    result = mentorsim("sweep", other, "--out", out)
    assert result.returncode == 2
    assert f"{out}: holds another sweep" in result.stderr
    assert snapshot(out) == before
    for bad in (["--shard", "2/2"], ["--checkpoint", "0"], ["--threads", "-1"]):
        result = mentorsim("sweep", path, "--out", out, *bad)
        assert result.returncode == 2, (bad, result.stderr)
    assert snapshot(out) == before


# --- (g) summarize ---------------------------------------------------------------------------

def test_summarize_csv_is_the_per_point_means(small):
    _, out = small
    result = ok(mentorsim("summarize", out, "--format", "csv"))
    # round_trip: pandas' default float parser can be one ulp off the printed shortest form
    table = pd.read_csv(io.StringIO(result.stdout), float_precision="round_trip")
    s = ma.load_sweep(out)
    axes = ["programme.one_on_one.capacity", "joining.arrivals_per_week"]
    assert list(table.columns) == ["point", *axes, "runs", "metric", "mean", "ci_low", "ci_high"]
    assert len(table) == 6 * len(s.metrics)
    assert table["metric"].drop_duplicates().tolist() == s.metrics
    assert (table["runs"] == 3).all()
    ours = s.point_summaries
    assert np.array_equal(table["mean"].to_numpy(), ours["mean"].to_numpy(), equal_nan=True)
    assert np.array_equal(table["ci_low"].to_numpy(), ours["ci_low"].to_numpy(), equal_nan=True)
    assert np.array_equal(table[axes].to_numpy(), ours[axes].to_numpy())
    means = s.runs.groupby("point")[s.metrics].mean()  # NaN-free metrics: see below
    for metric in ("mean_participation", "peak_waiting_list", "final_active_practitioners",
                   "final_bus_factor/technical"):
        rows = table[table["metric"] == metric].set_index("point")
        assert rows["mean"].to_numpy() == pytest.approx(means[metric].to_numpy(), rel=1e-12)
    listed = ok(mentorsim("summarize", out / "index.h5", "--format", "csv", "--metrics",
                          "mean_participation,final_bus_factor/*"))
    metrics = pd.read_csv(io.StringIO(listed.stdout))["metric"].drop_duplicates().tolist()
    assert metrics == [m for m in s.metrics
                       if m == "mean_participation" or m.startswith("final_bus_factor/")]
    assert len(metrics) == 4  # mean_participation and the three zones
    text = ok(mentorsim("summarize", out))
    assert "sweep small: 18 of 18 runs" in text.stdout


# Job-array tasks start together: every shard sets up the new DIR at once, and none is refused.
def test_shards_started_together_on_a_new_directory(small, tmp_path):
    path, reference = small
    out = tmp_path / "array"
    shards = 6
    processes = [subprocess.Popen([BINARY, "sweep", str(path), "--out", str(out), "--shard",
                                   f"{i}/{shards}", "--quiet"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for i in range(shards)]
    results = [(p.communicate(timeout=120)[1], p.returncode) for p in processes]
    assert [status for _, status in results] == [0] * shards, [e for e, _ in results]
    ok(mentorsim("merge", out))
    assert_same_index(out / "index.h5", reference / "index.h5")


def test_damaged_inputs_are_bad_input_naming_the_file(small, tmp_path):
    """A file that is not HDF5 where an index is expected, and a damaged committed part, are
    status 2 with the file and what to do (they were status 1, as if the run had failed)."""
    garbage = tmp_path / "garbage.h5"
    garbage.write_bytes(os.urandom(4096))
    for command in ("summarize", "sensitivity"):
        result = mentorsim(command, garbage)
        assert result.returncode == 2, (command, result.stderr)
        assert f"{garbage}: not an HDF5 file, or damaged" in result.stderr
    path, reference = small
    copy = tmp_path / "copy"
    shutil.copytree(reference, copy)
    part = sorted((copy / "parts").glob("*.h5"))[0]
    part.write_bytes(os.urandom(4096))
    result = mentorsim("sweep", path, "--out", copy, "--quiet")
    assert result.returncode == 2, result.stderr
    assert f"{part}: a damaged committed part" in result.stderr
    assert "move it away, and the sweep redoes its runs" in result.stderr
    part.unlink()
    ok(mentorsim("sweep", path, "--out", copy, "--quiet"))
    assert_same_index(copy / "index.h5", reference / "index.h5")
