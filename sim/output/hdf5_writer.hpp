#pragma once
// Writes the results of one invocation to an HDF5 file; the layout is documented in
// docs/output-format.md (format "mentorsim-run", format_version 1).
//
// The file is written under a temporary name in the destination directory, closed, flushed to disk
// and renamed onto the destination, so a reader never sees a half-written file at `out`.
#include <filesystem>
#include <vector>

#include "output/run_result.hpp"

namespace mentorsim {

// Version of the layout written by write_hdf5 (root attribute `format_version`). Bump it on any
// change a reader could notice: a renamed path, a changed type or meaning.
inline constexpr int kHdf5FormatVersion = 1;

// Throws InputError if `out` cannot be a destination: it exists and !force, it is a directory, or
// its parent directory does not exist. Cheap; call it before a long simulation.
void check_output_path(const std::filesystem::path& out, bool force);

// Writes every run to `out`. Throws InputError (from check_output_path, before any work) for a bad
// destination, and RunError for a failure while writing; on failure no temporary file is left and
// `out` is untouched.
void write_hdf5(const std::filesystem::path& out, const InvocationInfo& info,
                const std::vector<RunResult>& runs, bool force);

}  // namespace mentorsim
