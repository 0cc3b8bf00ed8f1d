#pragma once
// Questions the model tests ask of a simulated World's tie and peer-group tables.
#include <algorithm>
#include <cstdint>

#include "state/world.hpp"

namespace mentorsim::testing {

// Tie row `t` is active and of `kind`.
inline bool is_active(const World& w, TieRow t, TieKind kind) {
  return w.ties.active(t) && w.ties.kind[t] == static_cast<std::uint8_t>(kind);
}

// The smallest id among the active members of group `g` (~0 when it has none): a label for the
// cohort or pod the group stands for.
inline PractitionerId smallest_active_member(const World& w, GroupRow g) {
  PractitionerId smallest = ~PractitionerId{0};
  for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m)
    if (w.groups.active(m)) smallest = std::min(smallest, w.groups.member_id[m]);
  return smallest;
}

}  // namespace mentorsim::testing
