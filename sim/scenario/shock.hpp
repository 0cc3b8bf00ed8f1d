#pragma once
// One [[shock]] entry: something that happens to the organisation in one week (docs/model.md
// §7.15). Which keys an entry takes, and what it does, depend on its kind: each kind is one class
// under sim/mechanisms/shocks/, registered in mechanisms/shocks/registry.cpp with its keys.
#include <cstdint>
#include <string>

#include "scenario/param_spec.hpp"

namespace mentorsim {

enum class ShockKind : std::uint8_t {
  kTopMentors,       // the top `count` developers leave
  kRandomDeparture,  // everyone leaves with probability `share`
  kLayoff,           // the practitioners of `function` leave with probability `share`
  kProgrammePause,   // `programme` makes no new matches for `weeks` weeks
  kHiringSurge,      // `count` extra newcomers join
  kExpertTier,       // the top `share` (or `count`) of the expert tier (seniors) by skill leave
  kLoadCarriers,     // developers carrying load leave with probability `share` (or `count` of them)
};

// How top_mentors ranks the developers who leave.
enum class ShockRank : std::uint8_t { kLoad, kSkill, kTies };

struct ShockConfig {
  ShockKind kind;
  std::int64_t week;
  // top_mentors: developers who leave; hiring_surge: newcomers; the kinds that take `share` or
  // `count` (expert_tier, load_carriers, random_departure, layoff): exactly this many leave.
  std::int64_t count;
  ShockRank by;           // top_mentors
  double share;           // the kinds that take `share` or `count`: see ShockKindEntry::one_of
  std::string function;   // layoff
  std::string programme;  // programme_pause: a [[programme]] name
  std::int64_t weeks;     // programme_pause: weeks without new matches
  std::string zone;       // expert_tier: rank by skill in this zone; empty: mean over zones
  // Which of `share` and `count` the entry gives, for the kinds that take one of them (set by the
  // reader from the keys present, not a key itself): true for `count`.
  bool by_count = false;
};

namespace declarations {
// Every key any kind takes, declared once (scenario/shock.cpp).
params::SectionSpec shock();
}  // namespace declarations

}  // namespace mentorsim
