#pragma once
// The one-on-one model's config: one field per key of a [[programme]] entry of kind "one_on_one",
// declared once in scenario/programmes/one_on_one.cpp. The model itself: models/one_on_one.hpp.
#include <memory>
#include <string>

#include "scenario/matching_policy.hpp"
#include "scenario/param_spec.hpp"
#include "scenario/programme.hpp"

namespace mentorsim {

// How long a one-on-one relationship lasts: duration_weeks exactly, or geometric with that mean.
enum class DurationShape : std::uint8_t { kFixed, kExponential };

struct OneOnOneConfig final : ModelConfig {
  std::int64_t capacity;             // mentees a mentor takes in the normal course
  std::int64_t max_mentees;          // hard cap a mentor accepts under waiting-list pressure
  std::int64_t pressure_wait_weeks;  // wait after which mentors at capacity take on more
  MatchingPolicy matching;           // the shared matcher's policy
  std::int64_t candidates;           // mentors scored per learner by best_score, batch_optimal
  double weight_gap;
  double weight_availability;
  double weight_similarity;         // negative favours cross-group pairs
  double weight_cross_function;     // positive favours pairs across functions
  double cross_group_end_per_year;  // extra hazard (1/year) that a cross-group tie ends early
  DurationShape duration;           // fixed length, or exponential around duration_weeks
  double duration_weeks;            // length, or mean length
  std::int64_t cadence_weeks;       // weeks between sessions
  double session_hours;
  double attendance;  // probability a scheduled session takes place
  double quality_base;
  double quality_similarity_bonus;
  double seek_share;          // share of newcomers who seek a mentor on joining
  double initial_seek_share;  // share of the week-0 population (non-mentors) who seek one
  bool rematch;               // a learner still below competence seeks again when a tie ends

  std::unique_ptr<ModelConfig> clone() const override {
    return std::make_unique<OneOnOneConfig>(*this);
  }
};

// Its parameters, declared once (scenario/programmes/one_on_one.cpp).
params::SectionSpec one_on_one_section();

}  // namespace mentorsim
