#pragma once
// Group mentoring cohorts (seed 001 §2, §4, §5, §8): cohorts of 8–12 learners meeting biweekly
// with one facilitator ("a guide holds 8–15 people"), formed when enough people wait, graduating
// after a fixed term. Attendance is drawn per member and session; a cohort whose attendance falls
// decays through stages ("80%+" → "60%, then 40%": "group mentorship dies when meetings become
// irregular") and, below the last, pauses ("pause for 3 months ... Then restart"). A calendar
// guard ("assign someone to guard the calendar") halves the chance of each slip.
#include <memory>

#include "scenario/programmes/group_cohort.hpp"
#include "state/model.hpp"

namespace mentorsim {

std::unique_ptr<Model> make_group_cohort_model(const ProgrammeConfig& programme,
                                               int programme_index);

}  // namespace mentorsim
