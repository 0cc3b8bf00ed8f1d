// The constellation model's weekly upkeep: missed sessions are counted per tie, and each learner
// has, on their own calendar (counted from the week they joined the programme), an annual
// whole-constellation reflection and a quarterly (or annual) check-in.
#include <algorithm>

#include "core/rng.hpp"
#include "models/constellation_impl.hpp"

namespace mentorsim::constellation {

void ConstellationModel::upkeep(World& world) {
  count_missed_sessions(world);
  std::vector<PractitionerId> done;  // learners with no zone left
  for (auto& [id, learner] : learners_) {
    const Week since = world.week() - learner.start;
    if (since <= 0) continue;
    if (config_.reflection_weeks > 0 && since % config_.reflection_weeks == 0)
      reflect(world, id, learner);
    if (since % config_.checkin_weeks == 0 && !check_in(world, id, learner)) done.push_back(id);
  }
  for (PractitionerId id : done) learners_.erase(id);
}

// The sessions phase wrote `held` for this week's scheduled sessions: a held session resets the
// count of sessions missed in a row, a missed one adds to it.
void ConstellationModel::count_missed_sessions(const World& world) {
  const Ties& ties = world.ties;
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (ties.programme[t] != index_ || !ties.active(t) || !ties.scheduled(t, world.week()))
      continue;
    const auto it = ties_.find(ties.id[t]);
    if (it == ties_.end()) continue;
    it->second.misses = ties.held[t] ? 0 : it->second.misses + 1;
  }
}

// One session with the whole constellation, counted once in the week's sessions. When held it
// closes transfer_rate · reflection_quality of the gap (up to the absorptive gap) to the strongest
// guide in each mapped zone, like one more session with that guide (knowledge.md §7.3 rule).
void ConstellationModel::reflect(World& world, PractitionerId id, const Learner& learner) const {
  const bool has_guides = std::any_of(learner.zones.begin(), learner.zones.end(),
                                      [](const ZoneSlot& s) { return !s.guides.empty(); });
  if (!has_guides) return;  // nobody to reflect with
  ++world.counters.sessions_scheduled;
  if (uniform01(world.key(), id, world.week(), Purpose::kConstellationReflection, index_) >=
      config_.reflection_attendance)
    return;
  ++world.counters.sessions_held;
  const KnowledgeConfig& knowledge = world.scenario().knowledge;
  if (!knowledge.enabled) return;
  const Row r = world.people.find(id);
  float* skill = world.people.skill_row(r);
  for (const ZoneSlot& slot : learner.zones) {
    float best = 0;
    for (const Guide& g : slot.guides) {
      const TieRow t = row_of(world, g.tie);
      if (t != kNoRow)
        best = std::max(best, world.people.skill_row(world.ties.developer[t])[slot.zone]);
    }
    const double gap = static_cast<double>(best) - skill[slot.zone];
    if (gap <= 0) continue;
    const double step = knowledge.transfer_rate * config_.reflection_quality *
                        std::min(gap, knowledge.absorptive_gap);
    skill[slot.zone] = std::min(1.0f, skill[slot.zone] + static_cast<float>(step));
  }
}

bool ConstellationModel::stale(const World& world, Row learner_row, const ZoneSlot& slot,
                               const Guide& g) const {
  const TieRow t = row_of(world, g.tie);
  if (t == kNoRow) return false;
  if (ties_.at(g.tie).misses >= config_.stale_sessions) return true;
  return config_.release_caught_up &&
         world.people.skill_row(learner_row)[slot.zone] >=
             world.people.skill_row(world.ties.developer[t])[slot.zone];
}

// Drops mastered zones (their ties complete) and maps replacements, releases stale guides, and
// lists every zone short of guides for matching (from the next week's matching phase).
bool ConstellationModel::check_in(World& world, PractitionerId id, Learner& learner) {
  const Row r = world.people.find(id);
  const auto end_all = [&](const std::vector<Guide>& guides, EndReason reason) {
    for (const Guide& g : guides) {  // a copy: ending a tie edits the slot
      const TieRow t = row_of(world, g.tie);
      if (t != kNoRow) world.end_tie(t, reason);
    }
  };
  if (config_.drop_competent_zones) {
    const double competent = world.scenario().knowledge.competence_threshold;
    for (std::size_t i = 0; i < learner.zones.size();) {
      if (world.people.skill_row(r)[learner.zones[i].zone] < competent) {
        ++i;
        continue;
      }
      end_all(std::vector<Guide>(learner.zones[i].guides), EndReason::kCompleted);
      learner.zones.erase(learner.zones.begin() + static_cast<std::ptrdiff_t>(i));
    }
    const auto count = std::min<std::size_t>(static_cast<std::size_t>(config_.zones_per_learner),
                                             static_cast<std::size_t>(world.people.zones()));
    std::vector<std::int8_t> mapped;
    for (const ZoneSlot& slot : learner.zones) mapped.push_back(slot.zone);
    if (mapped.size() < count)
      for (std::int8_t z : weakest_zones(world, r, count - mapped.size(), mapped))
        learner.zones.push_back({z, {}, true, world.week()});
  }
  for (ZoneSlot& slot : learner.zones) {
    std::vector<Guide> released;
    for (const Guide& g : slot.guides)
      if (stale(world, r, slot, g)) released.push_back(g);
    end_all(released, EndReason::kReleased);
    if (static_cast<std::int64_t>(slot.guides.size()) < config_.guides_per_zone && !slot.listed) {
      slot.listed = true;
      slot.since = world.week();
    }
  }
  return !learner.zones.empty();
}

}  // namespace mentorsim::constellation
