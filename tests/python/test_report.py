"""`mentorsim report`: a self-contained HTML page for run, compare and sweep outputs, opened in
headless Chromium to check that it loads, that its figures show, that the summary is on the first
screen and that nothing is wider than the window. Its headline table is the catalogue's
(`mentorsim metrics --format json`) and its numbers are `mentorsim compare`'s.

The binary runs the report of this source tree's analysis/ (MENTORSIM_ANALYSIS_DIR), not of the
tree it was built from."""

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
from mentorsim_analysis.labels import HEADLINE_LABELS, metric_label
from mentorsim_analysis.loader import RUN_COLUMNS

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
SMALL = ["--set", "population.initial_size=300", "--set", "scenario.weeks=40"]
IMAGE = re.compile(r'<img alt="([^"]*)" src="data:image/png;base64,([A-Za-z0-9+/=]+)">')
ENV = {**os.environ, "MENTORSIM_ANALYSIS_DIR": str(SOURCE / "analysis")}


def mentorsim(*args):
    return subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, timeout=300,
                          env=ENV)


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


def section_of(page, heading):
    """The HTML of the section under <h2>heading</h2>, up to the next <h2>."""
    start = page.index(f"<h2>{heading}</h2>")
    end = page.find("<h2>", start + 1)
    return page[start:end if end > 0 else len(page)]


def page_headline(page):
    """(theme, name, better) in page order from the headline table of a run or compare page."""
    rows, theme = [], None
    table = section_of(page, "Comparison" if "<h2>Comparison</h2>" in page else "Headline metrics")
    for row in re.findall(r"<tr[^>]*>.*?</tr>", table):
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
    labels = {name: metric_label(name, doc) for name, doc in
              ma.headline_metrics(outputs[kind])[["name", "doc"]].itertuples(index=False)}
    if kind == "sweep":  # every one tabulated per point with its interval, the first three drawn
        chosen = [name for _, name, _ in expected]
        tables = section_of(page, "Every headline metric, point by point")
        assert re.findall(r"<th data-metric='([^']+)'>", tables) == chosen
        points = len(ma.load_sweep(outputs["sweep"]).points)
        cells = re.findall(r"<td class='num'>[^<]*<span class='ci'>([^<]*)</span></td>", tables)
        assert len(cells) == points * len(chosen) and all(c.startswith("[") for c in cells)
        drawn = re.findall(r"<h2>(.+?) against ", page)
        assert drawn == [labels[name] for name in chosen[:3]]
    else:
        assert page_headline(page) == expected
    # The summary: one sentence per headline metric, in the same order, each under its theme.
    summary = section_of(page, "Summary")
    said = re.findall(r"<td><b>([^<]+)</b>", summary)
    assert said == [labels[name] for _, name, _ in expected]
    assert re.findall(r"<th rowspan='\d+' scope='rowgroup'>([^<]+)<", summary) == list(
        dict.fromkeys(theme for theme, _, _ in expected))


def test_every_headline_summary_of_the_catalogue_has_a_plain_name():
    result = mentorsim("metrics", "--format", "json")
    catalogue = json.loads(result.stdout)
    headline = [s["name"] for g in catalogue["groups"] for s in g["summaries"] if s["headline"]]
    assert headline and sorted(headline) == sorted(HEADLINE_LABELS)
    assert len(set(HEADLINE_LABELS.values())) == len(HEADLINE_LABELS)  # no two alike


def cli_number(x):
    """A number of the CLI's JSON (null for an undefined value) as the report prints it."""
    return report._number(math.nan if x is None else float(x))


def test_the_comparison_numbers_are_the_command_lines(outputs, tmp_path):
    """Means and intervals clipped as each metric's aggregate says, and the differences from the
    baseline with their unclipped intervals: the numbers `mentorsim compare` prints."""
    page = section_of(written(outputs["compare"], tmp_path / "c"), "Comparison")
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
                    if key in obj.attrs:  # the dimension scales and run ids have none
                        del obj.attrs[key]

        f.visititems(strip)
    assert ma.headline_metrics(old).empty
    page = written(old, tmp_path / "r")
    assert "No headline table" in page and "before metric declarations" in page
    assert "higher is better" not in page and "lower is better" not in page
    assert len(IMAGE.findall(page)) == 3  # the figures are drawn as before
    assert "declares no headline metrics" in section_of(page, "Summary")


@pytest.mark.parametrize("kind, figures", [("run", 3), ("compare", 4), ("sweep", 4)])
def test_every_kind_gets_a_page_with_its_figures(outputs, tmp_path, kind, figures):
    page = written(outputs[kind], tmp_path / kind)
    images = IMAGE.findall(page)
    assert len(images) == figures
    for alt, data in images:
        assert base64.b64decode(data)[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(alt) > 80 and alt != "figure"  # says what the figure shows
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<h2>Provenance</h2>" in page and "git_commit" in page
    assert "http" not in page.replace("http://www.w3.org", "")  # self-contained: nothing fetched
    # The summary comes first, right under the title.
    assert re.findall(r"<h2>([^<]+)</h2>", page)[0] == "Summary"
    if kind == "run":  # a run without a shock says so plainly instead of drawing nothing
        assert "This run has no shock" in section_of(page, "Shocks")


@pytest.mark.parametrize("kind", ["run", "compare", "sweep"])
def test_no_error_text_reaches_the_page(outputs, tmp_path, kind):
    page = written(outputs[kind], tmp_path / kind)
    for word in ("Traceback", "Error", "Exception", "KeyError", "ValueError", "Not drawn",
                 "Not shown", "errno"):
        assert word not in page, word


def test_seeds_and_counts_are_written_without_separators(outputs, tmp_path):
    page = written(outputs["compare"], tmp_path / "c")
    assert "seed 2026" in section_of(page, "Summary")
    assert "<th>seed</th><td>2026</td>" in section_of(page, "Scenarios")
    assert "2,026" not in page


def test_the_alternative_text_says_what_each_figure_shows(outputs, tmp_path):
    page = written(outputs["compare"], tmp_path / "c")
    alts = {heading: html.unescape(IMAGE.search(section_of(page, heading)).group(1))
            for heading in ("Coverage and the waiting list", "Each shock against its twin",
                            "Equity: coverage by group")}
    c = ma.load_compare(outputs["compare"], series=["participation"])
    last = c.weekly[c.weekly.week == c.weekly.week.max()].groupby(
        "scenario", observed=True)["value"].mean()
    models = ["one_on_one", "peer_pod"]  # the shock arm is drawn against its twin instead
    top = last[models].idxmax()
    assert f"highest for {top} ({100 * last[top]:.3g}%)" in alts["Coverage and the waiting list"]
    assert "one_on_one_shock" not in alts["Coverage and the waiting list"]
    twin = alts["Each shock against its twin"]
    assert "one per model (one_on_one)" in twin and "solid" in twin and "dashed" in twin
    assert "the shock in week 20" in twin
    assert "majority and minority" in alts["Equity: coverage by group"]


def test_the_summary_says_which_arm_is_best_by_how_much_and_how_sure(outputs, tmp_path):
    summary = section_of(written(outputs["compare"], tmp_path / "c"), "Summary")
    text = re.sub(r"<[^>]+>", "", html.unescape(summary))
    lines = [re.sub(r"<[^>]+>", "", html.unescape(cell))
             for cell in re.findall(r"<td>(.*?)</td>", summary)]
    assert "The question: how do peer_pod compare with one_on_one" in text
    assert "The arms (3, 3 replicates each on common random numbers, seed 2026)" in text
    c = ma.load_compare(outputs["compare"], series=[])
    d = ma.paired_differences(c, "mean_effective_coverage")
    d = d[d["scenario"] == "peer_pod"]["diff"]
    n, mean, low, high = report.interval(d.to_numpy(), None)
    line = next(s for s in lines if s.startswith("Effective coverage:"))
    best = "peer_pod" if mean > 0 else "one_on_one"
    assert line.startswith(f"Effective coverage: best {best}")
    if best == "peer_pod":
        assert f"{100 * mean:+.3g} points" in line
        assert ("clear" if low > 0 or high < 0 else "could be chance") in line
    # The shock's own metrics: only the shock arm reports them, against its twin.
    assert any(s.startswith("Learners orphaned by the shock: only one_on_one_shock has a value")
               for s in lines)


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


# Injected into a copy of a page: on load, what the test checks, written into the DOM for
# --dump-dom to print (no DevTools protocol needed).
MEASURE = """<script>window.addEventListener("load",function(){
var s=document.getElementById("summary"),d=document.documentElement;
var images=Array.prototype.map.call(document.images,function(i){
return {decoded:i.complete&&i.naturalWidth>0,alt:i.getAttribute("alt")||""}});
var p=document.createElement("pre");p.id="measured";p.textContent=JSON.stringify({
summary_bottom:s?s.getBoundingClientRect().bottom+window.scrollY:null,
scroll_width:d.scrollWidth,images:images});document.body.appendChild(p);});</script>"""
WINDOW = (1400, 900)


def measured(browser, page, tmp_path):
    """What MEASURE finds in ``page`` opened in a WINDOW-sized headless Chromium."""
    copy = tmp_path / "measured.html"
    copy.write_text(page.read_text().replace("</head>", MEASURE + "</head>", 1))
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu",
         f"--user-data-dir={tmp_path / 'profile'}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
         "--virtual-time-budget=10000", "--dump-dom", copy.as_uri()],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    found = re.search(r'<pre id="measured">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stdout[-2000:]
    return json.loads(html.unescape(found.group(1)))


@pytest.mark.parametrize("kind", ["run", "compare", "sweep"])
def test_in_headless_chromium_the_summary_fits_the_first_screen(outputs, tmp_path, kind):
    """At 1400 x 900: the summary ends within the first screen, nothing is wider than the
    window, and every figure decodes and has alternative text."""
    browser = chromium()
    written(outputs[kind], tmp_path / kind)
    page = tmp_path / kind / "report.html"
    m = measured(browser, page, tmp_path)
    assert m["summary_bottom"] is not None and 0 < m["summary_bottom"] <= WINDOW[1], m
    assert m["scroll_width"] <= WINDOW[0], m
    assert m["images"], "no figure"
    for image in m["images"]:
        assert image["decoded"] and image["alt"].strip(), image["alt"][:80]


def test_the_pages_own_check_counts_the_figures(outputs, tmp_path):
    """The page notes on <body> how many figures decoded (for a reader's browser too)."""
    browser = chromium()
    page = tmp_path / "c" / "report.html"
    figures = len(IMAGE.findall(written(outputs["compare"], tmp_path / "c")))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + str(tmp_path / "profile")]
    dom = subprocess.run([browser, *flags, "--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr
    assert f'data-images-ok="{figures}"' in dom.stdout
    assert 'data-images-broken="0"' in dom.stdout
