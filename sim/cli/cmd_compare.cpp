// `mentorsim compare BASELINE OTHER...`: run several scenarios on the same seed and replicate
// indices (common random numbers), print each metric per scenario and its paired difference
// against the baseline, and optionally write every run to one HDF5 file grouped by scenario.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "engine/replicates.hpp"
#include "input/scenario_loader.hpp"
#include "output/comparison.hpp"
#include "output/hdf5_writer.hpp"

namespace po = boost::program_options;

namespace mentorsim::cli {

namespace {

constexpr const char* kHelpTail = R"(
The first scenario is the baseline. Every scenario runs on the baseline's seed and replicate count
(unless --seed / --replicates), so replicate r of every scenario meets the same random draws where
the scenarios agree; --set applies to every scenario. The table goes to stdout; progress, warnings
and errors to stderr. How to read it: docs/compare.md.
)";

// The lines of one top-level table ("[population]" up to the next table header) of a resolved
// scenario, as written by params::resolved_toml.
std::string toml_table(const std::string& toml, const std::string& table) {
  const std::string header = "[" + table + "]\n";
  const size_t begin = toml.rfind(header, 0) == 0 ? 0 : toml.find("\n" + header);
  if (begin == std::string::npos) return {};
  const size_t end = toml.find("\n[", begin + header.size());
  return toml.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

// Warns when a scenario's population or joining differs from the baseline's: then the arms do not
// hold the same people, and the pairing by replicate removes less of the noise.
void warn_about_population(const std::vector<Scenario>& scenarios,
                           const std::vector<std::string>& labels) {
  for (size_t i = 1; i < scenarios.size(); ++i) {
    std::string differing;
    for (const char* table : {"population", "joining"}) {
      if (toml_table(scenarios[i].resolved_toml, table) ==
          toml_table(scenarios[0].resolved_toml, table))
        continue;
      differing += fmt::format("{}[{}]", differing.empty() ? "" : " and ", table);
    }
    if (!differing.empty())
      fmt::print(stderr,
                 "mentorsim compare: warning: {} differs from the baseline {} in {}: the arms do "
                 "not start from the same people, so differences mix model and population\n",
                 labels[i], labels[0], differing);
  }
}

// Loads every scenario, reporting the problems of all of them; nullopt if any had one.
// Every scenario but the baseline is then reloaded on the baseline's seed and replicate count, so
// its resolved TOML (written to --out) says what actually ran.
std::optional<std::vector<Scenario>> load_all(const std::vector<std::string>& paths,
                                              const std::vector<std::string>& overrides) {
  std::vector<Scenario> scenarios;
  bool ok = true;
  for (const auto& path : paths) {
    try {
      scenarios.push_back(params::load_scenario_file(path, overrides));
    } catch (const InputError& e) {
      report_input_error(e, path);
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  const ScenarioMeta& base = scenarios.front().meta;
  std::vector<std::string> aligned = overrides;
  aligned.push_back(fmt::format("scenario.seed={}", base.seed));
  aligned.push_back(fmt::format("scenario.replicates={}", base.replicates));
  for (size_t i = 1; i < scenarios.size(); ++i) {
    if (scenarios[i].meta.seed == base.seed && scenarios[i].meta.replicates == base.replicates)
      continue;
    try {
      scenarios[i] = params::load_scenario_file(paths[i], aligned);
    } catch (const InputError& e) {
      report_input_error(e, paths[i]);
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return scenarios;
}

}  // namespace

int cmd_compare(const std::vector<std::string>& args, const std::string& command_line) {
  std::vector<std::string> paths, overrides;
  std::string out, format = "text", metrics;
  std::int64_t replicates = 0, seed = 0;
  int threads = 0;
  po::options_description options("mentorsim compare BASELINE OTHER... [options]");
  options.add_options()("help,h", "show this help")(
      "set", po::value(&overrides)->composing(),
      "override a key in every scenario: --set table.key=value (repeatable)")(
      "replicates,r", po::value(&replicates),
      "replicates per scenario (default: the baseline's scenario.replicates)")(
      "seed,s", po::value(&seed), "base seed of every scenario (default: the baseline's)")(
      "threads,t", po::value(&threads), "worker threads (default: every core)")(
      "out,o", po::value(&out), "write every run to this HDF5 file, grouped by scenario")(
      "force", "overwrite --out if it exists")("format,f", po::value(&format),
                                               "table format: text, markdown, csv or json")(
      "metrics,m", po::value(&metrics),
      (std::string(kMetricsHelp) +
       "; default: headline for text and markdown, all for csv and json")
          .c_str())("quiet,q", "print no table and no progress");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&paths)->composing());
  po::positional_options_description positional;
  positional.add("scenario", -1);
  po::variables_map vm;
  if (!parse_arguments("compare", args, options, hidden, positional, vm)) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << options << kHelpTail;
    return kExitOk;
  }
  if (paths.size() < 2) {
    fmt::print(stderr, "mentorsim compare: needs a BASELINE and at least one other scenario\n{}",
               fmt::streamed(options));
    return kExitBadInput;
  }
  if (format != "text" && format != "markdown" && format != "csv" && format != "json") {
    fmt::print(stderr,
               "mentorsim compare: --format must be text, markdown, csv or json, not '{}'\n",
               format);
    return kExitBadInput;
  }
  const auto selection =
      metric_selection_option("compare", vm, metrics, default_metric_selection(format));
  if (!selection) return kExitBadInput;
  const bool quiet = vm.count("quiet") > 0;
  const bool force = vm.count("force") > 0;
  if (const auto status =
          check_run_options("compare", vm, threads, out, force, seed, replicates, overrides))
    return *status;

  const auto scenarios = load_all(paths, overrides);
  if (!scenarios) return kExitBadInput;
  std::vector<std::string> names;
  for (const auto& s : *scenarios) names.push_back(s.meta.name);
  const std::vector<std::string> labels = unique_scenario_labels(names);
  warn_about_population(*scenarios, labels);

  try {
    const std::string started = utc_now_iso8601();
    const auto thread_limit = limit_threads(threads);
    const auto count = static_cast<std::uint64_t>(scenarios->front().meta.replicates);
    std::uint64_t total_weeks = 0;
    for (const auto& s : *scenarios)
      total_weeks += count * static_cast<std::uint64_t>(s.meta.weeks);

    // Scenario after scenario, each one's replicates in parallel; the results do not depend on
    // the order or the thread count.
    std::vector<ComparisonArm> arms;
    {
      Progress progress(total_weeks, !quiet);
      for (size_t i = 0; i < scenarios->size(); ++i)
        arms.push_back(ComparisonArm{
            labels[i], paths[i], run_replicates((*scenarios)[i], count, [&] { progress.tick(); })});
    }
    // The metric names are known once the runs report them: an unknown --metrics name is bad
    // input, reported before anything is written.
    Comparison table;
    try {
      table = select_comparison(compare_arms(arms), *selection);
    } catch (const InputError& e) {
      return report_input_error(e, "--metrics");
    }
    if (!out.empty()) {
      std::vector<ScenarioGroup> groups;
      for (size_t i = 0; i < arms.size(); ++i)
        groups.push_back(
            ScenarioGroup{labels[i], paths[i], (*scenarios)[i].resolved_toml, arms[i].runs});
      InvocationInfo info{MENTORSIM_VERSION, git_commit(), started, command_line, active_threads()};
      write_comparison_hdf5(out, info, groups, force);
    }
    if (!quiet) {
      fmt::print("{}", format_comparison(table, format));
      if (!stdout_ok()) return kExitFailure;
      if (!out.empty() && format == "text") fmt::print(stderr, "results written to {}\n", out);
    }
    return kExitOk;
  } catch (const InputError& e) {
    return report_input_error(e, "--out");
  } catch (const RunError& e) {
    fmt::print(stderr, "mentorsim compare: {}\n", e.what());
    return kExitFailure;
  }
}

}  // namespace mentorsim::cli
