#pragma once
// Writes the results of one invocation to an HDF5 file; the layout is documented in
// docs/output-format.md (format "mentorsim-run", format_version 2).
//
// The file is written under a temporary name in the destination directory, closed, flushed to disk
// and renamed onto the destination, so a reader never sees a half-written file at `out`.
#include <hdf5.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "metrics/run_result.hpp"
#include "output/invocation.hpp"

namespace mentorsim {

// Version of the layout written by write_hdf5 (root attribute `format_version`). Bump it on any
// change a reader could notice: a renamed path, a changed type or meaning.
// 2: each arm's runs as arrays (runs x weeks) with dimension scales; 1: a group per run (read by
// the Python loaders still).
inline constexpr int kHdf5FormatVersion = 2;

// Throws InputError if `out` cannot be a destination: it exists and !force, it is a directory, or
// its parent directory does not exist. Cheap; call it before a long simulation.
void check_output_path(const std::filesystem::path& out, bool force);

// Writes every run to `out`. Throws InputError (from check_output_path, before any work) for a bad
// destination, and RunError for a failure while writing; on failure no temporary file is left and
// `out` is untouched.
void write_hdf5(const std::filesystem::path& out, const InvocationInfo& info,
                const std::vector<RunResult>& runs, bool force);

// One scenario of `mentorsim compare`, written as the group /scenarios/<label>.
struct ScenarioGroup {
  std::string label;   // a single HDF5 link name, unique in the file
  std::string source;  // path of the scenario file
  std::string resolved_scenario_toml;
  std::vector<RunResult> runs;
};

// Version of the layout written by write_comparison_hdf5 (format "mentorsim-compare").
inline constexpr int kHdf5CompareFormatVersion = 2;

// Writes several scenarios' runs to one file, grouped by scenario (docs/output-format.md, format
// "mentorsim-compare"); scenarios[0] is the baseline. Same destination checks, errors and atomic
// replace as write_hdf5.
// `extra`, when given, adds more groups under the root (root and link-creation property list)
// before the file is closed (compare --uncertain: /uncertainty).
using ExtraGroups = std::function<void(hid_t root, hid_t lcpl)>;
// Writes `out` as write_hdf5 does (checked destination, a temporary renamed into place, nothing
// left on failure) with `body` filling the file's root.
void write_hdf5_with(const std::filesystem::path& out, bool force, const ExtraGroups& body);
void write_comparison_hdf5(const std::filesystem::path& out, const InvocationInfo& info,
                           const std::vector<ScenarioGroup>& scenarios, bool force,
                           const ExtraGroups& extra = {});

}  // namespace mentorsim
