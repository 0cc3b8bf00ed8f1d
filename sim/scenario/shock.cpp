// Every key of a [[shock]] entry, declared once; which ones a kind takes is registered with the
// kind (mechanisms/shocks/registry.cpp).
#include "scenario/shock.hpp"

namespace mentorsim::declarations {

using params::SectionBuilder;

params::SectionSpec shock() {
  return SectionBuilder<ShockConfig>(
             "shock",
             "Something that happens to the organisation in one week (docs/model.md §7.15).")
      .choice("kind", &ShockConfig::kind,
              {{"top_mentors", ShockKind::kTopMentors},
               {"expert_tier", ShockKind::kExpertTier},
               {"load_carriers", ShockKind::kLoadCarriers},
               {"random_departure", ShockKind::kRandomDeparture},
               {"layoff", ShockKind::kLayoff},
               {"programme_pause", ShockKind::kProgrammePause},
               {"hiring_surge", ShockKind::kHiringSurge}},
              ShockKind::kTopMentors,
              "What happens: the top `count` developers leave (top_mentors), the most skilled "
              "`share` or `count` of the expert tier leave (expert_tier), developers carrying load "
              "leave (load_carriers), a random `share` or `count` of everyone leaves "
              "(random_departure) or of one `function` (layoff), `programme` makes no new matches "
              "for `weeks` weeks (programme_pause), or `count` extra newcomers join "
              "(hiring_surge).")
      .integer("week", &ShockConfig::week, 0, {0, 5200}, "week",
               "Week the shock happens; before scenario.weeks.")
      .integer("count", &ShockConfig::count, 1, {0, 1e7}, "practitioners",
               "top_mentors: developers who leave; hiring_surge: extra newcomers (both required); "
               "expert_tier, load_carriers, random_departure, layoff: exactly this many of the "
               "kind's candidates leave, instead of a `share` (0: nobody).")
      .choice(
          "by", &ShockConfig::by,
          {{"load", ShockRank::kLoad}, {"skill", ShockRank::kSkill}, {"ties", ShockRank::kTies}},
          ShockRank::kLoad,
          "top_mentors: rank developers by mentoring load (hours/week), by mean skill, or by "
          "active developer ties (degree centrality); ties broken by lower id.")
      .real("share", &ShockConfig::share, 1.0, {0, 1}, "",
            "expert_tier: the share of the expert tier that leaves (rounded to the nearest "
            "person, halves up); load_carriers, random_departure, layoff: each candidate leaves "
            "with this probability. Those kinds take exactly one of `share` and `count`.")
      .text("function", &ShockConfig::function, "",
            "layoff: the function (population.function_names) laid off. Required for layoff.")
      .text("programme", &ShockConfig::programme, "",
            "programme_pause: the [[programme]] name paused. Required for programme_pause.")
      .integer("weeks", &ShockConfig::weeks, 1, {1, 5200}, "weeks",
               "programme_pause: weeks without new matches from `week` on (existing "
               "relationships continue). Required for programme_pause.")
      .text("zone", &ShockConfig::zone, "",
            "expert_tier: rank the experts by their skill in this zone (population.zones); "
            "\"\" (the default): by their mean skill over zones.")
      .build();
}

}  // namespace mentorsim::declarations
