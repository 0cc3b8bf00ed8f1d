// Served demand (docs/metrics.md, "Reach: served demand") on a hand-built history: who asked when,
// who was given a developer when, who left; the shares within 4, 13 and 26 weeks worked out below.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "input/scenario_loader.hpp"
#include "metrics/served_demand.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

namespace {

const char* kTiny = R"(
[scenario]
name = "served_demand"
weeks = 30
[population]
initial_size = 0
[[programme]]
kind = "one_on_one"
)";

struct History {
  PractitionerId id;
  Week asked;    // kNeverRequested: never
  Week matched;  // kNeverMatched: never
  Week left;     // -1: stays
};

}  // namespace

TEST_CASE("served demand on a hand-built history", "[metrics]") {
  const Scenario scenario = params::load_scenario_text(kTiny, "<test_metrics_served_demand>", {});
  // Weeks 0..29 are recorded (T = 29).
  const std::vector<History> people{
      {0, 0, 2, -1},                // served after 2 weeks
      {1, 0, 10, -1},               // after 10
      {2, 1, kNeverMatched, -1},    // never
      {3, 5, 5, -1},                // the week they asked
      {4, 20, kNeverMatched, -1},   // asked late: only the 4-week horizon sees them
      {5, 4, 3, -1},                // a learner before asking: not a seeker
      {6, 2, kNeverMatched, 6},     // left unserved in week 6
      {7, 7, kNeverMatched, 7},     // asked and left in the same week, never recorded
      {8, 14, 40, -1},              // served after the run: not served
      {9, kNeverRequested, 3, -1},  // matched without asking: not a seeker
      {10, 16, 30, -1},             // after 14 weeks, beyond the run's end
  };
  World w(scenario, 0);
  for (const History& h : people) w.people.append(h.id, 0);
  w.people.append(100, 0);  // the developer of every match
  ServedDemand served(scenario);
  std::vector<ServedDemandWeek> weeks;
  const auto row_of = [&](PractitionerId id) { return w.people.find(id); };
  for (Week week = 0; week < 30; ++week) {
    w.set_week(week);
    w.counters.reset();
    // As in a week: requests when joining, then departures, then matches.
    for (const History& h : people)
      if (h.asked == week) w.note_request(h.id);
    std::vector<Row> leaving;
    for (const History& h : people)
      if (h.left == week) leaving.push_back(row_of(h.id));
    if (!leaving.empty()) {
      for (Row r : leaving) w.people.flags[r] |= flag::kLeaving;
      w.note_leavers(leaving);
      w.ties.remap_rows(w.people.compact_leavers(leaving));
    }
    for (const History& h : people)
      if (h.matched == week) {
        TieSpec spec;
        spec.developer = row_of(100);
        spec.learner = row_of(h.id);
        spec.planned_end = 100;
        w.create_tie(spec);
      }
    weeks.push_back(served.compute(w));
  }
  // Requests by week: 0: ids 0, 1; 1: id 2; 2: id 6; 5: id 3; 7: id 7 (who left that week);
  // 14: id 8; 16: id 10; 20: id 4. Id 5 (a learner before asking) and 9 never count.
  CHECK(weeks[0].new_seekers == 2);
  CHECK(weeks[4].new_seekers == 0);  // id 5 asked but is not a seeker
  CHECK(weeks[7].new_seekers == 1);
  CHECK(weeks[2].seekers_served == 1);   // id 0
  CHECK(weeks[3].seekers_served == 0);   // id 5 and 9 are not seekers
  CHECK(weeks[5].seekers_served == 1);   // id 3
  CHECK(weeks[10].seekers_served == 1);  // id 1
  // Waiting at the end: ids 2, 4, 8, 10 (6 and 7 left).
  CHECK(weeks[29].seekers_waiting == 4);

  const ServedDemandSummary s = served.summary();
  CHECK(s.seekers == 9);  // ids 0, 1, 2, 3, 4, 6, 7, 8, 10
  // Within 4: asked by week 25: all nine; served within 4: ids 0 and 3.
  CHECK(s.served_within_share[0] == Approx(2.0 / 9));
  // Within 13: asked by week 16: all but id 4; served within 13: ids 0, 1, 3.
  CHECK(s.served_within_share[1] == Approx(3.0 / 8));
  // Within 26: asked by week 3: ids 0, 1, 2, 6; served within 26: 0 and 1.
  CHECK(s.served_within_share[2] == Approx(2.0 / 4));
  // Served: ids 0 (2), 1 (10), 3 (0): mean 4, median (nearest rank) 2.
  CHECK(s.served_wait_mean_weeks == Approx(4.0));
  CHECK(s.served_wait_median_weeks == 2.0);
  CHECK(s.never_served_share == Approx(6.0 / 9));
}

TEST_CASE("served demand with nobody asking", "[metrics]") {
  const Scenario scenario = params::load_scenario_text(kTiny, "<test_metrics_served_demand>", {});
  World w(scenario, 0);
  w.people.append(0, 0);
  ServedDemand served(scenario);
  for (Week week = 0; week < 5; ++week) {
    w.set_week(week);
    served.compute(w);
  }
  const ServedDemandSummary s = served.summary();
  CHECK(s.seekers == 0);
  for (double share : s.served_within_share) CHECK(std::isnan(share));
  CHECK(std::isnan(s.served_wait_mean_weeks));
  CHECK(s.never_served_share == 0.0);
}
