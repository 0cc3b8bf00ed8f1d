"""`cmake --install` into a temporary prefix: the installed binary runs `compare` and `report` from
another directory, `report` runs the analysis package installed beside the binary (found from the
binary's own location, so the prefix can move), and the man page, completion, scenarios, schema,
docs, licence and citation are where the README says."""

import os
import pathlib
import re
import shutil
import subprocess

import pytest

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
pytestmark = pytest.mark.skipif(not BINARY or not shutil.which("cmake"),
                                reason="MENTORSIM_BINARY not set or no cmake")

MARKER = '''
import os as _os
if _os.environ.get("MENTORSIM_TEST_MARKER"):
    with open(_os.environ["MENTORSIM_TEST_MARKER"], "w") as _f:
        _f.write(__file__)
'''


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    root = tmp_path_factory.mktemp("install")
    prefix = root / "prefix"
    build = pathlib.Path(BINARY).parent
    result = subprocess.run(["cmake", "--install", str(build), "--prefix", str(prefix)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    # A line in the installed package that says which copy Python imported.
    init = prefix / "share" / "mentorsim" / "analysis" / "mentorsim_analysis" / "__init__.py"
    init.write_text(init.read_text() + MARKER)
    return prefix


def clean_env(**extra):
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "MENTORSIM_ANALYSIS_DIR", "MENTORSIM_PYTHON")}
    env.update(extra)
    return env


def test_everything_is_where_the_readme_says(prefix):
    for path in ["bin/mentorsim",
                 "share/bash-completion/completions/mentorsim",
                 "share/mentorsim/analysis/mentorsim_analysis/report.py",
                 "share/mentorsim/scenarios/compare/00_one_on_one.toml",
                 "share/mentorsim/scenarios/workshop/02_capacity_and_waiting_list.toml",
                 "share/mentorsim/mentorsim.schema.json",
                 "share/doc/mentorsim/README.md", "share/doc/mentorsim/LICENSE",
                 "share/doc/mentorsim/CITATION.cff", "share/doc/mentorsim/docs/model.md"]:
        assert (prefix / path).is_file(), path
    if shutil.which("help2man"):
        assert (prefix / "share/man/man1/mentorsim.1").is_file()
    assert not list(prefix.rglob("__pycache__"))


def compare_and_report(binary, workdir, scenarios, marker):
    workdir.mkdir()
    compare = subprocess.run(
        [str(binary), "compare", str(scenarios / "workshop" / "02_capacity_and_waiting_list.toml"),
         str(scenarios / "workshop" / "06_peer_pods.toml"), "--replicates", "2", "--out", "c.h5"],
        cwd=workdir, capture_output=True, text=True, timeout=300, env=clean_env())
    assert compare.returncode == 0, compare.stderr
    report = subprocess.run([str(binary), "report", "c.h5", "--out", "report"], cwd=workdir,
                            capture_output=True, text=True, timeout=300,
                            env=clean_env(MENTORSIM_TEST_MARKER=str(marker)))
    assert report.returncode == 0, report.stderr
    assert (workdir / "report" / "report.html").stat().st_size > 10_000
    return pathlib.Path(marker.read_text())


def test_the_installed_binary_compares_and_reports_from_another_directory(prefix, tmp_path):
    imported = compare_and_report(prefix / "bin" / "mentorsim", tmp_path / "elsewhere",
                                  prefix / "share" / "mentorsim" / "scenarios",
                                  tmp_path / "marker")
    assert imported == prefix / "share/mentorsim/analysis/mentorsim_analysis/__init__.py"


def test_a_moved_prefix_finds_its_own_package(prefix, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(prefix, moved, symlinks=True)
    imported = compare_and_report(moved / "bin" / "mentorsim", tmp_path / "work",
                                  moved / "share" / "mentorsim" / "scenarios", tmp_path / "marker")
    assert imported == moved / "share/mentorsim/analysis/mentorsim_analysis/__init__.py"


def test_a_binary_without_its_package_says_where_it_looked(prefix, tmp_path):
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy2(prefix / "bin" / "mentorsim", alone / "mentorsim")
    result = subprocess.run([str(alone / "mentorsim"), "report", "x.h5", "--out", "r"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=60,
                            env=clean_env())
    assert result.returncode == 1
    assert "cannot find the analysis package" in result.stderr
    assert str(tmp_path / "share" / "mentorsim" / "analysis") in result.stderr
    assert "MENTORSIM_ANALYSIS_DIR" in result.stderr and not (tmp_path / "r").exists()


def test_the_citation_names_this_version():
    version = subprocess.run([BINARY, "--version"], capture_output=True, text=True,
                             check=True).stdout.split()[1]
    citation = (SOURCE / "CITATION.cff").read_text()
    assert re.search(rf"^version: {re.escape(version)}$", citation, re.M)
    assert re.search(r"^license: Apache-2.0$", citation, re.M)
    assert "Apache License" in (SOURCE / "LICENSE").read_text()[:200]
