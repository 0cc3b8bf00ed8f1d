"""`mentorsim report`: a self-contained HTML page for run, compare and sweep outputs, opened in
headless Chromium to check that it loads and that its figures show."""

import base64
import os
import pathlib
import re
import shutil
import subprocess

import numpy as np
import pytest

import mentorsim_analysis as ma
from mentorsim_analysis import report

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
SMALL = ["--set", "population.initial_size=300", "--set", "scenario.weeks=40"]
IMAGE = re.compile(r'<img alt="figure" src="data:image/png;base64,([A-Za-z0-9+/=]+)">')


def mentorsim(*args):
    return subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, timeout=300)


def written(results, out):
    result = mentorsim("report", results, "--out", out)
    assert result.returncode == 0, result.stderr
    return (out / "report.html").read_text()


@pytest.fixture(scope="module")
def outputs(tmp_path_factory, cli_h5):
    tmp = tmp_path_factory.mktemp("report")
    shock = (SOURCE / "scenarios/compare/01_one_on_one_shock.toml").read_text()
    (tmp / "shock.toml").write_text(shock.replace("\nweek = ", "\nweek = 20  # was ", 1))
    compare = tmp / "compare.h5"
    result = mentorsim("compare", SOURCE / "scenarios/compare/00_one_on_one.toml", tmp / "shock.toml",
                       SOURCE / "scenarios/compare/20_peer_pod.toml", "--replicates", "3", *SMALL,
                       "--out", compare, "--quiet")
    assert result.returncode == 0, result.stderr
    (tmp / "sweep.toml").write_text(
        f'[sweep]\nbase = "{SOURCE}/scenarios/workshop/02_capacity_and_waiting_list.toml"\n'
        "replicates = 2\n[[axis]]\nkey = \"programme.one_on_one.capacity\"\nvalues = [2, 4]\n"
        "[[axis]]\nkey = \"joining.arrivals_per_week\"\nvalues = [0.5, 1.0, 2.0]\n")
    result = mentorsim("sweep", tmp / "sweep.toml", "--out", tmp / "sweep", "--quiet")
    assert result.returncode == 0, result.stderr
    return {"run": cli_h5, "compare": compare, "sweep": tmp / "sweep"}


def test_the_headline_list_is_the_command_lines(outputs):
    source = (SOURCE / "sim/output/metric_selection.cpp").read_text()
    cpp = re.findall(r'\{"([^"]+)", Better::(higher|lower)\}', source)
    python = [(p, b) for _, _, entries in report.HEADLINE for p, b in entries]
    assert python == cpp


@pytest.mark.parametrize("kind, figures", [("run", 3), ("compare", 4), ("sweep", 4)])
def test_every_kind_gets_a_page_with_its_figures(outputs, tmp_path, kind, figures):
    page = written(outputs[kind], tmp_path / kind)
    images = IMAGE.findall(page)
    assert len(images) == figures
    for data in images:
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<h2>Provenance</h2>" in page and "git_commit" in page
    assert "http" not in page.replace("http://www.w3.org", "")  # self-contained: nothing fetched
    if kind == "run":  # a run without a shock says so instead of drawing nothing
        assert "Not drawn" in page and "shock" in page


def test_the_comparison_table_holds_the_paired_differences(outputs, tmp_path):
    page = written(outputs["compare"], tmp_path / "c")
    c = ma.load_compare(outputs["compare"], series=[])
    d = ma.paired_differences(c, "mean_coverage")
    for label in ("one_on_one_shock", "peer_pod"):
        mean = d[d["scenario"] == label]["diff"].mean()
        assert f"{mean:+.4g}" in page, label
    assert "* better" in page  # peer pods reach more people than one-on-one
    assert "shock 1" in page and "top_mentors at week 20" in page  # the shock arm's parameters


def test_existing_reports_and_bad_inputs_are_refused(outputs, tmp_path):
    out = tmp_path / "r"
    written(outputs["run"], out)
    before = (out / "report.html").read_bytes()
    result = mentorsim("report", outputs["compare"], "--out", out)
    assert result.returncode == 2 and "exists; pass --force" in result.stderr
    assert (out / "report.html").read_bytes() == before
    assert mentorsim("report", outputs["compare"], "--out", out, "--force").returncode == 0
    not_hdf5 = tmp_path / "notes.h5"
    not_hdf5.write_text("hello")
    result = mentorsim("report", not_hdf5, "--out", tmp_path / "x")
    assert result.returncode == 2 and "not an HDF5 file" in result.stderr
    assert not (tmp_path / "x").exists()
    result = mentorsim("report", outputs["run"])
    assert result.returncode == 2 and "--out" in result.stderr


def chromium():
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed (.ci/install-deps installs it)")
        pytest.skip("chromium is not installed")
    return found


@pytest.mark.parametrize("kind", ["compare", "sweep"])
def test_the_page_loads_in_headless_chromium_with_every_figure(outputs, tmp_path, kind):
    browser = chromium()
    page = tmp_path / kind / "report.html"
    figures = len(IMAGE.findall(written(outputs[kind], tmp_path / kind)))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr
    # The page's own check, run on load: every figure decoded, none broken.
    assert f'data-images-ok="{figures}"' in dom.stdout
    assert 'data-images-broken="0"' in dom.stdout
    shot = tmp_path / f"{kind}.png"
    result = subprocess.run([browser, *flags, "--window-size=1200,2400", f"--screenshot={shot}",
                             page.as_uri()], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and shot.stat().st_size > 20_000  # a page, not a blank
