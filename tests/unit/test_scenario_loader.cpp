// The scenario-file layer: defaults, file values, --set overrides, checks and the resolved TOML.
#include <toml++/toml.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "core/did_you_mean.hpp"
#include "core/error.hpp"
#include "input/overrides.hpp"
#include "input/scenario_loader.hpp"
#include "input/sections.hpp"
#include "input/value_format.hpp"
#include "models/one_on_one.hpp"

using mentorsim::Diagnostic;
using mentorsim::did_you_mean;
using mentorsim::edit_distance;
using mentorsim::InputError;
using mentorsim::OneOnOneConfig;
using mentorsim::Scenario;
using namespace mentorsim::params;

namespace {

Scenario load(std::string_view text, const std::vector<std::string>& overrides = {}) {
  return load_scenario_text(text, "test.toml", overrides);
}

// The diagnostics of a load expected to fail.
std::vector<Diagnostic> problems(std::string_view text,
                                 const std::vector<std::string>& overrides = {}) {
  try {
    load(text, overrides);
  } catch (const InputError& e) {
    return e.diagnostics();
  }
  FAIL("expected an InputError");
  return {};
}

// Every key of every table and programme with its value, for comparing scenarios.
std::vector<std::pair<std::string, ParamValue>> all_values(const Scenario& s) {
  std::vector<std::pair<std::string, ParamValue>> out;
  for (const auto& t : scenario_tables())
    for (const auto& p : t.spec.params)
      out.emplace_back(t.spec.name + "." + p.info.key, p.read(t.const_config(s)));
  for (std::size_t i = 0; i < s.programmes.size(); ++i) {
    const auto& prog = s.programmes[i];
    for (const auto& p : programme_common_section().params)
      out.emplace_back(std::to_string(i) + "." + p.info.key, p.read(&prog.common));
    for (const auto& p : find_programme_kind(prog.common.kind)->spec.params)
      out.emplace_back(std::to_string(i) + "." + p.info.key, p.read(prog.model.get()));
  }
  return out;
}

const OneOnOneConfig& one_on_one(const Scenario& s, std::size_t i) {
  return dynamic_cast<const OneOnOneConfig&>(*s.programmes.at(i).model);
}

constexpr const char* kTwoProgrammes = R"(
[[programme]]
kind = "one_on_one"

[[programme]]
kind = "one_on_one"
name = "pilot"
start_week = 10
)";

}  // namespace

TEST_CASE("an empty scenario takes every declared default", "[params]") {
  const Scenario s = load("");
  for (const auto& t : scenario_tables())
    for (const auto& p : t.spec.params) {
      INFO(t.spec.name << "." << p.info.key);
      CHECK(p.read(t.const_config(s)) == p.info.default_value);
    }
  CHECK(s.programmes.empty());
  CHECK(s.source == "test.toml");
  CHECK(s.resolved_toml == resolved_toml(s));
}

TEST_CASE("file values replace defaults, and an integer literal is accepted for a real",
          "[params]") {
  const Scenario s = load(R"(
[scenario]
weeks = 52
[departure]
annual_rate = 1
[population]
zones = ["technical"]
group_shares = [1, 0]
)");
  CHECK(s.meta.weeks == 52);
  CHECK(s.departure.annual_rate == 1.0);
  CHECK(s.population.zones == std::vector<std::string>{"technical"});
  CHECK(s.population.group_shares == std::vector<double>{1.0, 0.0});
  CHECK(s.departure.burnout_hazard_ratio == 2.0);  // keys left out keep their defaults
  CHECK(s.resolved_toml.find("annual_rate = 1.0\n") != std::string::npos);
}

TEST_CASE("a real is not accepted for an integer", "[params]") {
  const auto d = problems("[scenario]\nweeks = 52.0\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0].to_string() ==
        "test.toml:2:9: scenario.weeks: expected an integer, found a real number");
}

TEST_CASE("ranges are inclusive and checked for every list element", "[params]") {
  CHECK_NOTHROW(load("[departure]\nannual_rate = 0\n"));
  CHECK_NOTHROW(load("[departure]\nannual_rate = 10.0\n"));
  auto d = problems("[departure]\nannual_rate = 10.001\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "departure.annual_rate: 10.001 is out of range [0, 10]");
  d = problems("[departure]\nannual_rate = nan\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "departure.annual_rate: nan is out of range [0, 10]");
  d = problems("[population]\nskill_mean = [-0.1, 0.5, 2]\n");
  REQUIRE(d.size() == 2);
  CHECK(d[0].message == "population.skill_mean[0]: -0.1 is out of range [0, 1]");
  CHECK(d[1].message == "population.skill_mean[2]: 2 is out of range [0, 1]");
  CHECK(d[1].column == 26);
}

TEST_CASE("every problem is collected, in file order, each naming its full key", "[params]") {
  const auto d = problems(R"([burnout]
threshold = "high"
bogus = 1
[joining]
enabled = 1
[[programme]]
kind = "one_on_one"
capacity = 0
)");
  REQUIRE(d.size() == 4);
  CHECK(d[0].to_string() ==
        "test.toml:2:13: burnout.threshold: expected a real number, found a string");
  CHECK(d[1].to_string() == "test.toml:3:1: unknown key 'burnout.bogus'");
  CHECK(d[2].to_string() ==
        "test.toml:5:11: joining.enabled: expected true or false, found an integer");
  CHECK(d[3].to_string() == "test.toml:8:12: programme[0].capacity: 0 is out of range [1, 100]");
}

TEST_CASE("a cross-field check is skipped when one of its keys was rejected", "[params]") {
  const auto d = problems("[population]\ngroup_shares = [0.5, \"x\"]\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "population.group_shares[1]: expected a real number, found a string");
}

TEST_CASE("a cross-field check is reported at the first of its keys in the file", "[params]") {
  const auto d = problems("[burnout]\nthreshold = 2.0\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0].to_string() ==
        "test.toml:2:1: burnout.recovery_threshold and burnout.threshold: recovery_threshold 2.5 "
        "must not exceed threshold 2");
}

TEST_CASE("set overrides: overrides table keys, after the file", "[params][set]") {
  const Scenario s = load("[departure]\nannual_rate = 0.3\n",
                          {"departure.annual_rate=0.2", "scenario.name = baseline run",
                           "population.zones=[\"a\", \"b\"]", "burnout.enabled=false"});
  CHECK(s.departure.annual_rate == 0.2);
  CHECK(s.meta.name == "baseline run");  // not TOML, so taken as a bare string
  CHECK(s.population.zones == std::vector<std::string>{"a", "b"});
  CHECK_FALSE(s.burnout.enabled);  // a table absent from the file
}

TEST_CASE("set overrides: addresses programmes by name or 0-based index", "[params][set]") {
  const Scenario s = load(kTwoProgrammes,
                          {"programme.one_on_one.matching=best_score", "programme.pilot.capacity=2",
                           "programme.1.max_mentees=3", "programme.0.name=main"});
  REQUIRE(s.programmes.size() == 2);
  CHECK(s.programmes[0].common.name == "main");
  CHECK(one_on_one(s, 0).matching == mentorsim::MatchingPolicy::kBestScore);
  CHECK(s.programmes[1].common.name == "pilot");
  CHECK(one_on_one(s, 1).capacity == 2);
  CHECK(one_on_one(s, 1).max_mentees == 3);
  CHECK(one_on_one(s, 0).capacity == 4);
}

TEST_CASE("set overrides: programme.kind:<kind> sets a key in every programme of the kinds",
          "[params][set]") {
  const std::string blend = std::string(kTwoProgrammes) + "\n[[programme]]\nkind = \"peer_pod\"\n";
  Scenario s = load(blend, {"programme.kind:one_on_one.capacity=5"});
  CHECK(one_on_one(s, 0).capacity == 5);
  CHECK(one_on_one(s, 1).capacity == 5);
  s = load(blend, {"programme.kind:peer_pod|one_on_one.seek_share=0.6"});
  CHECK(one_on_one(s, 0).seek_share == 0.6);
  CHECK(one_on_one(s, 1).seek_share == 0.6);
  CHECK(override_kinds("programme.kind:peer_pod|one_on_one.seek_share=0.6") ==
        std::vector<std::string>{"peer_pod", "one_on_one"});
  CHECK(override_kinds("programme.one_on_one.seek_share=0.6").empty());
  // A kind no programme has, and a key one of the kinds does not take.
  auto d = problems(blend, {"programme.kind:constellation.min_lead=0.1"});
  REQUIRE(d.size() == 1);
  CHECK(d[0].message ==
        "no programme is of kind 'constellation' (kinds: 'one_on_one' and 'peer_pod') "
        "(in 'programme.kind:constellation.min_lead=0.1')");
  d = problems(blend, {"programme.kind:one_on_one|peer_pod.capacity=3"});
  REQUIRE(d.size() == 1);
  CHECK(d[0].message.find("capacity") != std::string::npos);
  CHECK(d[0].message.find("(in 'programme.kind:one_on_one|peer_pod.capacity=3')") !=
        std::string::npos);
}

TEST_CASE("set overrides: problems name the override and have no position", "[params][set]") {
  auto d = problems(kTwoProgrammes, {"departure.anual_rate=0.2"});
  REQUIRE(d.size() == 1);
  CHECK(d[0].to_string() ==
        "--set: unknown key 'departure.anual_rate'; did you mean 'annual_rate'? "
        "(in 'departure.anual_rate=0.2')");
  d = problems("", {"departure.annual_rate=high"});
  REQUIRE(d.size() == 1);
  CHECK(d[0].to_string() ==
        "--set: departure.annual_rate: expected a real number, found a string; the value is not "
        "valid TOML, so it was read as a string (in 'departure.annual_rate=high')");
  d = problems(kTwoProgrammes, {"programme.nope.capacity=1", "programme.2.capacity=1", "weeks=3",
                                "depature.annual_rate=0.1", "programme.pilot.max_mentees=2"});
  REQUIRE(d.size() == 5);
  CHECK(d[0].message ==
        "there is no programme named 'nope' (programmes: 'one_on_one' and 'pilot') "
        "(in 'programme.nope.capacity=1')");
  CHECK(d[1].message ==
        "there is no programme 2: programme indices run from 0 to 1 "
        "(in 'programme.2.capacity=1')");
  CHECK(d[2].message ==
        "expected <table>.<key>=<value>, programme.<name or index>.<key>=<value> or "
        "programme.kind:<kind>.<key>=<value> (in 'weeks=3')");
  CHECK(d[3].message ==
        "unknown table '[depature]'; did you mean 'departure'? "
        "(in 'depature.annual_rate=0.1')");
  CHECK(d[4].message ==
        "programme[1].max_mentees and programme[1].capacity: max_mentees 2 must be 0 (no "
        "pressure placement) or at least capacity 4 (in 'programme.pilot.max_mentees=2')");
  for (const auto& x : d) CHECK((x.file == "--set" && x.line == 0));
}

TEST_CASE("programmes: kind required, names unique and usable, weeks in the run", "[params]") {
  CHECK(load("").programmes.empty());
  auto d = problems("[[programme]]\nkind = \"mentoring\"\nwhatever = 1\n");
  REQUIRE(d.size() == 1);  // keys of an unknown kind are not reported
  CHECK(d[0].message ==
        "programme[0].kind: unknown programme kind 'mentoring' (valid kinds: 'one_on_one', "
        "'reverse', 'peer_pod', 'group_cohort' or 'constellation')");
  d = problems("[[programme]]\nkind = \"one_on_one\"\nname = \"a.b\"\nend_week = 0\n");
  REQUIRE(d.size() == 2);
  CHECK(d[0].to_string() ==
        "test.toml:3:1: programme[0].name: 'a.b' is not a usable programme name: use letters, "
        "digits, '_' and '-', starting with a letter or '_'");
  CHECK(d[1].to_string() ==
        "test.toml:4:1: programme[0].end_week and programme[0].start_week: end_week 0 must be "
        "after start_week 0 (or -1 to run to the end)");
  d = problems("[programme]\nkind = \"one_on_one\"\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0].message == "programme: expected an array of tables ([[programme]]), found a table");
}

TEST_CASE("resolved TOML re-loads to the same scenario and prints the same", "[params]") {
  const Scenario s = load(R"(
[scenario]
name = "round \"trip\""
description = "tabs\tand newlines\n and ünïcode"
seed = 42
[departure]
annual_rate = 0.30000000000000004
[knowledge]
transfer_rate = 1e-7
[population]
group_shares = [0.3333333333333333, 0.6666666666666667]
)" + std::string(kTwoProgrammes));
  const Scenario again = load(s.resolved_toml);
  CHECK(all_values(again) == all_values(s));
  CHECK(again.resolved_toml == s.resolved_toml);
  // Every real prints so that it re-reads as a real.
  CHECK(s.resolved_toml.find("weight_similarity = 0.0\n") != std::string::npos);
  CHECK(s.resolved_toml.find("transfer_rate = 1e-07\n") != std::string::npos);
  // Comments give doc, units and default.
  CHECK(
      s.resolved_toml.find("# Number of simulated weeks. [weeks] (default: 260)\nweeks = 260\n") !=
      std::string::npos);
}

TEST_CASE("reals print shortest and re-read exactly", "[params]") {
  std::mt19937_64 gen(12345);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::uniform_int_distribution<int> exponent(-300, 300);
  for (int i = 0; i < 2000; ++i) {
    const double x = unit(gen) * std::pow(10.0, exponent(gen));
    const auto t = toml::parse("x = " + format_real(x));
    REQUIRE(t["x"].is_floating_point());
    REQUIRE(t["x"].value<double>() == x);
  }
}

TEST_CASE("a missing file is an input error", "[params]") {
  CHECK_THROWS_AS(load_scenario_file("/nonexistent/scenario.toml", {}), InputError);
}

TEST_CASE("did you mean: case-insensitive, only when close", "[params]") {
  const std::vector<std::string> keys = {"annual_rate", "rate_is", "enabled"};
  CHECK(did_you_mean("anual_rate", keys) == "annual_rate");
  CHECK(did_you_mean("Annual_Rate", keys) == "annual_rate");
  CHECK(did_you_mean("rtae_is", keys) == "rate_is");     // a transposition is one edit
  CHECK(did_you_mean("enabled", keys) == std::nullopt);  // exact: not a suggestion
  CHECK(did_you_mean("speed", keys) == std::nullopt);
  CHECK(did_you_mean("x", {"y"}) == std::nullopt);
  CHECK(edit_distance("kitten", "sitting") == 3);
}
