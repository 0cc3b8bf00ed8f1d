"""Bad input through the real CLI: exit status 2, a message that says where, and no output file."""

import os
import pathlib
import subprocess

import pytest

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")


def run(*args):
    return subprocess.run([BINARY, *args], capture_output=True, text=True, timeout=120)


def test_invalid_scenario_writes_no_file(tmp_path):
    out = tmp_path / "results.h5"
    bad = SOURCE / "scenarios" / "invalid" / "several_errors.toml"
    result = run("run", str(bad), "--out", str(out))
    assert result.returncode == 2
    assert f"{bad}:7:9:" in result.stderr
    assert result.stdout == ""
    assert list(tmp_path.iterdir()) == []  # neither the file nor a temporary


def test_bad_override_writes_no_file(tmp_path):
    out = tmp_path / "results.h5"
    scenario = SOURCE / "scenarios" / "models" / "one_on_one.toml"
    result = run("run", str(scenario), "--out", str(out), "--seed", "-5")
    assert result.returncode == 2
    assert "--set: scenario.seed: -5 is out of range" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_missing_output_directory_is_bad_input_before_running(tmp_path):
    scenario = SOURCE / "scenarios" / "models" / "one_on_one.toml"
    result = run("run", str(scenario), "--out", str(tmp_path / "no" / "such" / "dir.h5"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr
    assert "problem in --out" in result.stderr


def test_command_line_recorded_shell_quoted(tmp_path):
    import h5py

    out = tmp_path / "quoted.h5"
    scenario = SOURCE / "scenarios" / "models" / "one_on_one.toml"
    result = run("run", str(scenario), "--quiet", "--out", str(out), "--replicates", "1",
                 "--set", "scenario.weeks=3", "--set", "scenario.name=two words")
    assert result.returncode == 0, result.stderr
    with h5py.File(out, "r") as f:
        line = f.attrs["command_line"]
        line = line.decode() if isinstance(line, bytes) else line
    assert "'scenario.name=two words'" in line


@pytest.mark.parametrize("shape", ["key", "header", "array", "inline"])
def test_pathological_toml_is_bad_input_not_a_crash(tmp_path, shape):
    """Shapes that overflowed toml++'s stack (exit 139) are refused with file:line:col."""
    text = {"key": "x" + ".a" * 40000 + " = 1\n",
            "header": "[" + ".".join(["a"] * 100000) + "]\n",
            "array": "x = " + "[" * 100000 + "]" * 100000 + "\n",
            "inline": "x = " + "{a=" * 50000 + "1" + "}" * 50000 + "\n"}[shape]
    path = tmp_path / "deep.toml"
    path.write_text(text)
    for command in (["check"], ["run", "--quiet"], ["sweep", "--out", str(tmp_path / "s")],
                    ["compare", str(path), "--quiet"]):
        result = run(command[0], str(path), *command[1:])
        assert result.returncode == 2, (command, result.returncode, result.stderr[-300:])
        assert f"{path}:1:" in result.stderr and "refused before parsing" in result.stderr


def test_a_killed_runs_temporary_is_cleaned_and_the_users_file_kept(tmp_path):
    """A temporary a dead process left beside --out goes at the next write; another host's stays;
    an existing --out is refused without --force and kept byte for byte."""
    import socket
    host = "".join("_" if c in "/-." else c for c in socket.gethostname()) or "host"
    out = tmp_path / "results.h5"
    stale = tmp_path / f".results.h5.tmp-{host}-999999999-0123456789abcdef"
    foreign = tmp_path / ".results.h5.tmp-elsewhere-1234-0123456789abcdef"
    stale.write_bytes(b"half a file")
    foreign.write_bytes(b"someone else's")
    scenario = SOURCE / "scenarios" / "models" / "one_on_one.toml"
    small = ["--set", "population.initial_size=100", "--set", "scenario.weeks=10", "-r", "1"]
    result = run("run", str(scenario), *small, "--out", str(out), "--quiet")
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and foreign.exists()
    before = out.read_bytes()
    result = run("run", str(scenario), *small, "--out", str(out), "--quiet")
    assert result.returncode == 2 and "exists; pass --force to overwrite" in result.stderr
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([out.name, foreign.name])


@pytest.fixture
def full_disk(tmp_path):
    """A 200 KB tmpfs to fill (needs mount rights: root on Linux; skipped otherwise)."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs",
                              str(mount_point)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    yield mount_point
    subprocess.run(["umount", str(mount_point)], capture_output=True)


def test_a_full_disk_is_exit_1_with_the_message_and_nothing_left(full_disk, tmp_path):
    """HDF5 could not close the file; its exit handler once crashed on it (exit 139)."""
    scenario = SOURCE / "scenarios" / "models" / "one_on_one.toml"
    small = ["--set", "population.initial_size=300", "--set", "scenario.weeks=52", "-r", "2"]
    result = run("run", str(scenario), *small, "--out", str(full_disk / "x.h5"), "--quiet")
    assert result.returncode == 1, result.stderr
    assert "No space left on device" in result.stderr
    assert list(full_disk.iterdir()) == []
    # Small runs, so the sanitizer build reaches the full disk as quickly as the others.
    sweep = tmp_path / "sweep.toml"
    sweep.write_text(f'[sweep]\nname = "full"\nbase = "{scenario}"\nreplicates = 2\n\n'
                     '[[axis]]\nkey = "population.initial_size"\nvalues = [300]\n\n'
                     '[[axis]]\nkey = "scenario.weeks"\nvalues = [52]\n\n'
                     '[[axis]]\nkey = "departure.annual_rate"\nvalues = [0.1, 0.2, 0.3]\n')
    result = run("sweep", str(sweep), "--out", str(full_disk / "sweep"), "--quiet")
    assert result.returncode == 1, result.stderr[-500:]
    assert "No space left on device" in result.stderr


def test_a_scenario_without_programmes_runs_and_says_so(tmp_path):
    scenario = tmp_path / "alone.toml"
    scenario.write_text('[scenario]\nname = "alone"\nweeks = 4\nreplicates = 1\n\n'
                        '[population]\ninitial_size = 50\n')
    result = run("run", str(scenario), "--quiet")
    assert result.returncode == 0, result.stderr
    assert f"note: {scenario} has no [[programme]]: nobody is matched or mentored" in result.stderr
    with_programme = run("run", str(SOURCE / "scenarios" / "models" / "one_on_one.toml"),
                         "--set", "scenario.weeks=4", "--set", "scenario.replicates=1", "--quiet")
    assert with_programme.returncode == 0 and "[[programme]]" not in with_programme.stderr


def test_bench_without_scenarios_runs_the_declared_benchmarks_not_the_sweep(tmp_path):
    # The declared set, scenarios/bench/*.toml, holds a sweep file for a sweep's memory: not a
    # bench scenario. A tiny copy of the directory keeps this fast.
    bench = tmp_path / "scenarios" / "bench"
    bench.mkdir(parents=True)
    (bench / "tiny.toml").write_text('[scenario]\nname = "tiny"\nweeks = 2\n\n'
                                     '[population]\ninitial_size = 20\n')
    (bench / "sweep.toml").write_text((SOURCE / "scenarios" / "bench" /
                                       "sweep_100k_tiny.toml").read_text())
    result = subprocess.run([BINARY, "bench", "--threads", "1", "--repeats", "1"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "tiny" in result.stdout and "sweep" not in result.stdout


@pytest.mark.skipif(subprocess.run(["which", "script"], capture_output=True).returncode != 0,
                    reason="util-linux script is not installed")
def test_the_progress_bar_is_cleared_before_the_summary():
    """On a terminal (a pseudo-terminal from `script`), the bar's line is blanked before the
    summary's first line, which once began right after the bar."""
    command = (f"'{BINARY}' run '{SOURCE}/scenarios/models/one_on_one.toml' "
               "--set scenario.weeks=20 -r 2")
    result = subprocess.run(["script", "-qec", command, "/dev/null"], capture_output=True,
                            timeout=120)  # bytes: text mode would turn each \r into \n
    out = result.stdout.decode()
    assert result.returncode == 0, out
    bar_end = out.index("100.0%")
    first_line = out.index("scenario one_on_one: 2 replicates")
    assert "\r" + " " * 80 + "\r" in out[bar_end:first_line]
