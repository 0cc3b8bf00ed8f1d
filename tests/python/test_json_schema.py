"""`mentorsim schema --format json-schema`: a real JSON Schema (draft 2020-12) that accepts every
bundled scenario, sweep and uncertainty file and rejects every broken fixture a schema can see.
What a schema cannot see (checks across keys, names that refer to other keys) is listed below with
the reason, and those fixtures must pass the schema — so the list cannot go stale."""

import json
import os
import pathlib
import subprocess
import tomllib

import pytest

jsonschema = pytest.importorskip("jsonschema")

BINARY = os.environ.get("MENTORSIM_BINARY")
SOURCE = pathlib.Path(os.environ.get("MENTORSIM_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
SCENARIOS = SOURCE / "scenarios"
pytestmark = pytest.mark.skipif(not BINARY, reason="MENTORSIM_BINARY not set")

# Broken fixtures whose fault lies beyond one file's shape: `mentorsim check` finds them.
BEYOND_A_SCHEMA = {
    "bad_programme_name.toml": "a programme name that is not an identifier (a pattern of the loader)",
    "bad_zone_name.toml": "a zone name that is not an identifier",
    "cost_empty_currency.toml": "an empty currency name (a check of the loader)",
    "burnout_thresholds_crossed.toml": "two thresholds in the wrong order (across keys)",
    "duplicate_programme_names.toml": "two programmes of one name (across entries)",
    "duplicate_zone.toml": "a zone listed twice",
    "end_before_start.toml": "end week before start week (across keys)",
    "model_cross_check.toml": "a model's check across its keys",
    "names_shares_mismatch.toml": "names and shares of different lengths (across keys)",
    "quality_above_one.toml": "a base quality and a bonus that add up to more than one (across keys)",
    "real_for_integer.toml": "52.0 for an integer: JSON does not tell 52.0 from 52",
    "population_function_zones_count.toml": "one role per function (across keys)",
    "population_function_zones_empty_role.toml": "an empty role (a check of the role lists)",
    "population_function_zones_unknown_zone.toml": "a role naming an unknown zone",
    "probability_rate_of_one.toml": "a rate of exactly one where a probability is expected",
    "programme_expand_before_start.toml": "expand week before start week (across keys)",
    "programme_expand_functions_without_week.toml": "expand_functions without expand_week",
    "programme_unknown_function.toml": "a function not in population.function_names",
    "reverse_unknown_zone.toml": "a zone not in population.zones",
    "reverse_zone_listed_twice.toml": "a zone listed twice",
    "senior_count_above_initial_size.toml": "a count above the population (across keys)",
    "senior_skill_mean_per_zone_mismatch.toml": "one mean per zone (across keys)",
    "shares_not_summing.toml": "shares that do not sum to one",
    "shock_expert_tier_unknown_zone.toml": "a zone not in population.zones",
    "shock_layoff_unknown_function.toml": "a function not in population.function_names",
    "shock_pause_unknown_programme.toml": "a programme not in the file",
    "shock_week_beyond_weeks.toml": "a week beyond scenario.weeks (across tables)",
    "skill_mean_per_zone_mismatch.toml": "one mean per zone (across keys)",
    "start_week_beyond_weeks.toml": "a week beyond scenario.weeks (across tables)",
    # Sweep files: what the points are and what the base scenario says.
    "sweeps/axis_value_out_of_range.toml": "a value the base scenario's range rejects",
    "sweeps/base_file_missing.toml": "a base file that does not exist",
    "sweeps/cross_check.toml": "a point that fails a check across keys",
    "sweeps/duplicate_axis.toml": "two axes on one key, a value listed twice",
    "sweeps/grid_too_large.toml": "a grid of more points than allowed (a product of axes)",
    "sweeps/latin_hypercube_without_points.toml": "settings that depend on the sampling",
    "sweeps/morris_settings.toml": "settings that depend on the sampling",
    "sweeps/no_base.toml": "a base given in none of its three places",
    "sweeps/range_without_steps.toml": "a grid range without steps; a log scale from 0",
    "sweeps/rounding_duplicates.toml": "an integer range with more steps than integers",
    "sweeps/sobol_settings.toml": "settings that depend on the sampling",
    "sweeps/sobol_too_large.toml": "a design of more points than allowed (a product)",
    "sweeps/truncated_normal_in_grid.toml": "a distribution that depends on the sampling",
    "sweeps/truncated_normal_settings.toml": "a mean outside its range, a missing sd",
}


@pytest.fixture(scope="module")
def validator():
    result = subprocess.run([BINARY, "schema", "--format", "json-schema"], capture_output=True,
                            text=True, timeout=60, check=True)
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def read(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def name(path):
    return str(path.relative_to(SCENARIOS / "invalid"))


def problems(validator, path):
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(read(path))]


BUNDLED = sorted(p for p in SCENARIOS.rglob("*.toml") if "invalid" not in p.parts)
BROKEN = sorted((SCENARIOS / "invalid").rglob("*.toml"))


def test_there_is_something_to_check():
    assert len(BUNDLED) > 20 and len(BROKEN) > 40
    assert any((SCENARIOS / "sweeps").glob("*.toml"))
    assert any((SCENARIOS / "uncertainty").glob("*.toml"))


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(SCENARIOS)))
def test_every_bundled_file_is_valid(validator, path):
    assert problems(validator, path) == []


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: str(p.relative_to(SCENARIOS)))
def test_every_broken_file_a_schema_can_see_is_rejected(validator, path):
    try:
        document = read(path)
    except tomllib.TOMLDecodeError:
        assert name(path) not in BEYOND_A_SCHEMA
        return  # not TOML at all: an editor's TOML parser marks it before any schema
    errors = list(validator.iter_errors(document))
    # The faults of the CSV files a scenario names (and of a relationship file without a roster).
    if name(path) in BEYOND_A_SCHEMA or name(path).startswith(("rosters/", "relationships/")):
        assert errors == [], f"the schema now sees {name(path)}: drop it from BEYOND_A_SCHEMA"
    else:
        assert errors, f"{name(path)} passes the schema"


def test_the_schema_names_every_table_and_kind(validator):
    schema = validator.schema
    scenario = schema["$defs"]["scenario"]
    reference = json.loads(subprocess.run([BINARY, "schema", "--format", "json"],
                                          capture_output=True, text=True, check=True).stdout)
    tables = [t["name"] for t in reference["tables"]]
    assert list(scenario["properties"]) == tables + ["programme", "shock"]
    for table in reference["tables"]:
        assert list(scenario["properties"][table["name"]]["properties"]) == \
            [p["key"] for p in table["params"]]
    kinds = [k["name"] for k in reference["programme"]["kinds"]]
    assert scenario["properties"]["programme"]["items"]["properties"]["kind"]["enum"] == kinds


def test_a_misspelt_key_and_a_value_out_of_range_are_caught(validator):
    scenario = read(SCENARIOS / "models" / "one_on_one.toml")
    assert not list(validator.iter_errors(scenario))
    scenario["departure"] = {"anual_rate": 0.1}
    assert any("anual_rate" in e.message for e in validator.iter_errors(scenario))
    scenario["departure"] = {"annual_rate": -0.1}
    assert list(validator.iter_errors(scenario))
    scenario["departure"] = {}
    scenario["programme"][0]["capacity"] = "four"
    assert list(validator.iter_errors(scenario))


def test_the_shipped_copy_is_current(validator):
    shipped = json.loads((SOURCE / "docs" / "mentorsim.schema.json").read_text())
    assert shipped == validator.schema, \
        "regenerate: mentorsim schema --format json-schema > docs/mentorsim.schema.json"
