#include "mechanisms/burnout.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

namespace mentorsim {

Burnout::Burnout(const Scenario& scenario) : config_(scenario.burnout) {}

double Burnout::next_exhaustion(double exhaustion, double load_hours,
                                double available_hours) const {
  double overload;
  if (available_hours > 0)
    overload = load_hours / available_hours;
  else
    overload = load_hours > 0 ? 2.0 : 0.0;  // no time at all: any load counts as double
  const double change = config_.rise_per_week * std::max(0.0, overload - 1.0) -
                        config_.recovery_per_week * std::max(0.0, 1.0 - overload);
  return std::clamp(exhaustion + change, 0.0, 6.0);
}

void Burnout::apply(World& world) {
  Practitioners& people = world.people;
  const Ties& ties = world.ties;
  const Row n = people.size();
  newly_burned_out_.resize(n);  // every row writes its own entry below
  const bool enabled = config_.enabled;

  tbb::parallel_for(tbb::blocked_range<Row>(0, n, 1024), [&](const tbb::blocked_range<Row>& range) {
    for (Row r = range.begin(); r != range.end(); ++r) {
      newly_burned_out_[r] = 0;
      float load = 0;
      for (auto i = world.by_developer.begin(r); i < world.by_developer.end(r); ++i)
        load += ties.weekly_load(world.by_developer.rows[i]);
      people.load_hours[r] = load;
      if (!enabled) continue;
      if (load == 0 && people.exhaustion[r] == 0) continue;  // idle and rested: nothing changes
      const double e = next_exhaustion(people.exhaustion[r], load, people.available_hours[r]);
      people.exhaustion[r] = static_cast<float>(e);
      const bool was = people.has(r, flag::kBurnedOut);
      if (!was && e >= config_.threshold) {
        people.flags[r] |= flag::kBurnedOut;
        newly_burned_out_[r] = 1;
      } else if (was && e < config_.recovery_threshold) {
        people.flags[r] &= static_cast<std::uint8_t>(~flag::kBurnedOut);
      }
    }
  });
  if (!enabled) return;

  // Shedding ends other people's ties: sequential, in row (id) order.
  for (Row r = 0; r < n; ++r) {
    if (!newly_burned_out_[r]) continue;
    const std::uint32_t begin = world.by_developer.begin(r), end = world.by_developer.end(r);
    const auto held = static_cast<std::uint32_t>(
        std::floor(static_cast<double>(end - begin) * config_.capacity_factor));
    for (std::uint32_t i = begin + held; i < end; ++i)
      world.end_tie(world.by_developer.rows[i], EndReason::kBurnout);
  }
}

}  // namespace mentorsim
