// Outcome metrics (docs/metrics.md): the pure functions on hand-computed cases, the weekly series
// against an independent recount of the world, and thread invariance of the bundled ecosystem.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "metrics/inequality.hpp"
#include "support/run_values.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

using mentorsim::testing::last;
using mentorsim::testing::same_at_one_and_two_threads;
using mentorsim::testing::summary_value;

namespace {

// Gini straight from its definition: sum over ordered pairs |x_i - x_j| / (2 n^2 mean).
double gini_by_pairs(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double total = 0, pairs = 0;
  for (double a : x) {
    total += a;
    for (double b : x) pairs += std::abs(a - b);
  }
  return total > 0 ? pairs / (2 * n * total) : 0.0;
}

}  // namespace

TEST_CASE("Gini coefficient on known values", "[metrics]") {
  std::vector<double> equal{1, 1, 1, 1};
  CHECK(gini(equal) == 0.0);
  std::vector<double> one_holds_all{0, 1, 0, 0};
  CHECK(gini(one_holds_all) == Approx(0.75));  // (n - 1) / n
  std::vector<double> ramp{1, 2, 3, 4};        // pairs: 2 x (1+2+3+1+2+1) = 20; 20 / (2 16 2.5)
  CHECK(gini(ramp) == Approx(0.25));
  std::vector<double> none;
  CHECK(gini(none) == 0.0);
  std::vector<double> zeros{0, 0, 0};
  CHECK(gini(zeros) == 0.0);
  std::vector<double> mixed{3.5, 0.25, 7, 0, 1, 1, 12.5};
  const double expected = gini_by_pairs(mixed);
  CHECK(gini(mixed) == Approx(expected));
}

TEST_CASE("nearest-rank percentiles", "[metrics]") {
  std::vector<double> twenty;
  for (int i = 1; i <= 20; ++i) twenty.push_back(i);
  CHECK(percentile_sorted(twenty, 0.95) == 19);  // k = ceil(19.0) = 19, not 20
  CHECK(percentile_sorted(twenty, 0.5) == 10);
  CHECK(percentile_sorted(twenty, 1.0) == 20);
  CHECK(percentile_sorted(twenty, 0.0) == 1);  // clamped to the smallest
  std::vector<double> hundred;
  for (int i = 1; i <= 100; ++i) hundred.push_back(i);
  CHECK(percentile_sorted(hundred, 0.95) == 95);
  const std::vector<double> three{2, 4, 8};
  CHECK(percentile_sorted(three, 0.95) == 8);  // k = ceil(2.85) = 3
  CHECK(percentile_sorted(std::vector<double>{}, 0.95) == 0);
}

TEST_CASE("Coleman's homophily index on a hand-built two-group tie set", "[metrics]") {
  CHECK(coleman_homophily(0.6, 0.6) == 0);   // as random
  CHECK(coleman_homophily(1.0, 0.6) == 1);   // only own group
  CHECK(coleman_homophily(0.0, 0.4) == -1);  // never own group
  CHECK(coleman_homophily(0.75, 0.6) == Approx(0.375));
  CHECK(coleman_homophily(0.5, 1.0) == 0);  // one group: undefined, 0
  // Ten people: six in A (0), four in B (1). Ties as (learner group, developer group).
  const std::vector<std::pair<int, int>> tie_set{{0, 0}, {0, 0}, {0, 0}, {0, 1}, {1, 0}, {1, 0}};
  std::vector<std::int64_t> same(2), ties(2);
  for (auto [l, d] : tie_set) {
    ++ties[l];
    same[l] += l == d;
  }
  const std::vector<double> shares{0.6, 0.4};
  std::vector<double> per_group(2);
  const double mean = coleman_homophily(same, ties, shares, per_group);
  CHECK(per_group[0] == Approx((0.75 - 0.6) / 0.4));  // 0.375
  CHECK(per_group[1] == Approx(-1.0));                // (0 - 0.4) / 0.4
  CHECK(mean == Approx((4 * 0.375 + 2 * -1.0) / 6));  // tie-weighted
  // A group without ties takes no weight.
  ties[1] = same[1] = 0;
  CHECK(coleman_homophily(same, ties, shares, per_group) == Approx(0.375));
  CHECK(per_group[1] == 0);
}

TEST_CASE("Blau diversity on known values", "[metrics]") {
  CHECK(blau_diversity(std::vector<double>{1, 1}) == Approx(0.5));
  CHECK(blau_diversity(std::vector<double>{3, 0}) == 0);
  CHECK(blau_diversity(std::vector<double>{1, 1, 1}) == Approx(2.0 / 3));
  CHECK(blau_diversity(std::vector<double>{3, 1}) == Approx(1 - 0.5625 - 0.0625));
  CHECK(blau_diversity(std::vector<double>{0, 0}) == 0);
}

TEST_CASE("the weekly outcome series match a recount of the world", "[metrics]") {
  // The bundled ecosystem: one-on-one, pods and reverse ties, so learners can have several
  // developers, and two groups.
  const Scenario scenario = testing::bundled("ecosystem", 60, {});
  const std::vector<std::string>& groups = scenario.population.group_names;
  REQUIRE(groups.size() == 2);
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  const Practitioners& p = w.people;
  double max_developers_per_learner = 0;
  for (int week = 0; week < 60; ++week) {
    sim.step();
    const Row n = p.size();
    // Burnout: the developers' loads.
    std::vector<double> loads;
    for (Row r = 0; r < n; ++r)
      if (p.load_hours[r] > 0) loads.push_back(p.load_hours[r]);
    std::sort(loads.begin(), loads.end());
    if (!loads.empty()) {
      const std::size_t k =
          static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(loads.size()) - 1e-9));
      CHECK(last(sim, "load_p95_hours") == loads[k - 1]);
      CHECK(last(sim, "load_max_hours") == loads.back());
    }
    // Reach and equity from the active ties.
    std::map<Row, std::set<Row>> developers_of;
    std::vector<double> received(n, 0.0);
    std::vector<std::int64_t> ties(2), same(2);
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!w.ties.active(t)) continue;
      const Row l = w.ties.learner[t], d = w.ties.developer[t];
      developers_of[l].insert(d);
      received[l] += static_cast<double>(w.ties.session_hours[t]) / w.ties.cadence_weeks[t];
      ++ties[p.group[l]];
      same[p.group[l]] += p.group[l] == p.group[d];
    }
    // A peer group: every active member is a developer of every other, and receives the group's
    // session hours once.
    for (GroupRow g = 0; g < w.groups.groups(); ++g) {
      if (w.groups.active_members(g) < 2) continue;
      for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m) {
        if (!w.groups.active(m)) continue;
        const Row l = w.groups.member[m];
        received[l] += static_cast<double>(w.groups.session_hours[g]) / w.groups.cadence_weeks[g];
        for (MembershipRow o = w.groups.begin(g); o < w.groups.end(g); ++o) {
          if (o == m || !w.groups.active(o)) continue;
          const Row d = w.groups.member[o];
          developers_of[l].insert(d);
          ++ties[p.group[l]];
          same[p.group[l]] += p.group[l] == p.group[d];
        }
      }
    }
    double distinct = 0, blau = 0;
    std::int64_t mentoring = 0, single = 0;
    for (const auto& [l, ds] : developers_of) {
      distinct += static_cast<double>(ds.size());
      single += ds.size() == 1;
      double in_group[2] = {0, 0};
      for (Row d : ds) in_group[p.group[d]] += 1;
      const double a = in_group[0] / static_cast<double>(ds.size());
      blau += 1 - a * a - (1 - a) * (1 - a);
      mentoring += p.developer_ties[l] > 0;
      CHECK(p.learner_ties[l] > 0);
    }
    const double learners = static_cast<double>(developers_of.size());
    if (learners > 0) {
      CHECK(last(sim, "developers_per_learner") == Approx(distinct / learners));
      CHECK(last(sim, "developer_diversity_blau") == Approx(blau / learners).margin(1e-12));
      CHECK(last(sim, "learners_who_mentor_share") ==
            Approx(static_cast<double>(mentoring) / learners));
      CHECK(last(sim, "single_developer_share") == Approx(static_cast<double>(single) / learners));
      max_developers_per_learner = std::max(max_developers_per_learner, distinct / learners);
    }
    double members[2] = {0, 0}, covered[2] = {0, 0};
    for (Row r = 0; r < n; ++r) {
      members[p.group[r]] += 1;
      covered[p.group[r]] += developers_of.count(r) > 0;
    }
    double coverage[2], homophily = 0, weight = 0;
    for (int g = 0; g < 2; ++g) {
      coverage[g] = covered[g] / members[g];
      CHECK(last(sim, "participation_by_group/" + groups[g]) == Approx(coverage[g]));
      if (ties[g] == 0) continue;
      const double s = static_cast<double>(same[g]) / static_cast<double>(ties[g]);
      const double share = members[g] / static_cast<double>(n);
      const double h = s >= share ? (s - share) / (1 - share) : (s - share) / share;
      CHECK(last(sim, "homophily_coleman_by_group/" + groups[g]) == Approx(h).margin(1e-12));
      homophily += static_cast<double>(ties[g]) * h;
      weight += static_cast<double>(ties[g]);
    }
    CHECK(last(sim, "homophily_coleman") ==
          Approx(weight > 0 ? homophily / weight : 0.0).margin(1e-12));
    const double highest = std::max(coverage[0], coverage[1]);
    CHECK(last(sim, "access_ratio") ==
          Approx(highest > 0 ? std::min(coverage[0], coverage[1]) / highest : 1.0));
    if (week % 20 == 19) {  // the O(n^2) Ginis now and then
      CHECK(last(sim, "load_gini") == Approx(gini_by_pairs(loads)));
      CHECK(last(sim, "hours_received_gini") == Approx(gini_by_pairs(received)));
    }
  }
  CHECK(max_developers_per_learner > 1.0);  // pods give learners several developers
  // Summaries: run means of the series.
  const RunResult result = sim.recorder().result(scenario, 0);
  const auto mean = [&](const std::string& name) {
    const std::vector<double>& v = sim.recorder().series(name);
    double total = 0;
    for (double x : v) total += x;
    return total / static_cast<double>(v.size());
  };
  CHECK(summary_value(result, "mean_load_gini") == Approx(mean("load_gini")));
  CHECK(summary_value(result, "mean_developers_per_learner") ==
        Approx(mean("developers_per_learner")));
  CHECK(summary_value(result, "final_access_ratio") == last(sim, "access_ratio"));
  CHECK(summary_value(result, "mean_hours_received_gini") == Approx(mean("hours_received_gini")));
  CHECK(summary_value(result, "mean_developer_diversity_blau") ==
        Approx(mean("developer_diversity_blau")));
  CHECK(summary_value(result, "mean_participation_by_group/minority") ==
        Approx(mean("participation_by_group/minority")));
}

TEST_CASE("the outcome metrics give the same bits with 1 and 2 threads", "[metrics]") {
  const Scenario scenario = testing::bundled("ecosystem", 52, {});
  const RunResult one = same_at_one_and_two_threads(scenario, 2);
  REQUIRE(one.find_series("load_gini") != nullptr);
}
