#pragma once
// A sweep's output directory (docs/sweeps.md, "Output"):
//
//   DIR/sweep.toml                     the sweep file, copied at the first start
//   DIR/plan.toml                      what the sweep resolved to: points, replicates, seed, runs
//   DIR/parts/<prefix>-<seq>.h5        committed parts: complete, fsynced, never modified again
//   DIR/parts/.<prefix>-<seq>.h5.tmp   the part a process is writing now
//   DIR/index.h5                       the single entry point, built at the end or by `merge`
//
// A run is done exactly when a committed part holds it. A part is written under a temporary name
// and renamed only after it is closed and synced, so a process killed at any moment loses at most
// the runs of its open part, and never corrupts a committed one. Each process writes under its own
// prefix (`local`, `rank002`, `shard0003of0010`), held with a lock, so parts never clash.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "sweep/sweep_plan.hpp"

namespace mentorsim::sweep {

struct PlanRecord {
  std::string sweep_hash;
  std::string sweep_name;
  std::string sweep_source;  // the sweep file's path when the sweep started
  std::uint64_t points = 0;
  std::uint64_t replicates = 0;
  std::uint64_t seed = 0;
  std::uint64_t runs = 0;
};

PlanRecord plan_record(const SweepPlan& plan);

// Creates DIR and records the sweep, or checks that an existing DIR was started by the same sweep
// (same file text and plan). Throws InputError when DIR holds something else.
void prepare_directory(const std::filesystem::path& dir, const SweepPlan& plan);

// The sweep recorded in DIR, for `merge` and `summarize`: its spec (parsed from DIR/sweep.toml,
// with the points it expands to) and plan. Throws InputError when DIR is not a sweep directory.
struct DirectoryRecord {
  SweepSpec spec;
  PlanRecord plan;
};
DirectoryRecord read_directory(const std::filesystem::path& dir);

// One committed part: its runs (in the order written), their scenario hashes, and who wrote it.
// The runs of one point share a hash, so each distinct hash is kept once.
struct PartInfo {
  std::filesystem::path file;
  std::vector<std::uint64_t> runs;
  std::vector<std::uint32_t> hash_of_run;  // index into `hashes`, per run
  std::vector<std::string> hashes;
  std::string git_commit;
  const std::string& scenario_hash(std::size_t row) const { return hashes[hash_of_run[row]]; }
};

// Every committed part in DIR/parts, in name order. Throws RunError for a part that cannot be read
// (its name says which; committed parts are never half-written, so it was damaged afterwards).
std::vector<PartInfo> scan_parts(const std::filesystem::path& dir);

// Which runs of `plan` DIR already holds. Throws InputError when a committed run was made from
// another scenario than its point resolves to now (a base file changed since the sweep started).
std::vector<bool> committed_runs(const std::filesystem::path& dir, const SweepPlan& plan);

std::filesystem::path parts_dir(const std::filesystem::path& dir);
std::filesystem::path index_path(const std::filesystem::path& dir);

}  // namespace mentorsim::sweep
