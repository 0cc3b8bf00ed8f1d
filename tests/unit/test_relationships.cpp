// Relationship files (input/relationships_reader.hpp): the broken fixtures of
// scenarios/invalid/relationships report exactly their expected diagnostics at the file's lines;
// relationships running at week 0 become their programme's ties before anyone seeks, keep their
// start (sessions on its cadence) and planned end, and count against the programme's rules.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "engine/simulation.hpp"
#include "input/relationships_reader.hpp"
#include "input/scenario_loader.hpp"
#include "support/csv_fixtures.hpp"
#include "support/scenarios.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace mentorsim;

namespace {

const fs::path kFixtures = fs::path(MENTORSIM_SOURCE_DIR) / "scenarios/invalid/relationships";

constexpr const char* kScenario = R"([scenario]
weeks = 30
seed = 5
[population]
roster = "people.csv"
relationships = "ties.csv"
zones = ["technical", "digital"]
group_names = ["majority", "minority"]
group_shares = [0.5, 0.5]
function_names = ["engineering", "operations"]
function_shares = [0.5, 0.5]
[[programme]]
name = "mentoring"
kind = "one_on_one"
capacity = 2
cadence_weeks = 3
initial_seek_share = 1.0
[[programme]]
name = "reverse"
kind = "reverse"
zones = ["digital"]
junior_max_tenure_weeks = 104
seek_below = 0.9
)";

constexpr const char* kPeople = R"(id,function,group,tenure_weeks,senior,technical,digital
m1,engineering,majority,300,no,0.9,0.2
l1,engineering,majority,10,no,0.1,0.8
l2,operations,minority,50,no,0.1,0.8
j1,operations,majority,20,no,0.3,0.95
s1,operations,majority,400,yes,0.9,0.1
)";

// The scenario above in `dir`, with ties.csv holding `ties`. Every mechanism is off, so nothing
// but the programmes changes the ties.
fs::path write_scenario(const testing::TempDir& dir, const std::string& ties) {
  std::ofstream(dir.path / "people.csv") << kPeople;
  std::ofstream(dir.path / "ties.csv") << ties;
  const fs::path scenario = dir.path / "org.toml";
  std::ofstream(scenario) << testing::kMechanismsOff << kScenario;
  return scenario;
}

TieRow tie_of(const World& w, PractitionerId developer, PractitionerId learner) {
  for (TieRow t = 0; t < w.ties.size(); ++t)
    if (w.ties.developer_id[t] == developer && w.ties.learner_id[t] == learner) return t;
  return w.ties.size();
}

}  // namespace

TEST_CASE("every broken relationship file reports exactly its expected diagnostics",
          "[params][relationships]") {
  testing::check_csv_fixtures(kFixtures, 12);
}

TEST_CASE("relationships running at week 0 are their programme's ties before anyone seeks",
          "[params][relationships][models]") {
  testing::TempDir dir("relationships");
  const Scenario s = params::load_scenario_file(
      write_scenario(dir,
                     "developer,learner,programme,zone,start_week,planned_end\n"
                     "m1,l1,mentoring,,-4,7\n"
                     "j1,s1,reverse,digital,-10,20\n"),
      {});
  REQUIRE(s.relationships);
  REQUIRE(s.relationships->ties.size() == 2);
  CHECK(s.resolved_toml.find("# population.relationships: 2 relationships, content digest ") !=
        std::string::npos);

  Simulation sim(s, 0);
  sim.step();  // week 0
  const World& w = sim.world();
  const TieRow mentoring = tie_of(w, 0, 1);
  REQUIRE(mentoring < w.ties.size());
  CHECK(w.ties.programme[mentoring] == 0);
  CHECK(w.ties.start_week[mentoring] == -4);
  CHECK(w.ties.planned_end[mentoring] == 7);
  CHECK(w.ties.cadence_weeks[mentoring] == 3);
  // Sessions keep the rhythm they had: -4, -1, 2, 5, ...
  CHECK_FALSE(w.ties.scheduled(mentoring, 0));
  CHECK(w.ties.scheduled(mentoring, 2));
  // The mentor mentors (though the roster says no senior), and the placed learner does not seek:
  // with initial_seek_share = 1 only l2 (not a mentor, not placed) waits.
  CHECK(w.people.has(0, flag::kCanMentor));
  CHECK(w.models()[0]->waiting_count() == 0);  // l2 was matched to m1's second place at once
  CHECK(w.people.developer_ties[0] == 2);
  const TieRow reverse = tie_of(w, 3, 4);
  REQUIRE(reverse < w.ties.size());
  CHECK(w.ties.zone[reverse] == 1);
  CHECK(w.ties.start_week[reverse] == -10);
  CHECK(w.models()[1]->waiting_count() == 0);  // s1 is placed in digital, the one zone covered

  // The planned end holds: the relationship completes at week 7's upkeep.
  while (sim.weeks_done() < 8) sim.step();
  CHECK(tie_of(sim.world(), 0, 1) == sim.world().ties.size());
}

TEST_CASE("a constellation takes over its guides zone by zone, listing zones short of guides",
          "[params][relationships][models]") {
  testing::TempDir dir("relationships");
  std::ofstream(dir.path / "people.csv") << kPeople;
  std::ofstream(dir.path / "ties.csv")
      << "developer,learner,programme,zone,start_week,planned_end\n"
         "m1,l1,guides,technical,-6,40\n"
         "j1,l1,guides,digital,0,40\n"
         "s1,l1,guides,digital,-1,40\n";
  const fs::path file = dir.path / "org.toml";
  std::ofstream(file) << testing::kMechanismsOff << R"([scenario]
weeks = 10
seed = 5
[population]
roster = "people.csv"
relationships = "ties.csv"
zones = ["technical", "digital"]
group_names = ["majority", "minority"]
group_shares = [0.5, 0.5]
function_names = ["engineering", "operations"]
function_shares = [0.5, 0.5]
[[programme]]
name = "guides"
kind = "constellation"
guides_per_zone = 2
initial_seek_share = 1.0
)";
  const Scenario s = params::load_scenario_file(file, {});
  Simulation sim(s, 0);
  sim.run_phase(Phase::kJoining);  // week 0: the guides are taken over, before any matching
  const World& w = sim.world();
  REQUIRE(w.ties.size() == 3);
  for (TieRow t = 0; t < 3; ++t) {
    CHECK(w.ties.kind[t] == static_cast<std::uint8_t>(TieKind::kGuide));
    CHECK(w.ties.learner_id[t] == 1);
    CHECK(w.ties.planned_end[t] == 40);
  }
  CHECK(w.ties.start_week[0] == -6);
  CHECK(w.ties.zone[0] == 0);
  CHECK((w.ties.zone[1] == 1 && w.ties.zone[2] == 1));
  CHECK(w.people.has(0, flag::kCanMentor));  // m1 guides, though the roster says no senior
  // l1 is in the programme already and waits for nobody (each of its zones has a guide); the
  // other non-seniors, l2, j1 and m1, seek and wait.
  CHECK(w.models()[0]->waiting_count() == 3);
}

TEST_CASE("the relationship columns reference lists every declared column",
          "[params][relationships]") {
  const std::string md = params::relationship_columns_markdown();
  for (const auto& c : params::relationship_columns())
    CHECK(md.find(std::string("| `") + c.name + "` |") != std::string::npos);
}
