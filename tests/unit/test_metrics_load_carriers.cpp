// Burnout over everyone carrying load, by role, juniors' invisible labour (docs/metrics.md,
// "Burnout: everyone who carries load"), and senior hours used against the budget ("Input"), on a
// hand-built state worked out below.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "input/scenario_loader.hpp"
#include "metrics/load_carriers.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

namespace {

const char* kTiny = R"(
[scenario]
name = "load_carriers"
weeks = 1
[population]
initial_size = 0
[[programme]]
kind = "one_on_one"
)";

TieRow tie(World& w, Row developer, Row learner, TieKind kind, float hours, float weight) {
  TieSpec s;
  s.developer = developer;
  s.learner = learner;
  s.kind = kind;
  s.session_hours = hours;
  s.load_weight = weight;
  s.planned_end = 100;
  return w.create_tie(s);
}

}  // namespace

TEST_CASE("burnout over load carriers and by role on a hand-built state", "[metrics]") {
  const Scenario scenario = params::load_scenario_text(kTiny, "<test_metrics_load_carriers>", {});
  World w(scenario, 0);
  for (Row r = 0; r < 9; ++r) w.people.append(r, 0);
  // 0: senior, one-on-one mentor of 5, burned out.            roles: senior mentor
  // 1: senior, facilitator of 6.                                roles: senior mentor, facilitator
  // 2: junior, peer guide of 7 (a guide tie), burned out.       roles: peer guide
  // 3: junior, reverse mentor of senior 0 (1 h, weight 1.5).    roles: reverse junior
  // 4: junior, reverse mentor of 1 and peer guide of 8, burned out. roles: reverse junior, peer
  // guide 5..8: learners only. 8 is burned out but carries no load: not counted anywhere.
  w.people.flags[0] |= flag::kSenior | flag::kCanMentor | flag::kBurnedOut;
  w.people.flags[1] |= flag::kSenior | flag::kCanMentor;
  w.people.flags[2] |= flag::kBurnedOut;
  w.people.flags[4] |= flag::kBurnedOut;
  w.people.flags[8] |= flag::kBurnedOut;
  tie(w, 0, 5, TieKind::kOneOnOne, 1.0f, 1.0f);
  tie(w, 1, 6, TieKind::kFacilitator, 2.0f, 0.5f);
  tie(w, 2, 7, TieKind::kGuide, 1.0f, 1.0f);
  tie(w, 3, 0, TieKind::kReverse, 1.0f, 1.5f);
  tie(w, 4, 1, TieKind::kReverse, 2.0f, 1.5f);
  tie(w, 4, 8, TieKind::kPeer, 1.0f, 1.0f);
  // load_hours as the load phase gives them (cadence 1): h x weight summed per developer.
  const std::vector<float> loads{1.0f, 1.0f, 1.0f, 1.5f, 4.0f, 0, 0, 0, 0};
  for (Row r = 0; r < 9; ++r) w.people.load_hours[r] = loads[r];
  w.people.available_hours[0] = 2.0f;
  w.people.available_hours[1] = 3.0f;
  w.people.available_hours[2] = 5.0f;  // not a senior: not in the budget
  w.index_ties();

  CHECK(load_roles(w, 1) == 0b0011);  // senior mentor and facilitator
  CHECK(load_roles(w, 4) == 0b1100);  // peer guide and reverse junior
  CHECK(load_roles(w, 8) == 0);       // no load

  LoadCarriers carriers;
  const LoadCarriersWeek& c = carriers.compute(w);
  CHECK(c.carriers == 5);
  CHECK(c.burned_out == 3);  // 0, 2, 4
  // By role (senior mentor, facilitator, peer guide, reverse junior):
  CHECK(c.by_role == std::array<std::int64_t, kLoadRoles>{2, 1, 2, 2});
  CHECK(c.burned_out_by_role == std::array<std::int64_t, kLoadRoles>{1, 0, 2, 1});
  CHECK(c.reverse_junior_hours == Approx(1.5 + 3.0));

  // The pass over the tie table gives the roles load_roles gives, row by row.
  for (std::size_t k = 0; k < kLoadRoles; ++k) {
    std::int64_t holders = 0;
    for (Row r = 0; r < 9; ++r) holders += (load_roles(w, r) >> k) & 1u;
    CHECK(c.by_role[k] == holders);
  }
  // Seniors 0 and 1 use 1 + 1 hours of their 2 + 3.
  CHECK(c.senior_hours_used == 2.0);
  CHECK(c.senior_hours_budget == 5.0);
}
