// Peer groups (state/peer_groups.hpp): the links a group gives its members, ending memberships
// and groups, compaction keeping each group's memberships together, and the network export of a
// group's pairs.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "output/network_graphml.hpp"
#include "support/text.hpp"

using namespace mentorsim;
using mentorsim::testing::occurrences;

namespace {

const char* kScenario = R"(
[scenario]
weeks = 10
seed = 3
[population]
initial_size = 12
zones = ["technical"]
[joining]
arrivals_per_week = 0
[departure]
enabled = false
[[programme]]
kind = "one_on_one"
initial_seek_share = 0.0
seek_share = 0.0
)";

}  // namespace

TEST_CASE("a peer group links every member to every other", "[engine][peer_groups]") {
  const Scenario s = params::load_scenario_text(kScenario, "test.toml", {});
  Simulation sim(s, 0);
  sim.step();  // the initial population
  World& w = sim.world();
  REQUIRE(w.people.size() == 12);
  const std::vector<Row> a = {1, 3, 5, 7}, b = {2, 4, 6};
  GroupSpec spec;
  spec.planned_end = 50;
  const GroupId ga = w.create_group(spec, a, std::vector<float>(4, 1.0f));
  const GroupId gb = w.create_group(spec, b, std::vector<float>(3, 1.0f));
  CHECK(gb == ga + 1);
  for (Row r : a) {
    CHECK(w.people.learner_ties[r] == 3);
    CHECK(w.people.developer_ties[r] == 3);
    CHECK(w.people.first_learner_week[r] == w.week());
  }
  for (Row r : b) CHECK(w.people.learner_ties[r] == 2);
  CHECK(w.people.learner_ties[0] == 0);

  // One member leaves group a: one link less for each of the others, none left for it.
  const GroupRow row_a = w.groups.find(ga);
  const MembershipRow m3 = w.groups.find_member(row_a, w.people.id[3]);
  REQUIRE(m3 < w.groups.memberships());
  w.end_membership(m3, EndReason::kMenteeLeft);
  w.end_membership(m3, EndReason::kMenteeLeft);  // idempotent
  CHECK(w.people.learner_ties[3] == 0);
  CHECK(w.people.developer_ties[3] == 0);
  for (Row r : {1u, 5u, 7u}) CHECK(w.people.learner_ties[r] == 2);
  CHECK(w.groups.active_members(row_a) == 3);

  // Ending group b takes every link away; compaction drops it and the ended membership, and
  // keeps group a's memberships together and in order.
  w.end_group(w.groups.find(gb), EndReason::kDissolved);
  for (Row r : b) CHECK(w.people.learner_ties[r] == 0);
  w.groups.compact_ended();
  REQUIRE(w.groups.groups() == 1);
  CHECK(w.groups.find(gb) == w.groups.groups());
  const GroupRow g = w.groups.find(ga);
  REQUIRE(g == 0);
  REQUIRE(w.groups.end(g) - w.groups.begin(g) == 3);
  std::vector<PractitionerId> members;
  for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m) {
    CHECK(w.groups.group[m] == g);
    members.push_back(w.groups.member_id[m]);
  }
  CHECK(members == std::vector<PractitionerId>{w.people.id[1], w.people.id[5], w.people.id[7]});

  // The network shows each ordered pair of active members as a peer edge.
  const std::string text = network_graphml(w, {0, 0, w.week()});
  CHECK(occurrences(text, "<data key=\"kind\">peer</data>") == 3 * 2);
}

TEST_CASE("group sessions: presence drawn per member, held with two present",
          "[engine][peer_groups]") {
  // A weekly group of 5 at attendance 0.5: members present ~ binomial(5, 0.5), the session held
  // iff two or more are there; the counters count members.
  const Scenario s = params::load_scenario_text(kScenario, "test.toml", {});
  Simulation sim(s, 0);
  sim.step();
  World& w = sim.world();
  GroupSpec spec;
  spec.planned_end = 10000;
  const std::vector<Row> rows = {0, 1, 2, 3, 4};
  w.create_group(spec, rows, std::vector<float>(5, 0.5f));
  double present = 0, held_weeks = 0, weeks = 0, two_or_more = 0;
  std::int64_t scheduled = 0;
  for (int week = 0; week < 400; ++week) {
    sim.step();
    const GroupRow g = 0;
    std::int64_t here = 0;
    for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m) here += w.groups.present[m];
    present += static_cast<double>(here);
    held_weeks += w.groups.held[g];
    two_or_more += here >= 2;
    CHECK(w.groups.held[g] == (here >= 2));
    scheduled += w.counters.sessions_scheduled;
    ++weeks;
  }
  CHECK(scheduled == 5 * 400);
  const double share = present / (5 * weeks), se = std::sqrt(0.25 / (5 * weeks));
  CHECK(std::abs(share - 0.5) < 4 * se);
  // P(two or more of five) = 1 - (1 + 5) / 32 = 26 / 32.
  const double p2 = 26.0 / 32, se2 = std::sqrt(p2 * (1 - p2) / weeks);
  CHECK(std::abs(held_weeks / weeks - p2) < 4 * se2);
}
