#include "sweep/part_writer.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/error.hpp"

namespace mentorsim::sweep {

namespace fs = std::filesystem;

struct PartWriter::OpenPart {
  OpenPart(fs::path t, fs::path f, h5::Handle fi, h5::Handle l, h5::Handle r)
      : temp(std::move(t)),
        final_name(std::move(f)),
        file(std::move(fi)),
        lcpl(std::move(l)),
        runs(std::move(r)),
        opened(std::chrono::steady_clock::now()) {}
  fs::path temp;
  fs::path final_name;
  h5::Handle file;
  h5::Handle lcpl;
  h5::Handle runs;
  std::chrono::steady_clock::time_point opened;
  std::vector<std::uint64_t> run_index;
  std::vector<std::string> scenario_hash;
  // Summary values per run, by column; the columns in order of first appearance in this part.
  std::map<std::string, std::size_t> column_of;
  std::vector<std::string> names, units, docs;
  std::vector<std::vector<std::pair<std::size_t, double>>> rows;
  std::map<std::uint64_t, std::string> resolved;      // point -> resolved scenario
  std::map<std::uint64_t, std::string> metric_names;  // point -> its summary names, one a line
};

namespace {

// "<prefix>-<seq>.h5" → seq, or nullopt for another name.
std::optional<std::uint64_t> seq_of(const std::string& name, const std::string& prefix) {
  const std::string head = prefix + "-";
  if (name.rfind(head, 0) != 0 || name.size() < head.size() + 4) return std::nullopt;
  const std::string rest = name.substr(head.size());
  const auto dot = rest.find('.');
  if (dot == std::string::npos || rest.substr(dot) != ".h5") return std::nullopt;
  try {
    return std::stoull(rest.substr(0, dot));
  } catch (...) {
    return std::nullopt;
  }
}

}  // namespace

PartWriter::PartWriter(fs::path dir, std::string prefix, InvocationInfo info, const SweepPlan& plan,
                       std::chrono::milliseconds checkpoint)
    : parts_(dir / "parts"),
      prefix_(std::move(prefix)),
      info_(std::move(info)),
      plan_(plan),
      checkpoint_(checkpoint) {
  lock_path_ = parts_ / ("." + prefix_ + ".lock");
  // The lock file is removed when its holder finishes (no stray file in a completed sweep), so a
  // lock taken on a file that was removed meanwhile holds nothing: take it again on the new one.
  for (;;) {
    lock_fd_ = ::open(lock_path_.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644);
    if (lock_fd_ < 0)
      throw RunError(
          fmt::format("cannot create {}: {}", lock_path_.string(), std::strerror(errno)));
    if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
      const int error = errno;
      ::close(lock_fd_);
      lock_fd_ = -1;
      if (error != EWOULDBLOCK)  // e.g. a file system mounted without lock support
        throw RunError(
            fmt::format("cannot lock {}: {} (the sweep directory must be on a file "
                        "system with flock support)",
                        lock_path_.string(), std::strerror(error)));
      throw InputError(Diagnostic{dir.string(), 0, 0,
                                  fmt::format("another mentorsim process is writing its '{}' parts "
                                              "now; wait for it, or give this one another --shard",
                                              prefix_)});
    }
    struct stat held {};
    struct stat named {};
    if (::fstat(lock_fd_, &held) == 0 && ::stat(lock_path_.c_str(), &named) == 0 &&
        held.st_dev == named.st_dev && held.st_ino == named.st_ino)
      break;
    ::close(lock_fd_);  // removed by the holder that just finished: try the path again
  }
  // We hold the prefix: a temporary with it was left by a process that was killed.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(parts_, ec)) {
    std::string name = entry.path().filename().string();
    const bool temp = name.size() > 5 && name[0] == '.' && name.ends_with(".tmp");
    if (temp) name = name.substr(1, name.size() - 5);
    if (const auto seq = seq_of(name, prefix_)) {
      next_seq_ = std::max(next_seq_, *seq + 1);
      if (temp) fs::remove(entry.path(), ec);
    }
  }
}

PartWriter::~PartWriter() {
  try {
    commit();
  } catch (...) {  // the destructor may run while unwinding; the runs will be redone on resume
  }
  if (lock_fd_ >= 0) {
    ::unlink(lock_path_.c_str());  // while still held: see the constructor
    ::close(lock_fd_);             // releases the lock
  }
}

void PartWriter::open_part() {
  const h5::QuietHdf5Errors quiet;
  const std::string name = fmt::format("{}-{:06}.h5", prefix_, next_seq_++);
  const fs::path temp = parts_ / ("." + name + ".tmp");
  const h5::Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, "H5Pcreate(file access)");
  h5::check_ok(H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI), "H5Pset_fclose_degree");
  h5::Handle file(H5Fcreate(temp.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, fapl.get()), H5Fclose,
                  "creating " + temp.string());
  h5::Handle lcpl = h5::intermediate_groups_lcpl();
  h5::write_provenance(file.get(), info_, kPartFormat, kPartFormatVersion);
  h5::string_attr(file.get(), "/", "sweep_hash", plan_.sweep_hash());
  h5::string_attr(file.get(), "/", "prefix", prefix_);
  h5::Handle runs = h5::create_group(file.get(), "runs", lcpl.get(), "/runs");
  part_ = std::make_unique<OpenPart>(temp, parts_ / name, std::move(file), std::move(lcpl),
                                     std::move(runs));
}

void PartWriter::add(std::uint64_t run, const RunResult& result) {
  std::lock_guard lock(mutex_);
  const h5::QuietHdf5Errors quiet;
  if (!part_) open_part();
  OpenPart& p = *part_;
  const std::uint64_t point = plan_.point_of(run);
  if (plan_.spec().config.weekly) {
    const std::string path = "/runs/" + result.run_id;
    const h5::Handle group = h5::create_group(p.runs.get(), result.run_id, p.lcpl.get(), path);
    h5::u64_attr(group.get(), path, "run_index", run);
    h5::u64_attr(group.get(), path, "point", point);
    h5::u64_attr(group.get(), path, "replicate", result.replicate);
    h5::u64_attr(group.get(), path, "seed", result.seed);
    h5::i64_attr(group.get(), path, "weeks", result.weeks);
    h5::string_array_attr(group.get(), path, "zones", result.zones);
    h5::write_weekly(group.get(), path, result, p.lcpl.get());
  }
  p.run_index.push_back(run);
  p.scenario_hash.push_back(plan_.points()[point].scenario_hash);
  auto& row = p.rows.emplace_back();
  for (const auto& v : result.summary) {
    const auto [it, added] = p.column_of.try_emplace(v.name, p.names.size());
    if (added) {
      p.names.push_back(v.name);
      p.units.push_back(v.units);
      p.docs.push_back(v.doc);
    }
    row.emplace_back(it->second, v.value);
  }
  if (p.resolved.try_emplace(point, result.resolved_scenario_toml).second) {
    std::string names;
    for (const auto& v : result.summary) names += v.name + "\n";
    p.metric_names.emplace(point, std::move(names));
  }
  if (p.run_index.size() >= kRunsPerPart ||
      std::chrono::steady_clock::now() - p.opened >= checkpoint_)
    commit_locked();
}

void PartWriter::commit() {
  std::lock_guard lock(mutex_);
  commit_locked();
}

void PartWriter::commit_locked() {
  if (!part_) return;
  const h5::QuietHdf5Errors quiet;
  std::unique_ptr<OpenPart> part = std::move(part_);
  OpenPart& p = *part;
  const hid_t root = p.file.get();
  const hid_t lcpl = p.lcpl.get();
  h5::write_column(root, "", "run_index", p.run_index, lcpl);
  h5::write_column(root, "", "scenario_hash", p.scenario_hash, lcpl);
  // Metric-major (one row per metric, one column per run): the index reads one metric at a time.
  std::vector<double> values(p.rows.size() * p.names.size(),
                             std::numeric_limits<double>::quiet_NaN());
  for (std::size_t r = 0; r < p.rows.size(); ++r)
    for (const auto& [metric, value] : p.rows[r]) values[metric * p.rows.size() + r] = value;
  h5::write_column(root, "/summary", "summary/names", p.names, lcpl);
  h5::write_column(root, "/summary", "summary/units", p.units, lcpl);
  h5::write_column(root, "/summary", "summary/docs", p.docs, lcpl);
  h5::write_matrix(root, "", "summary/values", p.names.size(), p.rows.size(), values, lcpl);
  std::vector<std::uint64_t> points;
  std::vector<std::string> resolved, metric_names;
  for (const auto& [point, text] : p.resolved) {
    points.push_back(point);
    resolved.push_back(text);
    metric_names.push_back(p.metric_names.at(point));
  }
  h5::write_column(root, "", "points/point", points, lcpl);
  h5::write_column(root, "", "points/resolved_scenario", resolved, lcpl);
  h5::write_column(root, "", "points/metric_names", metric_names, lcpl);
  p.runs.close("closing /runs");  // every object before the file (H5F_CLOSE_SEMI)
  p.lcpl.close("closing a property list");
  p.file.close("closing " + p.temp.string());
  h5::sync_file(p.temp);
  std::error_code ec;
  fs::rename(p.temp, p.final_name, ec);
  if (ec) throw RunError(fmt::format("renaming {} failed: {}", p.temp.string(), ec.message()));
  h5::sync_directory(parts_);
  committed_ += p.run_index.size();
}

}  // namespace mentorsim::sweep
