// The reverse mentoring model: seniors wait, one entry per covered zone where they are weak, for a
// junior who leads them there; each waiting senior in turn goes through the shared matcher over the
// juniors eligible for them in that zone. Ties are kReverse, in that zone only, with the junior's
// load weighted for invisible labour and protected time.
#include "models/reverse.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

#include "core/blocks.hpp"
#include "core/error.hpp"
#include "matching/matcher.hpp"
#include "models/candidate_rows.hpp"
#include "models/waiting_list.hpp"
#include "state/world.hpp"

namespace mentorsim {

namespace {

class ReverseModel final : public Model {
 public:
  ReverseModel(const ReverseConfig& config, int index)
      : config_(config),
        index_(static_cast<std::uint8_t>(index)),
        policy_(config.matching),
        weights_(matching::weights_of(config)) {}

  // Relationships running at week 0 (checked by reverse_existing_ties' rules): the senior does
  // not seek in that zone at the start.
  void adopt_existing(World& world, std::span<const ExistingTie> ties) override {
    resolve_zones(world);
    for (const ExistingTie& e : ties) {
      create(world, world.people.find(e.developer), world.people.find(e.learner), e.zone,
             e.planned_end, e.start_week);
      placed_at_start_.emplace_back(e.learner, e.zone);
    }
    std::sort(placed_at_start_.begin(), placed_at_start_.end());
  }

  void on_join(World& world, std::span<const Row> rows, bool at_start) override {
    resolve_zones(world);
    for (Row r : rows) {
      if (!world.people.has(r, flag::kSenior)) continue;
      const float* skill = world.people.skill_row(r);
      const PractitionerId id = world.people.id[r];
      for (std::int8_t z : zones_)
        if (skill[z] < config_.seek_below &&
            !(at_start && std::binary_search(placed_at_start_.begin(), placed_at_start_.end(),
                                             std::pair(id, z))))
          queue_.add(world, id, z);
    }
    if (at_start) placed_at_start_ = {};
  }

  void on_departures(World& world) override { queue_.drop_leavers(world); }

  void on_tie_ended(World& world, TieRow t) override {
    const auto it = developers_.find(world.ties.developer_id[t]);
    if (it != developers_.end() && --it->second == 0) developers_.erase(it);
    const auto reason = static_cast<EndReason>(world.ties.end_reason[t]);
    if (reason == EndReason::kMenteeLeft || reason == EndReason::kProgrammeEnded) return;
    if (reason == EndReason::kCompleted && !config_.rematch) return;
    const Row senior = world.ties.learner[t];
    if (senior == kNoRow || world.people.has(senior, flag::kLeaving)) return;
    const std::int8_t z = world.ties.zone[t];
    if (world.people.skill_row(senior)[z] >= config_.seek_below) return;
    queue_.add(world, world.ties.learner_id[t], z);
  }

  // Zone by zone. First one batch through the shared matcher: the zone's waiting seniors in
  // waiting-list order, over the juniors with room who lead the least-skilled of them by min_lead;
  // a pair stands when the junior also leads that senior by min_lead. Seniors left without a
  // standing pair then go one at a time over exactly the juniors who lead them. (One batch instead
  // of one call per senior: with many juniors, filtering them per senior dominated the run.) The
  // matcher's stream separates programmes (index < 256), zones and the two passes.
  void match(World& world) override {
    if (queue_.empty()) return;
    const Practitioners& p = world.people;
    // Juniors with room, row order.
    std::vector<matching::Candidate> juniors =
        candidates_by_block(p.size(), [&](Row first, Row last, auto& out) {
          for (Row r = first; r < last; ++r) {
            if (!is_junior(world, r)) continue;
            const std::int64_t spare =
                world.offered_capacity(index_, r, config_.capacity) - p.developer_ties[r];
            if (spare > 0) out.push_back({r, spare});
          }
        });
    std::size_t open = juniors.size();  // juniors with spare > 0 (take() leaves the others)
    std::vector<bool> matched(queue_.size(), false);
    std::vector<std::size_t> leading;  // positions in juniors
    for (std::int8_t z : zones_) {
      if (open == 0) break;
      const std::uint64_t stream = index_ + 256u * (static_cast<std::uint64_t>(z) + 1u);
      matching::ScoreWeights weights = weights_;
      weights.zone = z;                  // a junior is ranked by their lead in this zone
      std::vector<std::size_t> waiting;  // queue positions of this zone's seniors
      for (std::size_t i = 0; i < queue_.size(); ++i)
        if (queue_[i].zone == z && !matched[i]) waiting.push_back(i);
      if (waiting.empty()) continue;
      const auto needed = [&](std::size_t i) {
        return static_cast<double>(p.skill_row(p.find(queue_[i].id))[z]) + config_.min_lead;
      };
      const auto leads = [&](Row junior, double need) {
        return static_cast<double>(p.skill_row(junior)[z]) >= need;
      };
      double lowest = 2.0;
      std::vector<matching::Seeker> seekers;
      for (std::size_t i : waiting) {
        lowest = std::min(lowest, needed(i));
        seekers.push_back({queue_[i].id, p.find(queue_[i].id), queue_[i].since, 1});
      }
      // Juniors leading the weakest: found side by side (a skill lookup each, 10^4 juniors).
      gather_where(
          juniors.size(),
          [&](std::size_t j) { return juniors[j].spare > 0 && leads(juniors[j].row, lowest); },
          leading);
      std::vector<matching::Candidate> pool;
      pool.reserve(leading.size());
      for (std::size_t j : leading) pool.push_back(juniors[j]);
      if (pool.empty()) continue;
      for (const matching::Pair& m :
           matching::match(world, policy_, seekers, std::move(pool), weights, config_.capacity,
                           config_.candidates, stream)) {
        const std::size_t i = waiting[m.seeker];
        if (!leads(m.developer, needed(i)) || !take(juniors, m.developer, open)) continue;
        pair(world, m.developer, seekers[m.seeker].row, queue_[i]);
        matched[i] = true;
      }
      std::vector<matching::Candidate> eligible;
      for (std::size_t i : waiting) {
        if (matched[i] || open == 0) continue;
        const double need = needed(i);
        eligible.clear();
        for (const matching::Candidate& c : juniors)
          if (c.spare > 0 && leads(c.row, need)) eligible.push_back(c);
        if (eligible.empty()) continue;
        const matching::Seeker seeker{queue_[i].id, p.find(queue_[i].id), queue_[i].since, 1};
        const std::vector<matching::Pair> pairs =
            matching::match(world, policy_, std::span(&seeker, 1), eligible, weights,
                            config_.capacity, config_.candidates, stream + (1u << 16));
        if (pairs.empty()) continue;
        take(juniors, pairs.front().developer, open);
        pair(world, pairs.front().developer, seeker.row, queue_[i]);
        matched[i] = true;
      }
    }
    queue_.drop_placed(matched);
  }

  void reconfigure(const ProgrammeConfig& programme) override {
    config_ = static_cast<const ReverseConfig&>(*programme.model);
    policy_ = config_.matching;
    weights_ = matching::weights_of(config_);
    zones_.clear();  // resolved again, from the new zones, at the next joining
    resolved_ = false;
  }

  void upkeep(World&) override {}  // no check-ins: relationships run their fixed length

  void on_end(World&) override { queue_.clear(); }

  // Distinct seniors waiting (a senior waiting in two zones counts once).
  // A senior waiting in several zones counts once.
  std::size_t waiting_count() const override { return queue_.learners(); }

  // A reverse mentor of this programme holding more relationships (over every programme) than
  // `capacity`.
  void mark_over_capacity(const World& world, std::vector<std::uint8_t>& over) const override {
    for (const auto& [id, ties] : developers_) {
      const Row r = world.people.find(id);
      if (r != kNoRow && world.people.developer_ties[r] > config_.capacity) over[r] = 1;
    }
  }

 private:
  bool is_junior(const World& world, Row r) const {
    return !world.people.has(r, flag::kSenior) &&
           world.week() - world.people.joined_week[r] < config_.junior_max_tenure_weeks;
  }

  // The section API checks one table at a time, so the zone names are checked against
  // population.zones here, when the programme first meets the world (its start week).
  void resolve_zones(const World& world) {
    if (resolved_) return;
    const std::vector<std::string>& names = world.scenario().population.zones;
    if (config_.zones.empty())
      for (std::size_t z = 0; z < names.size(); ++z) zones_.push_back(static_cast<std::int8_t>(z));
    for (const std::string& zone : config_.zones) {
      const auto it = std::find(names.begin(), names.end(), zone);
      if (it == names.end())
        throw InputError(Diagnostic{
            world.scenario().source, 0, 0,
            fmt::format("programme[{}].zones: unknown zone '{}' (population.zones: '{}')", index_,
                        zone, fmt::join(names, "', '"))});
      zones_.push_back(static_cast<std::int8_t>(it - names.begin()));
    }
    std::sort(zones_.begin(), zones_.end());
    resolved_ = true;
  }

  // One place less for `junior` among `juniors` (row order); false if it has none left. A junior
  // left with none stays in the list with spare 0, which the filters skip (erasing it moved the
  // rest of a list of 10^4 juniors for every pair), and `open` counts one junior less.
  static bool take(std::vector<matching::Candidate>& juniors, Row junior, std::size_t& open) {
    const auto it = std::lower_bound(juniors.begin(), juniors.end(), junior,
                                     [](const matching::Candidate& c, Row r) { return c.row < r; });
    if (it == juniors.end() || it->row != junior || it->spare <= 0) return false;
    if (--it->spare == 0) --open;
    return true;
  }

  void pair(World& world, Row junior, Row senior, const Waiting& w) {
    create(world, junior, senior, w.zone,
           world.week() + static_cast<Week>(config_.duration_weeks) - 1, kStartsThisWeek);
    world.note_match(w.since);
  }

  void create(World& world, Row junior, Row senior, std::int8_t zone, Week planned_end,
              Week start) {
    world.create_tie(TieSpec::between(junior, senior, TieKind::kReverse, index_)
                         .in_zone(zone)
                         .sessions(config_.cadence_weeks, config_.session_hours, config_.attendance)
                         .with_quality(config_.quality)
                         .with_load_weight(config_.load_weight())
                         .ending(planned_end)
                         .started(start));
    ++developers_[world.people.id[junior]];
  }

  ReverseConfig config_;
  std::uint8_t index_;
  matching::Policy policy_;
  matching::ScoreWeights weights_;
  WaitingList queue_;
  std::vector<std::int8_t> zones_;  // covered zone indices, ascending
  bool resolved_ = false;
  std::map<PractitionerId, int> developers_;  // juniors with ties of this programme: tie count
  // Seniors and zones of adopted relationships, sorted: they do not seek there at the start.
  std::vector<std::pair<PractitionerId, std::int8_t>> placed_at_start_;
};

}  // namespace

ModelEntry::ExistingTieRules reverse_existing_ties() {
  ModelEntry::ExistingTieRules rules;
  rules.zoned = true;
  rules.developer_capacity = [](const ProgrammeConfig& p) {
    return static_cast<const ReverseConfig&>(*p.model).capacity;
  };
  rules.capacity_keys = "capacity";
  // Who the programme itself would pair: a junior (the roster says senior = no: a drawn seniority
  // could differ by replicate) of tenure below junior_max_tenure_weeks, teaching a senior (the
  // roster says so) in a covered zone.
  rules.check = [](const ProgrammeConfig& p, const Scenario& scenario,
                   const ExistingTie& e) -> std::string {
    const auto& c = static_cast<const ReverseConfig&>(*p.model);
    const Roster& roster = *scenario.roster;
    const std::string& zone = scenario.population.zones[static_cast<std::size_t>(e.zone)];
    if (!c.zones.empty() && std::find(c.zones.begin(), c.zones.end(), zone) == c.zones.end())
      return fmt::format("programme '{}' covers the zones '{}', not '{}'", p.common.name,
                         fmt::join(c.zones, "', '"), zone);
    if (roster.senior[e.developer] != 0)
      return fmt::format("developer '{}' must be a junior: their roster line must say senior = no",
                         roster.ids[e.developer]);
    if (roster.tenure_weeks[e.developer] >= c.junior_max_tenure_weeks)
      return fmt::format(
          "developer '{}' has served {} weeks: juniors have served fewer than "
          "junior_max_tenure_weeks ({})",
          roster.ids[e.developer], roster.tenure_weeks[e.developer], c.junior_max_tenure_weeks);
    if (roster.senior[e.learner] != 1)
      return fmt::format("learner '{}' must be a senior: their roster line must say senior = yes",
                         roster.ids[e.learner]);
    return {};
  };
  return rules;
}

std::unique_ptr<Model> make_reverse_model(const ProgrammeConfig& programme, int programme_index) {
  return std::make_unique<ReverseModel>(static_cast<const ReverseConfig&>(*programme.model),
                                        programme_index);
}

}  // namespace mentorsim
