"""Numbers quoted in the prose of the docs, regenerated from runs of this build.

A quoted number is written in the Markdown between two markers that say where it comes from:

    <!--fig compare one_on_one served_within_13w_share pct-->94%<!--/fig-->

that is ``<!--fig RUN SCENARIO METRIC[:FIELD] FORMAT-->TEXT<!--/fig-->``:

- RUN names one of the runs in ``RUNS`` below (a ``mentorsim`` command line with JSON output);
- SCENARIO is the scenario label in that run (``-`` for a single ``mentorsim run``);
- METRIC is a summary metric's name, FIELD one of ``mean`` (default), ``ci_low``, ``ci_high``,
  ``r0``, ``r1``, ... (that replicate's own value: ``r0`` is the replicate ``run --live`` draws),
  and, for a ``compare`` run, ``diff``, ``diff_low`` and ``diff_high`` (the paired difference
  against the baseline and its 95% interval);
- FORMAT is one of ``FORMATS``.

``regenerate`` rewrites every TEXT from the runs; ``check`` reports every TEXT that differs (a
test runs it, so a quoted number cannot go stale). Results are bit-identical for any build and
thread count, so every build quotes the same text.
"""
from __future__ import annotations

import argparse
import glob
import json
import math
import os
import re
import subprocess
import sys
from dataclasses import dataclass

# The runs the docs quote, by name: mentorsim arguments (a glob is expanded in the source tree).
# Replicates are the scenarios' own unless stated.
WORKSHOP_02 = "scenarios/workshop/02_capacity_and_waiting_list.toml"
NO_PROGRAMME = ["--set", "programme.0.seek_share=0", "--set", "programme.0.initial_seek_share=0"]
RUNS: dict[str, list[str]] = {
    # The quick start's comparison (docs/compare.md).
    "compare": ["compare", "scenarios/compare/*.toml", "-m", "all"],
    # The same organisation with nobody asking for development: experience is the only teacher.
    "no_programme": ["run", "scenarios/compare/00_one_on_one.toml", *NO_PROGRAMME],
    # One-on-one with demand below capacity: one newcomer in twenty asks.
    "one_on_one_light": ["run", "scenarios/compare/00_one_on_one.toml",
                         "--set", "programme.0.seek_share=0.05"],
    # scenarios/models/one_on_one.toml (docs/model.md §1), with the default learning and with skill
    # growing only in sessions.
    "models_one_on_one": ["run", "scenarios/models/one_on_one.toml"],
    "models_one_on_one_sessions_only": [
        "run", "scenarios/models/one_on_one.toml",
        "--set", "knowledge.experience_half_life_weeks=0", "--set", "knowledge.teaching_share=0"],
    # The other single-model files of scenarios/models (docs/model.md §7.11-§7.13); cohorts also
    # without office hours and all-hands.
    "models_peer_pod": ["run", "scenarios/models/peer_pod.toml"],
    "models_group_cohort": ["run", "scenarios/models/group_cohort.toml"],
    "models_group_cohort_plain": ["run", "scenarios/models/group_cohort.toml",
                                  "--set", "programme.0.office_hours=false",
                                  "--set", "programme.0.all_hands=false"],
    "models_constellation": ["run", "scenarios/models/constellation.toml"],
    # scenarios/models/reverse.toml (docs/model.md §7.10), and the crowded organisation of its
    # target-pattern test (tests/stats/test_reverse_burnout_stats.cpp) with and without protected
    # time: 30% seniors, juniors under a year's tenure teaching up to three seniors weekly.
    "models_reverse": ["run", "scenarios/models/reverse.toml"],
    **{f"reverse_crowded_{name}": [
        "run", "scenarios/models/reverse.toml", "--set", "scenario.weeks=156",
        "--set", "population.senior_share=0.3", "--set", "joining.newcomer_senior_share=0.3",
        "--set", "programme.0.junior_max_tenure_weeks=52", "--set", "programme.0.capacity=3",
        "--set", "programme.0.cadence_weeks=1", "--set", f"programme.0.protected_time={value}"]
       for name, value in (("bare", "false"), ("protected", "true"))},
    # The workshop's steps and its "what if" lines (docs/workshop.md): the guide quotes replicate 0
    # (field r0), the one `run --live` draws, and the mean over replicates as the evidence.
    "workshop_01": ["run", "scenarios/workshop/01_one_overloaded_mentor.toml"],
    "workshop_02": ["run", WORKSHOP_02],
    "workshop_03": ["run", "scenarios/workshop/03_burnout.toml"],
    "workshop_05": ["run", "scenarios/workshop/05_group_cohorts.toml"],
    "workshop_02_capacity_6": ["run", WORKSHOP_02, "--set", "programme.one_on_one.capacity=6"],
    "workshop_02_half_turnover": ["run", WORKSHOP_02, "--set", "departure.annual_rate=0.09"],
    "workshop_02_more_mentors": ["run", WORKSHOP_02, "--set", "population.senior_count=12",
                                 "--set", "joining.newcomer_senior_share=0.04"],
    "workshop_02_reciprocity": ["run", WORKSHOP_02, "--set", "reciprocity.enabled=true"],
    "workshop_02_learning": ["run", WORKSHOP_02, "--set", "knowledge.experience_half_life_weeks=52",
                             "--set", "knowledge.teaching_share=0.2",
                             "--set", "reciprocity.enabled=true"],
    "workshop_key_mentor": ["compare", WORKSHOP_02,
                            "scenarios/workshop/04_key_mentor_leaves.toml"],
    "workshop_06": ["run", "scenarios/workshop/06_peer_pods.toml"],
    "workshop_07": ["run", "scenarios/workshop/07_constellation.toml"],
}

FORMATS = {
    "pct": lambda v: f"{100 * v:.0f}%",          # 0.9412 -> 94%
    "pct1": lambda v: f"{100 * v:.1f}%",         # 0.0432 -> 4.3%
    "int": lambda v: f"{v:,.0f}",                # 1234.4 -> 1,234
    "num1": lambda v: f"{v:,.1f}",               # 12.34 -> 12.3
    "num2": lambda v: f"{v:.2f}",                # 0.8512 -> 0.85
    "times": lambda v: f"{v:.1f}×",              # 3.04 -> 3.0×
    "points": lambda v: f"{100 * v:.1f}",        # a share as percentage points: 0.0158 -> 1.6
}

MARKER = re.compile(r"<!--fig ([^>]*?)-->(.*?)<!--/fig-->", re.S)
FIELDS = ("mean", "ci_low", "ci_high", "diff", "diff_low", "diff_high")
REPLICATE = re.compile(r"r(0|[1-9][0-9]*)")  # the field of one replicate's value: r0, r1, ...


class FigureError(Exception):
    """A marker that names no run, scenario, metric, field or format, or a value that is missing."""


@dataclass(frozen=True)
class Figure:
    run: str
    scenario: str
    metric: str
    field: str
    fmt: str

    @staticmethod
    def parse(spec: str, where: str) -> "Figure":
        parts = spec.split()
        if len(parts) != 4:
            raise FigureError(f"{where}: '<!--fig {spec}-->' needs RUN SCENARIO METRIC[:FIELD] "
                              "FORMAT")
        run, scenario, metric, fmt = parts
        field = "mean"
        if ":" in metric:
            metric, field = metric.rsplit(":", 1)
        if run not in RUNS:
            raise FigureError(f"{where}: unknown run '{run}' (runs: {', '.join(RUNS)})")
        if field not in FIELDS and not REPLICATE.fullmatch(field):
            raise FigureError(f"{where}: unknown field '{field}' (fields: {', '.join(FIELDS)}, "
                              "and r0, r1, ... for one replicate)")
        if fmt not in FORMATS:
            raise FigureError(f"{where}: unknown format '{fmt}' (formats: {', '.join(FORMATS)})")
        return Figure(run, scenario, metric, field, fmt)


def run_json(binary: str, source_dir: str, name: str) -> dict:
    """The JSON output of run `name`, from the source tree (relative paths as in the docs)."""
    args: list[str] = []
    for a in RUNS[name]:
        matches = sorted(glob.glob(os.path.join(source_dir, a))) if "*" in a else []
        args += [os.path.relpath(m, source_dir) for m in matches] if matches else [a]
    cmd = [binary, *args, "--format", "json"]
    done = subprocess.run(cmd, cwd=source_dir, capture_output=True, text=True)
    if done.returncode != 0:
        raise FigureError(f"run '{name}' ({' '.join(cmd)}) failed: {done.stderr.strip()}")
    return json.loads(done.stdout)


def replicate_value(stats: dict, figure: Figure, where: str) -> float:
    """Replicate N's value of a metric (field rN), from the ``values`` the JSON lists."""
    index = int(figure.field[1:])
    values = stats.get("values", [])
    if index >= len(values):
        raise FigureError(f"{where}: run '{figure.run}' has {len(values)} values of "
                          f"'{figure.metric}', no replicate {index}")
    return values[index]


def value(result: dict, figure: Figure, where: str) -> float:
    """The number `figure` names in a run's JSON output."""
    metric = result.get("metrics", {}).get(figure.metric)
    if metric is None:
        raise FigureError(f"{where}: run '{figure.run}' has no metric '{figure.metric}'")
    replicate = REPLICATE.fullmatch(figure.field) is not None
    if "stats" in metric:  # compare
        if figure.field.startswith("diff"):
            diffs = metric.get("differences", {})
            if figure.scenario not in diffs:
                raise FigureError(f"{where}: no difference for '{figure.scenario}' in "
                                  f"'{figure.metric}' (the baseline has none)")
            key = {"diff": "mean", "diff_low": "ci_low", "diff_high": "ci_high"}[figure.field]
            return diffs[figure.scenario][key]
        stats = metric["stats"].get(figure.scenario)
        if stats is None:
            raise FigureError(f"{where}: '{figure.scenario}' is not in run '{figure.run}' "
                              f"(scenarios: {', '.join(metric['stats'])})")
        return replicate_value(stats, figure, where) if replicate else stats[figure.field]
    if figure.field.startswith("diff"):
        raise FigureError(f"{where}: '{figure.field}' needs a compare run")
    if figure.scenario not in ("-", result.get("scenario")):
        raise FigureError(f"{where}: run '{figure.run}' is scenario '{result.get('scenario')}', "
                          f"not '{figure.scenario}'")
    return replicate_value(metric, figure, where) if replicate else metric[figure.field]


def render(v: float | None, fmt: str) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    return FORMATS[fmt](v)


def fenced_lines(text: str) -> set[int]:
    """The 1-based lines inside fenced code blocks, where a marker would show as text."""
    inside, lines = False, set()
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("```"):
            inside = not inside
        elif inside:
            lines.add(number)
    return lines


def collect(paths: list[str]) -> dict[str, list[tuple[Figure, str]]]:
    """Every marker in `paths`: file -> [(figure, quoted text)]."""
    found: dict[str, list[tuple[Figure, str]]] = {}
    for path in paths:
        text = open(path, encoding="utf-8").read()
        fenced = fenced_lines(text)
        for m in MARKER.finditer(text):
            line = text.count("\n", 0, m.start()) + 1
            if line in fenced:
                raise FigureError(f"{path}:{line}: a figure inside a code block would show its "
                                  "markers; quote it in the prose around the block")
            found.setdefault(path, []).append((Figure.parse(m.group(1), f"{path}:{line}"),
                                               m.group(2)))
    return found


@dataclass(frozen=True)
class Stale:
    """A quoted figure that differs from what this build gives."""
    where: str  # path relative to the source tree, and line
    quoted: str
    current: str
    figure: Figure

    def __str__(self) -> str:
        f = self.figure
        return (f"{self.where}: quotes {self.quoted!r}, this build gives {self.current!r} "
                f"({f.run} {f.scenario} {f.metric}:{f.field})")


def update(binary: str, src: str, paths: list[str], write: bool) -> tuple[int, int, list[Stale]]:
    """Every figure quoted in `paths` against runs of `binary` from the source tree `src`: the
    number of figures and of files quoting them, and the stale ones; `write` rewrites them."""
    found = collect(paths)
    needed = sorted({f.run for figs in found.values() for f, _ in figs})
    results = {name: run_json(binary, src, name) for name in needed}
    stale: list[Stale] = []
    for path in found:
        text = open(path, encoding="utf-8").read()
        rel = os.path.relpath(path, src)

        def replace(m: re.Match) -> str:
            line = text.count("\n", 0, m.start()) + 1
            figure = Figure.parse(m.group(1), f"{rel}:{line}")
            new = render(value(results[figure.run], figure, f"{rel}:{line}"), figure.fmt)
            if new != m.group(2):
                stale.append(Stale(f"{rel}:{line}", m.group(2), new, figure))
            return f"<!--fig {m.group(1)}-->{new}<!--/fig-->"

        new_text = MARKER.sub(replace, text)
        if write and new_text != text:
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as out:
                out.write(new_text)
            os.replace(tmp, path)
    return sum(len(f) for f in found.values()), len(found), stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=["regenerate", "check"])
    parser.add_argument("binary", help="the mentorsim binary to run")
    parser.add_argument("--source-dir", default=os.getcwd(), help="the source tree")
    args = parser.parse_args(argv)
    src = os.path.abspath(args.source_dir)
    paths = sorted(glob.glob(os.path.join(src, "docs", "*.md"))) + [os.path.join(src, "README.md")]
    try:
        count, files, stale = update(args.binary, src, paths, write=args.mode == "regenerate")
    except FigureError as e:
        print(f"doc figures: {e}", file=sys.stderr)
        return 2
    if args.mode == "check":
        for s in stale:
            print(s)
        if stale:
            print(f"{len(stale)} of {count} quoted figures are stale: "
                  "run docs/regenerate-figures.sh")
            return 1
        print(f"all {count} quoted figures in {files} files are current")
    else:
        print(f"{count} quoted figures in {files} files, {len(stale)} changed")
    return 0

if __name__ == "__main__":
    sys.exit(main())
