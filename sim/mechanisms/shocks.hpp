#pragma once
// Shocks: the [[shock]] entries of a scenario, each happening in one week (docs/model.md §7.15),
// each kind a class under mechanisms/shocks/ registered by its key. This mechanism asks them, in
// file order, for the week's extra newcomers (joining), leavers (departure) and paused programmes
// (matching). Departures from shocks are handled like every departure (remove_leavers) and
// counted under DepartureReason::kShock.
#include <cstdint>
#include <memory>
#include <vector>

#include "mechanisms/shocks/shock.hpp"
#include "state/world.hpp"

namespace mentorsim {

class Shocks {
 public:
  explicit Shocks(const Scenario& scenario);

  // Extra newcomers of this week's shocks (joining phase).
  std::uint64_t newcomers(Week week) const;
  // This week's departure shocks, one after the other in file order, each removing its leavers
  // before the next selects (departure phase, before the ordinary departure draws).
  void apply_departures(World& world) const;
  // Whether a shock keeps programme `programme` from matching in week `week`.
  bool paused(std::size_t programme, Week week) const;

  // Rows shock `index` selects to leave in the current state of `world`, in row order (exposed
  // for tests). Empty for shocks that remove nobody.
  std::vector<Row> leavers(const World& world, std::size_t index) const;

 private:
  const Scenario& scenario_;
  std::vector<std::unique_ptr<Shock>> shocks_;  // by [[shock]] entry, in file order
};

}  // namespace mentorsim
