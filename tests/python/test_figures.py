"""mentorsim_analysis.figures on files written by the real CLI.

Every figure is drawn from a small comparison, run or sweep, saved as a PNG, and its artists are
read back: the number of lines, panels and bands, and the plotted means and intervals, which must
equal the ones computed from the loaded tables (and, for sweeps and shocks, the summaries the CLI
itself wrote).
"""

import math
import os
import pathlib
import subprocess

import numpy as np
import pandas as pd
import pytest

import mentorsim_analysis as ma
import mentorsim_analysis.figures as mf

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
COMPARE = SOURCE / "scenarios" / "compare"
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")

WEEKS = 40
SHOCK_WEEK = 15
REPLICATES = 3
LABELS = ["one_on_one", "one_on_one_shock", "peer_pod"]
SMALL = ["--replicates", str(REPLICATES), "--set", f"scenario.weeks={WEEKS}",
         "--set", "population.initial_size=300"]

CAPACITY, ARRIVALS, MATCHING = ("programme.one_on_one.capacity", "joining.arrivals_per_week",
                                "programme.one_on_one.matching")
SWEEP = f"""\
[sweep]
name = "figures"
base = "base.toml"
replicates = {REPLICATES}
seed = 11

[[axis]]
key = "{CAPACITY}"
values = [2, 4]

[[axis]]
key = "{ARRIVALS}"
from = 2.0
to = 8.0
steps = 3
scale = "log"

[[axis]]
key = "{MATCHING}"
values = ["fifo", "random"]
"""


def mentorsim(*args):
    result = subprocess.run([BINARY, *map(str, args)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"mentorsim {' '.join(map(str, args))}\n{result.stderr}"


def shock_copy(directory):
    """01_one_on_one_shock.toml with its shock moved from week 130 into a 40-week run."""
    text = (COMPARE / "01_one_on_one_shock.toml").read_text()
    assert "\nweek = 130" in text
    path = directory / "01_one_on_one_shock.toml"
    path.write_text(text.replace("\nweek = 130", f"\nweek = {SHOCK_WEEK}  # was 130", 1))
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    """(comparison file, run file of the shock scenario alone, sweep directory)."""
    tmp = tmp_path_factory.mktemp("figures")
    shock = shock_copy(tmp)
    compare = tmp / "compare.h5"
    mentorsim("compare", COMPARE / "00_one_on_one.toml", shock, COMPARE / "20_peer_pod.toml",
              *SMALL, "--out", compare, "--quiet")
    run = tmp / "run.h5"
    mentorsim("run", shock, *SMALL, "--out", run, "--quiet")
    base = (SOURCE / "scenarios" / "models" / "one_on_one.toml").read_text()
    for old, new in (("initial_size = 2000", "initial_size = 200"), ("weeks = 260", "weeks = 26")):
        assert old in base
        base = base.replace(old, new, 1)
    (tmp / "base.toml").write_text(base)
    (tmp / "sweep.toml").write_text(SWEEP)
    mentorsim("sweep", tmp / "sweep.toml", "--out", tmp / "sweep", "--quiet")
    return compare, run, tmp / "sweep"


@pytest.fixture(scope="module")
def comparison(files):
    return ma.load_compare(files[0])


@pytest.fixture(scope="module")
def sweep(files):
    return ma.load_sweep(files[2])


def data_lines(ax):
    """The labelled lines: the means (reference lines such as axvline carry no label)."""
    return [line for line in ax.get_lines() if not line.get_label().startswith("_")]


def assert_png(path):
    data = path.read_bytes()
    assert len(data) > 1000 and data[:8] == b"\x89PNG\r\n\x1a\n"


def weekly_means(table, series, scenario):
    """Mean over replicates week by week, straight from a loader's tidy table."""
    rows = table[(table["series"] == series) & (table["scenario"] == scenario)]
    return rows.groupby("week")["value"].mean().sort_index()


# --- the interval ------------------------------------------------------------------------------

def test_t_quantile_and_replicate_band():
    assert mf.t_quantile_975(1) == pytest.approx(12.7062047361747)
    assert mf.t_quantile_975(2) == pytest.approx(4.302652729749464)
    assert math.isnan(mf.t_quantile_975(0))
    try:
        from scipy import stats
    except ImportError:
        stats = None
    if stats is not None:
        df = np.array([1, 2, 5, 30, 31, 60, 1000])
        assert mf.t_quantile_975(df) == pytest.approx(stats.t.ppf(0.975, df), rel=1e-7)
    table = pd.DataFrame({"g": ["a"] * 3 + ["b"] * 2 + ["c"],
                          "value": [1.0, 2.0, 6.0, 0.9, np.nan, 0.5]})
    band = mf.replicate_band(table, "g", clip=False).set_index("g")
    values = np.array([1.0, 2.0, 6.0])
    half = 4.302652729749464 * values.std(ddof=1) / math.sqrt(3)
    assert band.loc["a", ["n", "mean"]].tolist() == [3, 3.0]
    assert band.loc["a", "ci_low"] == pytest.approx(3.0 - half)
    assert band.loc["a", "ci_high"] == pytest.approx(3.0 + half)
    assert band.loc["b", "n"] == 1 and band.loc["b", "mean"] == 0.9  # NaN left out
    assert math.isnan(band.loc["b", "ci_low"]) and math.isnan(band.loc["c", "sd"])
    clipped = mf.replicate_band(table, "g", share=True).set_index("g")
    assert clipped.loc["a", "ci_low"] == 0.0  # no value below 0: nor the interval
    assert clipped.loc["a", "ci_high"] == pytest.approx(3.0 + half)  # values above 1: not a share


# --- time series -------------------------------------------------------------------------------

@pytest.mark.parametrize("how", ["path", "loaded"])
def test_coverage_and_waiting_list_of_a_comparison(files, comparison, tmp_path, how):
    out = tmp_path / "coverage.png"
    data = files[0] if how == "path" else comparison
    fig = mf.coverage_and_waiting_list(data, out=out)
    assert_png(out)
    axes = fig.axes
    assert len(axes) == 2
    for ax, series in zip(axes, ["participation", "waiting_list"]):
        lines = data_lines(ax)
        assert [line.get_label() for line in lines] == LABELS
        assert len(ax.collections) == len(LABELS)  # one band per scenario
        for line, label in zip(lines, LABELS):
            expected = weekly_means(comparison.weekly, series, label)
            assert line.get_xdata().tolist() == list(range(WEEKS))
            assert line.get_ydata() == pytest.approx(expected.to_numpy(), rel=1e-12)
    assert "week" in axes[1].get_xlabel()
    assert "share" in axes[0].get_ylabel() and "practitioners" in axes[1].get_ylabel()
    assert "compare.h5" in fig._suptitle.get_text()
    assert [t.get_text() for t in axes[0].get_legend().get_texts()] == LABELS


def test_coverage_band_is_the_replicate_interval(comparison):
    fig = mf.coverage_and_waiting_list(comparison, scenarios=["peer_pod"])
    ax = fig.axes[0]
    assert [line.get_label() for line in data_lines(ax)] == ["peer_pod"]
    wide = comparison.weekly[(comparison.weekly["series"] == "participation")
                             & (comparison.weekly["scenario"] == "peer_pod")].pivot(
        index="week", columns="replicate", values="value")
    mean, sd = wide.mean(axis=1), wide.std(axis=1, ddof=1)
    half = mf.t_quantile_975(REPLICATES - 1) * sd / math.sqrt(REPLICATES)
    low, high = np.maximum(mean - half, 0), np.minimum(mean + half, 1)
    vertices = ax.collections[0].get_paths()[0].vertices
    # fill_between's outline: (x, high) forwards then (x, low) backwards, in some order.
    ys = {round(x): set() for x in range(WEEKS)}
    for x, y in vertices:
        ys[round(x)].add(round(y, 12))
    for week in range(WEEKS):
        assert {round(low[week], 12), round(high[week], 12)} <= ys[week]


def test_time_series_of_a_run_file(files, tmp_path):
    run = files[1]
    label = ma.runs(run)["scenario_name"].iloc[0]
    w = ma.weekly(run).rename(columns={"scenario_name": "scenario"})
    fig = mf.coverage_and_waiting_list(run, out=tmp_path / "a.png")
    assert_png(tmp_path / "a.png")
    for ax, series in zip(fig.axes, ["participation", "waiting_list"]):
        (line,) = data_lines(ax)
        assert line.get_label() == label
        assert line.get_ydata() == pytest.approx(weekly_means(w, series, label), rel=1e-12)
    fig = mf.equity_by_group(ma.open_results(run))
    assert len(fig.axes) == 1
    assert [line.get_label() for line in data_lines(fig.axes[0])] == ["majority", "minority"]
    fig = mf.knowledge_around_shock(run, before=5, after=10)
    (line,) = data_lines(fig.axes[0])
    assert line.get_xdata().tolist() == list(range(-5, 11))


def test_load_and_burnout(comparison, tmp_path):
    fig = mf.load_and_burnout(comparison, out=tmp_path / "load.png")
    assert_png(tmp_path / "load.png")
    top, bottom = fig.axes
    lines = data_lines(top)
    assert len(lines) == 2 * len(LABELS)
    assert sorted(line.get_linestyle() for line in lines) == ["-"] * 3 + ["--"] * 3
    for line in lines:
        label, statistic = line.get_label().split(": ")
        series = "load_p95_hours" if statistic == "95th percentile" else "load_max_hours"
        assert line.get_ydata() == pytest.approx(weekly_means(comparison.weekly, series, label),
                                                 rel=1e-12)
    assert [line.get_label() for line in data_lines(bottom)] == LABELS
    for line, label in zip(data_lines(bottom), LABELS):
        expected = weekly_means(comparison.weekly, "burned_out_mentor_share", label)
        assert line.get_ydata() == pytest.approx(expected, rel=1e-12)
    assert "hours/week" in top.get_ylabel() and "share" in bottom.get_ylabel()
    legend = [t.get_text() for t in top.get_legend().get_texts()]
    assert legend == LABELS + ["95th percentile", "maximum"]


def test_knowledge_around_shock_starts_from_the_summaries(comparison, files, tmp_path):
    before, after = 10, 20
    fig = mf.knowledge_around_shock(files[0], before=before, after=after,
                                    out=tmp_path / "shock.png")
    assert_png(tmp_path / "shock.png")
    ax = fig.axes[0]
    (line,) = data_lines(ax)  # only one scenario has a shock
    assert line.get_label() == f"one_on_one_shock: expert_tier, week {SHOCK_WEEK}"
    k = line.get_xdata()
    y = pd.Series(line.get_ydata(), index=k)
    assert k.tolist() == list(range(-before, after + 1))
    assert y[-1] == pytest.approx(1.0, rel=1e-15)
    runs = comparison.runs[comparison.runs["scenario"] == "one_on_one_shock"]
    # The CLI's S(s)/S(s-1) and S(s+13)/S(s-1), averaged over replicates.
    assert y[0] == pytest.approx(runs["shock1/knowledge_retained"].mean(), rel=1e-12)
    assert y[13] == pytest.approx(runs["shock1/knowledge_retained_13w"].mean(), rel=1e-12)
    stock = comparison.weekly[(comparison.weekly["series"] == "knowledge_stock")
                              & (comparison.weekly["scenario"] == "one_on_one_shock")].pivot(
        index="week", columns="replicate", values="value")
    expected = (stock / stock.loc[SHOCK_WEEK - 1]).mean(axis=1)
    assert y.to_numpy() == pytest.approx(
        expected.loc[SHOCK_WEEK - before:SHOCK_WEEK + after].to_numpy(), rel=1e-12)
    # The window is clipped to the run.
    fig = mf.knowledge_around_shock(comparison, before=100, after=100)
    assert data_lines(fig.axes[0])[0].get_xdata().tolist() == list(range(-SHOCK_WEEK,
                                                                        WEEKS - SHOCK_WEEK))


def test_knowledge_around_shock_without_a_shock(comparison):
    with pytest.raises(ValueError, match=r"no scenario has a \[\[shock\]\].*one_on_one, peer_pod"):
        mf.knowledge_around_shock(comparison, scenarios=["one_on_one", "peer_pod"])
    with pytest.raises(KeyError, match="no scenario 'peer_pods'.*did you mean 'peer_pod'"):
        mf.knowledge_around_shock(comparison, scenarios=["peer_pods"])
    with pytest.raises(KeyError, match="knowledge_stok.*did you mean 'knowledge_stock'"):
        mf.knowledge_around_shock(comparison, series="knowledge_stok")


def test_twins_are_found_as_compare_finds_them(comparison):
    """The shock copy differs from 00_one_on_one.toml only in its [[shock]] and [scenario] name
    and description; peer pods have no shock and no twin."""
    assert ma.twins(comparison) == {"one_on_one_shock": "one_on_one"}
    named = ma.Comparison(**{**comparison.__dict__, "resolved": dict(comparison.resolved)})
    # A twin named in the scenario wins over the first identical scenario.
    named.resolved["one_on_one_shock"] = named.resolved["one_on_one_shock"].replace(
        'twin = ""', 'twin = "20_peer_pod.toml"')
    named.sources = {**comparison.sources, "peer_pod": str(COMPARE / "20_peer_pod.toml"),
                     "one_on_one_shock": str(COMPARE / "01_one_on_one_shock.toml")}
    assert ma.twins(named) == {"one_on_one_shock": "peer_pod"}


def test_shock_against_twin(comparison, files, tmp_path):
    series = ["effective_coverage", "knowledge_stock"]
    fig = mf.shock_against_twin(files[0], series=series, before=5, after=10,
                                out=tmp_path / "twin.png")
    assert_png(tmp_path / "twin.png")
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == 2  # one model with a twin, two series: a panel each
    assert axes[0].get_title() == "one_on_one"
    for ax, name in zip(axes, series):
        twin, arm = data_lines(ax)
        assert (twin.get_label(), twin.get_linestyle()) == ("one_on_one", "--")
        assert (arm.get_label(), arm.get_linestyle()) == ("one_on_one_shock", "-")
        assert twin.get_color() == arm.get_color()  # one colour per model
        weeks = list(range(SHOCK_WEEK - 5, SHOCK_WEEK + 11))
        assert arm.get_xdata().tolist() == weeks
        for line, label in ((twin, "one_on_one"), (arm, "one_on_one_shock")):
            expected = weekly_means(comparison.weekly, name, label)
            assert line.get_ydata() == pytest.approx(
                expected.loc[weeks[0]:weeks[-1]].to_numpy(), rel=1e-12)
        # Identical until the shock: common random numbers, and the same scenario.
        assert arm.get_ydata()[:5] == pytest.approx(twin.get_ydata()[:5], rel=1e-12)
        assert [line.get_xdata()[0] for line in ax.get_lines() if line.get_label()[0] == "_"
                ] == [SHOCK_WEEK]  # the shock week marked
    with pytest.raises(ValueError, match="no shock arm has a no-shock twin"):
        mf.shock_against_twin(comparison, twins={})
    with pytest.raises(ValueError, match="a run file has one scenario"):
        mf.shock_against_twin(files[1])


def test_equity_by_group(comparison, tmp_path):
    fig = mf.equity_by_group(comparison, out=tmp_path / "equity.png")
    assert_png(tmp_path / "equity.png")
    assert [ax.get_title() for ax in fig.axes] == LABELS
    for ax, label in zip(fig.axes, LABELS):
        lines = data_lines(ax)
        assert [line.get_label() for line in lines] == ["majority", "minority"]
        for line in lines:
            expected = weekly_means(comparison.weekly, f"participation_by_group/{line.get_label()}",
                                    label)
            assert line.get_ydata() == pytest.approx(expected, rel=1e-12)
        assert len(ax.collections) == 2


def test_time_series_refuse_other_inputs(files):
    with pytest.raises(ValueError, match="is a directory.*sweep_response"):
        mf.coverage_and_waiting_list(files[2])
    with pytest.raises(ValueError, match="not a run or comparison file"):
        mf.load_and_burnout(files[2] / "index.h5")
    with pytest.raises(TypeError, match="run or comparison file"):
        mf.equity_by_group(42)


# --- sweeps ------------------------------------------------------------------------------------

def point_summary(s, metric, **axes):
    ps = s.point_summaries[s.point_summaries["metric"] == metric]
    for axis, value in axes.items():
        ps = ps[ps[axis] == value]
    return ps


def test_sweep_response(sweep, files, tmp_path):
    metric = "peak_waiting_list"
    fig = mf.sweep_response(files[2], metric, x=ARRIVALS, by=CAPACITY, fixed={MATCHING: "fifo"},
                            out=tmp_path / "response.png")
    assert_png(tmp_path / "response.png")
    ax = fig.axes[0]
    lines = data_lines(ax)
    assert [line.get_label() for line in lines] == ["2", "4"]
    # Axes in plain words with their keys; the metric by its plain name.
    assert ax.get_xscale() == "log" and ax.get_xlabel() == f"arrivals per week ({ARRIVALS})"
    assert ax.get_legend().get_title().get_text() == f"capacity ({CAPACITY})"
    assert ax.get_ylabel().startswith(ma.labels.metric_label(metric))
    assert metric not in ax.get_ylabel() and "arrivals per week" in fig._suptitle.get_text()
    assert len(ax.containers) == 2  # error bars, one set per line
    for line, bars, capacity in zip(lines, ax.containers, [2.0, 4.0]):
        ps = point_summary(sweep, metric, **{CAPACITY: capacity, MATCHING: "fifo"})
        ps = ps.sort_values(ARRIVALS)
        assert line.get_xdata() == pytest.approx(ps[ARRIVALS].to_numpy())
        # The plotted means are the CLI's per-point means ...
        assert line.get_ydata() == pytest.approx(ps["mean"].to_numpy(), rel=1e-12)
        # ... and the runs' means; the bars its 95% intervals.
        runs = sweep.runs[(sweep.runs[CAPACITY] == capacity) & (sweep.runs[MATCHING] == "fifo")]
        means = runs.groupby(ARRIVALS)[metric].mean().sort_index()
        assert line.get_ydata() == pytest.approx(means.to_numpy(), rel=1e-12)
        segments = bars.lines[2][0].get_segments()
        assert [seg[0][1] for seg in segments] == pytest.approx(ps["ci_low"].to_numpy(), rel=1e-9)
        assert [seg[1][1] for seg in segments] == pytest.approx(ps["ci_high"].to_numpy(),
                                                               rel=1e-9)


def test_sweep_response_against_a_text_axis(sweep):
    fig = mf.sweep_response(sweep, "mean_participation", x=MATCHING, by=ARRIVALS, fixed={CAPACITY: 4})
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["fifo", "random"]
    lines = data_lines(ax)
    arrivals = sorted(sweep.points[ARRIVALS].unique())
    assert [line.get_label() for line in lines] == ["2", "4", "8"]
    for line, value in zip(lines, arrivals):
        ps = point_summary(sweep, "mean_participation", **{CAPACITY: 4.0, ARRIVALS: value})
        assert line.get_xdata().tolist() == [0, 1]
        assert line.get_ydata() == pytest.approx(ps.set_index(MATCHING).loc[
            ["fifo", "random"], "mean"].to_numpy(), rel=1e-12)


def test_sweep_heatmap(sweep, tmp_path):
    metric = "mean_participation"
    fig = mf.sweep_heatmap(sweep, metric, x=ARRIVALS, y=CAPACITY, fixed={MATCHING: "random"},
                           out=tmp_path / "heatmap.png")
    assert_png(tmp_path / "heatmap.png")
    ax, colorbar = fig.axes
    assert ma.labels.metric_label(metric) in colorbar.get_ylabel()
    (image,) = ax.images
    ps = point_summary(sweep, metric, **{MATCHING: "random"})
    expected = ps.pivot(index=CAPACITY, columns=ARRIVALS, values="mean").sort_index()
    assert np.asarray(image.get_array()) == pytest.approx(expected.to_numpy(), rel=1e-12)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2", "4"]
    assert len(ax.texts) == expected.size
    assert ax.texts[0].get_text().startswith(f"{expected.to_numpy()[0, 0]:.3g}\n± ")
    assert ax.get_xlabel() == f"arrivals per week ({ARRIVALS})"
    assert ax.get_ylabel() == f"capacity ({CAPACITY})"


def test_sweep_figures_name_the_metric_as_told(sweep):
    fig = mf.sweep_response(sweep, "peak_waiting_list", x=ARRIVALS, by=CAPACITY,
                            fixed={MATCHING: "fifo"}, label="Longest waiting list")
    assert fig.axes[0].get_ylabel().startswith("Longest waiting list")
    assert "Longest waiting list against" in fig._suptitle.get_text()
    fig = mf.sweep_heatmap(sweep, "peak_waiting_list", x=ARRIVALS, y=CAPACITY,
                           fixed={MATCHING: "fifo"}, label="Longest waiting list")
    assert "mean Longest waiting list" in fig.axes[1].get_ylabel()


def test_sweep_figures_refuse_bad_arguments(sweep):
    with pytest.raises(KeyError, match="no metric 'mean_participatio'.*did you mean 'mean_participation'"):
        mf.sweep_response(sweep, "mean_participatio", x=ARRIVALS, by=CAPACITY,
                          fixed={MATCHING: "fifo"})
    with pytest.raises(KeyError, match="x: no axis 'joining.arrivals'.*did you mean"):
        mf.sweep_response(sweep, "mean_participation", x="joining.arrivals")
    with pytest.raises(ValueError, match=r"programme.one_on_one.matching'\] vary too.*fifo"):
        mf.sweep_response(sweep, "mean_participation", x=ARRIVALS, by=CAPACITY)
    with pytest.raises(ValueError, match="must differ"):
        mf.sweep_heatmap(sweep, "mean_participation", x=ARRIVALS, y=ARRIVALS)
    with pytest.raises(ValueError, match="is not a value of the axis"):
        mf.sweep_heatmap(sweep, "mean_participation", x=ARRIVALS, y=CAPACITY, fixed={MATCHING: "lifo"})
    with pytest.raises(ValueError, match="both plotted and fixed"):
        mf.sweep_heatmap(sweep, "mean_participation", x=ARRIVALS, y=CAPACITY, fixed={CAPACITY: 2})


def test_the_package_loads_the_figures_on_first_use():
    """The loaders do not need matplotlib: importing the package must not import it."""
    import sys

    code = ("import sys, mentorsim_analysis as ma; assert 'matplotlib' not in sys.modules; "
            "f = ma.sweep_heatmap; assert 'matplotlib' in sys.modules; print(f.__module__)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env={**os.environ, "MPLBACKEND": "TkAgg"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "mentorsim_analysis.sweep_figures"  # through figures.py
    assert ma.coverage_and_waiting_list is mf.coverage_and_waiting_list
