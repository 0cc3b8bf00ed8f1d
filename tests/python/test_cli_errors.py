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
