#pragma once
// The world of the isolation checks: losing all of k independent guides
// (tests/stats/test_constellation_stats.cpp) and the isolation events it makes
// (tests/stats/test_resilience_stats.cpp).
#include <string>
#include <vector>

#include "input/scenario_loader.hpp"

namespace mentorsim::testing {

// Isolation from guides: every learner gets `guides_per_zone` distinct senior guides at week 0 in
// a constellation, each guide guiding nobody else (guide_capacity = 1), so the guides' departures
// are independent at the constant hazard departure.annual_rate. No check-in falls in a run of up
// to 104 weeks, so nobody is replaced, senior ties have no planned end, and a learner leaves at the
// same hazard whatever their guides do (mentored_hazard_ratio = 1).
constexpr const char* kGuideIsolation = R"(
[scenario]
name = "constellation_isolation"
weeks = 30
seed = 20260
replicates = 1

[population]
initial_size = 12000
zones = ["technical"]
skill_mean = [0.25]
skill_sd = 0.0
senior_share = 0.8
senior_skill_mean = [0.8]

[joining]
enabled = false

[departure]
enabled = true
annual_rate = 2.0
rate_is = "hazard"
mentored_hazard_ratio = 1.0   # a learner's own departure must not depend on keeping a guide

[knowledge]
enabled = false

[burnout]
enabled = false

[reciprocity]
enabled = false

[[programme]]
kind = "constellation"
initial_seek_share = 1.0
guide_capacity = 1
within_available_hours = false
checkin_weeks = 104
reflection_weeks = 0
senior_tie_weeks = 0   # senior ties end only when a guide leaves
)";

// The isolation world with `guides_per_zone` guides per learner, then `overrides`.
inline Scenario guide_isolation_world(int guides_per_zone, std::vector<std::string> overrides) {
  overrides.insert(overrides.begin(),
                   "programme.0.guides_per_zone=" + std::to_string(guides_per_zone));
  return params::load_scenario_text(kGuideIsolation, "<guide_isolation_world>", overrides);
}

}  // namespace mentorsim::testing
