// Parameters of the reverse mentoring model, declared once.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

#include "scenario/programmes/reverse.hpp"
#include "scenario/scenario.hpp"

namespace mentorsim {

params::SectionSpec reverse_section() {
  using B = params::SectionBuilder<ReverseConfig>;
  return B("reverse",
           "Reverse mentoring: juniors teach seniors in the zones where they are stronger.")
      .integer("junior_max_tenure_weeks", &ReverseConfig::junior_max_tenure_weeks, 104, {1, 5200},
               "weeks",
               "Juniors (reverse mentors) are non-seniors with tenure below this (assumed: two "
               "years).")
      .string_list("zones", &ReverseConfig::zones, {}, {0, 8},
                   "Zones the programme covers, among population.zones; empty: every zone.")
      .real("seek_below", &ReverseConfig::seek_below, 0.5, {0, 1}, "skill",
            "A senior seeks a reverse mentor in each covered zone where their skill is below this "
            "(assumed).")
      .real("min_lead", &ReverseConfig::min_lead, 0.1, {0, 1}, "skill",
            "A junior is eligible for a senior in a zone when their skill there exceeds the "
            "senior's by at least this (assumed).")
      .choice("matching", &ReverseConfig::matching, matching_policies(), MatchingPolicy::kBestScore,
              "Shared matcher policy, applied to each waiting senior in turn over the juniors "
              "eligible for them in that zone.")
      .integer("candidates", &ReverseConfig::candidates, 16, {1, 1000}, "juniors",
               "Eligible juniors sampled and scored per senior by best_score and batch_optimal.")
      .real("weight_gap", &ReverseConfig::weight_gap, 0.0, {-100, 100}, "1/skill",
            "Score weight on the junior's lead over the senior in the zone sought (eligibility "
            "already requires min_lead there; assumed 0: chosen by room).")
      .real("weight_availability", &ReverseConfig::weight_availability, 0.5, {-100, 100}, "",
            "Score weight on the junior's spare share of capacity.")
      .real("weight_similarity", &ReverseConfig::weight_similarity, 0.0, {-100, 100}, "",
            "Score weight on sharing the senior's group; negative favours cross-group pairs.")
      .real("weight_cross_function", &ReverseConfig::weight_cross_function, 0.0, {-100, 100}, "",
            "Score weight on junior and senior being in different functions.")
      .integer("capacity", &ReverseConfig::capacity, 1, {1, 100}, "seniors",
               "Relationships a junior holds at a time, over every programme (assumed: one).")
      .integer("cadence_weeks", &ReverseConfig::cadence_weeks, 4, {1, 52}, "weeks",
               "Weeks between sessions (4: about monthly).")
      .real("session_hours", &ReverseConfig::session_hours, 1.0, {0, 40}, "hours",
            "Length of one session.")
      .real("attendance", &ReverseConfig::attendance, 0.9, {0, 1}, "",
            "Probability that a scheduled session takes place (assumed).")
      .real("quality", &ReverseConfig::quality, 0.8, {0, 1}, "",
            "Relationship quality, scaling transfer (assumed).")
      .integer("duration_weeks", &ReverseConfig::duration_weeks, 26, {1, 5200}, "weeks",
               "Fixed length of a relationship (assumed: six months).")
      .real("invisible_load_factor", &ReverseConfig::invisible_load_factor, 1.5, {0, 10}, "",
            "Weight of the junior's session hours in their load: teaching seniors is emotional "
            "work (constellation seed §5: 'invisible labour'; x1.5 assumed, MODEL-BRIEF).")
      .flag("protected_time", &ReverseConfig::protected_time, true,
            "Sessions sit in protected calendar time (seed 002: 'must be protected time'), so "
            "only protected_load_share of the weighted load counts against available hours.")
      .real("protected_load_share", &ReverseConfig::protected_load_share, 0.5, {0, 1}, "",
            "Share of the weighted load that counts when protected_time is on (assumed).")
      .flag("rematch", &ReverseConfig::rematch, true,
            "A senior still below seek_below in the zone seeks again when a relationship "
            "completes (one cut short by the junior leaving or burning out always re-queues).")
      .check({"zones"},
             [](const ReverseConfig& c) -> std::optional<std::string> {
               std::vector<std::string> sorted = c.zones;
               std::sort(sorted.begin(), sorted.end());
               const auto dup = std::adjacent_find(sorted.begin(), sorted.end());
               if (dup != sorted.end()) return fmt::format("zone '{}' is listed twice", *dup);
               return std::nullopt;
             })
      .build();
}

std::vector<std::pair<std::string, std::string>> reverse_check_in_scenario(
    const ProgrammeConfig& programme, const Scenario& scenario) {
  std::vector<std::pair<std::string, std::string>> problems;
  const auto& names = scenario.population.zones;
  for (const std::string& zone : static_cast<const ReverseConfig&>(*programme.model).zones)
    if (std::find(names.begin(), names.end(), zone) == names.end())
      problems.emplace_back("zones", fmt::format("unknown zone '{}' (population.zones: '{}')", zone,
                                                 fmt::join(names, "', '")));
  return problems;
}

}  // namespace mentorsim
