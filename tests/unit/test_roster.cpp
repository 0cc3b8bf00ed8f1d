// Roster files (input/roster_reader.hpp): the broken fixtures of scenarios/invalid/rosters report
// exactly their expected diagnostics at the roster's lines; a roster's people are the practitioners
// at week 0, with what a row leaves out drawn exactly as for a drawn population; ids reach outputs
// hashed unless kept.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "engine/simulation.hpp"
#include "input/roster_reader.hpp"
#include "input/scenario_loader.hpp"
#include "support/csv_fixtures.hpp"
#include "support/scenarios.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace mentorsim;

namespace {

const fs::path kFixtures = fs::path(MENTORSIM_SOURCE_DIR) / "scenarios/invalid/rosters";

constexpr const char* kScenario = R"([scenario]
weeks = 4
seed = 11
[population]
roster = "people.csv"
zones = ["technical", "leadership"]
group_names = ["majority", "minority"]
group_shares = [0.7, 0.3]
function_names = ["engineering", "operations"]
function_shares = [0.6, 0.4]
[[programme]]
kind = "one_on_one"
)";

// The scenario above in `dir`, with people.csv holding `csv`.
fs::path write_scenario(const testing::TempDir& dir, const std::string& csv,
                        const std::string& extra = "") {
  std::ofstream(dir.path / "people.csv") << csv;
  const fs::path scenario = dir.path / "org.toml";
  // Every mechanism off, so week 0 leaves the attributes as they were set.
  std::ofstream(scenario) << testing::kMechanismsOff << kScenario << extra;
  return scenario;
}

}  // namespace

TEST_CASE("every broken roster reports exactly its expected diagnostics", "[params][roster]") {
  testing::check_csv_fixtures(kFixtures, 7);
}

TEST_CASE("a roster's people are the week-0 population, the rest drawn as usual",
          "[params][roster][mechanisms]") {
  testing::TempDir dir("roster");
  const fs::path file =
      write_scenario(dir,
                     "id,function,group,tenure_weeks,senior,technical,available_hours\n"
                     "ann,operations,minority,104,yes,0.95,3.5\n"
                     "\"bo, jr\",engineering,majority,0,no,,\n"
                     "# a comment line is skipped\n"
                     "cy,engineering,minority,52,,0.1,\n");
  const Scenario s = params::load_scenario_file(file, {});
  REQUIRE(s.roster);
  CHECK(s.population.initial_size == 3);
  CHECK(s.roster->ids == std::vector<std::string>{"ann", "bo, jr", "cy"});
  CHECK(fs::path(s.population.roster).is_absolute());
  // The resolved scenario names the roster by its absolute path: it reloads from anywhere.
  const Scenario again = params::load_scenario_text(s.resolved_toml, "elsewhere/x.toml", {});
  REQUIRE(again.roster);
  CHECK(again.roster->sha256 == s.roster->sha256);
  // The resolved scenario (stored in every output) identifies the roster by a digest of its own,
  // not by the hash that salts the ids in outputs.
  CHECK(s.resolved_toml.find("# population.roster: 3 rows, content digest ") != std::string::npos);
  CHECK(s.resolved_toml.find(s.roster->sha256) == std::string::npos);

  Simulation sim(s, 0);
  sim.step();
  const Practitioners& p = sim.world().people;
  REQUIRE(p.size() >= 3);
  CHECK((p.function[0] == 1 && p.group[0] == 1 && p.joined_week[0] == -104));
  CHECK((p.has(0, flag::kSenior) && p.has(0, flag::kCanMentor)));
  CHECK(p.skill_row(0)[0] == 0.95f);
  CHECK(p.available_hours[0] == 3.5f);
  CHECK((!p.has(1, flag::kSenior) && p.joined_week[1] == 0));
  CHECK(p.skill_row(2)[0] == 0.1f);

  // What a row leaves out is what the drawn population would have: the same streams, by id.
  testing::TempDir plain_dir("roster");
  const Scenario drawn = params::load_scenario_file(
      write_scenario(plain_dir,
                     "id,function,group,tenure_weeks\nann,operations,minority,104\n"
                     "x,engineering,majority,0\ny,engineering,minority,52\n"),
      {});
  const Scenario no_roster =
      params::load_scenario_text(std::string(testing::kMechanismsOff) + kScenario, "plain.toml",
                                 {"population.roster=\"\"", "population.initial_size=3"});
  Simulation a(drawn, 0), b(no_roster, 0);
  a.step();
  b.step();
  for (Row r = 0; r < 3; ++r) {
    CHECK(a.world().people.available_hours[r] == b.world().people.available_hours[r]);
    CHECK(a.world().people.skill_row(r)[1] == b.world().people.skill_row(r)[1]);
    CHECK(a.world().people.has(r, flag::kSenior) == b.world().people.has(r, flag::kSenior));
  }
}

TEST_CASE("a spreadsheet's byte order mark is skipped and its semicolons are named",
          "[params][roster]") {
  PopulationConfig population{};
  population.zones = {"technical"};
  population.group_names = {"all"};
  population.function_names = {"all"};
  const auto bom =
      params::read_roster_text("\xEF\xBB\xBFid,tenure_weeks\na,3\n", "x.csv", population);
  REQUIRE(bom.roster);
  CHECK(bom.roster->ids == std::vector<std::string>{"a"});
  const auto semicolons = params::read_roster_text("id;tenure_weeks\na;3\n", "x.csv", population);
  REQUIRE(semicolons.problems.size() == 1);
  CHECK(semicolons.problems[0].to_string() ==
        "x.csv:1:1: the header is one field holding ';': a roster's fields are separated by "
        "commas (save the spreadsheet as CSV with commas)");
}

TEST_CASE("roster ids reach outputs hashed unless kept", "[params][roster]") {
  testing::TempDir dir("roster");
  const fs::path file =
      write_scenario(dir, "id,function,group,tenure_weeks\nE0042,engineering,majority,10\n");
  const Scenario s = params::load_scenario_file(file, {});
  const std::string hashed = output_roster_id(*s.roster, 0, false);
  CHECK(hashed.size() == 17);
  CHECK(hashed.front() == 'h');
  CHECK(hashed.find("E0042") == std::string::npos);
  CHECK(hashed == output_roster_id(*s.roster, 0, false));  // stable: the same person, the same id
  CHECK(output_roster_id(*s.roster, 0, true) == "E0042");
}

TEST_CASE("the roster columns reference lists every declared column", "[params][roster]") {
  const std::string md = params::roster_columns_markdown();
  for (const auto& c : params::roster_columns())
    CHECK(md.find(std::string("| `") + c.name + "` |") != std::string::npos);
}
