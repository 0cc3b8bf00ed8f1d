#pragma once
// The world of the closed-form checks of tests/stats/test_closed_forms.cpp, and of the exact checks
// that build on it (time to competence in test_metrics_reach_growth.cpp).
#include <string>
#include <vector>

#include "input/scenario_loader.hpp"

namespace mentorsim::testing {

// Every mechanism off; one zone, one group, no spread in skill, nobody present (population
// .initial_size = 0) and nobody senior until overridden; knowledge (when switched on): alpha = 0.1,
// no absorptive limit, no forgetting, and only session learning: no experience at work and no
// learning by teaching, so a learner's gap closes only at their sessions and a developer's skill
// never moves; no dilution of quality with a developer's load, so a mentor of many learners
// gives each full quality.
constexpr const char* kClosedFormBase = R"(
joining = {enabled = false, arrivals_per_week = 0.0, newcomer_senior_share = 0.0}
departure = {enabled = false}
burnout = {enabled = false}
reciprocity = {enabled = false}
[scenario]
seed = 20260
[population]
initial_size = 0
zones = ["a"]
group_names = ["all"]
group_shares = [1.0]
skill_mean = [0.2]
skill_sd = 0.0
senior_share = 0.0
senior_skill_mean = [0.8]
initial_tenure_max_weeks = 0
[knowledge]
enabled = false
transfer_rate = 0.1
absorptive_gap = 1.0
forgetting_per_month = 0.0
forgetting_floor = 0.0
experience_half_life_weeks = 0.0
teaching_share = 0.0
relationships_before_dilution = 0.0
group_memory_share = 0.0
)";

// Fifo one-on-one mentoring with fixed relationships that outlast any run, weekly sessions always
// held at quality 0.8, and everyone who is not a mentor seeking one from the start.
constexpr const char* kClosedFormProgramme = R"(
[[programme]]
kind = "one_on_one"
matching = "fifo"
duration = "fixed"
duration_weeks = 5200
cadence_weeks = 1
attendance = 1.0
quality_base = 0.8
quality_similarity_bonus = 0.0
seek_share = 1.0
initial_seek_share = 1.0
rematch = false
)";

// The base world, with the programme if `programme`, then `overrides`.
inline Scenario closed_form_world(bool programme, const std::vector<std::string>& overrides) {
  return params::load_scenario_text(
      std::string(kClosedFormBase) + (programme ? kClosedFormProgramme : ""), "<closed_form_world>",
      overrides);
}

}  // namespace mentorsim::testing
