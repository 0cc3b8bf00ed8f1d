#include "output/state_file.hpp"

#include <fmt/format.h>

#include "core/error.hpp"
#include "output/hdf5_util.hpp"
#include "output/hdf5_writer.hpp"

namespace mentorsim {

namespace {

std::string replicate_group(std::uint64_t r) {
  return fmt::format("replicate_{}", r);
}

}  // namespace

void write_state_file(const std::filesystem::path& out, const InvocationInfo& info,
                      const std::string& scenario_toml, const std::string& scenario_source,
                      std::int64_t seed, const std::vector<StateSnapshot>& snapshots, bool force) {
  if (snapshots.empty()) throw RunError("no state to save");
  write_hdf5_with(out, force, [&](hid_t root, hid_t lcpl) {
    h5::write_provenance(root, info, kStateFormat, kStateFormatVersion);
    h5::i64_attr(root, "/", "week", snapshots.front().week);
    h5::i64_attr(root, "/", "seed", seed);
    h5::u64_attr(root, "/", "replicates", snapshots.size());
    h5::string_attr(root, "/", "scenario", scenario_toml);
    h5::string_attr(root, "/", "scenario_source", scenario_source);
    for (const StateSnapshot& s : snapshots) {
      const std::string name = replicate_group(s.replicate);
      const h5::Handle group = h5::create_group(root, name, lcpl, "/" + name);
      h5::string_attr(group.get(), "/" + name, "digest", s.digest);
      for (const StateColumn& c : s.columns) {
        const std::string path = c.table + "/" + c.name;
        if (!c.whole.empty() || c.real.empty()) {
          h5::write_column(group.get(), "/" + name, path, c.whole, lcpl);
        } else if (c.width == 1) {
          h5::write_column(group.get(), "/" + name, path, c.real, lcpl);
        } else {
          h5::write_matrix(group.get(), "/" + name, path, c.real.size() / c.width, c.width, c.real,
                           lcpl);
        }
      }
    }
  });
}

SavedState read_state_file(const std::filesystem::path& file) {
  const h5::QuietHdf5Errors quiet;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec))
    throw InputError(Diagnostic{file.string(), 0, 0, "no such state file"});
  SavedState s;
  s.file = file;
  try {
    const h5::Handle f = h5::open_read(file);
    const hid_t root = f.get();
    if (!h5::has_attr(root, "format") || h5::read_string_attr(root, "/", "format") != kStateFormat)
      throw InputError(
          Diagnostic{file.string(), 0, 0,
                     "not a state file (write one with mentorsim run SCENARIO --save-state WEEK)"});
    const std::int64_t version = h5::read_i64_attr(root, "/", "format_version");
    if (version != kStateFormatVersion)
      throw InputError(Diagnostic{file.string(), 0, 0,
                                  fmt::format("state format version {}; this mentorsim reads {}",
                                              version, kStateFormatVersion)});
    s.week = static_cast<Week>(h5::read_i64_attr(root, "/", "week"));
    s.seed = h5::read_i64_attr(root, "/", "seed");
    s.replicates = h5::read_u64_attr(root, "/", "replicates");
    s.scenario_toml = h5::read_string_attr(root, "/", "scenario");
    s.scenario_source = h5::read_string_attr(root, "/", "scenario_source");
    s.version = h5::read_string_attr(root, "/", "version");
    s.git_commit = h5::read_string_attr(root, "/", "git_commit");
    for (std::uint64_t r = 0; r < s.replicates; ++r) {
      const std::string name = replicate_group(r);
      const h5::Handle group = h5::open_group(root, name);
      s.digests.push_back(h5::read_string_attr(group.get(), "/" + name, "digest"));
    }
  } catch (const RunError& e) {
    throw InputError(
        Diagnostic{file.string(), 0, 0,
                   fmt::format("cannot read it as a state file (one is written by mentorsim run "
                               "SCENARIO --save-state WEEK): {}",
                               e.what())});
  }
  return s;
}

StateSnapshot read_saved_snapshot(const SavedState& saved, std::uint64_t replicate,
                                  const StateSnapshot& like) {
  const h5::QuietHdf5Errors quiet;
  const h5::Handle f = h5::open_read(saved.file);
  const std::string name = replicate_group(replicate);
  const h5::Handle group = h5::open_group(f.get(), name);
  StateSnapshot s;
  s.replicate = replicate;
  s.week = saved.week;
  s.digest = saved.digests.at(replicate);
  for (const StateColumn& c : like.columns) {
    StateColumn read{c.table, c.name, {}, {}, c.width};
    const std::string path = c.table + "/" + c.name;
    if (!h5::has_link(group.get(), c.table) || !h5::has_link(group.get(), path)) {
      s.columns.push_back(std::move(read));
      continue;
    }
    if (!c.whole.empty() || c.real.empty())
      read.whole = h5::read_i64s(group.get(), path);
    else if (c.width == 1)
      read.real = h5::read_doubles(group.get(), path);
    else
      read.real = h5::read_matrix(group.get(), path).values;
    s.columns.push_back(std::move(read));
  }
  return s;
}

}  // namespace mentorsim
