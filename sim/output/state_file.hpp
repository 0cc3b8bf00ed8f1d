#pragma once
// State files (`mentorsim run --save-state WEEK`, docs/output-format.md "State files"): the state
// of every replicate of a run between two weeks, with what a continuation needs to reproduce it.
//
//   /            provenance (format "mentorsim-state"), week, seed, replicates, scenario (the
//                resolved TOML the run followed), scenario_source
//   /replicate_<r>/            attribute digest (output/state_snapshot.hpp)
//   /replicate_<r>/<table>/<column>   one dataset per column: int64 or float64, [rows] or
//                                     [rows x zones]
//
// A continuation (--from-state) re-simulates weeks 0..week-1 under the saved scenario and checks
// each replicate's state against the saved digest before it goes on.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "output/invocation.hpp"
#include "output/state_snapshot.hpp"

namespace mentorsim {

inline constexpr const char* kStateFormat = "mentorsim-state";
inline constexpr int kStateFormatVersion = 1;

struct SavedState {
  std::filesystem::path file;
  Week week = 0;
  std::int64_t seed = 0;
  std::uint64_t replicates = 0;
  std::string scenario_toml;    // resolved, as the saved run followed it
  std::string scenario_source;  // the scenario file the saved run was given
  std::string version, git_commit;
  std::vector<std::string> digests;  // by replicate
};

// Writes the snapshots (one per replicate, in replicate order, all at one week) as `out`, like
// every output: to a temporary beside it, renamed into place; an existing `out` only with `force`.
void write_state_file(const std::filesystem::path& out, const InvocationInfo& info,
                      const std::string& scenario_toml, const std::string& scenario_source,
                      std::int64_t seed, const std::vector<StateSnapshot>& snapshots, bool force);

// Reads a state file's header and digests; InputError naming the file if it is not one.
SavedState read_state_file(const std::filesystem::path& file);

// The saved columns of replicate `replicate`, named as `like`'s (to find where a replay differs).
StateSnapshot read_saved_snapshot(const SavedState& saved, std::uint64_t replicate,
                                  const StateSnapshot& like);

}  // namespace mentorsim
