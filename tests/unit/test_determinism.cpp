// Results are a pure function of (scenario, seed, replicate): bit-identical whatever the thread
// count, whether replicates run one by one or in parallel, and from one run to the next.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "engine/replicates.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/run_values.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;

using mentorsim::testing::differences;
using mentorsim::testing::series_total;
using mentorsim::testing::with_threads;

namespace {

Scenario one_on_one(const std::vector<std::string>& overrides) {
  return testing::bundled("one_on_one", 104, overrides);
}

// The result is not trivial: people, matches, departures and skill all change.
void require_eventful(const RunResult& r) {
  REQUIRE(series_total(r, "matches") > 0);
  REQUIRE(series_total(r, "departures") > 0);
  REQUIRE(series_total(r, "sessions_held") > 0);
  REQUIRE(series_total(r, "joins") > 0);
}

}  // namespace

TEST_CASE("runs are bit-identical for 1, 2 and 4 threads", "[determinism]") {
  using Overrides = std::vector<std::string>;
  const Overrides variant = GENERATE(values<Overrides>(
      {{},
       {"programme.0.matching=best_score"},
       {"programme.0.duration=exponential"},
       {"programme.0.matching=best_score", "programme.0.duration=exponential",
        "population.initial_size=6000"},
       {"programme.0.matching=random", "programme.0.cross_group_end_per_year=2.0"},
       {"programme.0.matching=batch_optimal", "programme.0.weight_similarity=-0.5",
        "programme.0.weight_cross_function=0.3"}}));
  const Scenario s = one_on_one(variant);
  std::string label;
  for (const auto& o : variant) label += o + " ";
  INFO("overrides: " << label);
  const auto run = [&] { return Simulation(s, 1).run(); };
  const RunResult one = with_threads(1, run);
  require_eventful(one);
  CHECK(differences(one, with_threads(2, run)) == 0);
  CHECK(differences(one, with_threads(4, run)) == 0);
}

TEST_CASE("run_replicates gives each replicate's single run, for any thread count",
          "[determinism]") {
  const Scenario s = one_on_one({"programme.0.matching=best_score", "scenario.weeks=52"});
  const std::uint64_t count = 4;
  std::vector<RunResult> single;
  for (std::uint64_t r = 0; r < count; ++r) single.push_back(Simulation(s, r).run());
  for (int threads : {1, 2, 4}) {
    INFO("threads " << threads);
    const std::vector<RunResult> parallel =
        with_threads(threads, [&] { return run_replicates(s, count); });
    REQUIRE(parallel.size() == count);
    for (std::uint64_t r = 0; r < count; ++r) {
      INFO("replicate " << r);
      CHECK(parallel[r].replicate == r);
      CHECK(parallel[r].run_id == single[r].run_id);
      CHECK(differences(parallel[r], single[r]) == 0);
    }
  }
  // Replicates are different streams.
  CHECK(differences(single[0], single[1]) > 0);
}

TEST_CASE("the same seed reproduces a run and another seed changes it", "[determinism]") {
  const Scenario s = one_on_one({});
  const RunResult a = Simulation(s, 0).run();
  const RunResult b = Simulation(s, 0).run();
  require_eventful(a);
  CHECK(differences(a, b) == 0);
  // Loading the scenario again (a fresh Scenario object) changes nothing either.
  CHECK(differences(a, Simulation(one_on_one({}), 0).run()) == 0);
  const RunResult other = Simulation(one_on_one({"scenario.seed=2027"}), 0).run();
  CHECK(differences(a, other) > 0);
  CHECK(other.seed == 2027);
}

TEST_CASE("stepping week by week equals run()", "[determinism]") {
  const Scenario s = one_on_one({"scenario.weeks=30"});
  Simulation stepped(s, 3);
  for (int w = 0; w < 30; ++w) stepped.step();
  CHECK(stepped.weeks_done() == 30);
  CHECK(differences(stepped.recorder().result(s, 3), Simulation(s, 3).run()) == 0);
}
