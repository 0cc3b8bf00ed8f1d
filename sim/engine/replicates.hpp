#pragma once
// Runs the replicates of a scenario in parallel (oneTBB), on top of the parallelism inside each
// run. Results come back in replicate order and do not depend on the thread count.
#include <cstdint>
#include <functional>
#include <vector>

#include "metrics/run_result.hpp"
#include "scenario/scenario.hpp"
#include "state/ids.hpp"

namespace mentorsim {

class Simulation;

// Called after week `week` (0-based) of replicate `replicate`, with that run (its world and its
// series so far), from the thread running it (several runs call it concurrently).
using WeekObserver = std::function<void(std::uint64_t replicate, Week week, const Simulation& run)>;

// `on_week` is called (from any worker thread, concurrently) after each simulated week of any run;
// `observe`, if set, likewise with the run itself.
std::vector<RunResult> run_replicates(const Scenario& scenario, std::uint64_t count,
                                      const std::function<void()>& on_week = {},
                                      const WeekObserver& observe = {});

// A continuation of a saved run (mentorsim run --from-state): each replicate re-simulates weeks
// 0..week-1 of `saved` (the same draws: they depend on seed, replicate, entity, week and purpose
// only), `at_branch(replicate, run)` then checks its state (and throws to stop), and the run goes
// on under `next` (Simulation::continue_under) to next's last week. Results hold every week, so a
// continuation under an unchanged scenario equals the uninterrupted run.
std::vector<RunResult> run_replicates_from(
    const Scenario& saved, const Scenario& next, std::uint64_t count, Week week,
    const std::function<void(std::uint64_t replicate, const Simulation& run)>& at_branch,
    const std::function<void()>& on_week = {}, const WeekObserver& observe = {});

}  // namespace mentorsim
