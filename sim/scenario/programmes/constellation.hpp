#pragma once
// The constellation model's config: one field per key of a [[programme]] entry of kind
// "constellation", declared once in scenario/programmes/constellation.cpp. The model itself:
// models/constellation.hpp.
#include <cstdint>
#include <memory>
#include <string>

#include "scenario/matching_policy.hpp"
#include "scenario/param_spec.hpp"
#include "scenario/programme.hpp"

namespace mentorsim {

struct ConstellationConfig final : ModelConfig {
  double seek_share;               // share of newcomers (not seniors) who build a constellation
  double initial_seek_share;       // share of the programme's starting population who do
  std::int64_t zones_per_learner;  // development zones mapped (clipped to population.zones)
  std::int64_t guides_per_zone;    // guides wanted in each mapped zone
  double min_lead;                 // a guide's skill lead over the learner in the zone
  bool require_can_mentor;         // guides must be flagged senior or can-mentor
  std::int64_t guide_capacity;     // developer ties a guide holds, over every programme
  bool within_available_hours;     // a new tie must fit the guide's available hours
  MatchingPolicy matching;         // the shared matcher's policy
  std::int64_t candidates;         // eligible guides scored per slot (best_score, batch_optimal)
  double weight_gap;
  double weight_availability;
  double weight_similarity;
  double weight_cross_function;
  std::int64_t peer_tenure_band_weeks;  // |joined(guide) − joined(learner)| within this: a peer
  std::int64_t navigator_tenure_weeks;  // tenure at or above this: a navigator
  std::int64_t cadence_peer_weeks;
  std::int64_t cadence_technical_weeks;
  std::int64_t cadence_navigator_weeks;
  std::int64_t cadence_senior_weeks;
  std::int64_t senior_tie_weeks;  // a senior guide's tie completes after this many weeks (0: never)
  double hours_peer;              // length of one session, by role (hours)
  double hours_technical;
  double hours_navigator;
  double hours_senior;
  double attendance;              // probability a scheduled session is held
  double quality;                 // tie quality before contradiction
  std::int64_t checkin_weeks;     // weeks between a learner's check-ins
  std::int64_t stale_sessions;    // consecutive missed sessions that make a guide stale
  bool release_caught_up;         // a guide the learner has caught up with in the zone is stale
  bool drop_competent_zones;      // zones at competence are dropped (and replaced) at a check-in
  std::int64_t reflection_weeks;  // weeks between whole-constellation reflections (0: none)
  double reflection_attendance;
  double reflection_quality;
  double coordinator_share;     // share of learners whose constellation has a coordinator
  double contradiction_factor;  // multiplies the quality of a zone's ties with ≥ 2 guides
  double synthesis_factor;      // multiplies it too: several perspectives (before contradiction)

  std::unique_ptr<ModelConfig> clone() const override {
    return std::make_unique<ConstellationConfig>(*this);
  }
};

// Its parameters, declared once (scenario/programmes/constellation.cpp).
params::SectionSpec constellation_section();

}  // namespace mentorsim
