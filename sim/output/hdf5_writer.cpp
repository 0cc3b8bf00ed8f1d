// HDF5 writer (layout: docs/output-format.md). Every call into the HDF5 C API is checked; HDF5's
// automatic error printing is switched off while writing and the most specific message on its
// error stack goes into the RunError instead, prefixed with what was being done.
#include "output/hdf5_writer.hpp"

#include <unistd.h>

#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "core/error.hpp"
#include "output/hdf5_util.hpp"
#include "output/temporary_file.hpp"

namespace mentorsim {
namespace fs = std::filesystem;

namespace {

using h5::create_group;
using h5::Handle;
using h5::string_array_attr;
using h5::string_attr;
using h5::sync_directory;
using h5::sync_file;
using h5::write_arm;
using h5::write_file;
using h5::write_provenance;

// The root is the one arm: its runs as arrays (docs/output-format.md, format version 2).
void write_runs(hid_t root, const InvocationInfo& info, const std::vector<RunResult>& runs,
                hid_t lcpl) {
  write_provenance(root, info, "mentorsim-run", kHdf5FormatVersion);
  write_arm(root, "", runs, lcpl);
}

void write_scenarios(hid_t root, const InvocationInfo& info,
                     const std::vector<ScenarioGroup>& scenarios, hid_t lcpl) {
  write_provenance(root, info, "mentorsim-compare", kHdf5CompareFormatVersion);
  std::vector<std::string> labels;
  for (const auto& s : scenarios) labels.push_back(s.label);
  string_attr(root, "/", "baseline", labels.empty() ? std::string() : labels.front());
  string_array_attr(root, "/", "scenarios", labels);  // arm order: baseline first
  const Handle all = create_group(root, "scenarios", lcpl, "/scenarios");
  for (const auto& s : scenarios) {
    const std::string path = "/scenarios/" + s.label;
    const Handle group = create_group(all.get(), s.label, lcpl, path);
    write_arm(group.get(), path, s.runs, lcpl);
  }
}

// A name becomes an HDF5 link path: no empty component, and no "." or ".." (which HDF5 would
// resolve). Run ids are a single component.
bool valid_link_name(std::string_view name, bool allow_slash) {
  if (!allow_slash && name.find('/') != std::string_view::npos) return false;
  size_t begin = 0;
  while (true) {
    const size_t end = std::min(name.find('/', begin), name.size());
    const std::string_view part = name.substr(begin, end - begin);
    if (part.empty() || part == "." || part == "..") return false;
    if (end == name.size()) return true;
    begin = end + 1;
  }
}

// Names come from the simulator, not the user, so a bad one is a RunError. Exact duplicates are
// caught here; a clash such as "a" and "a/b" is left to HDF5.
void validate(const std::vector<RunResult>& runs) {
  std::set<std::string> ids;
  for (const auto& run : runs) {
    if (!valid_link_name(run.run_id, false) || !ids.insert(run.run_id).second)
      throw RunError(fmt::format("invalid or duplicate run id '{}'", run.run_id));
    std::set<std::string> names;
    for (const auto& s : run.weekly)
      if (!valid_link_name(s.name, true) || !names.insert(s.name).second)
        throw RunError(fmt::format("run {}: invalid or duplicate series '{}'", run.run_id, s.name));
    names.clear();
    for (const auto& v : run.summary)
      if (!valid_link_name(v.name, true) || !names.insert(v.name).second)
        throw RunError(
            fmt::format("run {}: invalid or duplicate summary '{}'", run.run_id, v.name));
  }
}

fs::path parent_dir(const fs::path& out) {
  return out.parent_path().empty() ? fs::path(".") : out.parent_path();
}

[[noreturn]] void bad_destination(const fs::path& out, std::string message) {
  throw InputError(Diagnostic{out.string(), 0, 0, std::move(message)});
}

// Writes the file under a temporary name next to `out` with write(temp), then renames it onto
// `out`; on any failure removes the temporary and leaves `out` untouched.
template <typename Write>
void write_atomically(const fs::path& out, bool force, Write&& write) {
  // Beside `out` (temporary_file.hpp), created exclusively by write_file; leftovers of killed runs
  // go first.
  remove_stale_temporaries(out);
  const fs::path temp = temporary_name(out);
  const h5::QuietHdf5Errors quiet;
  auto remove_temp = [&temp] {
    std::error_code ignored;
    fs::remove(temp, ignored);
  };
  try {
    write(temp);
    sync_file(temp);
    // A file that appeared at `out` during the run is not overwritten either.
    rename_into_place(temp, out, force);
  } catch (const RunError& e) {
    remove_temp();
    throw RunError(fmt::format("cannot write {}: {}", out.string(), e.what()));
  } catch (...) {
    remove_temp();
    throw;
  }
  sync_directory(parent_dir(out));
}

}  // namespace

void check_output_path(const fs::path& out, bool force) {
  if (out.empty() || !out.has_filename()) bad_destination(out, "not a file name");
  std::error_code ec;
  const fs::path parent = parent_dir(out);
  if (!fs::is_directory(parent, ec))
    bad_destination(out, fmt::format("directory {} does not exist", parent.string()));
  if (fs::is_directory(out, ec)) bad_destination(out, "is a directory");
  // Found now rather than after a long simulation: the temporary file is created in `parent`.
  if (::access(parent.c_str(), W_OK) != 0)
    bad_destination(out, fmt::format("directory {} is not writable", parent.string()));
  // symlink_status: a dangling symbolic link is still something that would be replaced.
  if (fs::exists(fs::symlink_status(out, ec)) && !force)
    bad_destination(out, "exists; pass --force to overwrite");
}

void write_hdf5(const fs::path& out, const InvocationInfo& info, const std::vector<RunResult>& runs,
                bool force) {
  check_output_path(out, force);
  validate(runs);
  write_atomically(out, force, [&](const fs::path& temp) {
    write_file(temp, [&](hid_t root, hid_t lcpl) { write_runs(root, info, runs, lcpl); });
  });
}

void write_hdf5_with(const fs::path& out, bool force, const ExtraGroups& body) {
  check_output_path(out, force);
  write_atomically(out, force, [&](const fs::path& temp) {
    write_file(temp, [&](hid_t root, hid_t lcpl) { body(root, lcpl); });
  });
}

void write_comparison_hdf5(const fs::path& out, const InvocationInfo& info,
                           const std::vector<ScenarioGroup>& scenarios, bool force,
                           const ExtraGroups& extra) {
  check_output_path(out, force);
  std::set<std::string> labels;
  for (const auto& s : scenarios) {
    if (!valid_link_name(s.label, false) || !labels.insert(s.label).second)
      throw RunError(fmt::format("invalid or duplicate scenario label '{}'", s.label));
    validate(s.runs);
  }
  write_atomically(out, force, [&](const fs::path& temp) {
    write_file(temp, [&](hid_t root, hid_t lcpl) {
      write_scenarios(root, info, scenarios, lcpl);
      if (extra) extra(root, lcpl);
    });
  });
}

}  // namespace mentorsim
