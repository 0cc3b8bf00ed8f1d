#pragma once
// DIR/index.h5, the single entry point to a sweep (layout: docs/sweeps.md, "The index"): every
// point's parameters and per-point summaries (mean and 95% interval over replicates), every done
// run's parameters and summary values in run order, and a link to each run's weekly series in its
// part. Everything in it is a function of the sweep file and the runs' results, so it is the same
// whichever processes, ranks or shards produced the parts, and in whatever order.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "metrics/run_result.hpp"
#include "output/invocation.hpp"

namespace mentorsim::sweep {

inline constexpr const char* kIndexFormat = "mentorsim-sweep";
inline constexpr int kIndexFormatVersion = 1;

struct IndexOutcome {
  std::uint64_t runs_total = 0;
  std::uint64_t runs_done = 0;
  std::uint64_t duplicates = 0;          // runs found in more than one part (the first is used)
  std::vector<std::string> git_commits;  // of the binaries that wrote the parts
};

// Builds the index from DIR's record and committed parts, under a temporary name renamed over any
// older index (the index holds nothing that the parts do not). Reads one part at a time, so memory
// does not grow with the number of parts. Throws InputError (not a sweep directory) or RunError.
IndexOutcome write_index(const std::filesystem::path& dir, const InvocationInfo& info);

}  // namespace mentorsim::sweep
