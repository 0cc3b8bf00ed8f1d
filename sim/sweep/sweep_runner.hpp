#pragma once
// Runs a sweep's runs on this process's TBB workers: each worker takes the next run from a
// RunSource, simulates it, and hands the result to the PartWriter. Where a run comes from (a local
// list, a slice for a job array, MPI ranks sharing one counter) does not change its result.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sweep/part_writer.hpp"
#include "sweep/sweep_plan.hpp"

namespace mentorsim::sweep {

// Hands out run numbers; next() is called from several threads at once.
class RunSource {
 public:
  virtual ~RunSource() = default;
  // The next run to do, or nothing when every run has been handed out.
  virtual std::optional<std::uint64_t> next() = 0;
};

// The runs of `todo`, in order, to this process's workers.
class ListSource : public RunSource {
 public:
  explicit ListSource(std::vector<std::uint64_t> todo) : todo_(std::move(todo)) {}
  std::optional<std::uint64_t> next() override {
    const std::size_t i = next_.fetch_add(1);
    if (i >= todo_.size()) return std::nullopt;
    return todo_[i];
  }

 private:
  std::vector<std::uint64_t> todo_;
  std::atomic<std::size_t> next_{0};
};

// The runs not yet committed in DIR: `runs` all, minus those in `done`. With `shard` I of N, only
// runs k with k mod N == I (disjoint slices, each spread over every point).
std::vector<std::uint64_t> runs_to_do(std::uint64_t runs, const std::vector<bool>& done,
                                      std::uint64_t shard_index = 0, std::uint64_t shard_count = 1);

struct SweepOutcome {
  std::uint64_t done = 0;    // runs finished and handed to the writer
  std::uint64_t failed = 0;  // runs that raised an error (reported, not written)
  bool interrupted = false;  // stop was set before every run was handed out
};

// Called after each finished (or failed) run, from any worker thread.
using RunDone = std::function<void(std::uint64_t run, bool ok)>;

// Runs every run `source` hands out on up to `workers` concurrent workers. A failing run is
// reported on stderr with its parameters and does not stop the others. When `stop` becomes true
// (SIGTERM), workers abandon their runs at the next week and take no more.
SweepOutcome run_sweep(const SweepPlan& plan, RunSource& source, PartWriter& writer, int workers,
                       const std::atomic<bool>& stop, const RunDone& on_done = {});

}  // namespace mentorsim::sweep
