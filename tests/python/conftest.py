"""Fixtures: result files for the analysis tests.

``synthetic_h5`` is written here with h5py in the layout of docs/output-format.md, so the loader
tests run without the simulator. ``cli_h5`` runs the real ``mentorsim`` binary
($MENTORSIM_BINARY) on the one-on-one scenario; tests using it are skipped when that variable is
not set.
"""

import os
import pathlib
import subprocess

import h5py
import numpy as np
import pytest

ZONES = ["technical", "social"]
WEEKS = 6

# (name, units, doc, values for replicate r and week w)
SERIES = [
    ("active_practitioners", "practitioners", "Practitioners active at week end", lambda r, w: 100 + w + r),
    ("coverage", "share", "Share of seekers with a mentor", lambda r, w: 0.1 * w),
    ("mean_skill/technical", "skill", "Mean skill, zone technical", lambda r, w: 0.5 + 0.01 * w),
    ("mean_skill/social", "skill", "Mean skill, zone social", lambda r, w: 0.4 + 0.01 * r),
]
SUMMARY = [
    ("final_active_practitioners", "practitioners", "Active practitioners in the last week"),
    ("mean_coverage", "share", "Coverage averaged over all weeks"),
]
RESOLVED = '[scenario]\nname = "synthetic"\nweeks = {weeks}\nseed = {seed}\n'


def write_run(runs_group, run_id, replicate, weeks, seed):
    g = runs_group.create_group(run_id)
    g.attrs["scenario_name"] = "synthetic"
    g.attrs["scenario_source"] = "tests/python/synthetic.toml"
    g.attrs["resolved_scenario"] = RESOLVED.format(weeks=weeks, seed=seed)
    g.attrs.create("seed", seed, dtype="<u8")
    g.attrs.create("replicate", replicate, dtype="<u8")
    g.attrs.create("weeks", weeks, dtype="<i8")
    g.attrs.create("zones", ZONES, dtype=h5py.string_dtype())
    weekly = g.create_group("weekly")
    for name, units, doc, value in SERIES:
        data = np.array([value(replicate, w) for w in range(weeks)], dtype="<f8")
        layout = {}
        if weeks > 0:  # as the writer: chunked + shuffle + gzip 4, contiguous when empty
            layout = dict(chunks=(min(weeks, 4096),), shuffle=True, compression="gzip",
                          compression_opts=4)
        d = weekly.create_dataset(name, data=data, **layout)  # "a/b" makes group "a"
        d.attrs["units"] = units
        d.attrs["doc"] = doc
    summary = g.create_group("summary")
    for k, (name, units, doc) in enumerate(SUMMARY):
        d = summary.create_dataset(name, data=np.float64(10 * k + replicate))
        d.attrs["units"] = units
        d.attrs["doc"] = doc


@pytest.fixture(scope="session")
def synthetic_h5(tmp_path_factory):
    """Three runs: r0000 and r0001 of WEEKS weeks, and r0002 with zero weeks (empty series).
    The seed of r0001 is above 2**63, to show it survives as unsigned."""
    path = tmp_path_factory.mktemp("synthetic") / "synthetic.h5"
    with h5py.File(path, "w") as f:
        f.attrs["format"] = "mentorsim-run"
        f.attrs.create("format_version", 1, dtype="<i4")
        f.attrs["version"] = "0.1.0"
        f.attrs["git_commit"] = "0123456789ab"
        f.attrs["created_utc"] = "2024-05-01T12:00:00Z"
        f.attrs["command_line"] = "mentorsim run synthetic.toml --out synthetic.h5"
        f.attrs.create("threads", 2, dtype="<i4")
        runs = f.create_group("runs")
        write_run(runs, "r0000", 0, WEEKS, 11)
        write_run(runs, "r0001", 1, WEEKS, 2**64 - 5)
        write_run(runs, "r0002", 2, 0, 13)
    return path


def cli_command(out, *extra):
    """The mentorsim command line that writes a small two-replicate run to ``out``."""
    binary = os.environ.get("MENTORSIM_BINARY")
    if not binary:
        pytest.skip("MENTORSIM_BINARY is not set")
    source = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
    scenario = source / "scenarios" / "models" / "one_on_one.toml"
    return [binary, "run", str(scenario), "--out", str(out), "--quiet", "--replicates", "2",
            "--set", "scenario.weeks=20", "--set", "population.initial_size=200", *extra]


def run_cli(command):
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    return result


@pytest.fixture(scope="session")
def cli_h5(tmp_path_factory):
    """A file written by the real CLI: 2 replicates of 20 weeks of the one-on-one model."""
    out = tmp_path_factory.mktemp("cli") / "one_on_one.h5"
    command = cli_command(out)
    result = run_cli(command)
    assert result.returncode == 0, (
        f"{' '.join(command)} exited {result.returncode}\nstdout:\n{result.stdout}\n"
        f"stderr:\n{result.stderr}"
    )
    return out
