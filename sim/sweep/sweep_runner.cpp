#include "sweep/sweep_runner.hpp"

#include <fmt/format.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <mutex>

#include "core/error.hpp"
#include "engine/simulation.hpp"

namespace mentorsim::sweep {

namespace {

// Thrown from inside a run when the sweep is stopped, to abandon it at the end of a week.
struct Interrupted {};

std::string describe_point(const SweepPlan& plan, std::uint64_t point) {
  std::string out;
  const auto& values = plan.points()[point].values;
  for (std::size_t a = 0; a < values.size(); ++a)
    out += fmt::format("{}{} = {}", a ? ", " : "", plan.spec().axes[a].key, values[a].toml);
  return out;
}

}  // namespace

std::vector<std::uint64_t> runs_to_do(std::uint64_t runs, const std::vector<bool>& done,
                                      std::uint64_t shard_index, std::uint64_t shard_count) {
  std::vector<std::uint64_t> todo;
  for (std::uint64_t k = shard_index; k < runs; k += shard_count)
    if (k >= done.size() || !done[k]) todo.push_back(k);
  return todo;
}

SweepOutcome run_sweep(const SweepPlan& plan, RunSource& source, PartWriter& writer, int workers,
                       const std::atomic<bool>& stop, const RunDone& on_done) {
  std::atomic<std::uint64_t> done{0}, failed{0};
  std::atomic<bool> interrupted{false};
  std::mutex report;  // one error message at a time on stderr
  auto worker = [&] {
    std::optional<std::uint64_t> loaded_point;  // consecutive runs often share a point
    std::optional<Scenario> scenario;
    while (!stop.load()) {
      const auto run = source.next();
      if (!run) return;
      const std::uint64_t point = plan.point_of(*run);
      try {
        if (loaded_point != point) {
          scenario.reset();
          scenario = plan.scenario_of(point);
          loaded_point = point;
        }
        RunResult result;
        // Isolated: while this run's phases wait for their parallel loops, this thread helps only
        // with them, and does not start another worker's whole run inside this one.
        tbb::this_task_arena::isolate([&] {
          Simulation simulation(*scenario, plan.replicate_of(*run));
          result = simulation.run([&](Week) {
            if (stop.load()) throw Interrupted{};
          });
        });
        result.run_id = plan.run_id(*run);
        writer.add(*run, result);
        ++done;
        if (on_done) on_done(*run, true);
      } catch (const Interrupted&) {
        interrupted = true;
        return;
      } catch (const std::exception& e) {
        ++failed;
        {
          std::lock_guard lock(report);
          fmt::print(stderr, "mentorsim sweep: run {} (point {}: {}; replicate {}) failed: {}\n",
                     plan.run_id(*run), point, describe_point(plan, point), plan.replicate_of(*run),
                     e.what());
        }
        if (on_done) on_done(*run, false);
      }
    }
    interrupted = true;
  };
  tbb::task_group group;
  for (int w = 0; w < std::max(1, workers); ++w) group.run(worker);
  group.wait();
  return {done.load(), failed.load(), interrupted.load()};
}

}  // namespace mentorsim::sweep
