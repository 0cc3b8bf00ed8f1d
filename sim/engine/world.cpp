#include "engine/world.hpp"

#include <cmath>

namespace mentorsim {

World::World(const Scenario& scenario, std::uint64_t replicate)
    : people(static_cast<int>(scenario.population.zones.size())),
      scenario_(&scenario),
      key_{static_cast<std::uint64_t>(scenario.meta.seed), replicate} {}

TieRow World::create_tie(const TieSpec& spec) {
  const TieRow t =
      ties.append(next_tie_id_++, people.id[spec.developer], people.id[spec.learner], spec, week_);
  ++people.developer_ties[spec.developer];
  ++people.learner_ties[spec.learner];
  return t;
}

void World::end_tie(TieRow t, EndReason reason) {
  if (!ties.active(t)) return;
  ties.end_reason[t] = static_cast<std::uint8_t>(reason);
  ++counters.ties_ended[static_cast<std::size_t>(reason)];
  if (ties.developer[t] != kNoRow) --people.developer_ties[ties.developer[t]];
  if (ties.learner[t] != kNoRow) --people.learner_ties[ties.learner[t]];
  models_[ties.programme[t]]->on_tie_ended(*this, t);
}

void World::end_ties_of_leavers() {
  // Tie order is id order, so programmes hear of endings deterministically.
  const TieRow n = ties.size();
  for (TieRow t = 0; t < n; ++t) {
    if (!ties.active(t)) continue;
    if (people.has(ties.developer[t], flag::kLeaving))
      end_tie(t, EndReason::kMentorLeft);
    else if (people.has(ties.learner[t], flag::kLeaving))
      end_tie(t, EndReason::kMenteeLeft);
  }
}

std::int64_t World::effective_capacity(Row r, std::int64_t nominal) const {
  if (!people.has(r, flag::kBurnedOut) || !scenario_->burnout.enabled) return nominal;
  return static_cast<std::int64_t>(
      std::floor(static_cast<double>(nominal) * scenario_->burnout.capacity_factor));
}

bool World::programme_running(std::size_t index) const {
  const auto& common = scenario_->programmes[index].common;
  return week_ >= common.start_week && (common.end_week < 0 || week_ < common.end_week);
}

}  // namespace mentorsim
