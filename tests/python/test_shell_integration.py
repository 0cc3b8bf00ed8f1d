"""The man page (help2man, from --help) and the bash completion (sim/cli/completion.bash): both
read the binary's own help, so each sub-command and option appears without a second list."""

import os
import pathlib
import shutil
import subprocess

import pytest

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
COMPLETION = SOURCE / "sim" / "cli" / "completion.bash"
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
COMMANDS = ["run", "compare", "sweep", "merge", "summarize", "sensitivity", "report", "check",
            "schema", "metrics", "bench"]


def complete(*words, cwd=None):
    """What bash completes for the command line `words` (the last word is being typed)."""
    script = (f"source {COMPLETION}\n"
              f"COMP_WORDS=({' '.join(repr(w) for w in (BINARY, *words))})\n"
              f"COMP_CWORD={len(words)}\n"
              "_mentorsim\n"
              "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=60,
                            cwd=cwd)
    assert result.returncode == 0, result.stderr
    return sorted(line for line in result.stdout.splitlines() if line)


def test_completion_of_commands_and_options():
    assert complete("") == sorted(COMMANDS + ["--help", "--version"])
    assert complete("r") == ["report", "run"]
    assert complete("run", "--thr") == ["--threads"]
    assert "--uncertain" in complete("compare", "--")
    assert complete("sweep", "--sh") == ["--shard"]


def test_completion_of_values():
    assert complete("run", "x.toml", "--set", "departure.ann") == ["departure.annual_rate="]
    assert "programme.one_on_one.capacity=" in complete("run", "x.toml", "--set", "programme.one")
    assert complete("schema", "--format", "") == ["json", "json-schema", "keys", "md", "toml"]
    assert complete("compare", "--format", "") == ["csv", "json", "markdown", "text"]
    assert complete("run", "--format", "") == ["csv", "json", "text"]
    assert complete("run", "-m", "h") == ["headline"]


def test_completion_of_files(tmp_path):
    for name in ["a.toml", "b.h5", "c.txt"]:
        (tmp_path / name).write_text("")
    (tmp_path / "sub").mkdir()
    assert complete("run", "", cwd=tmp_path) == ["a.toml", "sub"]
    assert complete("report", "", cwd=tmp_path) == ["b.h5", "sub"]


def test_every_key_of_the_schema_is_a_key_check_accepts():
    keys = subprocess.run([BINARY, "schema", "--format", "keys"], capture_output=True, text=True,
                          check=True).stdout.split()
    assert "departure.annual_rate" in keys and len(keys) == len(set(keys)) > 100
    # Every table key is settable on a bundled scenario.
    table_keys = [k for k in keys if not k.startswith("programme.")]
    result = subprocess.run([BINARY, "check", str(SOURCE / "scenarios/models/one_on_one.toml")]
                            + [a for k in table_keys[:40] for a in ("--set", f"{k}=" + "x")],
                            capture_output=True, text=True)
    # Values are wrong on purpose: every problem is a value's, never an unknown key.
    assert result.returncode == 2
    assert "unknown key" not in result.stderr


@pytest.mark.skipif(not shutil.which("man") or not shutil.which("groff"), reason="no man/groff")
def test_the_man_page_has_every_command_and_renders_cleanly():
    page = pathlib.Path(BINARY).parent / "mentorsim.1"
    if not page.exists():
        pytest.skip("built without help2man")
    text = page.read_text()
    for command in COMMANDS:
        assert f".SS {command}\n" in text, command
    assert ".SH ENVIRONMENT" in text and "MENTORSIM_ANALYSIS_DIR" in text
    warnings = subprocess.run(["groff", "-man", "-ww", "-z", str(page)], capture_output=True,
                              text=True)
    assert warnings.returncode == 0 and warnings.stderr == ""
    shown = subprocess.run(["man", "-l", str(page)], capture_output=True, text=True,
                           env={**os.environ, "MANWIDTH": "100", "MANPAGER": "cat", "PAGER": "cat"})
    assert shown.returncode == 0
    assert "COMMANDS" in shown.stdout and "replicates" in shown.stdout
