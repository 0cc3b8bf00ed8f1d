"""`mentorsim report`: a self-contained HTML page for run, compare and sweep outputs, opened in
headless Chromium to check that it loads and that its figures show. Its headline table is the
catalogue's (`mentorsim metrics --format json`) and its numbers are `mentorsim compare`'s."""

import base64
import html
import json
import math
import os
import pathlib
import re
import shutil
import subprocess

import h5py
import pytest

import mentorsim_analysis as ma
from mentorsim_analysis import report
from mentorsim_analysis.loader import RUN_COLUMNS

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
                       "--out", compare, "--format", "json")
    assert result.returncode == 0, result.stderr
    compare_json = json.loads(result.stdout)  # the CLI's own numbers for the same file
    (tmp / "sweep.toml").write_text(
        f'[sweep]\nbase = "{SOURCE}/scenarios/workshop/02_capacity_and_waiting_list.toml"\n'
        "replicates = 2\n[[axis]]\nkey = \"programme.one_on_one.capacity\"\nvalues = [2, 4]\n"
        "[[axis]]\nkey = \"joining.arrivals_per_week\"\nvalues = [0.5, 1.0, 2.0]\n")
    result = mentorsim("sweep", tmp / "sweep.toml", "--out", tmp / "sweep", "--quiet")
    assert result.returncode == 0, result.stderr
    return {"run": cli_h5, "compare": compare, "sweep": tmp / "sweep", "compare_json": compare_json}


def instance_of(template, name):
    """Whether ``name`` is an instance of a catalogue name such as "shock{shock}/recovered" (the
    rule of metrics::instance_of: the placeholder stands for one non-empty path component)."""
    if "{" not in template:
        return template == name
    head, tail = template[:template.index("{")], template[template.index("}") + 1:]
    middle = name[len(head):len(name) - len(tail)]
    return (len(name) > len(head) + len(tail) and name.startswith(head) and name.endswith(tail)
            and "/" not in middle)


def catalogue_headline(names):
    """(theme, name, better) of the headline table `mentorsim compare` builds from the catalogue
    (`mentorsim metrics --format json`): theme by theme, each headline summary in declaration
    order, expanded against ``names`` (in their order), each name once."""
    result = mentorsim("metrics", "--format", "json")
    assert result.returncode == 0, result.stderr
    catalogue = json.loads(result.stdout)
    summaries = [s for g in catalogue["groups"] for s in g["summaries"] if s["headline"]]
    out, seen = [], set()
    for theme in catalogue["themes"]:
        for s in (s for s in summaries if s["theme"] == theme["name"]):
            for name in names:
                if name not in seen and instance_of(s["name"], name):
                    seen.add(name)
                    out.append((theme["name"], name, s["better"]))
    return out, [t["name"] for t in catalogue["themes"]]


def names_in_file(kind, path):
    """The summary names of a file in the order the package's loaders list them."""
    if kind == "run":
        return [c for c in ma.runs(path).columns if c not in RUN_COLUMNS]
    if kind == "compare":
        return list(dict.fromkeys(ma.load_compare(path, series=[]).summaries["metric"]))
    return ma.load_sweep(path).metrics


def page_headline(page):
    """(theme, name, better) in page order from the headline table of a run or compare page."""
    rows, theme = [], None
    for row in re.findall(r"<tr[^>]*>.*?</tr>", page):
        heading = re.match(r"<tr class='theme'><td colspan='6'><b>([^<]+)</b>", row)
        if heading:
            theme = html.unescape(heading.group(1))
            continue
        metric = re.search(r"<code>([^<]+)</code>(.*)", row)
        if metric:
            better = re.search(r"(higher|lower) is better", metric.group(2))
            rows.append((theme, html.unescape(metric.group(1)),
                         better.group(1) if better else "neither"))
    return rows


@pytest.mark.parametrize("kind", ["run", "compare", "sweep"])
def test_the_headline_metrics_are_the_catalogues(outputs, tmp_path, kind):
    names = names_in_file(kind, outputs[kind])
    expected, themes = catalogue_headline(names)
    assert expected and any("/" in name for _, name, _ in expected) == (kind == "compare")
    # Within a theme, compare's order: each summary's `headline` attribute is its place in the
    # table (the instances of one template, shock1/... and shock2/..., in the loaders' order).
    table = ma.headline_metrics(outputs[kind])
    assert list(table[["theme", "name", "better"]].itertuples(index=False, name=None)) == expected
    page = written(outputs[kind], tmp_path / kind)
    if kind == "sweep":  # the first six are tabulated per point, the first three drawn
        chosen = [name for _, name, _ in expected][:6]
        columns = re.search(r"<h2>Per-point means \(headline metrics\)</h2>(.*?)</table>", page,
                            re.S).group(1)
        assert all(f"<th>{name}</th>" in columns for name in chosen)
        drawn = re.findall(r"<h2>(\S+) against ", page)
        assert drawn == chosen[:3]
    else:
        assert page_headline(page) == expected


def cli_number(x):
    """A number of the CLI's JSON (null for an undefined value) as the report prints it."""
    return report._number(math.nan if x is None else float(x))


def test_the_comparison_numbers_are_the_command_lines(outputs, tmp_path):
    """Means and intervals clipped as each metric's aggregate says, and the differences from the
    baseline with their unclipped intervals: the numbers `mentorsim compare` prints."""
    page = written(outputs["compare"], tmp_path / "c")
    metrics = outputs["compare_json"]["metrics"]
    for name in ma.headline_metrics(outputs["compare"])["name"]:
        block = page[page.index(f"<code>{html.escape(name)}</code>"):]
        block = block[:re.search(r"<tr class='(metric|theme)'>|</table>", block[1:]).start() + 1]
        for label, stats in metrics[name]["stats"].items():
            if not stats["n"]:
                continue
            row = re.search(rf"<tr><td>{re.escape(label)}</td>.*?</tr>", block)
            assert row, (name, label)
            ci = f"[{cli_number(stats['ci_low'])}, {cli_number(stats['ci_high'])}]"
            if stats["ci_low"] is None:
                ci = "–"
            assert (f"<td class='num'>{cli_number(stats['mean'])}</td><td class='num'>{ci}</td>"
                    in row.group(0)), (name, label, row.group(0))
            diff = metrics[name]["differences"].get(label)
            if diff and diff["ci_low"] is not None:
                assert f"[{cli_number(diff['ci_low'])}, {cli_number(diff['ci_high'])}]" in (
                    row.group(0)), (name, label, row.group(0))


def test_a_file_from_before_metric_declarations_is_reported_without_a_headline(cli_h5, tmp_path):
    old = tmp_path / "old.h5"
    shutil.copy(cli_h5, old)
    with h5py.File(old, "a") as f:  # what a mentorsim without declarations wrote
        del f.attrs["themes"], f.attrs["theme_questions"]

        def strip(name, obj):
            if isinstance(obj, h5py.Dataset):
                for key in ("better", "aggregate", "theme", "headline"):
                    del obj.attrs[key]

        f.visititems(strip)
    assert ma.headline_metrics(old).empty
    page = written(old, tmp_path / "r")
    assert "No headline table" in page and "before metric declarations" in page
    assert "higher is better" not in page and "lower is better" not in page
    assert len(IMAGE.findall(page)) == 3  # the figures are drawn as before


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
    d = ma.paired_differences(c, "mean_effective_coverage")
    for label in ("one_on_one_shock", "peer_pod"):
        mean = d[d["scenario"] == label]["diff"].mean()
        assert f"{mean:+.4g}" in page, label
    assert "* better" in page  # peer pods reach more people than one-on-one
    assert "shock 1" in page and "expert_tier at week 20" in page  # the shock arm's parameters


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
