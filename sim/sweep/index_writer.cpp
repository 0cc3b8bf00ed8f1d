#include "sweep/index_writer.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <limits>
#include <set>

#include "core/error.hpp"
#include "metrics/catalogue.hpp"
#include "output/hdf5_util.hpp"
#include "output/replace_file.hpp"
#include "output/summary_format.hpp"
#include "output/temporary_file.hpp"
#include "sweep/index_sources.hpp"
#include "sweep/points.hpp"
#include "sweep/sweep_directory.hpp"
#include "sweep/sweep_plan.hpp"

namespace mentorsim::sweep {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMetricsPerPass = 8;  // summary columns held in memory at once
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string run_id(std::uint64_t run, const PlanRecord& plan) {
  return format_run_id(run / plan.replicates, run % plan.replicates, plan.points, plan.replicates);
}

// What the index is of: the sweep, how far it got, and the names of its axes and metrics.
void write_root_attributes(hid_t root, const DirectoryRecord& record, const IndexOutcome& out,
                           const PointFacts& facts) {
  const PlanRecord& plan = record.plan;
  h5::string_attr(root, "/", "sweep_name", plan.sweep_name);
  h5::string_attr(root, "/", "sweep_source", plan.sweep_source);
  h5::string_attr(root, "/", "sweep_text", record.spec.text);
  h5::string_attr(root, "/", "sweep_hash", plan.sweep_hash);
  h5::u64_attr(root, "/", "points", plan.points);
  h5::u64_attr(root, "/", "replicates", plan.replicates);
  h5::u64_attr(root, "/", "seed", plan.seed);
  h5::u64_attr(root, "/", "runs_total", plan.runs);
  h5::u64_attr(root, "/", "runs_done", out.runs_done);
  h5::i32_attr(root, "/", "complete", out.runs_done == plan.runs ? 1 : 0);
  h5::string_array_attr(root, "/", "part_git_commits", out.git_commits);
  std::vector<std::string> keys, metric_names;
  for (const auto& a : record.spec.axes) keys.push_back(a.key);
  for (const auto& m : facts.metrics) metric_names.push_back(m.name);
  h5::string_array_attr(root, "/", "axes", keys);
  h5::string_array_attr(root, "/", "metrics", metric_names);
}

void write_points(hid_t root, hid_t lcpl, const SweepSpec& spec, const std::vector<Point>& points,
                  const PointFacts& facts, const std::vector<std::uint64_t>& runs_done) {
  const h5::Handle group = h5::create_group(root, "points", lcpl, "/points");
  std::vector<std::uint64_t> ids(points.size());
  for (std::size_t p = 0; p < points.size(); ++p) ids[p] = p;
  h5::write_column(group.get(), "/points", "point", ids, lcpl);
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    bool numeric = true;
    for (const auto& pt : points) numeric = numeric && pt[a].number.has_value();
    const std::string name = "axes/" + spec.axes[a].key;
    if (numeric) {
      std::vector<double> v;
      for (const auto& pt : points) v.push_back(*pt[a].number);
      h5::write_column(group.get(), "/points", name, v, lcpl);
    } else {
      std::vector<std::string> v;
      for (const auto& pt : points) v.push_back(pt[a].toml);
      h5::write_column(group.get(), "/points", name, v, lcpl);
    }
  }
  h5::write_column(group.get(), "/points", "runs_done", runs_done, lcpl);
  h5::write_column(group.get(), "/points", "scenario_hash", facts.hash, lcpl);
  h5::write_column(group.get(), "/points", "resolved_scenario", facts.resolved, lcpl);
}

// The run columns, written a block of rows at a time: memory does not grow with the runs.
void write_run_columns(hid_t runs, hid_t lcpl, const std::vector<PartInfo>& parts,
                       const RunLocations& where, const PlanRecord& plan) {
  const auto& done = where.done;
  h5::write_column(runs, "/runs", "run_index", done, lcpl);
  h5::write_u64_blocks(
      runs, "/runs", "point", done.size(), [&](std::size_t i) { return done[i] / plan.replicates; },
      lcpl);
  h5::write_u64_blocks(
      runs, "/runs", "replicate", done.size(),
      [&](std::size_t i) { return done[i] % plan.replicates; }, lcpl);
  h5::write_u64_blocks(
      runs, "/runs", "seed", done.size(), [&](std::size_t) { return plan.seed; }, lcpl);
  h5::write_string_blocks(
      runs, "/runs", "run_id", done.size(), [&](std::size_t i) { return run_id(done[i], plan); },
      lcpl);
  h5::write_string_blocks(
      runs, "/runs", "scenario_hash", done.size(),
      [&](std::size_t i) {
        return parts[static_cast<std::size_t>(where.part[done[i]])].scenario_hash(
            where.row[done[i]]);
      },
      lcpl);
}

// The summary values of metrics[first, last) from every part, one column a metric, in the run
// order of the index (`position`: run -> row).
std::vector<std::vector<double>> read_summary_columns(const std::vector<PartInfo>& parts,
                                                      const RunLocations& where,
                                                      const std::vector<MetricInfo>& metrics,
                                                      std::size_t first, std::size_t last,
                                                      const std::vector<std::uint64_t>& position) {
  std::vector<std::vector<double>> columns(last - first,
                                           std::vector<double>(where.done.size(), kNaN));
  const auto begin = metrics.begin() + static_cast<std::ptrdiff_t>(first);
  const auto end = metrics.begin() + static_cast<std::ptrdiff_t>(last);
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const h5::Handle file = h5::open_read(parts[p].file);
    const auto names = h5::read_strings(file.get(), "summary/names");
    for (std::size_t m = 0; m < names.size(); ++m) {
      const auto it =
          std::find_if(begin, end, [&](const MetricInfo& x) { return x.name == names[m]; });
      if (it == end) continue;
      const auto row = h5::read_matrix_row(file.get(), "summary/values", m);
      auto& column = columns[static_cast<std::size_t>(it - begin)];
      for (std::size_t r = 0; r < parts[p].runs.size(); ++r) {
        const std::uint64_t run = parts[p].runs[r];
        if (where.part[run] == static_cast<std::int32_t>(p) && where.row[run] == r)
          column[position[run]] = row[r];
      }
    }
  }
  return columns;
}

// One metric's mean, sd and 95% interval over each point's done replicates (NaN for a point
// without any), as the group /points/summary/<name>. `column` is in the index's run order.
void write_point_intervals(hid_t by_point, hid_t lcpl, const MetricInfo& m,
                           const std::vector<double>& column, const RunLocations& where,
                           std::uint64_t points, std::uint64_t replicates) {
  std::vector<double> mean(points, kNaN), sd(points, kNaN), low(points, kNaN), high(points, kNaN);
  std::size_t i = 0;
  for (std::uint64_t pt = 0; pt < points; ++pt) {
    std::vector<double> values;
    while (i < where.done.size() && where.done[i] / replicates == pt) values.push_back(column[i++]);
    if (values.empty()) continue;
    const MeanInterval s = metric_interval(values, aggregate_of(m.name));
    mean[pt] = s.mean, sd[pt] = s.sd, low[pt] = s.low, high[pt] = s.high;
  }
  const std::string path = "/points/summary/" + m.name;
  const h5::Handle g = h5::create_group(by_point, m.name, lcpl, path);
  h5::string_attr(g.get(), path, "units", m.units);
  h5::string_attr(g.get(), path, "doc", m.doc);
  h5::write_column(g.get(), path, "mean", mean, lcpl);
  h5::write_column(g.get(), path, "sd", sd, lcpl);
  h5::write_column(g.get(), path, "ci_low", low, lcpl);
  h5::write_column(g.get(), path, "ci_high", high, lcpl);
}

// The summary columns, kMetricsPerPass at a time: each pass reads those metrics' rows from every
// part, writes each as a column in run order, and then its per-point mean and interval.
void write_summaries(hid_t root, hid_t lcpl, const std::vector<PartInfo>& parts,
                     const RunLocations& where, const std::vector<MetricInfo>& metrics,
                     std::uint64_t points, std::uint64_t replicates) {
  const h5::Handle runs = h5::open_group(root, "runs");
  const h5::Handle by_point = h5::create_group(root, "points/summary", lcpl, "/points/summary");
  std::vector<std::uint64_t> position(where.part.size(), 0);  // run -> row in the index
  for (std::size_t i = 0; i < where.done.size(); ++i) position[where.done[i]] = i;
  for (std::size_t first = 0; first < metrics.size(); first += kMetricsPerPass) {
    const std::size_t last = std::min(metrics.size(), first + kMetricsPerPass);
    const auto columns = read_summary_columns(parts, where, metrics, first, last, position);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const MetricInfo& m = metrics[first + c];
      h5::write_doubles(runs.get(), "/runs/summary", "summary/" + m.name, columns[c].data(),
                        columns[c].size(), false, m.units, m.doc, lcpl,
                        metrics::find_summary(m.name));
      write_point_intervals(by_point.get(), lcpl, m, columns[c], where, points, replicates);
    }
  }
}

void write_missing_runs(hid_t root, hid_t lcpl, const RunLocations& where) {
  std::vector<std::uint64_t> missing;
  for (std::uint64_t k = 0; k < where.part.size(); ++k)
    if (where.part[k] < 0) missing.push_back(k);
  h5::write_column(root, "", "missing_runs", missing, lcpl);
}

// Each run's weekly series stay in its part; the index links to them. The link's file name is
// relative: HDF5 looks for it beside the index first, so DIR can be moved whole.
void link_weekly(hid_t root, hid_t lcpl, const std::vector<PartInfo>& parts,
                 const RunLocations& where, const PlanRecord& plan) {
  const h5::Handle weekly = h5::create_group(root, "weekly", lcpl, "/weekly");
  for (const std::uint64_t run : where.done) {
    const PartInfo& part = parts[static_cast<std::size_t>(where.part[run])];
    const std::string target = "parts/" + part.file.filename().string();
    const std::string id = run_id(run, plan);
    const std::string object = "/runs/" + id + "/weekly";
    h5::check_ok(H5Lcreate_external(target.c_str(), object.c_str(), weekly.get(), id.c_str(), lcpl,
                                    H5P_DEFAULT),
                 "linking /weekly/" + id);
  }
}

// Writes the index under a temporary name with write_body(root, lcpl), syncs it and renames it
// over any older index; on failure removes the temporary.
template <typename Body>
void replace_index(const fs::path& dir, Body&& write_body) {
  remove_stale_temporaries(index_path(dir));
  replace_via_temporary(temporary_name(index_path(dir)), index_path(dir),
                        [&](const fs::path& temp) { h5::write_file(temp, write_body); });
}

}  // namespace

IndexOutcome write_index(const fs::path& dir, const InvocationInfo& info) {
  const h5::QuietHdf5Errors quiet;
  const DirectoryRecord record = read_directory(dir);
  const PlanRecord& plan = record.plan;
  const std::vector<Point> points = expand_points(record.spec);
  if (points.size() != plan.points || plan.points * plan.replicates != plan.runs)
    throw RunError(
        fmt::format("{}: plan.toml does not match sweep.toml ({} points there, {} "
                    "here)",
                    dir.string(), plan.points, points.size()));
  const std::vector<PartInfo> parts = scan_parts(dir);
  const RunLocations where = locate(parts, plan.runs);
  const PointFacts facts = point_facts(parts, where, plan.points, plan.replicates);

  IndexOutcome out{plan.runs, where.done.size(), where.duplicates, {}};
  std::set<std::string> commits;
  for (const auto& p : parts) commits.insert(p.git_commit);
  out.git_commits.assign(commits.begin(), commits.end());

  replace_index(dir, [&](hid_t root, hid_t lcpl) {
    h5::write_provenance(root, info, kIndexFormat, kIndexFormatVersion);
    write_root_attributes(root, record, out, facts);
    std::vector<std::uint64_t> runs_done(plan.points, 0);
    for (const std::uint64_t run : where.done) ++runs_done[run / plan.replicates];
    write_points(root, lcpl, record.spec, points, facts, runs_done);
    const h5::Handle runs = h5::create_group(root, "runs", lcpl, "/runs");
    write_run_columns(runs.get(), lcpl, parts, where, plan);
    write_summaries(root, lcpl, parts, where, facts.metrics, plan.points, plan.replicates);
    write_missing_runs(root, lcpl, where);
    if (record.spec.config.weekly) link_weekly(root, lcpl, parts, where, plan);
  });
  return out;
}

}  // namespace mentorsim::sweep
