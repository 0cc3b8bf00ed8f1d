// The constellation model: who builds a constellation, which zones they map, how guides are
// recruited per (learner, zone) slot through the shared matcher, the role (and so the rhythm) of
// each guide, and what an ending changes. Check-ins and reflections are in
// constellation_upkeep.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "core/rng.hpp"
#include "models/constellation_impl.hpp"
#include "models/seekers.hpp"

namespace mentorsim {

namespace constellation {

ConstellationModel::ConstellationModel(const ConstellationConfig& config, int index)
    : config_(config),
      index_(static_cast<std::uint8_t>(index)),
      policy_(config.matching),
      weights_(matching::weights_of(config)) {}

void ConstellationModel::reconfigure(const ProgrammeConfig& programme) {
  config_ = static_cast<const ConstellationConfig&>(*programme.model);
  policy_ = config_.matching;
  weights_ = matching::weights_of(config_);
}

// Non-seniors seek (seniors arrived skilled: §5 of model.md); each maps their weakest zones below
// competence. Someone competent everywhere has nothing to map and does not join.
void ConstellationModel::on_join(World& world, std::span<const Row> rows, bool at_start) {
  const double share = at_start ? config_.initial_seek_share : config_.seek_share;
  const auto count = std::min<std::size_t>(static_cast<std::size_t>(config_.zones_per_learner),
                                           static_cast<std::size_t>(world.people.zones()));
  for_each_seeker(world, rows, share, flag::kSenior, index_, [&](PractitionerId id) {
    if (learners_.contains(id)) return;  // in it already: a relationship running at week 0
    const std::vector<std::int8_t> zones = weakest_zones(world, world.people.find(id), count, {});
    if (zones.empty()) return;
    world.note_request(id);
    Learner learner;
    learner.start = world.week();
    learner.coordinator =
        uniform01(world.key(), id, world.week(), Purpose::kConstellationCoordinator, index_) <
        config_.coordinator_share;
    for (std::int8_t z : zones) learner.zones.push_back({z, {}, true, world.week()});
    learners_.emplace(id, std::move(learner));
  });
}

// The `count` zones with the lowest skill below knowledge.competence_threshold, not in `mapped`;
// ties to the lower zone index.
std::vector<std::int8_t> ConstellationModel::weakest_zones(
    const World& world, Row r, std::size_t count, const std::vector<std::int8_t>& mapped) const {
  const float* skill = world.people.skill_row(r);
  const double competent = world.scenario().knowledge.competence_threshold;
  std::vector<std::pair<float, std::int8_t>> open;
  for (int z = 0; z < world.people.zones(); ++z) {
    const auto zone = static_cast<std::int8_t>(z);
    if (skill[z] >= competent || std::find(mapped.begin(), mapped.end(), zone) != mapped.end())
      continue;
    open.push_back({skill[z], zone});
  }
  std::sort(open.begin(), open.end());
  std::vector<std::int8_t> zones;
  for (std::size_t i = 0; i < open.size() && i < count; ++i) zones.push_back(open[i].second);
  return zones;
}

void ConstellationModel::on_departures(World& world) {
  for (PractitionerId id : world.leavers) learners_.erase(id);
}

void ConstellationModel::on_tie_ended(World& world, TieRow t) {
  const auto it = ties_.find(world.ties.id[t]);
  if (it == ties_.end()) return;
  const TieInfo info = it->second;
  ties_.erase(it);
  const auto g = guides_.find(world.ties.developer_id[t]);
  if (g != guides_.end() && --g->second == 0) guides_.erase(g);
  // A guide who left, burned out or was released leaves a gap that the next check-in lists.
  const auto l = learners_.find(info.learner);
  if (l == learners_.end()) return;
  for (ZoneSlot& slot : l->second.zones) {
    if (slot.zone != info.zone) continue;
    std::erase_if(slot.guides, [&](const Guide& x) { return x.tie == world.ties.id[t]; });
    refresh_quality(world, l->second, slot);
    break;
  }
}

// Learners in id order, their listed zones in mapping order: each slot goes through the matcher
// over the guides eligible for it. Spare places and committed hours update after every pair.
void ConstellationModel::match(World& world) {
  const bool any_listed = std::any_of(learners_.begin(), learners_.end(), [](const auto& l) {
    return std::any_of(l.second.zones.begin(), l.second.zones.end(),
                       [](const ZoneSlot& s) { return s.listed; });
  });
  if (!any_listed) return;
  const Practitioners& p = world.people;
  std::vector<double> committed(p.size(), 0.0);  // weekly hours of every active tie, all programmes
  for (TieRow t = 0; t < world.ties.size(); ++t)
    if (world.ties.active(t)) committed[world.ties.developer[t]] += world.ties.weekly_load(t);
  std::vector<matching::Candidate> open;  // guides with room, row order
  for (Row r = 0; r < p.size(); ++r) {
    if (config_.require_can_mentor && !p.has(r, flag::kSenior) && !p.has(r, flag::kCanMentor))
      continue;
    const std::int64_t spare =
        world.offered_capacity(index_, r, config_.guide_capacity) - p.developer_ties[r];
    if (spare > 0) open.push_back({r, spare});
  }
  for (auto& [id, learner] : learners_)
    for (ZoneSlot& slot : learner.zones)
      if (slot.listed && !open.empty()) fill_slot(world, id, learner, slot, open, committed);
}

void ConstellationModel::fill_slot(World& world, PractitionerId id, Learner& learner,
                                   ZoneSlot& slot, std::vector<matching::Candidate>& open,
                                   std::vector<double>& committed) {
  const Practitioners& p = world.people;
  const std::int64_t wants =
      config_.guides_per_zone - static_cast<std::int64_t>(slot.guides.size());
  if (wants <= 0) {
    slot.listed = false;
    return;
  }
  const Row lr = p.find(id);
  const int z = slot.zone;
  const double needed = static_cast<double>(p.skill_row(lr)[z]) + config_.min_lead;
  std::vector<matching::Candidate> eligible;
  for (const matching::Candidate& c : open) {
    if (c.spare <= 0 || c.row == lr) continue;
    if (static_cast<double>(p.skill_row(c.row)[z]) < needed) continue;
    if (is_guide_of(learner, p.id[c.row])) continue;
    if (config_.within_available_hours) {
      const Role r = role(world, c.row, lr);
      const double weekly = hours(r) / static_cast<double>(cadence(r));
      if (committed[c.row] + weekly > static_cast<double>(p.available_hours[c.row])) continue;
    }
    eligible.push_back(c);
  }
  if (eligible.empty()) return;
  const matching::Seeker seeker{id, lr, slot.since, wants};
  const std::uint64_t stream = index_ + 256u * (static_cast<std::uint64_t>(z) + 1u);
  matching::ScoreWeights weights = weights_;
  weights.zone = slot.zone;  // a guide is ranked by their lead in this slot's zone
  const std::vector<matching::Pair> pairs =
      matching::match(world, policy_, std::span(&seeker, 1), std::move(eligible), weights,
                      config_.guide_capacity, config_.candidates, stream);
  for (const matching::Pair& pair : pairs) {
    const Row guide = pair.developer;
    const Role r = role(world, guide, lr);
    committed[guide] += hours(r) / static_cast<double>(cadence(r));
    create_guide_tie(world, guide, lr, id, slot);
    const auto c =
        std::lower_bound(open.begin(), open.end(), guide,
                         [](const matching::Candidate& x, Row row) { return x.row < row; });
    if (--c->spare == 0) open.erase(c);
  }
  if (static_cast<std::int64_t>(slot.guides.size()) >= config_.guides_per_zone) slot.listed = false;
  refresh_quality(world, learner, slot);
}

bool ConstellationModel::is_guide_of(const Learner& learner, PractitionerId id) const {
  for (const ZoneSlot& slot : learner.zones)
    for (const Guide& g : slot.guides)
      if (g.id == id) return true;
  return false;
}

// Senior flag: senior guide; joined within the peer band of the learner: peer; long tenure:
// navigator; otherwise a technical guide.
Role ConstellationModel::role(const World& world, Row guide, Row learner) const {
  const Practitioners& p = world.people;
  if (p.has(guide, flag::kSenior)) return Role::kSenior;
  if (std::llabs(static_cast<long long>(p.joined_week[guide] - p.joined_week[learner])) <=
      config_.peer_tenure_band_weeks)
    return Role::kPeer;
  if (world.week() - p.joined_week[guide] >= config_.navigator_tenure_weeks)
    return Role::kNavigator;
  return Role::kTechnical;
}

std::int64_t ConstellationModel::cadence(Role role) const {
  switch (role) {
    case Role::kPeer:
      return config_.cadence_peer_weeks;
    case Role::kTechnical:
      return config_.cadence_technical_weeks;
    case Role::kNavigator:
      return config_.cadence_navigator_weeks;
    case Role::kSenior:
      return config_.cadence_senior_weeks;
  }
  return config_.cadence_technical_weeks;
}

double ConstellationModel::hours(Role role) const {
  switch (role) {
    case Role::kPeer:
      return config_.hours_peer;
    case Role::kTechnical:
      return config_.hours_technical;
    case Role::kNavigator:
      return config_.hours_navigator;
    case Role::kSenior:
      return config_.hours_senior;
  }
  return config_.hours_technical;
}

// Relationships running at week 0: each learner's constellation is the zones the file names, with
// their guides; a zone short of guides_per_zone is on the fill list from week 0, as it would be at
// a check-in. Guides can guide (they do).
void ConstellationModel::adopt_existing(World& world, std::span<const ExistingTie> existing) {
  for (const ExistingTie& e : existing) {
    const Row guide = world.people.find(e.developer);
    const Row learner_row = world.people.find(e.learner);
    auto [it, fresh] = learners_.try_emplace(e.learner);
    Learner& learner = it->second;
    if (fresh) {
      learner.start = e.start_week;
      learner.coordinator =
          uniform01(world.key(), e.learner, world.week(), Purpose::kConstellationCoordinator,
                    index_) < config_.coordinator_share;
    }
    learner.start = std::min(learner.start, static_cast<Week>(e.start_week));
    auto slot = std::find_if(learner.zones.begin(), learner.zones.end(),
                             [&](const ZoneSlot& z) { return z.zone == e.zone; });
    if (slot == learner.zones.end())
      slot = learner.zones.insert(learner.zones.end(), {e.zone, {}, false, world.week()});
    world.people.flags[guide] |= flag::kCanMentor;
    create_guide_tie(world, guide, learner_row, e.learner, *slot, e.planned_end, e.start_week);
  }
  for (auto& [id, learner] : learners_)
    for (ZoneSlot& slot : learner.zones) {
      slot.listed = static_cast<std::int64_t>(slot.guides.size()) < config_.guides_per_zone;
      refresh_quality(world, learner, slot);
    }
}

void ConstellationModel::create_guide_tie(World& world, Row guide, Row learner_row,
                                          PractitionerId learner_id, ZoneSlot& slot) {
  const Role r = role(world, guide, learner_row);
  const std::int64_t programme_end = world.scenario().programmes[index_].common.end_week;
  Week end = static_cast<Week>(programme_end >= 0 ? programme_end : world.scenario().meta.weeks);
  // A guide stays until released at a check-in, they leave, or the programme ends; a senior's
  // tie also completes after senior_tie_weeks, so that the few experts' time rotates to other
  // learners (the slot is refilled at the learner's next check-in). The quality is
  // refresh_quality's to set for several perspectives and contradictory advice.
  if (r == Role::kSenior && config_.senior_tie_weeks > 0)
    end = std::min(end, world.week() + static_cast<Week>(config_.senior_tie_weeks) - 1);
  create_guide_tie(world, guide, learner_row, learner_id, slot, end, kStartsThisWeek);
  world.note_match(slot.since);
}

void ConstellationModel::create_guide_tie(World& world, Row guide, Row learner_row,
                                          PractitionerId learner_id, ZoneSlot& slot, Week end,
                                          Week start) {
  const Role r = role(world, guide, learner_row);
  const TieRow t = world.create_tie(TieSpec::between(guide, learner_row, TieKind::kGuide, index_)
                                        .in_zone(slot.zone)
                                        .sessions(cadence(r), hours(r), config_.attendance)
                                        .with_quality(config_.quality)
                                        .ending(end)
                                        .started(start));
  const TieId tie = world.ties.id[t];
  const PractitionerId guide_id = world.people.id[guide];
  ties_.emplace(tie, TieInfo{learner_id, slot.zone, 0});
  ++guides_[guide_id];
  slot.guides.push_back({tie, guide_id});
}

void ConstellationModel::refresh_quality(World& world, const Learner& learner,
                                         const ZoneSlot& slot) const {
  // Several guides in a zone give several perspectives (synthesis_factor) and, without a
  // coordinator, contradictory advice (contradiction_factor); quality stays at most 1.
  const bool several = slot.guides.size() >= 2;
  const bool contradiction = !learner.coordinator && several;
  const auto q = static_cast<float>(
      std::min(1.0, config_.quality * (several ? config_.synthesis_factor : 1.0) *
                        (contradiction ? config_.contradiction_factor : 1.0)));
  for (const Guide& g : slot.guides) {
    const TieRow t = row_of(world, g.tie);
    if (t != kNoRow) world.ties.quality[t] = q;
  }
}

TieRow ConstellationModel::row_of(const World& world, TieId id) {
  const TieRow t = world.ties.find(id);
  return t < world.ties.size() ? t : kNoRow;
}

void ConstellationModel::on_end(World&) {
  learners_.clear();
  ties_.clear();
  guides_.clear();
}

// Learners with a listed zone that has no guide at all: waiting for support in that zone.
std::size_t ConstellationModel::waiting_count() const {
  std::size_t waiting = 0;
  for (const auto& [id, learner] : learners_)
    if (std::any_of(learner.zones.begin(), learner.zones.end(),
                    [](const ZoneSlot& s) { return s.listed && s.guides.empty(); }))
      ++waiting;
  return waiting;
}

// Guides of this programme holding more relationships (over every programme) than guide_capacity.
void ConstellationModel::mark_over_capacity(const World& world,
                                            std::vector<std::uint8_t>& over) const {
  for (const auto& [id, ties] : guides_) {
    const Row r = world.people.find(id);
    if (r != kNoRow && world.people.developer_ties[r] > config_.guide_capacity) over[r] = 1;
  }
}

}  // namespace constellation

ModelEntry::ExistingTieRules constellation_existing_ties() {
  ModelEntry::ExistingTieRules rules;
  rules.zoned = true;
  rules.developer_capacity = [](const ProgrammeConfig& p) {
    return static_cast<const ConstellationConfig&>(*p.model).guide_capacity;
  };
  rules.capacity_keys = "guide_capacity";
  rules.developers_per_learner = [](const ProgrammeConfig& p) {
    return static_cast<const ConstellationConfig&>(*p.model).guides_per_zone;
  };
  rules.per_learner_keys = "guides_per_zone";
  // Constellations develop non-seniors (seniors arrived skilled: model.md §5).
  rules.check = [](const ProgrammeConfig&, const Scenario& scenario,
                   const ExistingTie& e) -> std::string {
    const Roster& roster = *scenario.roster;
    if (roster.senior[e.learner] == 1)
      return fmt::format("learner '{}' is a senior: constellations develop the others",
                         roster.ids[e.learner]);
    return {};
  };
  return rules;
}

std::unique_ptr<Model> make_constellation_model(const ProgrammeConfig& programme,
                                                int programme_index) {
  return std::make_unique<constellation::ConstellationModel>(
      static_cast<const ConstellationConfig&>(*programme.model), programme_index);
}

}  // namespace mentorsim
