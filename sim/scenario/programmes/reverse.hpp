#pragma once
// The reverse mentoring model's config: one field per key of a [[programme]] entry of kind
// "reverse", declared once in scenario/programmes/reverse.cpp. The model itself:
// models/reverse.hpp.
#include <memory>
#include <string>
#include <vector>

#include "scenario/matching_policy.hpp"
#include "scenario/param_spec.hpp"
#include "scenario/programme.hpp"

namespace mentorsim {

struct Scenario;

struct ReverseConfig final : ModelConfig {
  std::int64_t junior_max_tenure_weeks;  // juniors: not seniors, tenure below this
  std::vector<std::string> zones;        // zones covered; empty: every zone
  double seek_below;                     // a senior seeks in a covered zone below this skill
  double min_lead;                       // a junior's lead over the senior in that zone
  MatchingPolicy matching;               // the shared matcher's policy
  std::int64_t candidates;               // juniors scored per senior (best_score, batch_optimal)
  double weight_gap;                     // on the mean-skill gap (matcher score)
  double weight_availability;
  double weight_similarity;
  double weight_cross_function;
  std::int64_t capacity;  // seniors a junior develops at a time
  std::int64_t cadence_weeks;
  double session_hours;
  double attendance;
  double quality;
  std::int64_t duration_weeks;   // fixed length of a relationship
  double invisible_load_factor;  // load weight of the junior's hours (invisible labour)
  bool protected_time;           // sessions in protected calendar time
  double protected_load_share;   // share of the load that counts when time is protected
  bool rematch;                  // a senior still below seek_below seeks again on completion

  // The load weight put on each tie: invisible_load_factor, times protected_load_share when the
  // time is protected.
  double load_weight() const {
    return invisible_load_factor * (protected_time ? protected_load_share : 1.0);
  }

  std::unique_ptr<ModelConfig> clone() const override {
    return std::make_unique<ReverseConfig>(*this);
  }
};

// Its parameters, declared once (scenario/programmes/reverse.cpp).
params::SectionSpec reverse_section();
// Checks of the programme's zones against population.zones (for the model registry).
std::vector<std::pair<std::string, std::string>> reverse_check_in_scenario(
    const ProgrammeConfig& programme, const Scenario& scenario);

}  // namespace mentorsim
