// The one-on-one model: a waiting list matched, through matching/matcher.hpp, to mentors with a
// capacity; optional early ends of cross-group ties (homophily) in upkeep.
#include "models/one_on_one.hpp"

#include <algorithm>
#include <cmath>

#include "core/distributions.hpp"
#include "matching/matcher.hpp"
#include "models/seekers.hpp"
#include "models/waiting_list.hpp"
#include "state/world.hpp"

namespace mentorsim {

namespace {

class OneOnOneModel final : public Model {
 public:
  OneOnOneModel(const OneOnOneConfig& config, int index)
      : config_(config),
        index_(static_cast<std::uint8_t>(index)),
        policy_(config.matching),
        weights_(matching::weights_of(config)) {}

  // Relationships running at week 0: mentors as ready to mentor as any (they do), learners
  // placed, so they do not seek at the start.
  void adopt_existing(World& world, std::span<const ExistingTie> ties) override {
    for (const ExistingTie& e : ties) {
      const Row mentor = world.people.find(e.developer);
      const Row learner = world.people.find(e.learner);
      world.people.flags[mentor] |= flag::kCanMentor;
      create(world, mentor, learner, e.planned_end, e.start_week);
      placed_at_start_.push_back(e.learner);
    }
    std::sort(placed_at_start_.begin(), placed_at_start_.end());
  }

  void on_join(World& world, std::span<const Row> rows, bool at_start) override {
    // Mentors do not seek a mentor here, nor do learners already in a relationship of it.
    for_each_seeker(
        world, rows, at_start ? config_.initial_seek_share : config_.seek_share, flag::kCanMentor,
        index_, [&](PractitionerId id) {
          if (at_start && std::binary_search(placed_at_start_.begin(), placed_at_start_.end(), id))
            return;
          queue_.add(world, id);
        });
    if (at_start) placed_at_start_ = {};
  }

  void on_departures(World& world) override { queue_.drop_leavers(world); }

  void on_tie_ended(World& world, TieRow t) override {
    const auto reason = static_cast<EndReason>(world.ties.end_reason[t]);
    if (reason == EndReason::kMenteeLeft || reason == EndReason::kProgrammeEnded) return;
    const bool cut_short = reason != EndReason::kCompleted;
    if (!cut_short && !config_.rematch) return;
    const Row learner = world.ties.learner[t];
    if (learner == kNoRow || world.people.has(learner, flag::kLeaving)) return;
    if (!world.below_competence(learner)) return;
    queue_.add(world, world.ties.learner_id[t]);
  }

  void match(World& world) override {
    if (queue_.empty()) return;
    match_pass(world, policy_, config_.capacity, 0);
    // max_mentees = 0 means "no more than capacity": no pressure pass.
    if (config_.max_mentees > config_.capacity)
      match_pass(world, matching::Policy::kFifo, config_.max_mentees, config_.pressure_wait_weeks);
  }

  // Homophily after matching (McPherson et al. 2001; constellation seed §7): each active tie of
  // this programme between different groups ends early this week with probability
  // 1 - exp(-h/52), h = cross_group_end_per_year. Ties in tie order; the learner re-queues as for
  // any tie cut short.
  void upkeep(World& world) override {
    if (config_.cross_group_end_per_year <= 0) return;
    const double p = 1.0 - std::exp(-config_.cross_group_end_per_year / 52.0);
    Ties& ties = world.ties;
    const TieRow n = ties.size();
    for (TieRow t = 0; t < n; ++t) {
      if (!ties.active(t) || ties.programme[t] != index_) continue;
      if (world.people.group[ties.developer[t]] == world.people.group[ties.learner[t]]) continue;
      if (uniform01(world.key(), ties.id[t], world.week(), Purpose::kTieDissolve, index_) < p)
        world.end_tie(t, EndReason::kDissolved);
    }
  }

  void on_end(World&) override { queue_.clear(); }

  void reconfigure(const ProgrammeConfig& programme) override {
    config_ = static_cast<const OneOnOneConfig&>(*programme.model);
    policy_ = config_.matching;
    weights_ = matching::weights_of(config_);
  }

  std::size_t waiting_count() const override { return queue_.size(); }

  // Any practitioner holding more than `capacity` relationships.
  void mark_over_capacity(const World& world, std::vector<std::uint8_t>& over) const override {
    for (Row r = 0; r < world.people.size(); ++r)
      if (world.people.developer_ties[r] > config_.capacity) over[r] = 1;
  }

 private:
  std::int64_t spare(const World& world, Row r, std::int64_t cap) const {
    return world.offered_capacity(index_, r, cap) - world.people.developer_ties[r];
  }

  // One pass of the shared matcher over this week's intake: the longest-waiting learners who have
  // waited at least `min_wait` weeks (a prefix of the queue, which is in order of `since`), as many
  // as there are places, plus one for each of them who is also a mentor with room (they may be
  // passed over: nobody mentors themselves). No policy could place a learner beyond that, so the
  // rest of a long queue costs nothing. Mentors' room is counted under `cap`. Matched learners
  // leave the queue; the others keep their order at its front.
  void match_pass(World& world, matching::Policy policy, std::int64_t cap, std::int64_t min_wait) {
    std::vector<matching::Candidate> open;
    std::int64_t places = 0;
    for (Row r = 0; r < world.people.size(); ++r) {
      if (!world.people.has(r, flag::kCanMentor)) continue;
      const std::int64_t s = spare(world, r, cap);
      if (s > 0) {
        open.push_back({r, s});
        places += s;
      }
    }
    if (open.empty()) return;
    std::vector<matching::Seeker> seekers;
    for (const Waiting& w : queue_) {
      if (static_cast<std::int64_t>(seekers.size()) >= places) break;
      if (world.week() - w.since < min_wait) break;
      const Row row = world.people.find(w.id);
      seekers.push_back({w.id, row, w.since, 1});
      if (world.people.has(row, flag::kCanMentor) && spare(world, row, cap) > 0) ++places;
    }
    if (seekers.empty()) return;
    const std::vector<matching::Pair> pairs =
        matching::match(world, policy, seekers, std::move(open), weights_, config_.capacity,
                        config_.candidates, index_);
    std::vector<bool> matched(seekers.size(), false);
    for (const matching::Pair& p : pairs) {
      const matching::Seeker& s = seekers[p.seeker];
      pair(world, p.developer, s.row, {s.id, s.since});
      matched[p.seeker] = true;
    }
    queue_.drop_placed(matched);  // the intake's unmatched learners keep their places
  }

  void pair(World& world, Row mentor, Row learner, const Waiting& w) {
    create(world, mentor, learner, world.week() + duration_weeks(world, w.id) - 1, kStartsThisWeek);
    world.note_match(w.since);
  }

  void create(World& world, Row mentor, Row learner, Week planned_end, Week start) {
    const Practitioners& p = world.people;
    const double similar =
        p.group[mentor] == p.group[learner] ? config_.quality_similarity_bonus : 0;
    world.create_tie(TieSpec::between(mentor, learner, TieKind::kOneOnOne, index_)
                         .sessions(config_.cadence_weeks, config_.session_hours, config_.attendance)
                         .with_quality(config_.quality_base + similar)
                         .ending(planned_end)
                         .started(start));
  }

  // Whole weeks a relationship lasts (at least 1). "exponential" is its discrete-time form, the
  // geometric distribution with the given mean: memoryless week to week.
  Week duration_weeks(const World& world, PractitionerId learner) const {
    if (config_.duration == DurationShape::kFixed)
      return std::max<Week>(1, static_cast<Week>(std::lround(config_.duration_weeks)));
    if (config_.duration_weeks <= 1.0) return 1;
    const double u =
        uniform01(world.key(), learner, world.week(), Purpose::kRelationshipDuration, index_);
    const double rate = -std::log1p(-1.0 / config_.duration_weeks);  // P(end each week) = 1/mean
    return static_cast<Week>(std::max(1.0, std::ceil(-std::log(u) / rate)));
  }

  OneOnOneConfig config_;
  std::uint8_t index_;
  matching::Policy policy_;
  matching::ScoreWeights weights_;
  WaitingList queue_;
  std::vector<PractitionerId> placed_at_start_;  // learners of adopted relationships, sorted
};

}  // namespace

ModelEntry::ExistingTieRules one_on_one_existing_ties() {
  ModelEntry::ExistingTieRules rules;
  rules.developer_capacity = [](const ProgrammeConfig& p) {
    const auto& c = static_cast<const OneOnOneConfig&>(*p.model);
    return std::max(c.capacity, c.max_mentees);
  };
  rules.capacity_keys = "capacity, or max_mentees when larger";
  return rules;
}

std::unique_ptr<Model> make_one_on_one_model(const ProgrammeConfig& programme,
                                             int programme_index) {
  return std::make_unique<OneOnOneModel>(static_cast<const OneOnOneConfig&>(*programme.model),
                                         programme_index);
}

}  // namespace mentorsim
