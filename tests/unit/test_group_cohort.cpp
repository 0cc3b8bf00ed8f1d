// The group cohort model on its bundled scenario (scenarios/models/group_cohort.toml). Cohorts are
// read back from the world: a cohort's members form one peer group (state/peer_groups.hpp), so a
// member's cohort is (smallest member id, start week of its group).
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/run_values.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"
#include "support/statistics.hpp"
#include "support/world_queries.hpp"

using namespace mentorsim;

using mentorsim::testing::binomial_se;
using mentorsim::testing::is_active;
using mentorsim::testing::same_at_one_and_two_threads;
using mentorsim::testing::series_total;

namespace {

Scenario cohort(const std::vector<std::string>& overrides) {
  return testing::bundled("group_cohort", 104, overrides);
}

using CohortKey = std::pair<PractitionerId, Week>;  // smallest member id, formation week

// Member -> cohort, from the peer groups.
std::map<PractitionerId, CohortKey> cohorts_of(const World& w) {
  std::map<PractitionerId, CohortKey> of;
  for (GroupRow g = 0; g < w.groups.groups(); ++g) {
    const PractitionerId smallest = testing::smallest_active_member(w, g);
    for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m)
      if (w.groups.active(m))
        of[w.groups.member_id[m]] = CohortKey{smallest, w.groups.start_week[g]};
  }
  return of;
}

}  // namespace

TEST_CASE("cohorts form at the configured sizes", "[group_cohort]") {
  const auto [size, min] = GENERATE(std::pair{10, 8}, std::pair{12, 12}, std::pair{5, 3});
  const Scenario s = cohort({"programme.0.cohort_size=" + std::to_string(size),
                             "programme.0.cohort_min=" + std::to_string(min)});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::int64_t formed = 0;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    std::map<CohortKey, std::set<PractitionerId>> fresh;
    const auto of = cohorts_of(w);
    for (TieRow t = 0; t < w.ties.size(); ++t)
      if (is_active(w, t, TieKind::kFacilitator) && w.ties.start_week[t] == w.week() &&
          of.at(w.ties.learner_id[t]).second == w.week())
        fresh[of.at(w.ties.learner_id[t])].insert(w.ties.learner_id[t]);
    for (const auto& [key, members] : fresh) {
      CHECK(static_cast<int>(members.size()) >= min);
      CHECK(static_cast<int>(members.size()) <= size);
      ++formed;
    }
  }
  CHECK(formed > 10);
}

TEST_CASE("every facilitator holds at most facilitator_capacity cohorts", "[group_cohort]") {
  const int cap = GENERATE(1, 2);
  const Scenario s = cohort({"programme.0.facilitator_capacity=" + std::to_string(cap)});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::int64_t seen = 0;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    const auto of = cohorts_of(w);
    std::map<PractitionerId, std::set<CohortKey>> held;
    for (TieRow t = 0; t < w.ties.size(); ++t)
      if (is_active(w, t, TieKind::kFacilitator)) {
        held[w.ties.developer_id[t]].insert(of.at(w.ties.learner_id[t]));
        CHECK(of.count(w.ties.developer_id[t]) == 0);  // the facilitator is not a member
      }
    for (const auto& [f, cohorts] : held) {
      CHECK(static_cast<int>(cohorts.size()) <= cap);
      ++seen;
    }
  }
  CHECK(seen > 0);
}

TEST_CASE("a cohort's facilitator ties are scheduled 13 times in 26 weeks", "[group_cohort]") {
  const Scenario s = cohort({"departure.annual_rate=0"});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::map<TieId, std::pair<int, Week>> sessions;  // tie -> (scheduled weeks, last week seen)
  std::map<TieId, Week> start;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!is_active(w, t, TieKind::kFacilitator)) continue;
      auto& [n, last] = sessions[w.ties.id[t]];
      n += w.ties.scheduled(t, w.week());
      last = w.week();
      start[w.ties.id[t]] = w.ties.start_week[t];
      CHECK(w.ties.planned_end[t] - w.ties.start_week[t] <= 25);
    }
  }
  std::int64_t full = 0;
  for (const auto& [id, ns] : sessions) {
    const Week s0 = start.at(id);
    if (s0 + 26 > 104 || ns.second != s0 + 24) continue;  // cut short or not finished
    CHECK(ns.first == 13);
    ++full;
  }
  CHECK(full > 50);
}

TEST_CASE("in full rhythm, member presence is binomial at the programme's attendance",
          "[group_cohort]") {
  // No session slips (no calendar slips, no burned-out facilitator), so the rhythm stays 1.
  const Scenario s = cohort({"departure.annual_rate=0", "burnout.enabled=false",
                             "programme.0.skip_chance=0", "programme.0.pause_below=0"});
  Simulation sim(s, 0);
  const World& w = sim.world();
  double n = 0, present = 0;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!is_active(w, t, TieKind::kFacilitator) || !w.ties.scheduled(t, w.week())) continue;
      const float a = w.ties.attendance[t];
      CHECK((a == 0.0f || a == 1.0f));
      n += 1;
      present += a;
    }
  }
  const double p = 0.85, share = present / n, se = binomial_se(p, n);
  INFO("present share " << share << " over " << n << " member-sessions");
  REQUIRE(n > 1000);
  CHECK(std::abs(share - p) < 4 * se);
}

TEST_CASE("a cohort with low attendance pauses for replant_weeks, then restarts",
          "[group_cohort]") {
  const Scenario s = cohort({"departure.annual_rate=0", "burnout.enabled=false",
                             "programme.0.skip_chance=0", "programme.0.attendance=0.3"});
  Simulation sim(s, 0);
  const World& w = sim.world();
  std::map<CohortKey, std::map<Week, int>> held;  // cohort -> offset -> facilitator ties held
  for (int week = 0; week < 104; ++week) {
    sim.step();
    const auto of = cohorts_of(w);
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!is_active(w, t, TieKind::kFacilitator) || !w.ties.scheduled(t, w.week())) continue;
      const CohortKey key = of.at(w.ties.learner_id[t]);
      held[key][w.week() - key.second] += w.ties.held[t];
    }
  }
  // Sessions at offsets 0, 2, 4 fill the window (rate ~0.3 < 0.5): paused from week 5 for 13
  // weeks, so offsets 6..16 hold nothing and sessions resume at offset 18.
  std::int64_t cohorts = 0, paused = 0, restarted = 0;
  for (const auto& [key, by_offset] : held) {
    if (key.second + 26 > 104) continue;
    ++cohorts;
    int during = 0, after = 0;
    for (const auto& [offset, k] : by_offset) {
      if (offset >= 6 && offset <= 16) during += k;
      if (offset >= 18 && offset <= 22) after += k;
    }
    paused += during == 0;
    restarted += during == 0 && after > 0;
  }
  INFO(cohorts << " cohorts, " << paused << " paused, " << restarted << " restarted");
  REQUIRE(cohorts > 10);
  CHECK(paused >= cohorts * 9 / 10);
  CHECK(restarted >= paused * 9 / 10);
}

TEST_CASE("group cohort runs are bit-identical for 1 and 2 threads",
          "[group_cohort][determinism]") {
  // Office hours and all-hands on (as in the file), the all-hands every 5 weeks to exercise it.
  const Scenario s = cohort({"departure.annual_rate=0.5", "programme.0.calendar_guard=true",
                             "programme.0.office_hours=true", "programme.0.all_hands=true",
                             "programme.0.all_hands_every_weeks=5"});
  const RunResult one = same_at_one_and_two_threads(s);
  CHECK(series_total(one, "matches") > 0);
}
