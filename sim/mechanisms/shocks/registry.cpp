// The one list of shock kinds. To add one: a value of ShockKind and its name (scenario/shock.hpp,
// scenario/shock.cpp), any new keys in the shock section, a class in this folder, one entry here
// (its keys, those it requires, and any group of keys of which it takes exactly one).
#include <stdexcept>

#include "mechanisms/shocks/departures.hpp"
#include "mechanisms/shocks/expert_tier.hpp"
#include "mechanisms/shocks/hiring_surge.hpp"
#include "mechanisms/shocks/programme_pause.hpp"
#include "mechanisms/shocks/shock.hpp"

namespace mentorsim {

std::uint64_t Shock::newcomers(Week) const {
  return 0;
}
std::vector<Row> Shock::leavers(const World&) const {
  return {};
}
bool Shock::pauses(std::size_t, Week) const {
  return false;
}

const std::vector<ShockKindEntry>& shock_kinds() {
  // The kinds that remove a share or a number of their candidates take exactly one of these.
  const std::vector<std::string> kShareOrCount = {"share", "count"};
  static const std::vector<ShockKindEntry> kinds = {
      {ShockKind::kTopMentors,
       "The `count` developers ranked highest `by` load, skill or ties leave (who carries load "
       "depends on the model: a model-specific proxy).",
       {"kind", "week", "count", "by"},
       {"kind", "week", "count"},
       {},
       make_top_mentors_shock},
      {ShockKind::kExpertTier,
       "The most skilled `share` or `count` of the expert tier (the seniors) leave, by mean skill "
       "or by skill in `zone`: a tier defined the same way in every model.",
       {"kind", "week", "share", "count", "zone"},
       {"kind", "week"},
       kShareOrCount,
       make_expert_tier_shock},
      {ShockKind::kLoadCarriers,
       "Every developer carrying mentoring load leaves with probability `share`, or `count` of "
       "them chosen at random.",
       {"kind", "week", "share", "count"},
       {"kind", "week"},
       kShareOrCount,
       make_load_carriers_shock},
      {ShockKind::kRandomDeparture,
       "Every active practitioner leaves with probability `share`, or `count` of them chosen at "
       "random.",
       {"kind", "week", "share", "count"},
       {"kind", "week"},
       kShareOrCount,
       make_random_departure_shock},
      {ShockKind::kLayoff,
       "Every practitioner of `function` leaves with probability `share` (1: all of them), or "
       "`count` of them chosen at random.",
       {"kind", "week", "share", "count", "function"},
       {"kind", "week", "function"},
       kShareOrCount,
       make_layoff_shock},
      {ShockKind::kProgrammePause,
       "`programme` makes no new matches for `weeks` weeks; its relationships go on.",
       {"kind", "week", "programme", "weeks"},
       {"kind", "week", "programme", "weeks"},
       {},
       make_programme_pause_shock},
      {ShockKind::kHiringSurge,
       "`count` extra newcomers join.",
       {"kind", "week", "count"},
       {"kind", "week", "count"},
       {},
       make_hiring_surge_shock},
  };
  return kinds;
}

const ShockKindEntry& shock_kind(ShockKind kind) {
  for (const ShockKindEntry& e : shock_kinds())
    if (e.kind == kind) return e;
  throw std::logic_error("a shock kind without an entry in mechanisms/shocks/registry.cpp");
}

}  // namespace mentorsim
