// Parameters of the one-on-one model, declared once.
#include <fmt/format.h>

#include "scenario/programmes/one_on_one.hpp"

namespace mentorsim {

params::SectionSpec one_on_one_section() {
  using B = params::SectionBuilder<OneOnOneConfig>;
  return B("one_on_one", "Classic one-on-one mentoring with a waiting list.")
      .integer("capacity", &OneOnOneConfig::capacity, 4, {1, 100}, "mentees",
               "Mentees a mentor takes in the normal course (group-models seed §2: 3-5).")
      .integer("max_mentees", &OneOnOneConfig::max_mentees, 0, {0, 100}, "mentees",
               "Most mentees a mentor accepts when learners have waited pressure_wait_weeks "
               "(seed: organisers 'handling 8-10 mentees each'); 0: never more than capacity.")
      .integer("pressure_wait_weeks", &OneOnOneConfig::pressure_wait_weeks, 12, {0, 5200}, "weeks",
               "Wait after which a learner may be placed with a mentor already at capacity.")
      .choice("matching", &OneOnOneConfig::matching, matching_policies(), MatchingPolicy::kFifo,
              "fifo: longest-waiting learner first, to the free mentor with most spare capacity; "
              "random: longest-waiting first, to a uniformly random mentor with room; "
              "best_score: longest-waiting first, to the best-scoring of a few sampled mentors; "
              "batch_optimal: the week's whole list at once, maximising the total score.")
      .integer("candidates", &OneOnOneConfig::candidates, 16, {1, 1000}, "mentors",
               "Mentors with spare capacity surfaced and scored per learner by best_score and "
               "batch_optimal.")
      .real("weight_gap", &OneOnOneConfig::weight_gap, 1.0, {-100, 100}, "1/skill",
            "Score weight (best_score, batch_optimal) on the mentor's skill lead over the learner "
            "(mean over zones).")
      .real("weight_availability", &OneOnOneConfig::weight_availability, 0.5, {-100, 100}, "",
            "Score weight (best_score, batch_optimal) on the mentor's spare share of capacity.")
      .real("weight_similarity", &OneOnOneConfig::weight_similarity, 0.0, {-100, 100}, "",
            "Score weight on sharing the learner's group; negative favours cross-group pairs.")
      .real("weight_cross_function", &OneOnOneConfig::weight_cross_function, 0.0, {-100, 100}, "",
            "Score weight on mentor and learner being in different functions (brief: "
            "'cross-function bonus'; constellation seed §4: 'pair engineers across specialties').")
      .real("cross_group_end_per_year", &OneOnOneConfig::cross_group_end_per_year, 0.0, {0, 52},
            "1/year",
            "Extra hazard that a relationship between different groups ends early (homophily: "
            "McPherson et al. 2001; constellation seed §7); ends with reason 'dissolved'.")
      .choice("duration", &OneOnOneConfig::duration,
              {{"fixed", DurationShape::kFixed}, {"exponential", DurationShape::kExponential}},
              DurationShape::kFixed,
              "Relationship length: fixed, or exponential with the given mean.")
      .real("duration_weeks", &OneOnOneConfig::duration_weeks, 39.0, {1, 5200}, "weeks",
            "Relationship length or mean length (formal programmes 6-12 months; Grossman & Rhodes "
            "2002).")
      .integer("cadence_weeks", &OneOnOneConfig::cadence_weeks, 2, {1, 52}, "weeks",
               "Weeks between sessions (biweekly by default).")
      .real("session_hours", &OneOnOneConfig::session_hours, 1.0, {0, 40}, "hours",
            "Length of one session; the mentor's load is session_hours / cadence_weeks per mentee.")
      .real("attendance", &OneOnOneConfig::attendance, 0.9, {0, 1}, "",
            "Probability that a scheduled session takes place (assumed).")
      .real("quality_base", &OneOnOneConfig::quality_base, 0.7, {0, 1}, "",
            "Relationship quality of a pair from different groups (assumed).")
      .real("quality_similarity_bonus", &OneOnOneConfig::quality_similarity_bonus, 0.15, {0, 1}, "",
            "Extra quality when mentor and learner share a group (Eby et al. 2013; assumed size).")
      .real("seek_share", &OneOnOneConfig::seek_share, 0.8, {0, 1}, "",
            "Share of newcomers who seek a mentor when they join.")
      .real("initial_seek_share", &OneOnOneConfig::initial_seek_share, 0.05, {0, 1}, "",
            "Share of the week-0 population (those not able to mentor) seeking a mentor at week 0.")
      .flag("rematch", &OneOnOneConfig::rematch, true,
            "A learner still below competence in some zone seeks a new mentor when a relationship "
            "completes (one cut short by the mentor leaving or burning out always re-queues them).")
      .check({"max_mentees", "capacity"},
             [](const OneOnOneConfig& c) -> std::optional<std::string> {
               if (c.max_mentees != 0 && c.max_mentees < c.capacity)
                 return fmt::format(
                     "max_mentees {} must be 0 (no pressure placement) or at least "
                     "capacity {}",
                     c.max_mentees, c.capacity);
               return std::nullopt;
             })
      .check({"quality_base", "quality_similarity_bonus"},
             [](const OneOnOneConfig& c) -> std::optional<std::string> {
               if (c.quality_base + c.quality_similarity_bonus > 1.0)
                 return fmt::format("quality_base + quality_similarity_bonus = {:g} exceeds 1",
                                    c.quality_base + c.quality_similarity_bonus);
               return std::nullopt;
             })
      .build();
}

}  // namespace mentorsim
