#pragma once
// Departure: each week every practitioner leaves with probability p = 1 - exp(-h/52), where the
// yearly hazard h is the baseline times a ratio while burned out and a ratio while being developed.
// Drawn as a clock: each practitioner draws once a unit-exponential budget E = -ln u and spends
// the week's hazard h_w = -ln(1 - p) every week, leaving in the week it runs out. Whatever the
// hazards did before, the chance of leaving this week is then exactly p (the exponential has no
// memory), at one subtraction a week instead of a random draw. The clock is a double, so that small
// hazards do not round away. A leaver's ties end, their
// knowledge leaves with them, and their row is compacted away.
#include <span>
#include <vector>

#include "state/world.hpp"

namespace mentorsim {

class Departure {
 public:
  explicit Departure(const Scenario& scenario);

  // Flags leavers (in parallel, each row on its own), then in row order: counts reasons, tells the
  // programmes, ends ties, and compacts practitioners and tie rows.
  void apply(World& world);

  // Weekly probability for a practitioner in the given state (exposed for tests).
  double weekly_probability(bool burned_out, bool mentored) const;

 private:
  const DepartureConfig& config_;
  bool burnout_enabled_;
  double annual_hazard_;              // per year
  double p_[2][2];                    // [burned_out][mentored]
  double hazard_[2][2];               // weekly hazard -ln(1 - p), [burned_out][mentored]
  std::vector<std::uint8_t> reason_;  // per row: 0 stays, 1 + DepartureReason leaves
  std::vector<Row> leaving_;          // rows leaving this week, increasing
};

// Removes the practitioners flagged kLeaving, as every departure is handled: world.leavers gets
// their ids in row (id) order, every programme hears of them (on_departures), their active ties end
// in tie order (mentor_left / mentee_left) and the practitioner and tie rows are compacted.
// Counting the departures by reason is the caller's. Used by Departure::apply and by shocks.
void remove_leavers(World& world);
// The same, given `leaving`: exactly the rows flagged kLeaving, increasing.
void remove_leavers(World& world, std::span<const Row> leaving);

}  // namespace mentorsim
