#pragma once
// Replacing a file so that readers see the old one or the new one, never half of either.
#include <fmt/format.h>

#include <filesystem>
#include <system_error>

#include "core/error.hpp"
#include "output/hdf5_util.hpp"

namespace mentorsim {

// Calls write(temp) to build the new file under the temporary name `temp` (in `target`'s
// directory, so the rename stays on one file system), syncs it, renames it onto `target` and syncs
// the directory. On any failure removes `temp`, leaves `target` as it was, and rethrows (a failed
// rename as RunError).
template <typename Write>
void replace_via_temporary(const std::filesystem::path& temp, const std::filesystem::path& target,
                           Write&& write) {
  namespace fs = std::filesystem;
  try {
    write(temp);
    h5::sync_file(temp);
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) throw RunError(fmt::format("renaming {} failed: {}", temp.string(), ec.message()));
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
  const fs::path dir = target.parent_path();
  h5::sync_directory(dir.empty() ? fs::path(".") : dir);
}

}  // namespace mentorsim
