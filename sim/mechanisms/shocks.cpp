#include "mechanisms/shocks.hpp"

#include <algorithm>
#include <utility>

#include "mechanisms/departure.hpp"

namespace mentorsim {

Shocks::Shocks(const Scenario& scenario) : scenario_(scenario) {
  const auto& functions = scenario.population.function_names;
  for (const ShockConfig& shock : scenario.shocks) {
    std::size_t target = 0;
    if (shock.kind == "layoff")
      target = static_cast<std::size_t>(
          std::find(functions.begin(), functions.end(), shock.function) - functions.begin());
    if (shock.kind == "programme_pause")
      while (target < scenario.programmes.size() &&
             scenario.programmes[target].common.name != shock.programme)
        ++target;
    target_.push_back(target);
  }
}

std::uint64_t Shocks::newcomers(Week week) const {
  std::uint64_t extra = 0;
  for (const ShockConfig& shock : scenario_.shocks)
    if (shock.kind == "hiring_surge" && shock.week == week)
      extra += static_cast<std::uint64_t>(shock.count);
  return extra;
}

bool Shocks::paused(std::size_t programme, Week week) const {
  for (std::size_t i = 0; i < scenario_.shocks.size(); ++i) {
    const ShockConfig& shock = scenario_.shocks[i];
    if (shock.kind == "programme_pause" && target_[i] == programme && week >= shock.week &&
        week < shock.week + shock.weeks)
      return true;
  }
  return false;
}

std::vector<Row> Shocks::leavers(const World& world, std::size_t index) const {
  const ShockConfig& shock = scenario_.shocks[index];
  const Practitioners& people = world.people;
  std::vector<Row> rows;
  if (shock.kind == "top_mentors") {
    // Candidates: everyone able to mentor or developing someone now, in row (id) order; a stable
    // sort by the measure, highest first, breaks ties by the lower id.
    std::vector<std::pair<double, Row>> ranked;
    for (Row r = 0; r < people.size(); ++r) {
      if (!people.has(r, flag::kCanMentor) && people.developer_ties[r] == 0) continue;
      const double measure = shock.by == "skill"  ? people.mean_skill(r)
                             : shock.by == "ties" ? static_cast<double>(people.developer_ties[r])
                                                  : static_cast<double>(people.load_hours[r]);
      ranked.emplace_back(measure, r);
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    const std::size_t k = std::min(ranked.size(), static_cast<std::size_t>(shock.count));
    for (std::size_t i = 0; i < k; ++i) rows.push_back(ranked[i].second);
    std::sort(rows.begin(), rows.end());
  } else if (shock.kind == "random_departure" || shock.kind == "layoff") {
    const bool layoff = shock.kind == "layoff";
    for (Row r = 0; r < people.size(); ++r) {
      if (layoff && people.function[r] != target_[index]) continue;
      // One draw per practitioner; the stream separates shocks of the same week.
      if (shock.share >= 1.0 ||
          uniform01(world.key(), people.id[r], world.week(), Purpose::kShock, index) < shock.share)
        rows.push_back(r);
    }
  }
  return rows;
}

void Shocks::apply_departures(World& world) const {
  for (std::size_t i = 0; i < scenario_.shocks.size(); ++i) {
    if (scenario_.shocks[i].week != world.week()) continue;
    const std::vector<Row> rows = leavers(world, i);
    if (rows.empty()) continue;
    for (Row r : rows) world.people.flags[r] |= flag::kLeaving;
    world.counters.departures[static_cast<std::size_t>(DepartureReason::kShock)] +=
        static_cast<std::int64_t>(rows.size());
    remove_leavers(world);
  }
}

}  // namespace mentorsim
