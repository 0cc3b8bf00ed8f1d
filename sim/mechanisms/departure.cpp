#include "mechanisms/departure.hpp"

#include <tbb/parallel_for.h>

#include <cmath>

#include "core/blocks.hpp"
#include "core/distributions.hpp"
#include "state/model.hpp"

namespace mentorsim {

Departure::Departure(const Scenario& scenario)
    : config_(scenario.departure), burnout_enabled_(scenario.burnout.enabled) {
  annual_hazard_ = config_.rate_is == AnnualRate::kProbability
                       ? dist::annual_hazard_from_annual_probability(config_.annual_rate)
                       : config_.annual_rate;
  for (int b = 0; b < 2; ++b)
    for (int m = 0; m < 2; ++m) {
      double h = annual_hazard_;
      if (b) h *= config_.burnout_hazard_ratio;
      if (m) h *= config_.mentored_hazard_ratio;
      p_[b][m] = dist::weekly_probability_from_annual_hazard(h);
      hazard_[b][m] = -std::log1p(-p_[b][m]);
    }
}

double Departure::weekly_probability(bool burned_out, bool mentored) const {
  return p_[burned_out ? 1 : 0][mentored ? 1 : 0];
}

void Departure::apply(World& world) {
  if (!config_.enabled) return;
  Practitioners& people = world.people;
  const Row n = people.size();
  reason_.resize(n);  // every row writes its own entry below
  const StreamKey key = world.key();
  const Week week = world.week();

  tbb::parallel_for(tbb::blocked_range<Row>(0, n, 1024), [&](const tbb::blocked_range<Row>& range) {
    for (Row r = range.begin(); r != range.end(); ++r) {
      reason_[r] = 0;
      const bool burned_out = burnout_enabled_ && people.has(r, flag::kBurnedOut);
      const bool mentored = people.learner_ties[r] > 0;
      double& clock = people.departure_clock[r];
      if (std::isnan(clock))  // drawn once, at the first departure phase after joining
        clock = -std::log(uniform01(key, people.id[r], 0, Purpose::kDepartureClock));
      clock -= hazard_[burned_out][mentored];
      if (clock > 0.0) continue;
      // The hazard without burnout would have ended the clock in its share of cases: turnover.
      // The rest of the burned-out hazard is departure because of burnout (competing risks).
      const bool because_of_burnout =
          burned_out && uniform01(key, people.id[r], week, Purpose::kDeparture) >=
                            hazard_[0][mentored] / hazard_[1][mentored];
      reason_[r] = static_cast<std::uint8_t>(
          1 + static_cast<int>(because_of_burnout ? DepartureReason::kBurnout
                                                  : DepartureReason::kTurnover));
      people.flags[r] |= flag::kLeaving;
    }
  });

  gather_where(
      n, [&](Row r) { return reason_[r] != 0; }, leaving_);
  for (Row r : leaving_) ++world.counters.departures[reason_[r] - 1u];
  remove_leavers(world, leaving_);
}

void remove_leavers(World& world) {
  std::vector<Row> leaving;
  gather_where(
      world.people.size(), [&](Row r) { return world.people.has(r, flag::kLeaving); }, leaving);
  remove_leavers(world, leaving);
}

void remove_leavers(World& world, std::span<const Row> leaving) {
  Practitioners& people = world.people;
  world.leavers.clear();
  for (Row r : leaving) world.leavers.push_back(people.id[r]);
  if (world.leavers.empty()) return;
  for (auto& model : world.models()) model->on_departures(world);
  world.end_ties_of_leavers();
  world.end_memberships_of_leavers();
  world.note_leavers(leaving);  // censoring of the reach and growth metrics, before the rows go
  const std::vector<Row>& new_row = people.compact_leavers(leaving);
  world.ties.remap_rows(new_row);
  world.groups.remap_rows(new_row);
}

}  // namespace mentorsim
