// The peer pod model: a waiting list cut into pods in order; each pod is a peer group (load-free
// peer learning between all ordered pairs of members, state/peer_groups.hpp), with a rotation of
// load-carrying peer ties from each member to the next-weaker one, and monthly visit ties from one
// senior chosen by the shared matcher (fifo).
// Pods live in a model-owned table keyed by pod id; ties are found again by id (tie order is id
// order, so a binary search finds them after compaction).
#include <algorithm>

#include "core/rng.hpp"
#include "matching/matcher.hpp"
#include "models/candidate_rows.hpp"
#include "models/flat_id_map.hpp"
#include "models/peer_pod.hpp"
#include "models/seekers.hpp"
#include "models/waiting_list.hpp"
#include "state/world.hpp"

namespace mentorsim {

namespace {

struct Pod {
  std::vector<PractitionerId> members;  // in waiting-list order
  bool has_senior = false;
  PractitionerId senior = 0;
  double safety = 1.0;
  Week formed = 0;
  Week next_rotation = 0;
  bool needs_senior = false;  // the senior shed a visit (burnout): reassign
  GroupId peers = 0;          // the members' peer group
  std::vector<TieId> visits, rotation;
};

class PeerPodModel final : public Model {
 public:
  PeerPodModel(const PeerPodConfig& config, int index)
      : config_(config), index_(static_cast<std::uint8_t>(index)) {}

  void reconfigure(const ProgrammeConfig& programme) override {
    config_ = static_cast<const PeerPodConfig&>(*programme.model);
  }

  void on_join(World& world, std::span<const Row> rows, bool at_start) override {
    for_each_seeker(world, rows, at_start ? config_.initial_seek_share : config_.seek_share,
                    flag::kSenior, index_, [&](PractitionerId id) { queue_.add(world, id); });
  }

  // Leavers leave the waiting list and their pod (as member or visiting senior); their ties end
  // afterwards as mentor_left / mentee_left, which re-queues nobody. Pods that shrank are checked
  // for dissolution in match().
  void on_departures(World& world) override {
    const std::vector<PractitionerId>& leavers = world.leavers;  // sorted
    queue_.drop_leavers(world);
    // Members: through their pod (a walk over every pod each week cost more than the rest).
    for (PractitionerId id : leavers) {
      const std::uint32_t* member = member_pod_.find(id);
      if (!member) continue;
      const std::uint32_t pid = *member;
      std::erase(pods_.at(pid).members, id);
      shrunk_.push_back(pid);
      member_pod_.erase(id);
    }
    // Visiting seniors leave their pods at the next walk over the pods (matching's, or upkeep's
    // in a week the programme does not match), not in a walk of their own: until then no step
    // reads a pod's senior, and the engine ends their visits now. senior_pods_ keeps their counts
    // until then, which only mark_over_capacity (after upkeep) and free_developers (after the
    // release, over present rows only) read.
    for (PractitionerId id : leavers)
      if (senior_pods_.contains(id)) departed_seniors_.push_back(id);
    std::sort(departed_seniors_.begin(), departed_seniors_.end());  // shocks, then the hazard
  }

  // Only a visit shed by a burned-out senior needs action: the pod gets a new senior.
  void on_tie_ended(World& world, TieRow t) override {
    if (static_cast<EndReason>(world.ties.end_reason[t]) != EndReason::kBurnout) return;
    if (world.ties.kind[t] != static_cast<std::uint8_t>(TieKind::kGuide)) return;
    if (const std::uint32_t* pid = member_pod_.find(world.ties.learner_id[t]))
      pods_.at(*pid).needs_senior = true;
  }

  void match(World& world) override {
    dissolve_small(world);
    while (static_cast<std::int64_t>(queue_.size()) >= config_.pod_size_min) form(world);
    assign_seniors(world);
  }

  // The rotation is re-paired every rotation_weeks.
  void upkeep(World& world) override {
    pods_.for_each([&](std::uint32_t, Pod& pod) {
      release_departed_senior(world, pod);
      if (world.week() >= pod.next_rotation) rotate(world, pod);
    });
    departed_seniors_.clear();
  }

  void on_end(World&) override {
    queue_.clear();
    pods_.clear();
    member_pod_.clear();
    senior_pods_.clear();
    departed_seniors_.clear();
    shrunk_.clear();
  }

  std::size_t waiting_count() const override { return queue_.size(); }

  // A visiting senior of this programme holding more pods than visit_capacity.
  void mark_over_capacity(const World& world, std::vector<std::uint8_t>& over) const override {
    senior_pods_.for_each([&](PractitionerId id, std::int64_t pods) {
      if (pods <= config_.visit_capacity) return;
      const Row r = world.people.find(id);
      if (r != kNoRow) over[r] = 1;
    });
  }

 private:
  // Beyond the programme's last week (or the run's): pod ties never complete; the engine ends them
  // with the programme.
  Week planned_end(const World& world) const {
    const std::int64_t end = world.scenario().programmes[index_].common.end_week;
    return static_cast<Week>(end >= 0 ? end : world.scenario().meta.weeks);
  }

  // `relationship_share`: a pod's visits together are one relationship of the visiting senior.
  TieId tie(World& world, Row developer, Row learner, TieKind kind, std::int64_t cadence,
            double hours, double quality, double load_weight, double relationship_share = 1.0) {
    return world.ties.id[world.create_tie(TieSpec::between(developer, learner, kind, index_)
                                              .sessions(cadence, hours, config_.attendance)
                                              .with_quality(quality)
                                              .with_load_weight(load_weight)
                                              .as_share_of_relationship(relationship_share)
                                              .ending(planned_end(world)))];
  }

  double peer_quality(const Pod& pod) const {
    const double q = config_.quality_base * pod.safety;
    return pod.safety < config_.hollow_below ? q * config_.hollow_quality_factor : q;
  }

  // A pod whose visiting senior left since the last walk lets them go (World::leavers' ties have
  // been ended by the engine).
  void release_departed_senior(World& world, Pod& pod) {
    if (pod.has_senior && !departed_seniors_.empty() &&
        std::binary_search(departed_seniors_.begin(), departed_seniors_.end(), pod.senior))
      release_senior(world, pod, EndReason::kNone);
  }

  // Ends the pod's visits (reason kNone: the senior is leaving and the engine ends them).
  void release_senior(World& world, Pod& pod, EndReason reason) {
    if (reason != EndReason::kNone) world.end_ties(pod.visits, reason);
    pod.visits.clear();
    std::int64_t* held = senior_pods_.find(pod.senior);
    if (held && --*held == 0) senior_pods_.erase(pod.senior);
    pod.has_senior = false;
    pod.needs_senior = false;
  }

  // Pods below pod_size_min - 1 members dissolve, in pod id order; their remaining members go back
  // to the front of the waiting list, in pod order then member order, waiting from this week.
  // Only pods that lost members since the last call can be small: pods form with at least
  // pod_size_min members.
  void dissolve_small(World& world) {
    std::sort(shrunk_.begin(), shrunk_.end());
    shrunk_.erase(std::unique(shrunk_.begin(), shrunk_.end()), shrunk_.end());
    std::vector<Waiting> back;  // to the front of the waiting list
    for (std::uint32_t pid : shrunk_) {
      Pod* found = pods_.find(pid);
      if (!found) continue;
      Pod& pod = *found;
      const bool small = static_cast<std::int64_t>(pod.members.size()) < config_.pod_size_min - 1;
      if (!small) continue;
      release_departed_senior(world, pod);
      if (pod.has_senior) release_senior(world, pod, EndReason::kDissolved);
      const GroupRow g = world.groups.find(pod.peers);
      if (g < world.groups.groups()) world.end_group(g, EndReason::kDissolved);
      world.end_ties(pod.rotation, EndReason::kDissolved);
      for (PractitionerId id : pod.members) {
        member_pod_.erase(id);
        back.push_back({id, world.week(), kAllZones});
      }
      pods_.erase(pid);
    }
    shrunk_.clear();
    queue_.add_to_front(back);
  }

  // One pod from the front of the waiting list: pod_size members, or all of them if fewer.
  void form(World& world) {
    const auto n = static_cast<std::size_t>(
        std::min<std::int64_t>(config_.pod_size, static_cast<std::int64_t>(queue_.size())));
    const std::uint32_t pid = next_pod_id_++;
    Pod& pod = pods_[pid];
    pod.formed = world.week();
    const double u = uniform01(world.key(), pid, world.week(), Purpose::kPodSafety, index_);
    pod.safety = config_.safety_min + (config_.safety_max - config_.safety_min) * u;
    std::vector<Row> rows;
    for (std::size_t i = 0; i < n; ++i) {
      const Waiting w = queue_.take_front();
      pod.members.push_back(w.id);
      member_pod_[w.id] = pid;
      rows.push_back(world.people.find(w.id));
      world.note_match(w.since);  // one per member placed
    }
    // Each member attends a pod meeting with the programme's attendance (raised by incentives).
    GroupSpec spec;
    spec.programme = index_;
    spec.planned_end = planned_end(world);
    spec.cadence_weeks = static_cast<std::uint16_t>(config_.cadence_weeks);
    spec.session_hours = static_cast<float>(config_.session_hours);
    spec.quality = static_cast<float>(peer_quality(pod));
    const float attendance =
        std::min(1.0f, static_cast<float>(config_.attendance) + world.attendance_gain(index_));
    pod.peers = world.create_group(spec, rows, std::vector<float>(rows.size(), attendance));
    rotate(world, pod);
  }

  static double mean_skill(const World& world, Row r) {
    const float* s = world.people.skill_row(r);
    double total = 0;
    for (int z = 0; z < world.people.zones(); ++z) total += s[z];
    return total / world.people.zones();
  }

  // Members by mean skill, strongest first (ties: lower id); each mentors the next one.
  void rotate(World& world, Pod& pod) {
    world.end_ties(pod.rotation, EndReason::kReleased);
    pod.next_rotation = world.week() + static_cast<Week>(config_.rotation_weeks);
    std::vector<std::pair<double, PractitionerId>> order;
    for (PractitionerId id : pod.members)
      order.push_back({-mean_skill(world, world.people.find(id)), id});
    std::sort(order.begin(), order.end());
    for (std::size_t i = 0; i + 1 < order.size(); ++i)
      pod.rotation.push_back(tie(world, world.people.find(order[i].second),
                                 world.people.find(order[i + 1].second), TieKind::kPeer,
                                 config_.rotation_cadence_weeks, config_.session_hours,
                                 peer_quality(pod), 1.0));
  }

  // Pods without a senior (new, or whose senior left or burned out), in pod id order, each go
  // through the fifo matcher over seniors and mentors with room who are in no pod themselves.
  void assign_seniors(World& world) {
    std::vector<matching::Seeker> seekers;
    std::vector<std::uint32_t> pod_of;
    pods_.for_each([&](std::uint32_t pid, Pod& pod) {
      release_departed_senior(world, pod);
      if (pod.needs_senior && pod.has_senior) release_senior(world, pod, EndReason::kReleased);
      if (pod.has_senior || pod.members.empty()) return;
      const PractitionerId first = pod.members.front();
      seekers.push_back({first, world.people.find(first), pod.formed, 1});
      pod_of.push_back(pid);
    });
    departed_seniors_.clear();
    if (seekers.empty()) return;
    std::vector<matching::Candidate> open =
        free_developers(world, index_, flag::kSenior | flag::kCanMentor, member_pod_, senior_pods_,
                        config_.visit_capacity);
    if (open.empty()) return;
    const std::vector<matching::Pair> pairs =
        matching::match(world, matching::Policy::kFifo, seekers, std::move(open), {},
                        config_.visit_capacity, 1, index_);
    for (const matching::Pair& m : pairs) {
      Pod& pod = pods_.at(pod_of[m.seeker]);
      pod.has_senior = true;
      pod.senior = world.people.id[m.developer];
      ++senior_pods_[pod.senior];
      const double share = 1.0 / static_cast<double>(pod.members.size());
      for (PractitionerId id : pod.members)
        pod.visits.push_back(tie(world, m.developer, world.people.find(id), TieKind::kGuide,
                                 config_.visit_cadence_weeks, config_.visit_hours,
                                 config_.quality_base, share, share));
    }
  }

  PeerPodConfig config_;
  std::uint8_t index_;
  WaitingList queue_;
  FlatIdMap<std::uint32_t, Pod> pods_;  // by pod id
  FlatIdMap<PractitionerId, std::uint32_t> member_pod_;
  std::vector<std::uint32_t> shrunk_;  // pods that lost members since the last dissolve_small
  FlatIdMap<PractitionerId, std::int64_t> senior_pods_;  // visiting senior: pods held
  std::vector<PractitionerId> departed_seniors_;  // left since the last walk over the pods, sorted
  std::uint32_t next_pod_id_ = 0;
};

}  // namespace

std::unique_ptr<Model> make_peer_pod_model(const ProgrammeConfig& programme, int programme_index) {
  return std::make_unique<PeerPodModel>(static_cast<const PeerPodConfig&>(*programme.model),
                                        programme_index);
}

}  // namespace mentorsim
