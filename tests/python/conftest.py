"""Fixtures: result files for the analysis tests.

``synthetic_h5`` is written here with h5py in the layout of docs/output-format.md, so the loader
tests run without the simulator; ``old_style_h5`` is the same file as written before metric
declarations reached the files (no better, aggregate, theme, headline, themes). ``cli_h5`` runs the real ``mentorsim`` binary
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
    ("participation", "share", "Share of seekers with a mentor", lambda r, w: 0.1 * w),
    ("mean_skill/technical", "skill", "Mean skill, zone technical", lambda r, w: 0.5 + 0.01 * w),
    ("mean_skill/social", "skill", "Mean skill, zone social", lambda r, w: 0.4 + 0.01 * r),
]
SUMMARY = [
    ("final_active_practitioners", "practitioners", "Active practitioners in the last week"),
    ("mean_participation", "share", "Coverage averaged over all weeks"),
    ("peak_wait_weeks", "weeks", "Longest wait"),
    ("final_competent_share", "share", "Share competent in the last week"),
    ("shock1/recovered", "share", "Share of replicates whose coverage recovered"),
]
# The themes in display order (not the alphabet's), with their questions, and each output's
# declaration as the simulator writes it: (better, aggregate, theme, headline), headline being the
# summary's place in compare's headline table (0: not headline) - here against the alphabet, so
# that tests see the table follow it.
THEMES = [("Reach", "who gets mentoring, and how soon"),
          ("Resilience", "what survives the loss of key people"),
          ("Growth", "how many become competent, and how fast"),
          ("Population", "who is in the organisation, and who joins and leaves")]
DECLARED = {
    "active_practitioners": ("neither", "mean", "Population", 0),
    "participation": ("higher", "share mean", "Reach", 0),
    "mean_skill/technical": ("higher", "mean", "Growth", 0),
    "mean_skill/social": ("higher", "mean", "Growth", 0),
    "final_active_practitioners": ("neither", "mean", "Population", 0),
    "mean_participation": ("higher", "share mean", "Reach", 2),
    "peak_wait_weeks": ("lower", "mean", "Reach", 1),
    "final_competent_share": ("higher", "share mean", "Growth", 4),
    "shock1/recovered": ("higher", "share mean", "Resilience", 3),
}
RESOLVED = '[scenario]\nname = "synthetic"\nweeks = {weeks}\nseed = {seed}\n'


def declare(dset, name, units, doc, declared=True):
    """The attributes of an output dataset: units and doc, and with ``declared`` its declaration
    (DECLARED) as the simulator writes it since metrics are declared once."""
    dset.attrs["units"] = units
    dset.attrs["doc"] = doc
    if declared:
        better, aggregate, theme, headline = DECLARED[name]
        dset.attrs["better"] = better
        dset.attrs["aggregate"] = aggregate
        dset.attrs["theme"] = theme
        dset.attrs.create("headline", headline, dtype="<i4")


def write_root(f, fmt="mentorsim-run", declared=True):
    """The root attributes: provenance and, with ``declared``, the themes with their questions."""
    f.attrs["format"] = fmt
    f.attrs.create("format_version", 1, dtype="<i4")
    f.attrs["version"] = "0.1.0"
    f.attrs["git_commit"] = "0123456789ab"
    f.attrs["created_utc"] = "2024-05-01T12:00:00Z"
    f.attrs["command_line"] = "mentorsim run synthetic.toml --out synthetic.h5"
    f.attrs.create("threads", 2, dtype="<i4")
    if declared:
        f.attrs.create("themes", [t for t, _ in THEMES], dtype=h5py.string_dtype())
        f.attrs.create("theme_questions", [q for _, q in THEMES], dtype=h5py.string_dtype())


def write_run(runs_group, run_id, replicate, weeks, seed, declared=True, leave_out=()):
    """One run: the SERIES and SUMMARY values (except the names in ``leave_out``)."""
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
        declare(d, name, units, doc, declared)
    summary = g.create_group("summary")
    for k, (name, units, doc) in enumerate(SUMMARY):
        if name in leave_out:
            continue
        d = summary.create_dataset(name, data=np.float64(10 * k + replicate))
        declare(d, name, units, doc, declared)


def write_synthetic_run(path, declared=True):
    """Three runs: r0000 and r0001 of WEEKS weeks, and r0002 with zero weeks (empty series).
    The seed of r0001 is above 2**63, to show it survives as unsigned."""
    with h5py.File(path, "w") as f:
        write_root(f, declared=declared)
        runs = f.create_group("runs")
        write_run(runs, "r0000", 0, WEEKS, 11, declared)
        write_run(runs, "r0001", 1, WEEKS, 2**64 - 5, declared)
        write_run(runs, "r0002", 2, 0, 13, declared)
    return path


def write_synthetic_compare(path, declared=True):
    """A comparison of two scenarios, two replicates each: the baseline "base" has no shock (no
    shock1/recovered), the arm "shocked" has one."""
    with h5py.File(path, "w") as f:
        write_root(f, "mentorsim-compare", declared)
        f.attrs["baseline"] = "base"
        f.attrs.create("scenarios", ["base", "shocked"], dtype=h5py.string_dtype())
        for label, leave_out in (("base", ("shock1/recovered",)), ("shocked", ())):
            group = f.create_group(f"scenarios/{label}")
            group.attrs["scenario_source"] = f"{label}.toml"
            group.attrs["resolved_scenario"] = RESOLVED.format(weeks=WEEKS, seed=11)
            runs = group.create_group("runs")
            for r in range(2):
                write_run(runs, f"r000{r}", r, WEEKS, 11, declared, leave_out)
    return path


# A sweep index lists its metrics in the simulator's report order, not the alphabet's.
SWEEP_METRICS = ["mean_participation", "final_active_practitioners", "peak_wait_weeks",
                 "final_competent_share"]


def write_synthetic_sweep_index(path, declared=True):
    """The parts of a sweep's index.h5 that hold declarations: the root attributes (with
    ``metrics``) and one ``runs/summary/<metric>`` column per metric, of two runs."""
    docs = {name: (units, doc) for name, units, doc in SUMMARY}
    with h5py.File(path, "w") as f:
        write_root(f, "mentorsim-sweep", declared)
        f.attrs.create("metrics", SWEEP_METRICS, dtype=h5py.string_dtype())
        for name in SWEEP_METRICS:
            d = f.create_dataset(f"runs/summary/{name}", data=np.array([1.0, 2.0]))
            declare(d, name, *docs[name], declared)
    return path


@pytest.fixture(scope="session")
def synthetic_h5(tmp_path_factory):
    """A run file of three runs (write_synthetic_run), with every declaration."""
    return write_synthetic_run(tmp_path_factory.mktemp("synthetic") / "synthetic.h5")


@pytest.fixture(scope="session")
def old_style_h5(tmp_path_factory):
    """synthetic_h5 as written before metric declarations: units and doc only, no themes."""
    return write_synthetic_run(tmp_path_factory.mktemp("old") / "old.h5", declared=False)


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
