#pragma once
// The group cohort model's config: one field per key of a [[programme]] entry of kind
// "group_cohort", declared once in scenario/programmes/group_cohort.cpp. The model itself:
// models/group_cohort.hpp.
#include <memory>
#include <string>
#include <vector>

#include "scenario/param_spec.hpp"
#include "scenario/programme.hpp"

namespace mentorsim {

struct GroupCohortConfig final : ModelConfig {
  std::int64_t cohort_size;           // members of a cohort when it forms (at most)
  std::int64_t cohort_min;            // a cohort forms once this many wait
  std::int64_t intake_every_weeks;    // also form on this calendar with whoever waits (0 = off)
  double seek_share;                  // share of newcomers (not seniors) who seek a cohort
  double initial_seek_share;          // share of the programme's starting population who seek one
  std::int64_t facilitator_capacity;  // cohorts one facilitator holds
  std::int64_t cadence_weeks;         // weeks between sessions
  double session_hours;               // length of one session
  std::int64_t cohort_weeks;          // weeks from formation to graduation
  double quality_base;                // facilitator tie quality; peer group x safety
  double safety_min;                  // a cohort's safety ~ uniform(safety_min, safety_max)
  double safety_max;
  double attendance;             // presence probability in full rhythm (R = 1)
  double skip_chance;            // a scheduled session slips (the calendar alone)
  double slip_contagion;         // lost rhythm makes the next session slip: c
  std::int64_t rhythm_memory;    // sessions the rhythm remembers (weight 1/this)
  std::int64_t vitality_window;  // held sessions over which the attendance is read
  double pause_below;            // a full window's rate below this pauses the cohort
  std::int64_t replant_weeks;    // length of a pause
  bool calendar_guard;           // halves skip_chance
  bool rematch;                  // graduates below competence seek again
  // Office hours (seed 001 §4: "optional one-on-one office hours (30 minutes/month per mentee)"):
  // a facilitator -> member tie of its own, beside the cohort's seats.
  bool office_hours;                        // members get office hours with their facilitator
  std::int64_t office_hours_cadence_weeks;  // weeks between office-hours slots (4 = monthly)
  double office_hours_hours;                // length of one slot, hours
  double office_hours_attendance;           // probability a member takes a slot
  // All-hands (seed 001 §4: "quarterly all-hands reflection where the whole community makes
  // meaning together"): every member of every cohort of the programme, with the facilitators.
  bool all_hands;                      // hold a whole-community all-hands
  std::int64_t all_hands_every_weeks;  // weeks between all-hands, from the programme's start
  double all_hands_hours;              // length of one all-hands, hours (facilitator load)
  double all_hands_attendance;         // probability a member attends
  double all_hands_quality;            // transfer quality toward the facilitators' mean skill

  std::unique_ptr<ModelConfig> clone() const override {
    return std::make_unique<GroupCohortConfig>(*this);
  }
};

// Its parameters, declared once (scenario/programmes/group_cohort.cpp).
params::SectionSpec group_cohort_section();

}  // namespace mentorsim
