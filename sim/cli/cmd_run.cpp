// `mentorsim run SCENARIO`: run replicates, write HDF5, print a summary.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <unistd.h>
#include <boost/program_options.hpp>
#include <filesystem>
#include <optional>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/live_chart.hpp"
#include "cli/network_export.hpp"
#include "cli/progress.hpp"
#include "cli/state_continuation.hpp"
#include "engine/replicates.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "output/hdf5_writer.hpp"
#include "output/summary_format.hpp"
#include "scenario/run_estimate.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace mentorsim::cli {

namespace {

constexpr const char* kHelpTail = "\nThe summary goes to stdout; progress and errors to stderr.\n";

struct RunOptions {
  std::string scenario_path, out, format = "text", metrics, network_weeks, network_dir;
  std::string state_file, from_state;
  std::int64_t save_state = -1;  // week; -1: no state saved
  double live_speed = 26;
  std::vector<std::string> overrides;
  std::int64_t replicates = 0, seed = 0;
  int threads = 0;
  bool force = false;
  bool quiet = false;
  bool live = false;
  bool export_network = false;
  MetricSelection selection;
};

po::options_description describe_options(RunOptions& o) {
  po::options_description options(
      "mentorsim run SCENARIO [options]\n  or: mentorsim run --from-state FILE [options]");
  options.add_options()("help,h", "show this help")(
      "set", po::value(&o.overrides)->composing(),
      "override a scenario key: --set table.key=value (repeatable)")(
      "replicates,r", po::value(&o.replicates),
      "number of replicates (default: scenario.replicates)")("seed,s", po::value(&o.seed),
                                                             "base seed (default: scenario.seed)")(
      "threads,t", po::value(&o.threads), "worker threads (default: every core)")(
      "out,o", po::value(&o.out), "write results to this HDF5 file")(
      "force", "overwrite --out if it exists")("format,f", po::value(&o.format),
                                               "summary format: text, json or csv")(
      "metrics,m", po::value(&o.metrics),
      (std::string(kMetricsHelp) + "; default: headline for text, all for csv and json").c_str())(
      "export-network", po::value(&o.network_weeks),
      "write the developmental network at these 0-based weeks as GraphML, one file per "
      "replicate and week (e.g. 52,104,last)")(
      "network-dir", po::value(&o.network_dir),
      "directory for --export-network (default: <out>-network beside --out, else network)")(
      "live",
      "draw the first replicate week by week on the terminal (waiting list, coverage, "
      "mentors burned out), then print the summary")(
      "live-speed", po::value(&o.live_speed),
      "weeks per second for --live (default 26: a year in two seconds)")(
      "quiet,q",
      "print no summary and no progress (with --live: the chart alone, for a projector)")(
      "save-state", po::value(&o.save_state),
      "also write every replicate's state after this many weeks (1 to weeks - 1) to a state "
      "file, to continue from with --from-state")(
      "state-file", po::value(&o.state_file),
      "the file --save-state writes (default: <out stem>.week<WEEK>.state.h5 beside --out, else "
      "<scenario stem>.week<WEEK>.state.h5 here)")(
      "from-state", po::value(&o.from_state),
      "continue the run saved in this state file from its week, instead of running a SCENARIO: "
      "--set may change programme settings (programme.NAME.KEY) and scenario.weeks; unchanged, "
      "the results equal the uninterrupted run's");
  return options;
}

// --save-state, --state-file and --from-state together.
std::optional<int> check_state_options(const po::variables_map& vm, const RunOptions& o) {
  const auto refuse = [](const char* message) {
    fmt::print(stderr, "mentorsim run: {}\n", message);
    return std::optional<int>(kExitBadInput);
  };
  if (!o.from_state.empty() && !o.scenario_path.empty())
    return refuse("--from-state continues the scenario saved in the state file: give no SCENARIO");
  if (!o.from_state.empty() && (vm.count("seed") || vm.count("replicates")))
    return refuse(
        "--from-state continues the saved run's seed and replicates: drop --seed and "
        "--replicates");
  if (!o.from_state.empty() && vm.count("save-state"))
    return refuse("--save-state saves from a run of a SCENARIO, not from a continuation");
  if (vm.count("state-file") && !vm.count("save-state"))
    return refuse("--state-file names the file --save-state writes: give --save-state WEEK");
  return std::nullopt;
}

// Parses and checks the command line into `o`; the exit status when the command is done.
std::optional<int> read_options(const std::vector<std::string>& args, RunOptions& o) {
  const po::options_description options = describe_options(o);
  po::variables_map vm;
  if (const auto done = parse_command_line(
          "run", args, options, {"scenario", po::value(&o.scenario_path), 1}, {"", kHelpTail}, vm))
    return done;
  if (o.scenario_path.empty() && o.from_state.empty()) {
    fmt::print(stderr, "mentorsim run: missing SCENARIO\n{}", fmt::streamed(options));
    return kExitBadInput;
  }
  if (const auto status = check_state_options(vm, o)) return status;
  if (!format_ok("run", o.format, {"text", "json", "csv"})) return kExitBadInput;
  // The headline set on a terminal (after --live it stays on the projector with the chart), every
  // metric for scripts.
  const auto selection =
      metric_selection_option("run", vm, o.metrics, default_metric_selection(o.format));
  if (!selection) return kExitBadInput;
  o.selection = *selection;
  o.quiet = vm.count("quiet") > 0;
  if (!(o.live_speed > 0)) {
    fmt::print(stderr,
               "mentorsim run: --live-speed must be a positive number of weeks per second\n");
    return kExitBadInput;
  }
  o.force = vm.count("force") > 0;
  o.live = vm.count("live") > 0;
  o.export_network = vm.count("export-network") > 0;
  return check_run_options("run", vm, o.threads, o.out, o.force, o.seed, o.replicates, o.overrides);
}

// What watches the runs week by week, each there only when asked for: the network export
// (--export-network) and the live chart (--live).
struct Watchers {
  std::optional<NetworkExport> network;
  std::optional<LiveChart> chart;
  WeekObserver network_observer;
  WeekObserver chart_observer;

  // One observer calling each watcher there is; empty without any, so the runs skip the calls.
  // The watchers must stay where they are while it is used.
  WeekObserver observer() {
    network_observer = network ? network->observer() : WeekObserver{};
    chart_observer = chart ? chart->observer() : WeekObserver{};
    if (!network && !chart) return {};
    return [this](std::uint64_t replicate, Week week, const Simulation& run) {
      if (network_observer) network_observer(replicate, week, run);
      if (chart_observer) chart_observer(replicate, week, run);
    };
  }
};

// Sets up the watchers asked for. The network's weeks and files are checked here, before anything
// runs, like --out; the exit status when they are bad input.
std::optional<int> start_watchers(Watchers& w, const RunOptions& o, const Scenario& scenario,
                                  std::uint64_t count) {
  if (o.export_network) try {
      w.network.emplace(
          o.network_weeks, static_cast<Week>(scenario.meta.weeks),
          o.network_dir.empty() ? default_network_dir(o.out) : fs::path(o.network_dir),
          scenario.meta.name, count, o.force);
    } catch (const InputError& e) {
      return report_input_error(e, "--export-network");
    }
  if (o.live)
    w.chart.emplace(scenario.meta.name, scenario.meta.weeks, o.live_speed,
                    isatty(STDERR_FILENO) != 0);
  return std::nullopt;
}

// The summary on stdout, then on stderr where the results went.
int print_summary(const RunOptions& o, std::string summary,
                  const std::vector<fs::path>& network_files) {
  if (!summary.empty() && summary.back() != '\n') summary += '\n';
  fmt::print("{}", summary);
  if (!stdout_ok()) return kExitFailure;  // flushed before the hints on stderr
  if (o.out.empty() && o.format == "text")
    fmt::print(stderr, "(no --out given: weekly series were not saved)\n");
  else if (!o.out.empty() && o.format == "text")
    fmt::print(stderr, "results written to {}\n", o.out);
  if (!network_files.empty())
    fmt::print(stderr, "{} networks written to {} ({}, ...)\n", network_files.size(),
               network_files.front().parent_path().string(),
               network_files.front().filename().string());
  return kExitOk;
}

// The state file --save-state writes, checked before anything runs; nullopt without --save-state.
std::optional<fs::path> state_destination(const RunOptions& o, const Scenario& scenario) {
  if (o.save_state < 0) return std::nullopt;
  if (o.save_state < 1 || o.save_state >= scenario.meta.weeks)
    throw InputError(
        Diagnostic{"--save-state", 0, 0,
                   fmt::format("{} is not a week to save after: 1 to {} (scenario.weeks - 1)",
                               o.save_state, scenario.meta.weeks - 1)});
  fs::path path = o.state_file.empty()
                      ? default_state_file(o.out, o.scenario_path, static_cast<Week>(o.save_state))
                      : fs::path(o.state_file);
  check_output_path(path, o.force);
  if (!o.out.empty() && fs::absolute(path) == fs::absolute(o.out))
    throw InputError(Diagnostic{path.string(), 0, 0, "is also --out: give another --state-file"});
  return path;
}

int run_scenario(const RunOptions& o, const std::string& command_line) {
  std::unique_ptr<Continuation> continuation;
  Scenario loaded;
  if (!o.from_state.empty())
    continuation = load_continuation(o.from_state, o.overrides);
  else
    loaded = params::load_scenario_file(o.scenario_path, o.overrides);
  const Scenario& scenario = continuation ? continuation->next : loaded;
  std::optional<fs::path> state_file;
  try {
    state_file = state_destination(o, scenario);
  } catch (const InputError& e) {
    return report_input_error(e, "--save-state");
  }
  const std::string started = utc_now_iso8601();
  const auto thread_limit = limit_threads(o.threads);
  const auto count = static_cast<std::uint64_t>(scenario.meta.replicates);
  // A run of over a billion practitioner-weeks takes long enough to say so before it starts.
  if (const RunEstimate estimate = estimate_run(scenario);
      estimate.practitioner_weeks * static_cast<double>(count) > kLongRunPractitionerWeeks)
    fmt::print(stderr,
               "mentorsim run: note: {} replicates of {}; at a few million practitioner-weeks a "
               "second per core this takes a while (docs/scenarios.md, \"What a run costs\")\n",
               count, describe_estimate(estimate));
  // Valid (the organisation alone: joining, departures, learning), but rarely what was meant.
  if (scenario.programmes.empty())
    fmt::print(stderr,
               "mentorsim run: note: {} has no [[programme]]: nobody is matched or mentored, and "
               "the run shows the organisation alone (docs/scenarios.md)\n",
               continuation ? o.from_state : o.scenario_path);
  Watchers watchers;
  if (const auto status = start_watchers(watchers, o, scenario, count)) return *status;

  Progress progress(count * static_cast<std::uint64_t>(scenario.meta.weeks), !o.quiet && !o.live);
  StateSaver saver(static_cast<Week>(o.save_state), state_file ? count : 0);
  WeekObserver observer = watchers.observer();
  if (state_file)
    observer = [&saver, watch = std::move(observer)](std::uint64_t r, Week w, const Simulation& s) {
      saver.observe(r, w, s);
      if (watch) watch(r, w, s);
    };
  const auto tick = [&] { progress.tick(); };
  const std::vector<RunResult> results = continuation
                                             ? run_continuation(*continuation, tick, observer)
                                             : run_replicates(scenario, count, tick, observer);
  progress.finish();  // the summary starts on a clean line

  // The metric names are known once the runs report them: an unknown --metrics name is bad
  // input, reported before anything is written.
  std::string summary;
  try {
    summary = format_summary(results, o.format, o.selection);
  } catch (const InputError& e) {
    return report_input_error(e, "--metrics");
  }
  if (!o.out.empty()) write_hdf5(o.out, invocation_info(started, command_line), results, o.force);
  if (state_file) {
    write_state_file(*state_file, invocation_info(started, command_line), scenario.resolved_toml,
                     o.scenario_path, scenario.meta.seed, saver.snapshots(), o.force);
    if (!o.quiet)
      fmt::print(stderr, "state after {} weeks written to {}\n", o.save_state,
                 state_file->string());
  }
  std::vector<fs::path> network_files;
  if (watchers.network) network_files = watchers.network->write();
  return o.quiet ? kExitOk : print_summary(o, std::move(summary), network_files);
}

}  // namespace

int cmd_run(const std::vector<std::string>& args, const std::string& command_line) {
  RunOptions o;
  if (const auto done = read_options(args, o)) return *done;
  return report_errors("run", o.from_state.empty() ? o.scenario_path : o.from_state,
                       [&] { return run_scenario(o, command_line); });
}

}  // namespace mentorsim::cli
