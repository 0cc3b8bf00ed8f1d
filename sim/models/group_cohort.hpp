#pragma once
// Group mentoring cohorts (seed 001 §2, §4, §5, §8): cohorts of 8–12 learners meeting biweekly
// with one facilitator ("a guide holds 8–15 people"), formed when enough people wait, graduating
// after a fixed term. Attendance is drawn per member and session; a cohort whose attendance falls
// decays through stages ("80%+" → "60%, then 40%": "group mentorship dies when meetings become
// irregular") and, below the last, pauses ("pause for 3 months ... Then restart"). A calendar
// guard ("assign someone to guard the calendar") halves the chance of each slip.
#include <memory>
#include <string>
#include <vector>

#include "models/model.hpp"
#include "params/param_spec.hpp"

namespace mentorsim {

struct ProgrammeConfig;

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
  std::vector<double> attendance_stages;  // presence probability per vitality stage, top first
  std::int64_t vitality_window;           // sessions over which the attendance rate is taken
  double decay_below;                     // a rate below this moves the cohort one stage down
  double pause_below;                     // at the last stage, a rate below this pauses it
  std::int64_t replant_weeks;             // length of a pause
  bool calendar_guard;                    // halves the chance of each slip (stage or pause)
  bool rematch;                           // graduates below competence seek again
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

params::SectionSpec group_cohort_section();
std::unique_ptr<Model> make_group_cohort_model(const ProgrammeConfig& programme,
                                               int programme_index);

}  // namespace mentorsim
