"""Without one of the Python modules it needs, `mentorsim report` (python3 -m
mentorsim_analysis.report) says in one line which Debian package to install and exits with status
2, without a traceback; and it says on stderr what it is doing while it works. The missing module
is simulated with a module of the same name, first on PYTHONPATH, whose import fails."""

import os
import pathlib
import subprocess
import sys

import pytest

from conftest import write_synthetic_compare

ANALYSIS = pathlib.Path(__file__).parents[2] / "analysis"


def report(tmp_path, *args, shadow=(), package=False):
    """Run the report's entry point in a fresh interpreter, with each module in ``shadow``
    replaced by one that raises ImportError (a package directory with ``package``)."""
    fake = tmp_path / "fake"
    fake.mkdir(exist_ok=True)
    for name in shadow:
        text = f'raise ImportError("{name} is broken here (simulated by the test)")\n'
        if package:
            (fake / name).mkdir(exist_ok=True)
            (fake / name / "__init__.py").write_text(text)
        else:
            (fake / f"{name}.py").write_text(text)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake), str(ANALYSIS)])}
    return subprocess.run([sys.executable, "-m", "mentorsim_analysis.report", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)


@pytest.mark.parametrize("module, package, as_package", [
    ("numpy", "python3-numpy", True), ("h5py", "python3-h5py", False),
    ("pandas", "python3-pandas", True), ("scipy", "python3-scipy", False),
    ("matplotlib", "python3-matplotlib", True)])
def test_a_missing_module_is_one_line_naming_its_debian_package(tmp_path, module, package,
                                                                as_package):
    result = report(tmp_path, tmp_path / "absent.h5", "--out", tmp_path / "r", shadow=[module],
                    package=as_package)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("mentorsim report: ")
    assert f"Python module {module} cannot be imported" in lines[0]
    assert package in lines[0] and ".ci/install-deps" in lines[0]
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert not (tmp_path / "r").exists()


def test_imported_as_a_library_the_error_names_the_package_too(tmp_path):
    fake = tmp_path / "fake"
    fake.mkdir()
    (fake / "numpy.py").write_text('raise ImportError("simulated")\n')
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(fake), str(ANALYSIS)])}
    result = subprocess.run([sys.executable, "-c", "import mentorsim_analysis"],
                            capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert "ImportError: mentorsim_analysis: the Python module numpy cannot be imported" in (
        result.stderr) and "python3-numpy" in result.stderr


def test_the_report_says_what_it_is_doing(tmp_path):
    compare = write_synthetic_compare(tmp_path / "compare.h5")
    result = report(tmp_path, compare, "--out", tmp_path / "r")
    assert result.returncode == 0, result.stderr
    said = result.stderr.splitlines()
    assert said[0] == f"mentorsim report: loading 4 runs of 2 scenarios from {compare}…"
    assert any(line.startswith("mentorsim report: loaded in ") for line in said)
    assert f"mentorsim report: writing {tmp_path / 'r' / 'report.html'}" in said
    assert said[-1].startswith(f"mentorsim report: report written to {tmp_path / 'r'}")
    quiet = report(tmp_path, compare, "--out", tmp_path / "q", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""
