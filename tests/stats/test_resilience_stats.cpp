// Closed form of isolation events (MODEL-BRIEF: "with k independent guides, the chance of losing
// all of them is the product of the single chances"). Every learner gets k distinct senior guides
// at week 0 in a constellation, each guide guiding nobody else (guide_capacity = 1), so the
// guides' departures are independent, each with the weekly probability p = 1 - exp(-h/52) of the
// constant hazard h. No check-in falls in the window, so nobody is replaced, and a learner leaves
// at the same hazard whatever their guides do (mentored_hazard_ratio = 1).
//
// A learner holding j guides at the start of a week is then an isolation event of that week with
// probability (1 - p) p^j: they stay, and all j guides leave. The test sums (1 - p) p^j over the
// learners present at the start of each week (j read from the world) and compares it with the
// recorded `isolation_events`, within 4 standard errors of the sum of those Bernoulli trials.
// Replacing the product by a single chance (p), or counting learners who lose only some guides,
// misses by hundreds of standard errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <map>
#include <string>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/guide_isolation.hpp"

using namespace mentorsim;
using mentorsim::testing::guide_isolation_world;

constexpr double kHazard = 8.0;  // per year: p = 1 - exp(-8/52) = 0.143 a week

TEST_CASE("isolation events follow the product of independent guides' departure chances",
          "[metrics][stats]") {
  const int k = GENERATE(1, 2, 3);
  INFO("k = " << k);
  const Scenario s = guide_isolation_world(
      k, {"scenario.name=resilience_isolation", "scenario.weeks=13", "scenario.seed=4242",
          "population.initial_size=10000", "departure.annual_rate=" + std::to_string(kHazard)});
  const double p = 1.0 - std::exp(-kHazard / 52.0);
  Simulation sim(s, 0);
  const World& w = sim.world();
  sim.step();  // week 0: every learner gets k guides
  std::int64_t learners = 0, with_k = 0;
  for (Row r = 0; r < w.people.size(); ++r) {
    if (w.people.has(r, flag::kSenior)) continue;
    ++learners;
    with_k += w.people.learner_ties[r] == k;
  }
  REQUIRE(learners > 1500);
  REQUIRE(with_k == learners);  // seniors were plentiful

  double expected = 0, variance = 0, expected_if_single = 0;
  double observed = 0;
  std::int64_t first_week_at_risk = 0;
  for (Week week = 1; week < 13; ++week) {
    std::map<int, std::int64_t> holding;  // guides held -> learners, at the start of the week
    for (Row r = 0; r < w.people.size(); ++r)
      if (!w.people.has(r, flag::kSenior) && w.people.learner_ties[r] > 0)
        ++holding[w.people.learner_ties[r]];
    if (week == 1) first_week_at_risk = holding[k];
    for (const auto& [j, n] : holding) {
      REQUIRE(j <= k);
      const double q = (1.0 - p) * std::pow(p, j);
      expected += static_cast<double>(n) * q;
      variance += static_cast<double>(n) * q * (1.0 - q);
      expected_if_single += static_cast<double>(n) * (1.0 - p) * p;
    }
    sim.step();
    observed += sim.recorder().series("isolation_events").back();
  }
  REQUIRE(first_week_at_risk == learners);  // nobody left at week 0 after matching
  const double se = std::sqrt(variance);
  INFO("observed " << observed << ", expected " << expected << " +- " << se);
  CHECK(expected > 250);  // enough events for a sharp test
  CHECK(std::abs(observed - expected) < 4 * se);
  if (k > 1) CHECK(std::abs(observed - expected_if_single) > 10 * se);
  // Nobody is isolated in week 0 (no ties before it) and no learner is replaced.
  CHECK(sim.recorder().series("isolation_events").front() == 0);
}
