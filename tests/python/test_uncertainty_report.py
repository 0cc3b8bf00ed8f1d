"""The ``/uncertainty`` group of a comparison file (``mentorsim compare ... --uncertain``):
mentorsim_analysis.load_uncertainty, the driver figure and the report's "What the answer depends
on" section.

The group is written here with h5py from a designed set of differences, each a known function of
one uncertain parameter, so every share, verdict and driver is known in advance: into a synthetic
three-arm comparison file (no simulator needed) and, when $MENTORSIM_BINARY is set, into a copy of
a small comparison the real CLI wrote, reported with ``mentorsim report``."""

import html
import os
import pathlib
import re
import shutil
import subprocess

import h5py
import numpy as np
import pytest

import mentorsim_analysis as ma
import mentorsim_analysis.uncertainty_figures as uf
from conftest import RESOLVED, WEEKS, write_root, write_run
from mentorsim_analysis import report

LABELS = ["base", "pods", "cohort"]
AXES = ["knowledge.transfer_rate", "burnout.available_hours_mean",
        "programme.kind:one_on_one.matching"]
WHY = ["Smith–Jones (2019): ±50% around the calibrated rate",
       "Survey range <4 to 8> hours a week",
       "Either matching rule is plausible"]
K = 10
# Each axis's stratum in each draw (a Latin hypercube): unit = (stratum + 0.5) / K.
STRATA = np.array([[3, 7, 1, 9, 5, 0, 8, 4, 6, 2],
                   [6, 1, 4, 0, 9, 7, 3, 5, 2, 8],
                   [2, 5, 9, 7, 0, 3, 6, 1, 8, 4]]).T
UNIT = (STRATA + 0.5) / K
U0, U1, U2 = UNIT.T
# (name, units, better, headline group, baseline mean, difference of pods, of cohort)
METRICS = [
    # lower is better: pods lower where matching < 0.6 (6 of 10 draws), cohort always higher.
    ("peak_wait_weeks", "weeks", "lower", "reach", 10.0, -3 + 5 * U2, 1 + 0.5 * U0),
    # higher is better: pods always higher (and best), cohort higher where hours > 0.3 (7 of 10).
    ("mean_participation", "share", "higher", "reach", 0.5, 0.2 + 0.01 * U0, 0.2 * (U1 - 0.3)),
    # pods no different in any draw, cohort always higher.
    ("final_competent_share", "share", "higher", "growth", 0.3, 0 * U0, 0.05 + 0.01 * U1),
    # not a headline metric, no better direction.
    ("final_active_practitioners", "practitioners", "neither", "", 100.0, U0 - 0.55, 2 + U1),
]
UNCERTAINTY_TEXT = '[uncertainty]\nname = "assumed"\ndraws = 10\n# <script> is just text\n'


def shares(u):
    """(p_best, p_better, p_higher) of (M, K, A) means as the writer defines them."""
    means, better = u["arm_mean"], u["better"]
    m_count, _, a_count = means.shape
    p_best = np.full((m_count, a_count), np.nan)
    p_better = np.full((m_count, a_count), np.nan)
    diff = means - means[:, :, :1]
    p_higher = (diff > 0).mean(axis=1)
    p_higher[:, 0] = np.nan
    for m in range(m_count):
        if better[m] not in ("higher", "lower"):
            continue
        sign = 1 if better[m] == "higher" else -1
        top = (sign * means[m]).max(axis=1, keepdims=True)
        winners = np.isclose(sign * means[m], top, rtol=0, atol=1e-12)
        p_best[m] = (winners / winners.sum(axis=1, keepdims=True)).mean(axis=0)
        p_better[m, 1:] = (sign * diff[m, :, 1:] > 0).mean(axis=0)
    return p_best, p_better, p_higher


def regression(diff, unit):
    """(src (P,), r2) of the differences of one arm across draws on the unit coordinates."""
    if np.allclose(diff, diff[0]):
        return np.full(unit.shape[1], np.nan), np.nan
    x = np.column_stack([np.ones(len(diff)), unit])
    coef, *_ = np.linalg.lstsq(x, diff, rcond=None)
    fitted = x @ coef
    r2 = 1 - ((diff - fitted) ** 2).sum() / ((diff - diff.mean()) ** 2).sum()
    return coef[1:] * unit.std(axis=0, ddof=1) / diff.std(ddof=1), r2


def verdict(diff, robust_share):
    if (diff == 0).all():
        return "no difference"
    return ("robust" if max((diff > 0).mean(), (diff < 0).mean()) >= robust_share
            else "depends on assumptions")


def designed(metrics, labels):
    """Every dataset of the /uncertainty group for ``metrics`` (METRICS rows, names possibly
    replaced) and arms ``labels`` (the first three get the designed differences, the baseline
    and the two arms)."""
    m_count, a_count, p_count = len(metrics), len(labels), len(AXES)
    means = np.zeros((m_count, K, a_count))
    for m, (_, _, _, _, base, pods, cohort) in enumerate(metrics):
        means[m] = base
        means[m, :, 1] += pods
        means[m, :, 2] += cohort
    diff = means - means[:, :, :1]
    noise = np.full_like(diff, 0.01)
    noise[0, :, 1] = 10.0  # peak_wait_weeks of pods: lost in its replicate noise
    noise[:, :, 0] = np.nan
    u = {"arm_mean": means, "difference": diff, "difference_noise": noise,
         "better": [row[2] for row in metrics]}
    u["p_best"], u["p_better"], u["p_higher"] = shares(u)
    src = np.full((m_count, a_count, p_count), np.nan)
    r2 = np.full((m_count, a_count), np.nan)
    verdicts = np.full((m_count, a_count), "baseline", dtype=object)
    drivers = np.full((m_count, a_count), "", dtype=object)
    for m in range(m_count):
        for a in range(1, a_count):
            src[m, a], r2[m, a] = regression(diff[m, :, a], UNIT)
            verdicts[m, a] = verdict(diff[m, :, a], 0.9)
            if np.isfinite(src[m, a]).any():
                drivers[m, a] = AXES[int(np.nanargmax(np.abs(src[m, a])))]
    quantiles = {q: np.quantile(diff, p, axis=1) for q, p in
                 (("diff_median", 0.5), ("diff_q05", 0.05), ("diff_q95", 0.95))}
    for values in quantiles.values():
        values[:, 0] = np.nan
    nominal = diff.mean(axis=1) + 0.001
    nominal[:, 0] = np.nan
    u.update(quantiles, src=src, r2=r2, nominal_difference=nominal,
             verdict=verdicts.reshape(-1).tolist(), driver=drivers.reshape(-1).tolist())
    return u


def write_uncertainty(path, metrics=METRICS, labels=LABELS):
    """Add the /uncertainty group of ``metrics`` and ``labels`` to the comparison file ``path``,
    with h5py's variable-length UTF-8 strings as the simulator writes them. Returns the data."""
    u = designed(metrics, labels)
    text = h5py.string_dtype()
    with h5py.File(path, "a") as f:
        g = f.create_group("uncertainty")
        g.attrs["name"] = "assumed"
        g.attrs["source"] = "scenarios/uncertain/assumed.toml"
        g.attrs["text"] = UNCERTAINTY_TEXT
        g.attrs["sampling"] = "latin_hypercube"
        for key, value in (("draws", K), ("replicates", 3), ("seed", 2**64 - 7)):
            g.attrs.create(key, value, dtype="<u8")
        g.attrs.create("robust_share", 0.9, dtype="<f8")
        g.attrs.create("labels", labels, dtype=text)
        for name, column in (("metric", 0), ("units", 1), ("better", 2), ("headline_group", 3)):
            g.create_dataset(name, data=[row[column] for row in metrics], dtype=text)
        g.create_dataset("axis", data=AXES, dtype=text)
        g.create_dataset("why", data=WHY, dtype=text)
        g.create_dataset("unit", data=UNIT)
        value = np.column_stack([0.1 + 0.3 * U0, 4 + 4 * U1, np.full(K, np.nan)])
        g.create_dataset("value", data=value)
        for name in ("arm_mean", "difference", "difference_noise", "p_best", "p_better",
                     "p_higher", "diff_median", "diff_q05", "diff_q95", "nominal_difference",
                     "src", "r2"):
            g.create_dataset(name, data=np.asarray(u[name], dtype="<f8"))
        g.create_dataset("verdict", data=u["verdict"], dtype=text)
        g.create_dataset("driver", data=u["driver"], dtype=text)
    return u


def write_compare(path):
    """A synthetic comparison of the three LABELS (two replicates each, no shock)."""
    with h5py.File(path, "w") as f:
        write_root(f, "mentorsim-compare")
        f.attrs["baseline"] = LABELS[0]
        f.attrs.create("scenarios", LABELS, dtype=h5py.string_dtype())
        for label in LABELS:
            group = f.create_group(f"scenarios/{label}")
            group.attrs["scenario_source"] = f"{label}.toml"
            group.attrs["resolved_scenario"] = RESOLVED.format(weeks=WEEKS, seed=11)
            runs = group.create_group("runs")
            for r in range(2):
                write_run(runs, f"r000{r}", r, WEEKS, 11, leave_out=("shock1/recovered",))
    return path


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return write_compare(tmp_path_factory.mktemp("plain") / "compare.h5")


@pytest.fixture(scope="module")
def uncertain(tmp_path_factory, plain):
    """(path, designed data) of the plain comparison with an /uncertainty group."""
    path = tmp_path_factory.mktemp("uncertain") / "compare.h5"
    shutil.copy(plain, path)
    return path, write_uncertainty(path)


@pytest.fixture(scope="module")
def page(uncertain):
    return report.render(report.build(pathlib.Path(uncertain[0])))


def section(text):
    """The HTML of the "What the answer depends on" section."""
    start = text.index("<h2>What the answer depends on</h2>")
    return text[start:text.index("<h2>", start + 1)]


# --- the loader ----------------------------------------------------------------------------------

def test_has_uncertainty(plain, uncertain):
    assert not ma.has_uncertainty(plain)
    assert ma.has_uncertainty(uncertain[0])
    with pytest.raises(ValueError, match="no /uncertainty group"):
        ma.load_uncertainty(plain)


def test_attributes_and_names(uncertain):
    u = ma.load_uncertainty(uncertain[0])
    assert (u.name, u.source, u.text) == ("assumed", "scenarios/uncertain/assumed.toml",
                                          UNCERTAINTY_TEXT)
    assert u.sampling == "latin_hypercube" and u.draws == K and u.replicates == 3
    assert u.seed == 2**64 - 7 and u.robust_share == 0.9  # an unsigned seed above 2**63 survives
    assert u.labels == LABELS and u.baseline == "base"
    assert u.metrics == [row[0] for row in METRICS]
    assert u.better == ["lower", "higher", "higher", "neither"]
    assert u.headline_group == ["reach", "reach", "growth", ""]
    assert u.headline == ["peak_wait_weeks", "mean_participation", "final_competent_share"]
    assert u.axes == AXES and u.why == WHY  # UTF-8 (an en dash) decoded as str


def test_arrays_keep_their_shapes_and_values(uncertain):
    path, data = uncertain
    u = ma.load_uncertainty(path)
    assert u.unit.shape == (K, 3) and list(u.unit.columns) == AXES
    np.testing.assert_allclose(u.unit.to_numpy(), UNIT)
    assert u.value[AXES[2]].isna().all() and u.value[AXES[1]].between(4, 8).all()
    for name in ("arm_mean", "difference", "difference_noise"):
        assert getattr(u, name).shape == (4, K, 3)
        np.testing.assert_array_equal(getattr(u, name), data[name])
    assert u.src.shape == (4, 3, 3)
    np.testing.assert_array_equal(u.src, data["src"])
    # Per metric and arm: rows are metrics, columns arms (not the transpose).
    assert u.p_best.shape == (4, 3) and list(u.p_best.columns) == LABELS
    assert u.p_best.loc["peak_wait_weeks"].tolist() == pytest.approx([0.4, 0.6, 0.0])
    assert u.p_better.loc["mean_participation", "cohort"] == pytest.approx(0.7)
    assert np.isnan(u.p_better.loc["final_active_practitioners", "pods"])  # better "neither"
    assert u.differences("mean_participation")["pods"].tolist() == pytest.approx(0.2 + 0.01 * U0)
    assert u.src_of("mean_participation").loc["cohort", AXES[1]] == pytest.approx(1.0)
    with pytest.raises(KeyError, match="no metric"):
        u.differences("nonsense")


def test_verdicts_and_drivers_are_unflattened_row_major(uncertain):
    u = ma.load_uncertainty(uncertain[0])
    assert u.verdict.loc["peak_wait_weeks"].tolist() == [
        "baseline", "depends on assumptions", "robust"]
    assert u.verdict.loc["final_competent_share"].tolist() == ["baseline", "no difference",
                                                               "robust"]
    assert u.driver.loc["peak_wait_weeks"].tolist() == ["", AXES[2], AXES[0]]
    assert u.driver.loc["mean_participation"].tolist() == ["", AXES[0], AXES[1]]
    assert u.driver.loc["final_competent_share", "pods"] == ""  # undetermined: no spread


def test_the_tidy_table(uncertain):
    u = ma.load_uncertainty(uncertain[0])
    t = u.table
    assert len(t) == 4 * 3 and list(t.columns) == ma.uncertainty.TABLE_COLUMNS
    assert list(t["arm"].cat.categories) == LABELS
    row = t[(t["metric"] == "peak_wait_weeks") & (t["arm"] == "pods")].iloc[0]
    assert (row.verdict, row.driver, row.better, row.units) == (
        "depends on assumptions", AXES[2], "lower", "weeks")
    assert row.p_lower == pytest.approx(0.6) and row.p_higher == pytest.approx(0.4)
    assert row.driver_src == pytest.approx(1.0) and row.r2 == pytest.approx(1.0)
    assert row["median"] == pytest.approx(np.median(-3 + 5 * U2))  # row.median: Series.median
    assert row.q05 < row["median"] < row.q95
    assert row.noise == 10.0 and row.noisy_share == 1.0
    cohort = t[(t["metric"] == "mean_participation") & (t["arm"] == "cohort")].iloc[0]
    assert cohort.noisy_share < 0.5 and cohort.p_better == pytest.approx(0.7)
    base = t[(t["metric"] == "peak_wait_weeks") & (t["arm"] == "base")].iloc[0]
    assert base.verdict == "baseline" and base.p_best == pytest.approx(0.4)
    assert np.isnan(base["median"]) and np.isnan(base.p_lower)


def test_fixed_length_strings_read_alike(uncertain, tmp_path):
    path = tmp_path / "fixed.h5"
    shutil.copy(uncertain[0], path)
    with h5py.File(path, "a") as f:
        verdicts = [v.encode() for v in f["uncertainty/verdict"].asstr()[()]]
        del f["uncertainty/verdict"]
        f["uncertainty"].create_dataset("verdict", data=np.array(verdicts, dtype="S"))
    assert ma.load_uncertainty(path).verdict.equals(ma.load_uncertainty(uncertain[0]).verdict)


def test_a_dataset_of_the_wrong_shape_is_refused(uncertain, tmp_path, capsys):
    path = tmp_path / "bad.h5"
    shutil.copy(uncertain[0], path)
    with h5py.File(path, "a") as f:
        del f["uncertainty/p_best"]
        f["uncertainty"].create_dataset("p_best", data=np.zeros((3, 4)))  # (A, M): transposed
        del f["uncertainty/driver"]
        f["uncertainty"].create_dataset("driver", data=["x"] * 5, dtype=h5py.string_dtype())
    with pytest.raises(ValueError, match=r"p_best has shape \(3, 4\), expected \(4, 3\)"):
        ma.load_uncertainty(path)
    # The report says so in plain words in the section rather than failing the whole page; the
    # reason goes to stderr, not into the page.
    text = section(report.render(report.build(pathlib.Path(path), progress=report.Progress())))
    assert "cannot read" in text and "p_best" not in text and "shape" not in text
    assert "p_best has shape (3, 4)" in capsys.readouterr().err
    with h5py.File(path, "a") as f:
        del f["uncertainty/p_best"]
    with pytest.raises(ValueError, match="no dataset 'p_best'"):
        ma.load_uncertainty(path)


# --- the figure ----------------------------------------------------------------------------------

def panels(fig):
    """The metric panels of a driver figure (not the row that holds the arms' key)."""
    return [ax for ax in fig.axes if ax.get_title(loc="left")]


def bar_widths(ax):
    """{(arm, axis): the width of its bar} of one panel."""
    ticks = [t.get_text() for t in ax.get_yticklabels()]
    return {(container.get_label(), tick): patch.get_width()
            for container in ax.containers for patch, tick in zip(container.patches, ticks)}


def test_the_driver_figure_draws_each_arms_coefficients(uncertain):
    u = ma.load_uncertainty(uncertain[0])
    fig = uf.uncertainty_drivers(u, ["peak_wait_weeks", "mean_participation"], arms="all")
    axes = panels(fig)
    assert [ax.get_title(loc="left") for ax in axes] == ["peak_wait_weeks (weeks)",
                                                         "mean_participation (share)"]
    for ax, metric in zip(axes, ["peak_wait_weeks", "mean_participation"]):
        m = u.metrics.index(metric)
        widths = bar_widths(ax)
        assert {arm for arm, _ in widths} == {"pods", "cohort"}
        labels = [uf.parameter_label(a) for a in AXES]  # the panels' short labels
        for (arm, label), width in widths.items():
            expected = u.src[m, LABELS.index(arm), labels.index(label)]
            assert width == pytest.approx(0.0 if np.isnan(expected) else expected, abs=1e-9)
        # The strongest driver at the top.
        assert ax.get_yticklabels()[0].get_text() in (
            uf.parameter_label(u.driver.loc[metric, "pods"]),
            uf.parameter_label(u.driver.loc[metric, "cohort"]))
    with pytest.raises(KeyError, match="no metric"):
        uf.uncertainty_drivers(u, ["nonsense"])


def test_parameter_labels_are_short():
    assert uf.parameter_label("knowledge.transfer_rate") == "transfer_rate"
    assert uf.parameter_label("programme.kind:one_on_one.max_mentees") == "max_mentees (one_on_one)"
    assert uf.parameter_label("programme.kind:a|b|c.seek_share") == "seek_share (3 kinds)"
    assert uf.parameter_label("programme.pods.seek_share") == "seek_share (pods)"


def test_by_default_the_figure_draws_the_arms_that_depend_on_assumptions(uncertain):
    u = ma.load_uncertainty(uncertain[0])
    fig = uf.uncertainty_drivers(u)  # the headline metrics
    axes = panels(fig)
    assert len(axes) == 3
    drawn = [{arm for arm, _ in bar_widths(ax)} for ax in axes]
    # peak_wait_weeks: pods depends; mean_participation: cohort; final_competent_share: none
    # does, so both are drawn.
    assert drawn == [{"pods"}, {"cohort"}, {"pods", "cohort"}]
    key = [ax for ax in fig.axes if ax.get_legend() is not None]
    assert [t.get_text() for t in key[0].get_legend().get_texts()] == ["pods", "cohort"]


# --- the report ----------------------------------------------------------------------------------

def test_a_file_without_uncertainty_gets_no_such_section(plain):
    text = report.render(report.build(pathlib.Path(plain)))
    assert "What the answer depends on" not in text and "<h2>Comparison</h2>" in text


def test_the_section_follows_the_comparison(page):
    headings = re.findall(r"<h2>([^<]+)</h2>", page)
    at = headings.index("Comparison")
    assert headings[at:at + 3] == ["Comparison", "What the answer depends on", "Scenarios"]


def sentence(text, metric):
    item = re.search(rf"<li><b>[^<]+</b> <code>{re.escape(metric)}</code>(.*?)</li>",
                     section(text), re.S)
    assert item, metric
    return re.sub(r"<[^>]+>", "", html.unescape(item.group(1)))


def test_one_sentence_per_headline_metric(page):
    items = re.findall(r"<li><b>([^<]+)</b> <code>([^<]+)</code>", section(page))
    assert [name for _, name in items] == ["peak_wait_weeks", "mean_participation",
                                           "final_competent_share"]
    # Each named in plain words first: a headline summary of the catalogue by its label there
    # (labels.HEADLINE_LABELS), any other from its declared doc (conftest.SUMMARY).
    assert [label for label, _ in items] == ["Longest wait", "Coverage averaged over all weeks",
                                             "Competent at the end"]
    assert sentence(page, "peak_wait_weeks") == (
        " (lower is better): pods ranks best in 60% of 10 draws; against base: robust — cohort "
        "higher (worse) in 100% of draws; depends on assumptions — pods lower (better) in 60% "
        "(top driver: programme.kind:one_on_one.matching).")
    said = sentence(page, "mean_participation")
    assert said.startswith(" (higher is better): pods ranks best in 100% of 10 draws")
    assert "robust — pods higher (better) in 100% of draws" in said
    assert ("depends on assumptions — cohort higher (better) in 70% (top driver: "
            "burnout.available_hours_mean)") in said
    said = sentence(page, "final_competent_share")
    assert "cohort ranks best in 100%" in said and "no difference — pods" in said


def table_row(text, metric, arm):
    block = section(text)
    block = block[block.index("<table class='uncertain'>"):]  # past the sentences
    block = block[block.index(f"<code>{metric}</code>"):]
    return re.search(rf"<tr><td>{arm}</td>(.*?)</tr>", block).group(1)


def test_the_table_marks_robust_and_gives_the_drivers(page):
    row = table_row(page, "peak_wait_weeks", "cohort")
    assert "<td class='robust'>✔ robust</td>" in row
    assert "<code>knowledge.transfer_rate</code>" in row and "SRC +1.00; R² 1.00" in row
    row = table_row(page, "peak_wait_weeks", "pods")
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    assert cells[:2] == ["60%", "60%"]  # P(best), P(better than baseline)
    median = np.median(-3 + 5 * U2)
    assert cells[2].startswith(f"{median:+.4g} [")
    assert "depends on assumptions†" in row  # lost in its replicate noise: flagged
    assert "In at least half of the draws" in section(page)
    assert "†" not in table_row(page, "mean_participation", "cohort")
    # The baseline has no row, its P(best) is in the metric's heading.
    assert "<tr><td>base</td>" not in section(page)
    assert "the baseline base ranks best in 40% of draws" in section(page)
    assert "<tr class='theme'><td colspan='7'><b>Reach</b>: who gets mentoring" in section(page)


def test_the_figure_has_real_alternative_text(page):
    images = re.findall(r'<img alt="([^"]*)" src="data:image/png;base64,', section(page))
    assert len(images) == 1
    alt = html.unescape(images[0])
    assert alt != "figure" and "standardised regression coefficient" in alt
    # Drawn: the metrics where some arm depends on assumptions.
    assert "peak_wait_weeks: pods programme.kind:one_on_one.matching (+1.00)" in alt
    assert "mean_participation" in alt and "final_competent_share" not in alt


def test_the_method_names_the_file_the_draws_and_the_axes(page):
    text = section(page)
    assert "<b>10</b> draws" in text and "<b>assumed</b>" in text
    assert "scenarios/uncertain/assumed.toml" in text and "Latin hypercube" in text
    assert "<b>3</b> replicates per arm" in text and "common random numbers" in text
    assert "at least 90% of the draws" in text
    for axis, why in zip(AXES, WHY):
        assert f"<code>{axis}</code>" in text and html.escape(why) in text
    assert "Survey range &lt;4 to 8&gt; hours" in text  # escaped, not markup
    assert "&lt;script&gt; is just text" in text and "<script> is just" not in text
    assert "non-numeric values" in text  # the matching axis has no numbers


# --- with the real CLI ---------------------------------------------------------------------------

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
# `mentorsim report` runs the report of this source tree, not of the tree the binary was built from.
ENV = {**os.environ, "MENTORSIM_ANALYSIS_DIR": str(SOURCE / "analysis")}


@pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
def test_mentorsim_report_renders_the_section_of_a_real_comparison(tmp_path):
    arms = ["00_one_on_one.toml", "10_group_cohort.toml", "20_peer_pod.toml"]
    compare = tmp_path / "compare.h5"
    result = subprocess.run(
        [BINARY, "compare", *[str(SOURCE / "scenarios/compare" / a) for a in arms],
         "--replicates", "2", "--set", "scenario.weeks=16", "--set", "population.initial_size=150",
         "--out", str(compare), "--quiet"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    labels = ma.load_compare(compare, series=[]).scenarios
    heads = ma.headline_metrics(compare).head(3)
    metrics = [(h.name, h.units, h.better, h.theme.lower(), *row[4:])
               for h, row in zip(heads.itertuples(index=False), METRICS)]
    data = write_uncertainty(compare, metrics, labels)
    best = labels[int(np.argmax(data["p_best"][0]))]
    result = subprocess.run([BINARY, "report", str(compare), "--out", str(tmp_path / "r")],
                            capture_output=True, text=True, timeout=300, env=ENV)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "r" / "report.html").read_text()
    headings = re.findall(r"<h2>([^<]+)</h2>", text)
    at = headings.index("Comparison")
    assert headings[at:at + 3] == ["Comparison", "What the answer depends on", "Scenarios"]
    first = sentence(text, metrics[0][0])
    assert f"{best} ranks best in" in first and "depends on assumptions" in first
    assert len(re.findall(r"<img alt=", section(text))) == 1
    # No shock in these arms: three standard figures, and the drivers.
    assert len(re.findall(r"<img alt=", text)) == 4


@pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
def test_compare_uncertain_writes_what_the_loader_and_the_report_read(tmp_path):
    """End to end: `compare --uncertain --out` writes /uncertainty, the loader's shares agree with
    the per-draw differences it holds, and `report` renders the section from it."""
    (tmp_path / "u.toml").write_text(
        '[uncertainty]\ndraws = 6\nsampling = "sobol"\n\n'
        '[[axis]]\nkey = "knowledge.transfer_rate"\nfrom = 0.05\nto = 0.10\n'
        'why = "learning curves"\n\n'
        '[[axis]]\nkey = "programme.kind:one_on_one.max_mentees"\nfrom = 4\nto = 8\n')
    arms = ["00_one_on_one.toml", "20_peer_pod.toml"]
    compare = tmp_path / "compare.h5"
    result = subprocess.run(
        [BINARY, "compare", *[str(SOURCE / "scenarios/compare" / a) for a in arms],
         "--replicates", "2", "--set", "scenario.weeks=30", "--set", "population.initial_size=150",
         "--uncertain", str(tmp_path / "u.toml"), "--out", str(compare), "--quiet"],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    u = ma.load_uncertainty(compare)
    assert (u.draws, u.replicates, u.sampling, u.labels) == (6, 2, "sobol",
                                                           ["one_on_one", "peer_pod"])
    assert u.ranges == ["0.05 to 0.1, uniform", "4 to 8, uniform"]
    assert u.difference.shape == (len(u.metrics), 6, 2)
    m = u.metrics.index("served_within_13w_share")
    d = u.difference[m, :, 1]
    assert u.p_higher.iat[m, 1] == pytest.approx(np.mean(d[np.isfinite(d)] > 0))
    assert u.diff_median.iat[m, 1] == pytest.approx(np.median(d[np.isfinite(d)]))
    result = subprocess.run([BINARY, "report", str(compare), "--out", str(tmp_path / "r")],
                            capture_output=True, text=True, timeout=300, env=ENV)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "r" / "report.html").read_text()
    assert "What the answer depends on" in text and "learning curves" in text
