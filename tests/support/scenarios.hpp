#pragma once
// Scenarios the tests start from: a bundled model cut to a number of weeks, and the TOML lines
// that switch every mechanism off for a small world written out in a test.
#include <string>
#include <vector>

#include "input/scenario_loader.hpp"
#include "support/source_tree.hpp"

namespace mentorsim::testing {

// scenarios/models/<name>.toml run for `weeks` weeks, then `overrides` (which may set the weeks
// again: the later override wins).
inline Scenario bundled(const std::string& name, int weeks, std::vector<std::string> overrides) {
  overrides.insert(overrides.begin(), "scenario.weeks=" + std::to_string(weeks));
  return params::load_scenario_file(model_path(name), overrides);
}

// No joining, departures, learning, burnout or reciprocity: only what a test switches back on
// moves. Switching knowledge back on gives session transfer and forgetting only: experience,
// learning by teaching, the dilution of quality with load and the groups' memory stay off until a
// test sets them.
// Top-level keys, so they go before the first [table] of the test's own text.
constexpr const char* kMechanismsOff = R"(
joining = {enabled = false, arrivals_per_week = 0.0}
departure = {enabled = false}
knowledge = {enabled = false, experience_half_life_weeks = 0.0, teaching_share = 0.0, relationships_before_dilution = 0.0, group_memory_share = 0.0}
burnout = {enabled = false}
reciprocity = {enabled = false}
)";

}  // namespace mentorsim::testing
