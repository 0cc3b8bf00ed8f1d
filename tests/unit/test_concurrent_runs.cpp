// Runs share no mutable state: the same runs started at once on several threads of their own give
// exactly what they give one at a time. Sweeps and `run_replicates` run simulations side by side,
// so a cache, registry or table shared by accident would show here — and under ThreadSanitizer
// (the tsan preset, docs/architecture.md), which sees every access of these threads.
//
// Each thread runs its simulation in a one-slot task arena, so TBB hands no work between threads:
// all the synchronisation between them is std::thread's, which ThreadSanitizer understands
// (Debian's libtbb is not instrumented, so TBB's own hand-offs would be reported as races).
#include <tbb/task_arena.h>

#include <catch2/catch.hpp>
#include <string>
#include <thread>
#include <vector>

#include "engine/simulation.hpp"
#include "support/run_values.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;

TEST_CASE("concurrent runs share no state: threads of their own give the runs one at a time",
          "[determinism][threads]") {
  // Every model, the blend, and a shock: all the code a sweep point can reach.
  const std::vector<std::string> models = {"one_on_one",      "group_cohort", "peer_pod",
                                           "constellation",   "reverse",      "ecosystem",
                                           "one_on_one_shock"};
  std::vector<Scenario> scenarios;
  for (const std::string& m : models)
    scenarios.push_back(testing::bundled(m, 110, {"population.initial_size=300"}));

  const auto run_alone = [](const Scenario& s) {
    tbb::task_arena arena(1);
    return arena.execute([&] { return Simulation(s, 2).run(); });
  };
  std::vector<RunResult> alone;
  for (const Scenario& s : scenarios) alone.push_back(run_alone(s));

  std::vector<RunResult> together(scenarios.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < scenarios.size(); ++i)
      threads.emplace_back([&, i] { together[i] = run_alone(scenarios[i]); });
  }
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    INFO(models[i]);
    CHECK(testing::series_total(alone[i], "matches") + testing::series_total(alone[i], "joins") >
          0);
    CHECK(testing::differences(alone[i], together[i]) == 0);
  }
}
