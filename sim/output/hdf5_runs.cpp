// A run's group, a scenario's runs as arrays, and the root's provenance, as docs/output-format.md
// lays them out (see hdf5_util.hpp); shared by the run and comparison files and the sweep's parts.
#include <unistd.h>

#include <array>

#include <fmt/format.h>

#include "core/error.hpp"
#include "metrics/catalogue.hpp"
#include "output/hdf5_util.hpp"

namespace mentorsim::h5 {

namespace {

// Every run of an arm must have the scenario, the weeks and the outputs of the first, in the same
// order: they become rows of one array.
void check_rows(const std::vector<RunResult>& runs, const std::string& path) {
  const RunResult& first = runs.front();
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const RunResult& r = runs[i];
    auto bad = [&](const char* what) {
      throw RunError(fmt::format("{}: run {} differs from run {} in its {}",
                                 path.empty() ? "/" : path, r.run_id, first.run_id, what));
    };
    if (r.replicate != i) bad("replicate (runs must be replicates 0, 1, ... in order)");
    if (r.weeks != first.weeks || r.seed != first.seed || r.zones != first.zones ||
        r.resolved_scenario_toml != first.resolved_scenario_toml)
      bad("scenario");
    if (r.weekly.size() != first.weekly.size() || r.summary.size() != first.summary.size())
      bad("outputs");
    for (std::size_t s = 0; s < r.weekly.size(); ++s)
      if (r.weekly[s].name != first.weekly[s].name ||
          r.weekly[s].values.size() != static_cast<std::size_t>(first.weeks))
        bad("weekly series");
    for (std::size_t s = 0; s < r.summary.size(); ++s)
      if (r.summary[s].name != first.summary[s].name) bad("summaries");
  }
}

std::string host_name() {
  std::array<char, 256> name{};
  return ::gethostname(name.data(), name.size() - 1) == 0 ? std::string(name.data()) : "unknown";
}

std::string compiler() {
#if defined(__clang__)
  return fmt::format("clang {}.{}.{}", __clang_major__, __clang_minor__, __clang_patchlevel__);
#elif defined(__GNUC__)
  return fmt::format("gcc {}.{}.{}", __GNUC__, __GNUC_MINOR__, __GNUC_PATCHLEVEL__);
#else
  return "unknown";
#endif
}

std::string hdf5_version() {
  unsigned major = 0, minor = 0, release = 0;
  H5get_libversion(&major, &minor, &release);
  return fmt::format("{}.{}.{}", major, minor, release);
}

}  // namespace

void write_arm(hid_t group, const std::string& path, const std::vector<RunResult>& runs,
               hid_t lcpl) {
  if (runs.empty()) throw RunError(fmt::format("{}: no runs to write", path));
  check_rows(runs, path);
  const RunResult& first = runs.front();
  const std::string where = path.empty() ? "/" : path;
  string_attr(group, where, "scenario_name", first.scenario_name);
  string_attr(group, where, "scenario_source", first.scenario_source);
  string_attr(group, where, "resolved_scenario", first.resolved_scenario_toml);
  u64_attr(group, where, "seed", first.seed);
  i64_attr(group, where, "weeks", first.weeks);
  string_array_attr(group, where, "zones", first.zones);

  const hsize_t n = runs.size(), weeks = static_cast<hsize_t>(first.weeks);
  std::vector<std::uint64_t> replicates;
  std::vector<std::string> ids;
  for (const RunResult& r : runs) {
    replicates.push_back(r.replicate);
    ids.push_back(r.run_id);
  }
  std::vector<std::int64_t> week_numbers(weeks);
  for (hsize_t w = 0; w < weeks; ++w) week_numbers[w] = static_cast<std::int64_t>(w);
  write_column(group, path, "replicate", replicates, lcpl);
  write_column(group, path, "week", week_numbers, lcpl);
  const Handle replicate = make_dimension_scale(group, path, "replicate", "replicate");
  const Handle week = make_dimension_scale(group, path, "week", "week");
  string_attr(replicate.get(), path + "/replicate", "doc",
              "Replicate index, 0-based: the random streams are keyed by (seed, replicate).");
  string_attr(week.get(), path + "/week", "doc",
              "Week, 0-based: a weekly value is the one recorded at the end of that week.");
  string_attr(week.get(), path + "/week", "units", "weeks");
  write_column(group, path, "run_id", ids, lcpl);

  const Handle weekly = create_group(group, "weekly", lcpl, path + "/weekly");
  std::vector<double> values(n * weeks);
  for (std::size_t s = 0; s < first.weekly.size(); ++s) {
    for (hsize_t i = 0; i < n; ++i) {
      const auto& v = runs[i].weekly[s].values;
      std::copy(v.begin(), v.end(), values.begin() + static_cast<std::ptrdiff_t>(i * weeks));
    }
    const Series& series = first.weekly[s];
    write_metric_array(weekly.get(), path + "/weekly", series.name, {n, weeks}, values,
                       series.units, series.doc, metrics::find_series(series.name),
                       {replicate.get(), week.get()}, lcpl);
  }
  const Handle summary = create_group(group, "summary", lcpl, path + "/summary");
  std::vector<double> column(n);
  for (std::size_t s = 0; s < first.summary.size(); ++s) {
    for (hsize_t i = 0; i < n; ++i) column[i] = runs[i].summary[s].value;
    const SummaryValue& v = first.summary[s];
    write_metric_array(summary.get(), path + "/summary", v.name, {n}, column, v.units, v.doc,
                       metrics::find_summary(v.name), {replicate.get()}, lcpl);
  }
}

void write_weekly(hid_t run_group, const std::string& run_path, const RunResult& run, hid_t lcpl) {
  const Handle weekly = create_group(run_group, "weekly", lcpl, run_path + "/weekly");
  for (const auto& s : run.weekly)
    write_doubles(weekly.get(), run_path + "/weekly", s.name, s.values.data(), s.values.size(),
                  false, s.units, s.doc, lcpl, metrics::find_series(s.name));
}

void write_run(hid_t runs_group, const std::string& runs_path, const RunResult& run, hid_t lcpl,
               bool with_weekly) {
  const std::string path = runs_path + "/" + run.run_id;
  const Handle group = create_group(runs_group, run.run_id, lcpl, path);
  string_attr(group.get(), path, "scenario_name", run.scenario_name);
  string_attr(group.get(), path, "scenario_source", run.scenario_source);
  string_attr(group.get(), path, "resolved_scenario", run.resolved_scenario_toml);
  u64_attr(group.get(), path, "seed", run.seed);
  u64_attr(group.get(), path, "replicate", run.replicate);
  i64_attr(group.get(), path, "weeks", run.weeks);
  string_array_attr(group.get(), path, "zones", run.zones);

  if (with_weekly) write_weekly(group.get(), path, run, lcpl);
  const Handle summary = create_group(group.get(), "summary", lcpl, path + "/summary");
  for (const auto& v : run.summary)
    write_doubles(summary.get(), path + "/summary", v.name, &v.value, 1, true, v.units, v.doc, lcpl,
                  metrics::find_summary(v.name));
}

void write_provenance(hid_t root, const InvocationInfo& info, const char* format, int version) {
  string_attr(root, "/", "format", format);
  i32_attr(root, "/", "format_version", version);
  string_attr(root, "/", "version", info.version);
  string_attr(root, "/", "git_commit", info.git_commit);
  string_attr(root, "/", "created_utc", info.created_utc);
  string_attr(root, "/", "command_line", info.command_line);
  i32_attr(root, "/", "threads", info.threads);
  // How the numbers were made, to reproduce or to explain a difference between two machines.
  string_attr(root, "/", "host", host_name());
  string_attr(root, "/", "compiler", compiler());
  string_attr(root, "/", "build_type", MENTORSIM_BUILD_TYPE);
  string_attr(root, "/", "hdf5_version", hdf5_version());
  string_attr(root, "/", "rng",
              "Philox4x64-10 (Random123), counter-based: every draw is a function of (seed, "
              "replicate, entity id, week, purpose)");
  // The themes a metric's `theme` attribute names, in display order, with their questions.
  std::vector<std::string> themes, questions;
  for (const metrics::Theme theme : metrics::kThemes) {
    themes.emplace_back(metrics::theme_name(theme));
    questions.emplace_back(metrics::theme_question(theme));
  }
  string_array_attr(root, "/", "themes", themes);
  string_array_attr(root, "/", "theme_questions", questions);
}

}  // namespace mentorsim::h5
