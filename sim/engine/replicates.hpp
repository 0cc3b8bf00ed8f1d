#pragma once
// Runs the replicates of a scenario in parallel (oneTBB), on top of the parallelism inside each
// run. Results come back in replicate order and do not depend on the thread count.
#include <cstdint>
#include <functional>
#include <vector>

#include "engine/scenario.hpp"
#include "output/run_result.hpp"

namespace mentorsim {

// `on_week` is called (from any worker thread, concurrently) after each simulated week of any run.
std::vector<RunResult> run_replicates(const Scenario& scenario, std::uint64_t count,
                                      const std::function<void()>& on_week = {});

}  // namespace mentorsim
