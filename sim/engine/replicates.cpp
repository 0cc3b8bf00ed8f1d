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

}  // namespace mentorsim
