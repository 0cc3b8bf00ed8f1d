"""Quoted figures in the docs (analysis/mentorsim_analysis/doc_figures.py): markers are parsed
strictly, values (means, intervals, differences, one replicate's value) are read from run and
compare JSON, a stale figure fails the check and regenerating fixes it, and a marker in a code block
is refused."""

import os
import pathlib

import pytest

from mentorsim_analysis import doc_figures as df

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))

RUN = {"scenario": "peer_pod", "metrics": {"final_participation": {
    "mean": 0.3851, "ci_low": 0.33, "ci_high": 0.44, "values": [0.4187, 0.3474, 0.4018, 0.3722]},
    "mean_wait_weeks": {"mean": None, "values": [None, 0.36]}}}
COMPARE = {"metrics": {"m": {
    "stats": {"a": {"mean": 1.0, "ci_low": 0.5, "ci_high": 1.5, "values": [0.5, 1.5]},
              "b": {"mean": 2.0, "ci_low": 1.0, "ci_high": 3.0, "values": [2.5, 1.5]}},
    "differences": {"b": {"mean": 1.0, "ci_low": 0.2, "ci_high": 1.8}}}}}


@pytest.mark.parametrize("spec, message", [
    ("nowhere - x pct", "unknown run 'nowhere'"),
    ("workshop_06 - x:median pct", "unknown field 'median'"),
    ("workshop_06 - x:r pct", "unknown field 'r'"),
    ("workshop_06 - x:r01 pct", "unknown field 'r01'"),
    ("workshop_06 - x:rep0 pct", "unknown field 'rep0'"),
    ("workshop_06 - x permille", "unknown format 'permille'"),
    ("workshop_06 x pct", r"needs RUN SCENARIO METRIC\[:FIELD\] FORMAT"),
])
def test_a_malformed_marker_is_an_error_at_its_line(spec, message):
    with pytest.raises(df.FigureError, match=message) as error:
        df.Figure.parse(spec, "docs/x.md:7")
    assert str(error.value).startswith("docs/x.md:7: ")


def test_values_come_from_run_and_compare_output():
    run = df.Figure.parse("workshop_06 - final_participation pct", "w")
    assert df.render(df.value(RUN, run, "w"), run.fmt) == "39%"
    high = df.Figure.parse("workshop_06 peer_pod final_participation:ci_high num2", "w")
    assert df.render(df.value(RUN, high, "w"), high.fmt) == "0.44"
    diff = df.Figure.parse("compare b m:diff_low num1", "w")
    assert df.value(COMPARE, diff, "w") == 0.2
    assert df.value(COMPARE, df.Figure.parse("compare a m int", "w"), "w") == 1.0
    assert df.render(float("nan"), "pct") == "–"


def test_a_replicate_field_reads_that_replicates_value():
    # r0 is the replicate `run --live` draws: what the room sees, next to the mean over replicates
    live = df.Figure.parse("workshop_06 - final_participation:r0 pct", "w")
    assert (live.metric, live.field) == ("final_participation", "r0")
    assert df.render(df.value(RUN, live, "w"), live.fmt) == "42%"
    assert df.value(RUN, df.Figure.parse("workshop_06 - final_participation:r3 num2", "w"),
                    "w") == 0.3722
    assert df.value(COMPARE, df.Figure.parse("compare b m:r0 num1", "w"), "w") == 2.5
    assert df.value(COMPARE, df.Figure.parse("compare a m:r1 num1", "w"), "w") == 1.5
    none = df.Figure.parse("workshop_06 - mean_wait_weeks:r0 num1", "w")
    assert df.render(df.value(RUN, none, "w"), none.fmt) == "–"  # no value in that replicate


@pytest.mark.parametrize("spec, message", [
    ("workshop_06 cohorts final_participation pct", "is scenario 'peer_pod'"),
    ("workshop_06 - nothing pct", "has no metric 'nothing'"),
    ("compare a m:diff num1", "no difference for 'a'"),
    ("compare c m num1", "'c' is not in run"),
    ("workshop_06 - final_participation:r4 pct", "has 4 values of 'final_participation', "
                                                 "no replicate 4"),
    ("compare b m:r2 num1", "has 2 values of 'm', no replicate 2"),
])
def test_a_value_that_is_not_there_is_an_error(spec, message):
    figure = df.Figure.parse(spec, "w")
    result = COMPARE if spec.startswith("compare") else RUN
    with pytest.raises(df.FigureError, match=message):
        df.value(result, figure, "w")


def test_a_marker_in_a_code_block_is_refused(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("text\n\n```sh\n# <!--fig workshop_06 - final_participation pct-->39%"
                    "<!--/fig-->\n```\n")
    with pytest.raises(df.FigureError, match="page.md:4: a figure inside a code block"):
        df.collect([str(page)])


@pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")
def test_check_finds_a_stale_figure_and_regenerate_fixes_it(tmp_path, capsys):
    (tmp_path / "docs").mkdir()
    (tmp_path / "scenarios").symlink_to(SOURCE / "scenarios")
    (tmp_path / "README.md").write_text("No figures here.\n")
    page = tmp_path / "docs" / "page.md"
    page.write_text("Pods reach <!--fig workshop_06 - final_participation pct-->12%<!--/fig-->,\n"
                    "live <!--fig workshop_06 - final_participation:r0 pct-->13%<!--/fig-->.\n")
    args = [str(pathlib.Path(BINARY).resolve()), "--source-dir", str(tmp_path)]
    assert df.main(["check", *args]) == 1
    out = capsys.readouterr().out
    assert "docs/page.md:1: quotes '12%'" in out and "docs/page.md:2: quotes '13%'" in out
    count, files, stale = df.update(BINARY, str(tmp_path), [str(page)], write=False)
    assert (count, files, [s.where for s in stale]) == (2, 1, ["docs/page.md:1", "docs/page.md:2"])
    assert df.main(["regenerate", *args]) == 0
    assert "12%" not in page.read_text() and "13%" not in page.read_text()
    assert df.main(["check", *args]) == 0
