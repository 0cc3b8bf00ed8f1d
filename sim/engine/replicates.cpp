#include "engine/replicates.hpp"

#include <tbb/parallel_for.h>

#include "engine/simulation.hpp"

namespace mentorsim {

std::vector<RunResult> run_replicates(const Scenario& scenario, std::uint64_t count,
                                      const std::function<void()>& on_week,
                                      const WeekObserver& observe) {
  std::vector<RunResult> results(count);
  tbb::parallel_for(std::uint64_t{0}, count, [&](std::uint64_t replicate) {
    Simulation simulation(scenario, replicate);
    results[replicate] = simulation.run([&](Week done) {
      if (observe) observe(replicate, done - 1, simulation);  // `done` weeks are done
      if (on_week) on_week();
    });
  });
  return results;
}

std::vector<RunResult> run_replicates_from(
    const Scenario& saved, const Scenario& next, std::uint64_t count, Week week,
    const std::function<void(std::uint64_t replicate, const Simulation& run)>& at_branch,
    const std::function<void()>& on_week, const WeekObserver& observe) {
  std::vector<RunResult> results(count);
  tbb::parallel_for(std::uint64_t{0}, count, [&](std::uint64_t replicate) {
    Simulation simulation(saved, replicate);
    const auto after_week = [&](Week done) {
      if (observe) observe(replicate, done - 1, simulation);
      if (on_week) on_week();
    };
    while (simulation.weeks_done() < week) {
      simulation.step();
      after_week(simulation.weeks_done());
    }
    at_branch(replicate, simulation);
    simulation.continue_under(next);
    results[replicate] = simulation.run(after_week);
  });
  return results;
}

}  // namespace mentorsim
