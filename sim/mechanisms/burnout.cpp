#include "mechanisms/burnout.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

namespace mentorsim {

Burnout::Burnout(const Scenario& scenario) : config_(scenario.burnout) {
  continue_under(scenario);
}

void Burnout::continue_under(const Scenario& scenario) {
  protected_hours_.clear();
  any_protected_ = false;
  for (const ProgrammeConfig& programme : scenario.programmes) {
    protected_hours_.push_back(static_cast<float>(programme.common.protected_hours));
    any_protected_ = any_protected_ || programme.common.protected_hours > 0;
  }
}

float Burnout::counted_load(const World& world, Row r, float load) const {
  if (!any_protected_) return load;
  const Ties& ties = world.ties;
  const TieIndex& index = world.by_developer;
  // Each programme's protected budget absorbs up to that many hours of its own load. A developer
  // holds few ties, so each programme's sum is taken at its first tie.
  for (auto i = index.begin(r); i < index.end(r); ++i) {
    const std::uint8_t programme = ties.programme[index.rows[i]];
    const float budget = protected_hours_[programme];
    if (budget <= 0) continue;
    bool first = true;
    for (auto j = index.begin(r); j < i && first; ++j)
      first = ties.programme[index.rows[j]] != programme;
    if (!first) continue;
    float programme_load = 0;
    for (auto j = i; j < index.end(r); ++j)
      if (ties.programme[index.rows[j]] == programme)
        programme_load += ties.weekly_load(index.rows[j]);
    load -= std::min(budget, programme_load);
  }
  return std::max(0.0f, load);
}

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
      const double e = next_exhaustion(people.exhaustion[r], counted_load(world, r, load),
                                       people.available_hours[r]);
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
