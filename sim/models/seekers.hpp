#pragma once
// Who of the joining practitioners seeks a place in a programme: everyone without the `excluded`
// flag, each with probability `share`, drawn from (id, week, kSeeksMentor, programme index) so that
// two programmes decide independently. Shared by the models that keep a waiting list.
#include <cstdint>
#include <span>

#include "core/rng.hpp"
#include "state/world.hpp"

namespace mentorsim {

// Calls `seek(id)` for each seeker, in row (id) order.
template <class Seek>
void for_each_seeker(const World& world, std::span<const Row> rows, double share,
                     std::uint8_t excluded, std::uint64_t programme, Seek&& seek) {
  for (Row r : rows) {
    if (world.people.has(r, excluded)) continue;
    const PractitionerId id = world.people.id[r];
    if (uniform01(world.key(), id, world.week(), Purpose::kSeeksMentor, programme) < share)
      seek(id);
  }
}

}  // namespace mentorsim
