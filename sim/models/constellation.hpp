#pragma once
// Mentorship constellations (seed 000, "Mentorship Constellation"; developmental networks): each
// learner maps 3–5 development zones and recruits 2–4 guides per zone "by capacity and
// relationship, not by title" (§4) — anyone whose skill in the zone leads the learner's and who has
// room, peers included. Guides meet the learner in staggered rhythms by role (§6: "weekly with the
// peer mentor, bi-weekly with the technical guide, monthly with the cultural navigator"; §4: "one
// quarterly coffee with a senior guide ... annual reflection with the whole constellation"). A
// check-in (§4: "annual (or quarterly)") releases stale guides, drops zones already mastered and
// refills zones short of guides, replacing guides who left. Two or more guides in a zone without a
// coordinator give contradictory advice (§5), which lowers the quality of those ties. Learners
// guide others as soon as they lead someone in a zone (§4: "Who will you mentor? Not
// someday—now").
#include <cstdint>
#include <memory>
#include <string>

#include "models/model.hpp"
#include "params/param_spec.hpp"

namespace mentorsim {

struct ProgrammeConfig;

struct ConstellationConfig final : ModelConfig {
  double seek_share;               // share of newcomers (not seniors) who build a constellation
  double initial_seek_share;       // share of the programme's starting population who do
  std::int64_t zones_per_learner;  // development zones mapped (clipped to population.zones)
  std::int64_t guides_per_zone;    // guides wanted in each mapped zone
  double min_lead;                 // a guide's skill lead over the learner in the zone
  bool require_can_mentor;         // guides must be flagged senior or can-mentor
  std::int64_t guide_capacity;     // developer ties a guide holds, over every programme
  bool within_available_hours;     // a new tie must fit the guide's available hours
  std::string matching;            // shared matcher policy
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
  double hours_peer;  // length of one session, by role (hours)
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

  std::unique_ptr<ModelConfig> clone() const override {
    return std::make_unique<ConstellationConfig>(*this);
  }
};

params::SectionSpec constellation_section();
std::unique_ptr<Model> make_constellation_model(const ProgrammeConfig& programme,
                                                int programme_index);

}  // namespace mentorsim
