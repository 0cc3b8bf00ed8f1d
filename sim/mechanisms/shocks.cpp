#include "mechanisms/shocks.hpp"

#include "mechanisms/departure.hpp"

namespace mentorsim {

Shocks::Shocks(const Scenario& scenario) : scenario_(scenario) {
  for (std::size_t i = 0; i < scenario.shocks.size(); ++i) {
    const ShockConfig& shock = scenario.shocks[i];
    shocks_.push_back(shock_kind(shock.kind).make(shock, i, scenario));
  }
}

std::uint64_t Shocks::newcomers(Week week) const {
  std::uint64_t extra = 0;
  for (const auto& shock : shocks_) extra += shock->newcomers(week);
  return extra;
}

bool Shocks::paused(std::size_t programme, Week week) const {
  for (const auto& shock : shocks_)
    if (shock->pauses(programme, week)) return true;
  return false;
}

std::vector<Row> Shocks::leavers(const World& world, std::size_t index) const {
  return shocks_[index]->leavers(world);
}

void Shocks::apply_departures(World& world) const {
  for (std::size_t i = 0; i < shocks_.size(); ++i) {
    if (scenario_.shocks[i].week != world.week()) continue;
    const std::vector<Row> rows = shocks_[i]->leavers(world);
    if (rows.empty()) continue;
    for (Row r : rows) world.people.flags[r] |= flag::kLeaving;
    world.counters.departures[static_cast<std::size_t>(DepartureReason::kShock)] +=
        static_cast<std::int64_t>(rows.size());
    remove_leavers(world);
  }
}

}  // namespace mentorsim
