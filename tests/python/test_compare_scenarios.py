"""scenarios/compare: the same organisation under each model, each with a shock twin.

Every file must pass `mentorsim check`; their organisation tables (everything but [scenario],
[[programme]] and [[shock]]) must be identical after defaults are filled in, so `compare` pairs
the same people in every arm; each *_shock file must differ from its twin only by its [[shock]].
"""

import os
import pathlib
import subprocess
import tomllib

import pytest

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
COMPARE = SOURCE / "scenarios" / "compare"
FILES = sorted(COMPARE.glob("*.toml"))
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")

BUDGET = ("# Senior-mentor budget: 20 seniors x 2 h/week available = about 40 mentoring hours a week, "
          "the same\n# in every file of scenarios/compare.")


def resolved(path):
    """The scenario as `mentorsim check` resolves it (every default filled in), parsed."""
    result = subprocess.run([BINARY, "check", str(path)], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, f"{path.name}: mentorsim check failed\n{result.stderr}"
    assert result.stderr == ""
    return tomllib.loads(result.stdout)


@pytest.fixture(scope="module")
def scenarios():
    return {path.name: resolved(path) for path in FILES}


def organisation(scenario):
    return {k: v for k, v in scenario.items() if k not in ("scenario", "programme", "shock")}


def test_the_directory_holds_every_model_and_its_shock_twin():
    names = [p.name for p in FILES]
    assert names[0] == "00_one_on_one.toml", "the one-on-one baseline must sort first"
    plain = [n for n in names if not n.endswith("_shock.toml")]
    assert [n.split("_", 1)[1] for n in plain] == [
        "one_on_one.toml", "group_cohort.toml", "peer_pod.toml", "constellation.toml",
        "ecosystem.toml"]
    for n in plain:  # each twin sorts right after its plain arm
        twin = n[0] + "1_" + n.split("_", 1)[1].replace(".toml", "_shock.toml")
        assert names[names.index(n) + 1] == twin
    assert len(names) == 2 * len(plain)


def test_every_file_describes_the_same_organisation(scenarios):
    first_name, first = next(iter(scenarios.items()))
    assert set(organisation(first)) >= {"population", "joining", "departure", "knowledge",
                                        "burnout"}
    for name, scenario in scenarios.items():
        assert organisation(scenario) == organisation(first), f"{name} differs from {first_name}"
        run = {k: v for k, v in scenario["scenario"].items() if k not in ("name", "description")}
        base = {k: v for k, v in first["scenario"].items() if k not in ("name", "description")}
        assert run == base, f"{name}: weeks, seed or replicates differ from {first_name}"
        assert scenario["programme"], name
        assert BUDGET in (COMPARE / name).read_text(), f"{name} does not state the shared budget"


def test_each_shock_arm_differs_from_its_twin_only_by_the_shock(scenarios):
    twins = [n for n in scenarios if n.endswith("_shock.toml")]
    assert len(twins) == 5
    for name in twins:
        twin_name = name[0] + "0_" + name.split("_", 1)[1].replace("_shock.toml", ".toml")
        shock, twin = dict(scenarios[name]), dict(scenarios[twin_name])
        assert "shock" not in twin, twin_name
        shocks = shock.pop("shock")
        weeks = shock["scenario"]["weeks"]
        assert len(shocks) == 1, name
        # The same shock in every arm, on a tier defined the same way in every model (ranked by
        # mean skill: zone "").
        assert {k: v for k, v in shocks[0].items() if k != "week"} == {
            "kind": "expert_tier", "share": 0.25, "zone": ""}, name
        assert weeks // 4 <= shocks[0]["week"] <= 3 * weeks // 4, f"{name}: shock not mid-run"
        for scenario in (shock, twin):
            scenario["scenario"] = {k: v for k, v in scenario["scenario"].items()
                                    if k not in ("name", "description")}
        assert shock == twin, f"{name} differs from {twin_name} beyond its [[shock]]"
        assert scenarios[name]["scenario"]["name"] == (
            scenarios[twin_name]["scenario"]["name"] + "_shock")


def test_compare_runs_the_directory_without_population_warnings(tmp_path):
    # Small people count and two replicates: the full weeks (the shock must fall inside them).
    out = tmp_path / "compare.h5"
    result = subprocess.run(
        [BINARY, "compare", *map(str, FILES), "--replicates", "2",
         "--set", "population.initial_size=100", "--out", str(out), "--format", "csv"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    scenarios = {line.split(",")[1] for line in result.stdout.splitlines()[1:]}
    assert scenarios == {p.stem.split("_", 1)[1] for p in FILES}
    assert out.exists()
