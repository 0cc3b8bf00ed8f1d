#include "sweep/sweep_directory.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>

#include "core/error.hpp"
#include "input/toml_text.hpp"
#include "output/hdf5_util.hpp"
#include "output/temporary_file.hpp"

namespace mentorsim::sweep {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void bad_dir(const fs::path& dir, std::string message) {
  throw InputError(Diagnostic{dir.string(), 0, 0, std::move(message)});
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Writes under a temporary name, syncs, renames: a reader never sees half a file.
void write_file_atomically(const fs::path& path, const std::string& text) {
  const fs::path temp = temporary_name(path);
  write_new_file(temp, text);
  h5::sync_file(temp);
  std::error_code ec;
  fs::rename(temp, path, ec);
  if (ec) throw RunError(fmt::format("renaming {} failed: {}", temp.string(), ec.message()));
  h5::sync_directory(path.parent_path());
}

std::string plan_text(const PlanRecord& r) {
  toml::table t{{"sweep_hash", r.sweep_hash},
                {"sweep_name", r.sweep_name},
                {"sweep_source", r.sweep_source},
                {"points", static_cast<std::int64_t>(r.points)},
                {"replicates", static_cast<std::int64_t>(r.replicates)},
                {"seed", static_cast<std::int64_t>(r.seed)},
                {"runs", static_cast<std::int64_t>(r.runs)}};
  std::ostringstream out;
  out << "# What this sweep resolved to, written by `mentorsim sweep` at its first start and\n"
         "# checked on every restart. Do not edit.\n"
      << t << "\n";
  return out.str();
}

PlanRecord parse_plan(const fs::path& path) {
  try {
    const std::string text = read_file(path);
    params::check_toml_limits(text, path.string());
    const toml::table t = toml::parse(text, path.string());
    auto u64 = [&](const char* key) {
      return static_cast<std::uint64_t>(t[key].value_or(std::int64_t{-1}));
    };
    PlanRecord r{t["sweep_hash"].value_or(std::string()),
                 t["sweep_name"].value_or(std::string()),
                 t["sweep_source"].value_or(std::string()),
                 u64("points"),
                 u64("replicates"),
                 u64("seed"),
                 u64("runs")};
    if (r.sweep_hash.empty()) throw InputError(Diagnostic{path.string(), 0, 0, "no sweep_hash"});
    return r;
  } catch (const toml::parse_error& e) {
    throw InputError(
        Diagnostic{path.string(), 0, 0, fmt::format("damaged plan record: {}", e.description())});
  }
}

std::string plan_difference(const PlanRecord& was, const PlanRecord& now) {
  if (was.sweep_hash != now.sweep_hash) return "the sweep file's text differs";
  if (was.points != now.points)
    return fmt::format("{} points then, {} now", was.points, now.points);
  if (was.replicates != now.replicates)
    return fmt::format(
        "{} replicates per point then, {} now (the base scenario's "
        "scenario.replicates changed?)",
        was.replicates, now.replicates);
  if (was.seed != now.seed)
    return fmt::format("seed {} then, {} now (the base scenario's scenario.seed changed?)",
                       was.seed, now.seed);
  return "";
}

// Only what a sweep directory being set up holds: a process that got there first may be between
// creating parts/ and writing the records (shards of a job array start together).
bool only_sweep_entries(const fs::path& dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    const bool ours = name == "parts" || name == "plan.toml" || name == "sweep.toml" ||
                      name.rfind(".plan.toml.tmp-", 0) == 0 ||
                      name.rfind(".sweep.toml.tmp-", 0) == 0;
    if (!ours) return false;
  }
  return true;
}

// Why DIR's records are not those of `plan` ("" when they are, or are not written yet).
std::string record_difference(const fs::path& dir, const SweepPlan& plan) {
  std::error_code ec;
  const fs::path sweep_copy = dir / "sweep.toml", plan_file = dir / "plan.toml";
  if (fs::exists(sweep_copy, ec) && read_file(sweep_copy) != plan.spec().text)
    return "its sweep.toml is a different sweep file";
  if (fs::exists(plan_file, ec)) return plan_difference(parse_plan(plan_file), plan_record(plan));
  return "";
}

}  // namespace

fs::path parts_dir(const fs::path& dir) {
  return dir / "parts";
}
fs::path index_path(const fs::path& dir) {
  return dir / "index.h5";
}

PlanRecord plan_record(const SweepPlan& plan) {
  return {plan.sweep_hash(),    plan.spec().config.name, plan.spec().path,
          plan.points().size(), plan.replicates(),       plan.seed(),
          plan.run_count()};
}

void prepare_directory(const fs::path& dir, const SweepPlan& plan) {
  std::error_code ec;
  const fs::path sweep_copy = dir / "sweep.toml";
  const fs::path plan_file = dir / "plan.toml";
  auto refuse_if_other = [&] {
    const std::string why = record_difference(dir, plan);
    if (!why.empty())
      bad_dir(dir, fmt::format("holds another sweep ({}); its results are kept: resume it with "
                               "its own sweep file, or choose another --out",
                               why));
  };
  if (fs::exists(fs::symlink_status(dir, ec))) {
    if (!fs::is_directory(dir, ec)) bad_dir(dir, "exists and is not a directory");
    if (!fs::exists(sweep_copy, ec) && !only_sweep_entries(dir))
      bad_dir(dir, "exists and is not a sweep directory (no sweep.toml); choose another --out");
    refuse_if_other();
  } else if (!fs::is_directory(dir.parent_path().empty() ? fs::path(".") : dir.parent_path(), ec)) {
    bad_dir(dir, fmt::format("directory {} does not exist", dir.parent_path().string()));
  }
  fs::create_directories(parts_dir(dir), ec);
  if (ec) bad_dir(dir, fmt::format("cannot create it: {}", ec.message()));
  // Several processes may set DIR up at once (MPI ranks, shards): each writes identical records
  // under its own temporary name and renames, so any interleaving leaves them whole; then every
  // one checks that what is there is its own sweep.
  if (!fs::exists(sweep_copy, ec)) write_file_atomically(sweep_copy, plan.spec().text);
  if (!fs::exists(plan_file, ec)) write_file_atomically(plan_file, plan_text(plan_record(plan)));
  refuse_if_other();
}

DirectoryRecord read_directory(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) bad_dir(dir, "no such sweep directory");
  if (!fs::exists(dir / "sweep.toml", ec) || !fs::exists(dir / "plan.toml", ec))
    bad_dir(dir, "not a sweep directory (no sweep.toml and plan.toml)");
  return {load_sweep_file(dir / "sweep.toml"), parse_plan(dir / "plan.toml")};
}

std::vector<PartInfo> scan_parts(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parts_dir(dir), ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && name[0] != '.' && entry.path().extension() == ".h5")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<PartInfo> parts;
  const h5::QuietHdf5Errors quiet;
  for (const auto& file : files) {
    try {
      const h5::Handle f = h5::open_read(file);
      PartInfo p{file,
                 h5::read_u64s(f.get(), "run_index"),
                 {},
                 {},
                 h5::read_string_attr(f.get(), "/", "git_commit")};
      const auto hashes = h5::read_strings(f.get(), "scenario_hash");
      if (p.runs.size() != hashes.size())
        throw RunError("run_index and scenario_hash differ in length");
      std::map<std::string, std::uint32_t> seen;
      for (const auto& h : hashes) {
        const auto [it, added] = seen.try_emplace(h, static_cast<std::uint32_t>(p.hashes.size()));
        if (added) p.hashes.push_back(h);
        p.hash_of_run.push_back(it->second);
      }
      parts.push_back(std::move(p));
    } catch (const RunError& e) {
      // Damaged input, not a failure of this run: exit 2, naming the file and the remedy.
      throw InputError(Diagnostic{
          file.string(), 0, 0,
          fmt::format("a damaged committed part: {} (move it away, and the sweep redoes its runs)",
                      e.what())});
    }
  }
  return parts;
}

std::vector<bool> committed_runs(const fs::path& dir, const SweepPlan& plan) {
  std::vector<bool> done(plan.run_count(), false);
  for (const PartInfo& part : scan_parts(dir))
    for (std::size_t r = 0; r < part.runs.size(); ++r) {
      const std::uint64_t run = part.runs[r];
      if (run >= done.size())
        bad_dir(dir, fmt::format("{} holds run {}, but the sweep has {} runs", part.file.string(),
                                 run, done.size()));
      const PlannedPoint& point = plan.points()[plan.point_of(run)];
      if (part.scenario_hash(r) != point.scenario_hash)
        bad_dir(dir, fmt::format("{} holds run {} of point {}, made from another scenario than "
                                 "the point resolves to now (did a base scenario file, or the "
                                 "binary's defaults, change since the sweep started?); finish it "
                                 "with the old inputs, or start again in another --out",
                                 part.file.string(), plan.run_id(run), plan.point_of(run)));
      done[run] = true;
    }
  return done;
}

}  // namespace mentorsim::sweep
