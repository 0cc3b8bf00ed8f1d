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
};

// How top_mentors ranks the developers who leave.
enum class ShockRank : std::uint8_t { kLoad, kSkill, kTies };

struct ShockConfig {
  ShockKind kind;
  std::int64_t week;
  std::int64_t count;     // top_mentors: developers who leave; hiring_surge: newcomers
  ShockRank by;           // top_mentors
  double share;           // random_departure: of everyone; layoff: of the function
  std::string function;   // layoff
  std::string programme;  // programme_pause: a [[programme]] name
  std::int64_t weeks;     // programme_pause: weeks without new matches
};

namespace declarations {
// Every key any kind takes, declared once (scenario/shock.cpp).
params::SectionSpec shock();
}  // namespace declarations

}  // namespace mentorsim
