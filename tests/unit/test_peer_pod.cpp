// The peer pod model on its bundled scenario (scenarios/models/peer_pod.toml). Pods are read back
// from the world: a pod's members form one peer group (state/peer_groups.hpp).
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/run_values.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"
#include "support/world_queries.hpp"

using namespace mentorsim;

using mentorsim::testing::is_active;
using mentorsim::testing::same_at_one_and_two_threads;
using mentorsim::testing::series_total;

namespace {

Scenario peer_pod(const std::vector<std::string>& overrides) {
  return testing::bundled("peer_pod", 104, overrides);
}

bool rotation_tie(const World& w, TieRow t) {
  return is_active(w, t, TieKind::kPeer) && w.ties.load_weight[t] == 1.0f;
}

// Pods as member -> pod label (the smallest active member id), from the peer groups.
std::map<PractitionerId, PractitionerId> pods_of(const World& w) {
  std::map<PractitionerId, PractitionerId> label;
  for (GroupRow g = 0; g < w.groups.groups(); ++g) {
    const PractitionerId smallest = testing::smallest_active_member(w, g);
    for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m)
      if (w.groups.active(m)) label[w.groups.member_id[m]] = smallest;
  }
  return label;
}

std::map<PractitionerId, std::int64_t> sizes(const std::map<PractitionerId, PractitionerId>& pods) {
  std::map<PractitionerId, std::int64_t> n;
  for (const auto& [id, pod] : pods) ++n[pod];
  return n;
}

}  // namespace

TEST_CASE("pods form at the configured sizes, each member in one peer group", "[peer_pod]") {
  const auto [size, min] = GENERATE(std::pair{5, 4}, std::pair{6, 3}, std::pair{3, 3});
  const Scenario s = peer_pod({"programme.0.pod_size=" + std::to_string(size),
                               "programme.0.pod_size_min=" + std::to_string(min)});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::int64_t formed = 0, seen = 0;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    std::set<PractitionerId> members_seen;
    for (GroupRow g = 0; g < w.groups.groups(); ++g) {
      const auto members = static_cast<std::int64_t>(w.groups.active_members(g));
      CHECK(w.groups.cadence_weeks[g] == 1);
      CHECK(members <= size);
      CHECK(members >= min - 1);  // smaller pods dissolve
      if (w.groups.start_week[g] == w.week()) {
        CHECK(members >= min);
        ++formed;
      }
      for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m) {
        // One pod each, and as many learner links as other members (pair ties the group
        // stands for), beside the senior's visit and the rotation.
        CHECK(members_seen.insert(w.groups.member_id[m]).second);
        CHECK(w.people.learner_ties[w.groups.member[m]] >= members - 1);
      }
      ++seen;
    }
    const auto pods = pods_of(w);
    for (TieRow t = 0; t < w.ties.size(); ++t)
      if (rotation_tie(w, t))  // rotation pairs are pod members
        CHECK(pods.at(w.ties.developer_id[t]) == pods.at(w.ties.learner_id[t]));
  }
  CHECK(formed > 50);
  CHECK(seen > 0);
}

TEST_CASE("each pod has one visiting senior holding at most visit_capacity pods", "[peer_pod]") {
  const Scenario s = peer_pod({});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::int64_t visited = 0, pods_seen = 0;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    const auto pods = pods_of(w);
    std::map<PractitionerId, std::set<PractitionerId>> seniors_of_pod;
    std::map<PractitionerId, std::set<PractitionerId>> pods_of_senior;
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!is_active(w, t, TieKind::kGuide)) continue;
      const PractitionerId pod = pods.at(w.ties.learner_id[t]);
      seniors_of_pod[pod].insert(w.ties.developer_id[t]);
      pods_of_senior[w.ties.developer_id[t]].insert(pod);
      CHECK(w.ties.cadence_weeks[t] == 4);
      CHECK(pods.count(w.ties.developer_id[t]) == 0);  // the senior is in no pod
    }
    for (const auto& [pod, seniors] : seniors_of_pod) CHECK(seniors.size() == 1);
    for (const auto& [senior, held] : pods_of_senior) CHECK(held.size() <= 4);
    visited += static_cast<std::int64_t>(seniors_of_pod.size());
    pods_seen += static_cast<std::int64_t>(sizes(pods).size());
    // A senior's visit load is visit_hours / 4 per pod: at most 1 h/week for four pods.
    for (const auto& [senior, held] : pods_of_senior)
      CHECK(w.people.load_hours[w.people.find(senior)] <= 1.0f + 1e-5f);
  }
  CHECK(visited > pods_seen / 2);
}

TEST_CASE("rotation pairs are re-made every rotation_weeks, old ones released", "[peer_pod]") {
  const Scenario s = peer_pod({"programme.0.rotation_weeks=13", "departure.annual_rate=0"});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::int64_t released = 0, rotation_seen = 0;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    released += w.counters.ties_ended[static_cast<int>(EndReason::kReleased)];
    const auto n = sizes(pods_of(w));
    std::map<PractitionerId, std::int64_t> pairs;
    const auto pods = pods_of(w);
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!rotation_tie(w, t)) continue;
      ++rotation_seen;
      ++pairs[pods.at(w.ties.learner_id[t])];
      CHECK(w.week() - w.ties.start_week[t] < 13);
      CHECK(w.ties.cadence_weeks[t] == 2);
      // The developer is the stronger of the two by mean skill when paired; skill moves little.
    }
    for (const auto& [pod, members] : n) CHECK(pairs[pod] == members - 1);  // no one leaves
  }
  CHECK(rotation_seen > 0);
  CHECK(released > 0);
}

namespace {

double mean_non_senior_skill(const Scenario& s) {
  Simulation sim(s, 0);
  for (int week = 0; week < 104; ++week) sim.step();
  const World& w = sim.world();
  double total = 0;
  int n = 0;
  for (Row r = 0; r < w.people.size(); ++r) {
    if (w.people.has(r, flag::kSenior) || w.people.learner_ties[r] == 0) continue;
    for (int z = 0; z < w.people.zones(); ++z) total += w.people.skill_row(r)[z];
    n += w.people.zones();
  }
  return total / n;
}

}  // namespace

TEST_CASE("hollow pods transfer less than safe ones", "[peer_pod]") {
  const double safe =
      mean_non_senior_skill(peer_pod({"programme.0.safety_min=0.9", "programme.0.safety_max=0.9"}));
  const double hollow =
      mean_non_senior_skill(peer_pod({"programme.0.safety_min=0.4", "programme.0.safety_max=0.4"}));
  INFO("mean skill of pod members: safe " << safe << ", hollow " << hollow);
  CHECK(safe > hollow + 0.01);
}

TEST_CASE("departures shrink pods and dissolution re-queues the rest", "[peer_pod]") {
  const Scenario s = peer_pod({"departure.annual_rate=1.5"});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::int64_t dissolved = 0, shrunk = 0, repodded = 0;
  std::map<PractitionerId, Week> pod_start;  // member -> start week of their pod's group
  for (int week = 0; week < 104; ++week) {
    sim.step();
    dissolved += w.counters.ties_ended[static_cast<int>(EndReason::kDissolved)];
    for (const auto& [pod, members] : sizes(pods_of(w))) shrunk += members < 5;
    for (GroupRow g = 0; g < w.groups.groups(); ++g)
      for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m) {
        const auto [it, fresh] =
            pod_start.try_emplace(w.groups.member_id[m], w.groups.start_week[g]);
        if (!fresh && it->second != w.groups.start_week[g]) {  // a member in a new pod
          ++repodded;
          it->second = w.groups.start_week[g];
        }
      }
  }
  CHECK(shrunk > 0);
  CHECK(dissolved > 0);
  CHECK(repodded > 0);
}

TEST_CASE("peer pod runs are bit-identical for 1 and 2 threads", "[peer_pod][determinism]") {
  const Scenario s = peer_pod({"departure.annual_rate=0.5"});
  const RunResult one = same_at_one_and_two_threads(s);
  CHECK(series_total(one, "matches") > 0);
}
