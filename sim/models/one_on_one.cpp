// The one-on-one model: a waiting list and a matcher over mentors with a capacity.
#include "models/one_on_one.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <queue>

#include "core/distributions.hpp"
#include "engine/world.hpp"

namespace mentorsim {

namespace {

struct Waiting {
  PractitionerId id;
  Week since;  // week the learner started waiting
};

// A mentor with room, ordered so the top has the most room; ties go to the lowest row (id).
struct Room {
  std::int64_t spare;
  Row row;
  bool operator<(const Room& other) const {
    return spare != other.spare ? spare < other.spare : row > other.row;
  }
};

class OneOnOneModel final : public Model {
 public:
  OneOnOneModel(const OneOnOneConfig& config, int index)
      : config_(config), index_(static_cast<std::uint8_t>(index)) {}

  void on_join(World& world, std::span<const Row> rows, bool at_start) override {
    const double share = at_start ? config_.initial_seek_share : config_.seek_share;
    for (Row r : rows) {
      if (world.people.has(r, flag::kCanMentor)) continue;
      const double u =
          uniform01(world.key(), world.people.id[r], world.week(), Purpose::kSeeksMentor, index_);
      if (u < share) queue_.push_back({world.people.id[r], world.week()});
    }
  }

  void on_departures(World& world) override {
    const std::vector<PractitionerId>& leavers = world.leavers;  // sorted
    std::erase_if(queue_, [&](const Waiting& w) {
      return std::binary_search(leavers.begin(), leavers.end(), w.id);
    });
  }

  void on_tie_ended(World& world, TieRow t) override {
    const auto reason = static_cast<EndReason>(world.ties.end_reason[t]);
    if (reason == EndReason::kMenteeLeft || reason == EndReason::kProgrammeEnded) return;
    const bool cut_short = reason != EndReason::kCompleted;
    if (!cut_short && !config_.rematch) return;
    const Row learner = world.ties.learner[t];
    if (learner == kNoRow || world.people.has(learner, flag::kLeaving)) return;
    if (!below_competence(world, learner)) return;
    queue_.push_back({world.ties.learner_id[t], world.week()});
  }

  void match(World& world) override {
    if (queue_.empty()) return;
    if (config_.matching == "best_score")
      match_best_score(world);
    else
      match_fifo(world, config_.capacity, 0);
    if (config_.max_mentees > config_.capacity)
      match_fifo(world, config_.max_mentees, config_.pressure_wait_weeks);
  }

  void upkeep(World&) override {}

  void on_end(World&) override { queue_.clear(); }

  std::size_t waiting_count() const override { return queue_.size(); }

  std::size_t mentors_over_capacity(const World& world) const override {
    std::size_t count = 0;
    for (Row r = 0; r < world.people.size(); ++r)
      count += world.people.developer_ties[r] > config_.capacity;
    return count;
  }

 private:
  static bool below_competence(const World& world, Row r) {
    const double threshold = world.scenario().knowledge.competence_threshold;
    const float* skill = world.people.skill_row(r);
    for (int z = 0; z < world.people.zones(); ++z)
      if (skill[z] < threshold) return true;
    return false;
  }

  std::int64_t spare(const World& world, Row r, std::int64_t cap) const {
    return world.effective_capacity(r, cap) - world.people.developer_ties[r];
  }

  // Longest-waiting learner first, each to the mentor with the most room under `cap`. Only learners
  // who have waited at least `min_wait` weeks are placed (the pressure pass uses this). The queue
  // is in order of `since`, so the eligible learners are a prefix of it.
  void match_fifo(World& world, std::int64_t cap, std::int64_t min_wait) {
    std::priority_queue<Room> rooms;
    for (Row r = 0; r < world.people.size(); ++r) {
      if (!world.people.has(r, flag::kCanMentor)) continue;
      const std::int64_t s = spare(world, r, cap);
      if (s > 0) rooms.push({s, r});
    }
    std::vector<Waiting> passed_over;  // learners whose only mentor with room is themselves
    while (!rooms.empty() && !queue_.empty() && world.week() - queue_.front().since >= min_wait) {
      const Waiting w = queue_.front();
      queue_.pop_front();
      const Row learner = world.people.find(w.id);
      Room room = rooms.top();
      rooms.pop();
      if (room.row == learner) {  // nobody mentors themselves: take the next mentor
        if (rooms.empty()) {
          rooms.push(room);
          passed_over.push_back(w);
          break;
        }
        const Room self = room;
        room = rooms.top();
        rooms.pop();
        rooms.push(self);
      }
      pair(world, room.row, learner, w);
      if (--room.spare > 0) rooms.push(room);
    }
    queue_.insert(queue_.begin(), passed_over.begin(), passed_over.end());
  }

  // Longest-waiting learner first; `candidates` mentors with room are surfaced at random and the
  // best-scoring one is matched ("surface candidates, let people say yes").
  void match_best_score(World& world) {
    std::vector<Row> open;
    for (Row r = 0; r < world.people.size(); ++r)
      if (world.people.has(r, flag::kCanMentor) && spare(world, r, config_.capacity) > 0)
        open.push_back(r);
    std::vector<Waiting> passed_over;
    while (!open.empty() && !queue_.empty()) {
      const Waiting w = queue_.front();
      queue_.pop_front();
      const Row learner = world.people.find(w.id);
      Draws draws(world.key(), w.id, world.week(), Purpose::kMatchCandidates, index_);
      const bool all = open.size() <= static_cast<std::size_t>(config_.candidates);
      const std::size_t tries = all ? open.size() : static_cast<std::size_t>(config_.candidates);
      std::size_t best = open.size();
      double best_score = -std::numeric_limits<double>::infinity();
      for (std::size_t k = 0; k < tries; ++k) {
        const std::size_t i =
            all ? k : static_cast<std::size_t>(draws.uniform() * static_cast<double>(open.size()));
        if (open[i] == learner) continue;
        const double s = score(world, open[i], learner);
        if (best == open.size() || s > best_score || (s == best_score && open[i] < open[best])) {
          best_score = s;
          best = i;
        }
      }
      if (best == open.size()) {
        passed_over.push_back(w);
        continue;
      }
      const Row mentor = open[best];
      pair(world, mentor, learner, w);
      if (spare(world, mentor, config_.capacity) <= 0)
        open.erase(open.begin() + static_cast<std::ptrdiff_t>(best));
    }
    queue_.insert(queue_.begin(), passed_over.begin(), passed_over.end());
  }

  double score(const World& world, Row mentor, Row learner) const {
    const Practitioners& p = world.people;
    const double gap = p.mean_skill(mentor) - p.mean_skill(learner);
    const double room = static_cast<double>(spare(world, mentor, config_.capacity)) /
                        static_cast<double>(config_.capacity);
    const double same_group = p.group[mentor] == p.group[learner] ? 1.0 : 0.0;
    return config_.weight_gap * gap + config_.weight_availability * room +
           config_.weight_similarity * same_group;
  }

  void pair(World& world, Row mentor, Row learner, const Waiting& w) {
    const Practitioners& p = world.people;
    TieSpec spec;
    spec.developer = mentor;
    spec.learner = learner;
    spec.kind = TieKind::kOneOnOne;
    spec.programme = index_;
    spec.cadence_weeks = static_cast<std::uint16_t>(config_.cadence_weeks);
    spec.session_hours = static_cast<float>(config_.session_hours);
    spec.attendance = static_cast<float>(config_.attendance);
    spec.quality = static_cast<float>(config_.quality_base + (p.group[mentor] == p.group[learner]
                                                                  ? config_.quality_similarity_bonus
                                                                  : 0.0));
    spec.planned_end = world.week() + duration_weeks(world, w.id) - 1;
    world.create_tie(spec);
    ++world.counters.matches;
    world.counters.match_wait_weeks_total += world.week() - w.since;
  }

  // Whole weeks a relationship lasts (at least 1). "exponential" is its discrete-time form, the
  // geometric distribution with the given mean: memoryless week to week.
  Week duration_weeks(const World& world, PractitionerId learner) const {
    if (config_.duration == "fixed")
      return std::max<Week>(1, static_cast<Week>(std::lround(config_.duration_weeks)));
    if (config_.duration_weeks <= 1.0) return 1;
    const double u =
        uniform01(world.key(), learner, world.week(), Purpose::kRelationshipDuration, index_);
    const double rate = -std::log1p(-1.0 / config_.duration_weeks);  // P(end each week) = 1/mean
    return static_cast<Week>(std::max(1.0, std::ceil(-std::log(u) / rate)));
  }

  OneOnOneConfig config_;
  std::uint8_t index_;
  std::deque<Waiting> queue_;
};

}  // namespace

std::unique_ptr<Model> make_one_on_one_model(const ProgrammeConfig& programme,
                                             int programme_index) {
  return std::make_unique<OneOnOneModel>(static_cast<const OneOnOneConfig&>(*programme.model),
                                         programme_index);
}

}  // namespace mentorsim
