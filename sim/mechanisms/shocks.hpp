#pragma once
// Shocks: the [[shock]] entries of a scenario, each happening in one week (docs/model.md §7.15).
// - top_mentors: the `count` developers ranked highest by load, skill or developer ties leave.
// - random_departure: every active practitioner leaves with probability `share`.
// - layoff: every practitioner of `function` leaves with probability `share` (1: all of them).
// - programme_pause: `programme` makes no new matches for `weeks` weeks.
// - hiring_surge: `count` extra newcomers join.
// Departures from shocks are handled like every departure (remove_leavers) and counted under
// DepartureReason::kShock.
#include <cstdint>
#include <vector>

#include "state/world.hpp"

namespace mentorsim {

class Shocks {
 public:
  explicit Shocks(const Scenario& scenario);

  // Extra newcomers of this week's hiring surges (joining phase).
  std::uint64_t newcomers(Week week) const;
  // This week's departure shocks (top_mentors, random_departure, layoff), one after the other in
  // file order, each removing its leavers before the next selects (departure phase, before the
  // ordinary departure draws).
  void apply_departures(World& world) const;
  // Whether a programme_pause keeps programme `programme` from matching in week `week`.
  bool paused(std::size_t programme, Week week) const;

  // Rows the departure shock `index` selects in the current state of `world`, in row order
  // (exposed for tests). Empty for shocks that remove nobody.
  std::vector<Row> leavers(const World& world, std::size_t index) const;

 private:
  const Scenario& scenario_;
  std::vector<std::size_t> target_;  // per shock: programme index (pause) or function (layoff)
};

}  // namespace mentorsim
