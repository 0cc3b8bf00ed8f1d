// Attendance of group cohort office hours and all-hands is binomial at the configured rates
// (independent draws per tie and session, per member and all-hands). Tolerance 4 SE,
// SE = sqrt(p (1 - p) / n). Burnout is off so that no burned-out facilitator skips a slot.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "models/group_cohort_impl.hpp"
#include "support/scenarios.hpp"
#include "support/statistics.hpp"
#include "support/world_queries.hpp"

using namespace mentorsim;
using mentorsim::testing::binomial_se;
using mentorsim::testing::is_active;

namespace {

Scenario cohort_scenario(double office_p, double all_hands_p) {
  return testing::bundled("group_cohort", 156,
                          {"burnout.enabled=false", "programme.0.all_hands_every_weeks=4",
                           "programme.0.office_hours_attendance=" + std::to_string(office_p),
                           "programme.0.all_hands_attendance=" + std::to_string(all_hands_p)});
}

}  // namespace

TEST_CASE("office-hours and all-hands attendance are binomial at their rates",
          "[group_cohort][stats]") {
  const double office_p = 0.3, all_hands_p = 0.6;
  const Scenario scenario = cohort_scenario(office_p, all_hands_p);  // outlives the simulation
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  double scheduled = 0, held = 0, invited = 0, present = 0;
  for (int week = 0; week < 156; ++week) {
    sim.step();
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!is_active(w, t, TieKind::kOneOnOne) || !w.ties.scheduled(t, w.week())) continue;
      scheduled += 1;
      held += w.ties.held[t];
    }
    const auto& model = dynamic_cast<const group_cohort::CohortModel&>(*w.models().front());
    if (model.last_all_hands().week == w.week()) {
      invited += static_cast<double>(model.last_all_hands().invited.size());
      present += static_cast<double>(model.last_all_hands().present.size());
    }
  }
  REQUIRE(scheduled > 2000);
  REQUIRE(invited > 2000);
  const double office = held / scheduled;
  const double office_se = binomial_se(office_p, scheduled);
  const double hands = present / invited;
  const double hands_se = binomial_se(all_hands_p, invited);
  INFO("office hours " << office << " of " << scheduled << "; all-hands " << hands << " of "
                       << invited);
  CHECK(std::abs(office - office_p) < 4 * office_se);
  CHECK(std::abs(hands - all_hands_p) < 4 * hands_se);
}
