#include "sweep/index_writer.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "metrics/catalogue.hpp"
#include "output/hdf5_util.hpp"
#include "output/summary_format.hpp"
#include "sweep/points.hpp"
#include "sweep/sweep_directory.hpp"
#include "sweep/sweep_plan.hpp"

namespace mentorsim::sweep {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMetricsPerPass = 8;  // summary columns held in memory at once
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

// Where every done run is: its part and its row there. The first part holding a run wins.
struct RunLocations {
  std::vector<std::int32_t> part;  // -1: not done
  std::vector<std::uint32_t> row;
  std::vector<std::uint64_t> done;  // done runs in run order
  std::uint64_t duplicates = 0;
};

RunLocations locate(const std::vector<PartInfo>& parts, std::uint64_t runs) {
  RunLocations l{std::vector<std::int32_t>(runs, -1), std::vector<std::uint32_t>(runs, 0), {}, 0};
  for (std::size_t p = 0; p < parts.size(); ++p)
    for (std::size_t r = 0; r < parts[p].runs.size(); ++r) {
      const std::uint64_t run = parts[p].runs[r];
      if (run >= runs)
        throw RunError(fmt::format("{} holds run {}, but the sweep has {} runs",
                                   parts[p].file.string(), run, runs));
      if (l.part[run] >= 0) {
        ++l.duplicates;
        continue;
      }
      l.part[run] = static_cast<std::int32_t>(p);
      l.row[run] = static_cast<std::uint32_t>(r);
    }
  for (std::uint64_t k = 0; k < runs; ++k)
    if (l.part[k] >= 0) l.done.push_back(k);
  return l;
}

struct MetricInfo {
  std::string name, units, doc;
};

// What the parts say about points: resolved scenarios, metric names (in report order), hashes.
struct PointFacts {
  std::vector<std::string> resolved, hash;
  std::vector<MetricInfo> metrics;  // the union, in the report order of the lowest point first
};

PointFacts point_facts(const std::vector<PartInfo>& parts, const RunLocations& where,
                       std::uint64_t points, std::uint64_t replicates) {
  PointFacts f{std::vector<std::string>(points), std::vector<std::string>(points), {}};
  std::vector<std::string> names_of(points);
  std::map<std::string, std::pair<std::string, std::string>> units_docs;
  for (std::size_t p = 0; p < parts.size(); ++p) {
    const h5::Handle file = h5::open_read(parts[p].file);
    const auto point = h5::read_u64s(file.get(), "points/point");
    const auto resolved = h5::read_strings(file.get(), "points/resolved_scenario");
    const auto names = h5::read_strings(file.get(), "points/metric_names");
    for (std::size_t i = 0; i < point.size(); ++i) {
      if (point[i] >= points) continue;
      if (f.resolved[point[i]].empty()) f.resolved[point[i]] = resolved[i];
      if (names_of[point[i]].empty()) names_of[point[i]] = names[i];
    }
    const auto metric = h5::read_strings(file.get(), "summary/names");
    const auto units = h5::read_strings(file.get(), "summary/units");
    const auto docs = h5::read_strings(file.get(), "summary/docs");
    for (std::size_t m = 0; m < metric.size(); ++m)
      units_docs.try_emplace(metric[m], units[m], docs[m]);
  }
  for (const std::uint64_t run : where.done) {
    const PartInfo& part = parts[static_cast<std::size_t>(where.part[run])];
    std::string& h = f.hash[run / replicates];
    if (h.empty()) h = part.scenario_hash(where.row[run]);
  }
  std::set<std::string> seen;
  for (std::uint64_t p = 0; p < points; ++p)
    for (const auto& name : lines_of(names_of[p]))
      if (seen.insert(name).second) {
        const auto& ud = units_docs[name];
        f.metrics.push_back({name, ud.first, ud.second});
      }
  return f;
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
    std::vector<std::vector<double>> columns(last - first,
                                             std::vector<double>(where.done.size(), kNaN));
    for (std::size_t p = 0; p < parts.size(); ++p) {
      const h5::Handle file = h5::open_read(parts[p].file);
      const auto names = h5::read_strings(file.get(), "summary/names");
      for (std::size_t m = 0; m < names.size(); ++m) {
        const auto it = std::find_if(metrics.begin() + static_cast<std::ptrdiff_t>(first),
                                     metrics.begin() + static_cast<std::ptrdiff_t>(last),
                                     [&](const MetricInfo& x) { return x.name == names[m]; });
        if (it == metrics.begin() + static_cast<std::ptrdiff_t>(last)) continue;
        const auto row = h5::read_matrix_row(file.get(), "summary/values", m);
        auto& column = columns[static_cast<std::size_t>(it - metrics.begin()) - first];
        for (std::size_t r = 0; r < parts[p].runs.size(); ++r) {
          const std::uint64_t run = parts[p].runs[r];
          if (where.part[run] == static_cast<std::int32_t>(p) && where.row[run] == r)
            column[position[run]] = row[r];
        }
      }
    }
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const MetricInfo& m = metrics[first + c];
      h5::write_doubles(runs.get(), "/runs/summary", "summary/" + m.name, columns[c].data(),
                        columns[c].size(), false, m.units, m.doc, lcpl,
                        metrics::find_summary(m.name));
      std::vector<double> mean(points, kNaN), sd(points, kNaN), low(points, kNaN),
          high(points, kNaN);
      std::size_t i = 0;
      for (std::uint64_t pt = 0; pt < points; ++pt) {
        std::vector<double> values;
        while (i < where.done.size() && where.done[i] / replicates == pt)
          values.push_back(columns[c][i++]);
        if (values.empty()) continue;
        const MeanInterval s = metric_interval(values, aggregate_of(m.name));
        mean[pt] = s.mean, sd[pt] = s.sd, low[pt] = s.low, high[pt] = s.high;
      }
      const std::string path = "/points/summary/" + m.name;
      const h5::Handle g = h5::create_group(by_point.get(), m.name, lcpl, path);
      h5::string_attr(g.get(), path, "units", m.units);
      h5::string_attr(g.get(), path, "doc", m.doc);
      h5::write_column(g.get(), path, "mean", mean, lcpl);
      h5::write_column(g.get(), path, "sd", sd, lcpl);
      h5::write_column(g.get(), path, "ci_low", low, lcpl);
      h5::write_column(g.get(), path, "ci_high", high, lcpl);
    }
  }
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

  const fs::path final_name = index_path(dir);
  const fs::path temp = dir / fmt::format(".index.h5.tmp-{}", ::getpid());
  try {
    h5::write_file(temp, [&](hid_t root, hid_t lcpl) {
      h5::write_provenance(root, info, kIndexFormat, kIndexFormatVersion);
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

      std::vector<std::uint64_t> runs_done(plan.points, 0);
      for (const std::uint64_t run : where.done) ++runs_done[run / plan.replicates];
      write_points(root, lcpl, record.spec, points, facts, runs_done);

      // The run columns, written a block of rows at a time: memory does not grow with the runs.
      const h5::Handle runs = h5::create_group(root, "runs", lcpl, "/runs");
      const auto& done = where.done;
      auto run_id = [&](std::size_t i) {
        return format_run_id(done[i] / plan.replicates, done[i] % plan.replicates, plan.points,
                             plan.replicates);
      };
      h5::write_column(runs.get(), "/runs", "run_index", done, lcpl);
      h5::write_u64_blocks(
          runs.get(), "/runs", "point", done.size(),
          [&](std::size_t i) { return done[i] / plan.replicates; }, lcpl);
      h5::write_u64_blocks(
          runs.get(), "/runs", "replicate", done.size(),
          [&](std::size_t i) { return done[i] % plan.replicates; }, lcpl);
      h5::write_u64_blocks(
          runs.get(), "/runs", "seed", done.size(), [&](std::size_t) { return plan.seed; }, lcpl);
      h5::write_string_blocks(runs.get(), "/runs", "run_id", done.size(), run_id, lcpl);
      h5::write_string_blocks(
          runs.get(), "/runs", "scenario_hash", done.size(),
          [&](std::size_t i) {
            return parts[static_cast<std::size_t>(where.part[done[i]])].scenario_hash(
                where.row[done[i]]);
          },
          lcpl);
      write_summaries(root, lcpl, parts, where, facts.metrics, plan.points, plan.replicates);

      std::vector<std::uint64_t> missing;
      for (std::uint64_t k = 0; k < plan.runs; ++k)
        if (where.part[k] < 0) missing.push_back(k);
      h5::write_column(root, "", "missing_runs", missing, lcpl);

      if (record.spec.config.weekly) {
        // Each run's weekly series stay in its part; the index links to them. The link's file
        // name is relative: HDF5 looks for it beside the index first, so DIR can be moved whole.
        const h5::Handle weekly = h5::create_group(root, "weekly", lcpl, "/weekly");
        for (std::size_t i = 0; i < where.done.size(); ++i) {
          const PartInfo& part = parts[static_cast<std::size_t>(where.part[where.done[i]])];
          const std::string target = "parts/" + part.file.filename().string();
          const std::string id = run_id(i);
          const std::string object = "/runs/" + id + "/weekly";
          h5::check_ok(H5Lcreate_external(target.c_str(), object.c_str(), weekly.get(), id.c_str(),
                                          lcpl, H5P_DEFAULT),
                       "linking /weekly/" + id);
        }
      }
    });
    h5::sync_file(temp);
    std::error_code ec;
    fs::rename(temp, final_name, ec);
    if (ec) throw RunError(fmt::format("renaming {} failed: {}", temp.string(), ec.message()));
    h5::sync_directory(dir);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    throw;
  }
  return out;
}

}  // namespace mentorsim::sweep
