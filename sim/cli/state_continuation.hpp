#pragma once
// Saving a run's state (`mentorsim run SCENARIO --save-state WEEK`) and continuing from it
// (`mentorsim run --from-state FILE [--set programme.NAME.KEY=VALUE ...]`): docs/scenarios.md,
// "Continuing from a saved state".
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/replicates.hpp"
#include "output/state_file.hpp"
#include "scenario/scenario.hpp"

namespace mentorsim::cli {

// The state file written by --save-state WEEK when --state-file is not given: beside --out
// (<out stem>.week<WEEK>.state.h5), else in the working directory after the scenario file.
std::filesystem::path default_state_file(const std::string& out, const std::string& scenario_path,
                                         Week week);

// Collects each replicate's state after `week` weeks, from the runs' week observer.
class StateSaver {
 public:
  StateSaver(Week week, std::uint64_t replicates) : week_(week), snapshots_(replicates) {}
  // Call from the runs' WeekObserver (concurrently: each replicate writes only its own slot).
  void observe(std::uint64_t replicate, Week week, const Simulation& run);
  const std::vector<StateSnapshot>& snapshots() const { return snapshots_; }

 private:
  Week week_;
  std::vector<StateSnapshot> snapshots_;
};

// A continuation: the saved run's scenario, and the one it continues under (the saved one with
// the --set overrides, which may change programme settings and extend scenario.weeks only).
struct Continuation {
  SavedState saved;
  Scenario base;
  Scenario next;
};

// Reads `file` and builds both scenarios; InputError for a file that is not a state file, an
// override outside what a continuation may change, or a change the saved state cannot take (a
// programme whose start or end lies before the saved week).
std::unique_ptr<Continuation> load_continuation(const std::filesystem::path& file,
                                                const std::vector<std::string>& overrides);

// Runs the continuation's replicates (engine/replicates.hpp, run_replicates_from), checking each
// replayed state against the saved digest: InputError naming the first table and column that
// differ when it does not match (the file was written by another model version, or an input file
// the scenario names has changed).
std::vector<RunResult> run_continuation(const Continuation& c, const std::function<void()>& on_week,
                                        const WeekObserver& observe);

}  // namespace mentorsim::cli
