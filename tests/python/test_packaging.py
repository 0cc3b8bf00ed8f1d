"""analysis/pyproject.toml: the package installs like any Python package (PEP 621, setuptools), with
the simulator's version, every module, the dependencies it imports and the mentorsim-summary
script. The wheel is built offline from a copy of analysis/, so the source tree stays clean."""

import ast
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile

import pytest

ANALYSIS = pathlib.Path(__file__).parents[2] / "analysis"
PACKAGE = ANALYSIS / "mentorsim_analysis"
PROJECT = tomllib.loads((ANALYSIS / "pyproject.toml").read_text())["project"]


def requirement_names(requirements):
    return {re.split(r"[<>=!~ ;\[]", r, maxsplit=1)[0].lower() for r in requirements}


def imported_modules(path):
    """Top-level names of the modules a file imports (not its own relative imports)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_the_version_is_the_simulators():
    cmake = (ANALYSIS.parent / "CMakeLists.txt").read_text()
    version = re.search(r"project\(mentorsim\s+VERSION\s+([0-9.]+)", cmake).group(1)
    assert PROJECT["version"] == version


def test_every_imported_package_is_a_dependency():
    required = requirement_names(PROJECT["dependencies"])
    optional = set().union(*map(requirement_names, PROJECT["optional-dependencies"].values()))
    third_party = set()
    for path in PACKAGE.glob("*.py"):
        third_party |= imported_modules(path) - set(sys.stdlib_module_names) - {"__future__"}
    assert third_party <= required | optional, third_party - required - optional
    assert {"h5py", "numpy", "pandas", "scipy"} <= required
    assert {"matplotlib", "networkx"} <= optional  # figures, report, network


def test_the_script_is_the_summary_command():
    from mentorsim_analysis import summary

    module, function = PROJECT["scripts"]["mentorsim-summary"].split(":")
    assert module == "mentorsim_analysis.summary" and callable(getattr(summary, function))


def test_the_script_exits_with_the_summarys_status(synthetic_h5, monkeypatch, capsys):
    from mentorsim_analysis import summary

    monkeypatch.setattr(sys, "argv", ["mentorsim-summary", str(synthetic_h5)])
    assert summary.cli() == 0 and "mean_participation" in capsys.readouterr().out
    monkeypatch.setattr(sys, "argv", ["mentorsim-summary"])
    assert summary.cli() == 2


def test_the_wheel_builds_offline_and_runs_from_where_it_is_installed(tmp_path, synthetic_h5):
    pytest.importorskip("setuptools")
    pytest.importorskip("wheel")  # setuptools' bdist_wheel (Debian: python3-wheel)
    source = tmp_path / "analysis"
    shutil.copytree(ANALYSIS, source, ignore=shutil.ignore_patterns(
        "__pycache__", "build", "dist", "*.egg-info"))
    code = ("import sys; from setuptools import build_meta; "
            "print(build_meta.build_wheel(sys.argv[1]))")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "dist")], cwd=source,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    wheel = tmp_path / "dist" / result.stdout.strip().splitlines()[-1]
    assert wheel.name == f"mentorsim_analysis-{PROJECT['version']}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        info = f"mentorsim_analysis-{PROJECT['version']}.dist-info"
        entry_points = z.read(f"{info}/entry_points.txt").decode()
        metadata = z.read(f"{info}/METADATA").decode()
    modules = {f"mentorsim_analysis/{p.name}" for p in PACKAGE.glob("*.py")}
    assert modules <= names, modules - names
    assert not [n for n in names if "__pycache__" in n or n.startswith("tests/")]
    assert "mentorsim-summary = mentorsim_analysis.summary:cli" in entry_points
    for dependency in ("h5py", "numpy", "pandas", "scipy"):
        assert f"Requires-Dist: {dependency}" in metadata

    # Unpacked (what pip install does with it), the package runs without the source tree.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = ("import sys, mentorsim_analysis as ma; from mentorsim_analysis.summary import cli; "
            "print(ma.__file__); print(ma.file_kind(sys.argv[1])); "
            "sys.argv = ['mentorsim-summary', sys.argv[1]]; sys.exit(cli())")
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run([sys.executable, "-c", code, str(synthetic_h5)], cwd=tmp_path,
                            env={**env, "PYTHONPATH": str(site)}, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith(str(site)) and lines[1] == "run"
    assert "git_commit: 0123456789ab" in result.stdout
