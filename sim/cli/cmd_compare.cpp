// `mentorsim compare BASELINE OTHER...`: run several scenarios on the same seed and replicate
// indices (common random numbers), print each metric per scenario and its paired difference
// against the baseline, and optionally write every run to one HDF5 file grouped by scenario.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <boost/program_options.hpp>
#include <optional>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/progress.hpp"
#include "engine/replicates.hpp"
#include "input/scenario_loader.hpp"
#include "output/comparison.hpp"
#include "output/hdf5_writer.hpp"
#include "output/twins.hpp"
#include "uncertainty/robustness_output.hpp"
#include "uncertainty/uncertain_compare.hpp"

namespace po = boost::program_options;

namespace mentorsim::cli {

namespace {

constexpr const char* kHelpTail = R"(
The first scenario is the baseline. Every scenario runs on the baseline's seed and replicate count
(unless --seed / --replicates), so replicate r of every scenario meets the same random draws where
the scenarios agree; --set applies to every scenario. The table goes to stdout; progress, warnings
and errors to stderr. How to read it: docs/compare.md.

--uncertain FILE.toml re-runs every scenario under K parameter sets drawn from the file's ranges
(docs/sensitivity.md) and adds, per metric, how often each scenario ranks best and which
differences from the baseline keep their sign in enough draws to be robust, naming the parameter
that drives each. Text and markdown print both tables; csv and json only the robustness table
(which holds the nominal difference too); --out adds the group /uncertainty.
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

struct CompareOptions {
  std::vector<std::string> paths, overrides;
  std::string out, format = "text", metrics, uncertain;
  std::int64_t replicates = 0, seed = 0, draws = 0;
  bool replicates_given = false;
  int threads = 0;
  bool quiet = false;
  bool force = false;
  MetricSelection selection;
};

po::options_description describe_options(CompareOptions& o) {
  po::options_description options("mentorsim compare BASELINE OTHER... [options]");
  options.add_options()("help,h", "show this help")(
      "set", po::value(&o.overrides)->composing(),
      "override a key in every scenario: --set table.key=value (repeatable)")(
      "replicates,r", po::value(&o.replicates),
      "replicates per scenario (default: the baseline's scenario.replicates)")(
      "seed,s", po::value(&o.seed), "base seed of every scenario (default: the baseline's)")(
      "threads,t", po::value(&o.threads), "worker threads (default: every core)")(
      "out,o", po::value(&o.out), "write every run to this HDF5 file, grouped by scenario")(
      "force", "overwrite --out if it exists")("format,f", po::value(&o.format),
                                               "table format: text, markdown, csv or json")(
      "metrics,m", po::value(&o.metrics),
      (std::string(kMetricsHelp) +
       "; default: headline for text and markdown, all for csv and json")
          .c_str())("uncertain,u", po::value(&o.uncertain),
                    "also run every scenario under the parameter sets drawn from this "
                    "uncertainty file and report which differences are robust "
                    "(docs/sensitivity.md)")(
      "draws", po::value(&o.draws),
      "with --uncertain: this many parameter sets instead of the file's [uncertainty] draws")(
      "quiet,q", "print no table and no progress");
  return options;
}

// Parses and checks the command line into `o`; the exit status when the command is done.
std::optional<int> read_options(const std::vector<std::string>& args, CompareOptions& o) {
  const po::options_description options = describe_options(o);
  po::variables_map vm;
  if (const auto done = parse_command_line("compare", args, options,
                                           {"scenario", po::value(&o.paths)->composing(), -1},
                                           {"", kHelpTail}, vm))
    return done;
  if (o.paths.size() < 2) {
    fmt::print(stderr, "mentorsim compare: needs a BASELINE and at least one other scenario\n{}",
               fmt::streamed(options));
    return kExitBadInput;
  }
  if (!format_ok("compare", o.format, {"text", "markdown", "csv", "json"})) return kExitBadInput;
  const auto selection =
      metric_selection_option("compare", vm, o.metrics, default_metric_selection(o.format));
  if (!selection) return kExitBadInput;
  o.selection = *selection;
  o.quiet = vm.count("quiet") > 0;
  o.replicates_given = vm.count("replicates") > 0;
  if (vm.count("draws") && (o.uncertain.empty() || o.draws < 2)) {
    fmt::print(stderr, "mentorsim compare: --draws needs --uncertain and a value of at least 2\n");
    return kExitBadInput;
  }
  o.force = vm.count("force") > 0;
  return check_run_options("compare", vm, o.threads, o.out, o.force, o.seed, o.replicates,
                           o.overrides);
}

// Scenario after scenario, each one's replicates in parallel; the results do not depend on the
// order or the thread count.
std::uint64_t weeks_to_run(const std::vector<Scenario>& scenarios) {
  const auto count = static_cast<std::uint64_t>(scenarios.front().meta.replicates);
  std::uint64_t total_weeks = 0;
  for (const auto& s : scenarios) total_weeks += count * static_cast<std::uint64_t>(s.meta.weeks);
  return total_weeks;
}

std::vector<ComparisonArm> run_arms(const CompareOptions& o, const std::vector<Scenario>& scenarios,
                                    const std::vector<std::string>& labels, Progress& progress) {
  const auto count = static_cast<std::uint64_t>(scenarios.front().meta.replicates);
  std::vector<ComparisonArm> arms;
  for (size_t i = 0; i < scenarios.size(); ++i)
    arms.push_back(ComparisonArm{labels[i], o.paths[i],
                                 run_replicates(scenarios[i], count, [&] { progress.tick(); })});
  return arms;
}

void write_arms(const CompareOptions& o, const std::vector<Scenario>& scenarios,
                const std::vector<ComparisonArm>& arms, const InvocationInfo& info,
                const uncertainty::UncertaintyResult* uncertain) {
  std::vector<ScenarioGroup> groups;
  for (size_t i = 0; i < arms.size(); ++i)
    groups.push_back(
        ScenarioGroup{arms[i].label, o.paths[i], scenarios[i].resolved_toml, arms[i].runs});
  ExtraGroups extra;
  if (uncertain)
    extra = [&](hid_t root, hid_t lcpl) {
      uncertainty::write_uncertainty_group(root, lcpl, *uncertain);
    };
  write_comparison_hdf5(o.out, info, groups, o.force, extra);
}

// The uncertainty study of --uncertain, every draw's scenarios loaded and checked; nullopt
// (reported) on bad input.
std::optional<uncertainty::UncertainComparison> plan_uncertainty(
    const CompareOptions& o, const std::vector<Scenario>& scenarios,
    const std::vector<std::string>& labels) {
  try {
    uncertainty::UncertainSpec spec = uncertainty::load_uncertain_file(o.uncertain);
    if (o.draws > 0) spec.config.draws = o.draws;
    const std::int64_t replicates = o.replicates_given ? o.replicates
                                    : spec.config.replicates > 0
                                        ? spec.config.replicates
                                        : scenarios.front().meta.replicates;
    return uncertainty::UncertainComparison(
        std::move(spec), uncertainty::ComparedArms{o.paths, labels, o.overrides, scenarios},
        static_cast<std::uint64_t>(replicates));
  } catch (const InputError& e) {
    report_input_error(e, o.uncertain);
    return std::nullopt;
  }
}

// The twin of each shock arm; nullopt (reported) when a declared twin is missing or not a twin.
// Shock arms without a twin are run and shown, with a warning that their shocks go unpaired.
std::optional<Twins> pair_twins(const std::vector<Scenario>& scenarios,
                                const std::vector<std::string>& paths,
                                const std::vector<std::string>& labels) {
  Twins twins = find_twins(scenarios, paths);
  if (!twins.problems.empty()) {
    std::vector<Diagnostic> diagnostics;
    for (const TwinProblem& p : twins.problems)
      diagnostics.push_back(
          params::diagnostic_at_key(paths[p.scenario], "scenario", "twin", p.message));
    report_input_error(InputError(diagnostics), "the scenarios' twins");
    return std::nullopt;
  }
  for (std::size_t i : twins.unpaired)
    fmt::print(stderr,
               "mentorsim compare: warning: {} has [[shock]] entries but no twin (the same "
               "scenario without them) among the compared scenarios: its shocks are not measured "
               "against a twin (docs/compare.md)\n",
               labels[i]);
  return twins;
}

int compare(const CompareOptions& o, const std::vector<Scenario>& scenarios,
            const std::vector<std::string>& labels, const Twins& twins,
            const uncertainty::UncertainComparison* uncertain, const std::string& command_line) {
  const std::string started = utc_now_iso8601();
  const auto thread_limit = limit_threads(o.threads);
  Progress progress(weeks_to_run(scenarios) + (uncertain ? uncertain->total_weeks() : 0), !o.quiet);
  std::vector<ComparisonArm> arms = run_arms(o, scenarios, labels, progress);
  add_shock_effects(arms, scenarios, twins);
  // The metric names are known once the runs report them: an unknown --metrics name is bad
  // input, reported before anything is written.
  Comparison table;
  try {
    table = select_comparison(compare_arms(arms), o.selection);
  } catch (const InputError& e) {
    return report_input_error(e, "--metrics");
  }
  std::optional<uncertainty::UncertaintyResult> robustness;
  if (uncertain) robustness = uncertain->run(twins, table, [&] { progress.tick(); });
  progress.finish();  // the tables start on a clean line
  if (!o.out.empty())
    write_arms(o, scenarios, arms, invocation_info(started, command_line),
               robustness ? &*robustness : nullptr);
  if (!o.quiet) {
    const bool both = o.format == "text" || o.format == "markdown";
    if (!robustness || both) fmt::print("{}", format_comparison(table, o.format));
    if (robustness)
      fmt::print("{}{}", both ? "\n" : "", uncertainty::format_robustness(*robustness, o.format));
    if (!stdout_ok()) return kExitFailure;
    if (!o.out.empty() && o.format == "text") fmt::print(stderr, "results written to {}\n", o.out);
  }
  return kExitOk;
}

}  // namespace

int cmd_compare(const std::vector<std::string>& args, const std::string& command_line) {
  CompareOptions o;
  if (const auto done = read_options(args, o)) return *done;
  const auto scenarios = load_all(o.paths, o.overrides);
  if (!scenarios) return kExitBadInput;
  std::vector<std::string> names;
  for (const auto& s : *scenarios) names.push_back(s.meta.name);
  const std::vector<std::string> labels = unique_scenario_labels(names);
  warn_about_population(*scenarios, labels);
  const auto twins = pair_twins(*scenarios, o.paths, labels);
  if (!twins) return kExitBadInput;
  std::optional<uncertainty::UncertainComparison> uncertain;
  if (!o.uncertain.empty()) {
    uncertain = plan_uncertainty(o, *scenarios, labels);
    if (!uncertain) return kExitBadInput;
  }
  return report_errors("compare", "--out", [&] {
    return compare(o, *scenarios, labels, *twins, uncertain ? &*uncertain : nullptr, command_line);
  });
}

}  // namespace mentorsim::cli
