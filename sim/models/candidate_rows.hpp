#pragma once
// Candidates (row, spare room) over every practitioner row, in row order, found in fixed blocks of
// rows side by side (core/blocks.hpp): the list is the one a single pass would make, on any number
// of threads. For the models' weekly scans of the whole population (who may facilitate, visit,
// mentor upward).
#include <algorithm>
#include <array>
#include <vector>

#include "core/blocks.hpp"
#include "matching/matcher.hpp"
#include "state/ids.hpp"
#include "state/world.hpp"

namespace mentorsim {

// block(first, last, out) appends the candidates among rows [first, last) to out, in row order;
// last - first is at most kBlockRows (core/blocks.hpp). It runs concurrently for different
// blocks: it may only read shared state.
template <class BlockBody>
std::vector<matching::Candidate> candidates_by_block(Row rows, BlockBody&& block) {
  return joined_by_block<matching::Candidate>(rows, [&](Block b, auto& out) {
    block(static_cast<Row>(b.first), static_cast<Row>(b.last), out);
  });
}

// Developers with room who are not members of the programme's groups: rows with any of the
// `eligible` flags, not keys of `members`, offering `programme` its nominal capacity less what
// `held` (id -> groups held, e.g. cohorts facilitated) says they hold already. Rows are in id
// order, as are both maps (FlatIdMap): each block walks them together from its first id instead of
// a lookup per row. The cursors made first merge the maps, so the blocks only read them.
template <class MemberMap, class HeldMap>
std::vector<matching::Candidate> free_developers(const World& world, std::size_t programme,
                                                 std::uint8_t eligible, const MemberMap& members,
                                                 const HeldMap& held, std::int64_t nominal) {
  const Practitioners& p = world.people;
  members.cursor();
  held.cursor();
  return candidates_by_block(p.size(), [&](Row first, Row last, auto& out) {
    if (first == last) return;
    auto member = members.cursor(p.id[first]);
    auto holds = held.cursor(p.id[first]);
    // The block's eligible rows first, without a branch per row (a minority of rows, at random:
    // the branch mispredicted), then the rest of the checks on those.
    std::array<Row, kBlockRows> rows;
    std::size_t found = 0;
    for (Row r = first; r < last; ++r) {
      rows[found] = r;
      found += (p.flags[r] & eligible) != 0;
    }
    for (std::size_t i = 0; i < found; ++i) {
      const Row r = rows[i];
      const PractitionerId id = p.id[r];
      if (member.seek(id)) continue;
      const auto* count = holds.seek(id);
      const std::int64_t spare =
          world.offered_capacity(programme, r, nominal) - (count ? *count : 0);
      if (spare > 0) out.push_back({r, spare});
    }
  });
}

}  // namespace mentorsim
