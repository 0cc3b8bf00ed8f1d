// A run's group and the root's provenance, as docs/output-format.md lays them out (see
// hdf5_util.hpp); shared by the run and comparison files and the sweep's parts.
#include "metrics/catalogue.hpp"
#include "output/hdf5_util.hpp"

namespace mentorsim::h5 {

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
