// Closed form of the constellation model (MODEL-BRIEF: "with k independent guides, the chance of
// losing all of them is the product of the single chances"): every learner gets k distinct senior
// guides at week 0, each guiding nobody else (capacity 1), so their departures are independent.
// With a constant departure hazard h, a guide is gone after W weeks with q = 1 − exp(−h·W/52), and
// a learner still present has lost all k guides with probability q^k. No check-in falls in the
// window, so nobody is replaced. Learners leave at the same hazard whether or not they still have a
// guide (mentored_hazard_ratio = 1), so those still present are an unbiased sample.
#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <string>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/guide_isolation.hpp"
#include "support/statistics.hpp"

using namespace mentorsim;

using mentorsim::testing::binomial_se;
using mentorsim::testing::guide_isolation_world;

TEST_CASE("losing all of k independent guides has probability q^k", "[constellation][stats]") {
  const int k = GENERATE(1, 2, 3);
  constexpr int kWindow = 26;  // weeks of guide departures after the week-0 matching
  const Scenario s = guide_isolation_world(k, {});  // hazard 2.0 a year, 12,000 people
  Simulation sim(s, 0);
  const World& w = sim.world();
  sim.step();  // week 0: every learner is matched (departures of week 0 ran before matching)
  std::set<PractitionerId> learners;  // learners with all k guides at week 0
  for (Row r = 0; r < w.people.size(); ++r)
    if (!w.people.has(r, flag::kSenior) && w.people.learner_ties[r] == k)
      learners.insert(w.people.id[r]);
  std::int64_t seekers = 0;
  for (Row r = 0; r < w.people.size(); ++r) seekers += !w.people.has(r, flag::kSenior);
  REQUIRE(static_cast<std::int64_t>(learners.size()) == seekers);  // seniors were plentiful
  for (int week = 1; week <= kWindow; ++week) sim.step();

  std::int64_t present = 0, isolated = 0;
  for (PractitionerId id : learners) {
    const Row r = w.people.find(id);
    if (r == kNoRow) continue;  // the learner's own departure is independent of their guides'
    ++present;
    isolated += w.people.learner_ties[r] == 0;
  }
  const double q = 1.0 - std::exp(-2.0 * kWindow / 52.0);
  const double expected = std::pow(q, k);
  const double share = static_cast<double>(isolated) / static_cast<double>(present);
  const double se = binomial_se(expected, static_cast<double>(present));
  INFO("k = " << k << ": " << isolated << " of " << present << " isolated, share " << share
              << ", q^k = " << expected << ", SE " << se);
  REQUIRE(present > 500);
  CHECK(std::abs(share - expected) < 4 * se);
}
