// `mentorsim run SCENARIO`: run replicates, write HDF5, print a summary.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <unistd.h>
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/live_chart.hpp"
#include "cli/network_export.hpp"
#include "cli/progress.hpp"
#include "engine/replicates.hpp"
#include "input/scenario_loader.hpp"
#include "output/hdf5_writer.hpp"
#include "output/summary_format.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace mentorsim::cli {

int cmd_run(const std::vector<std::string>& args, const std::string& command_line) {
  std::string scenario_path, out, format = "text", metrics, network_weeks, network_dir;
  double live_speed = 26;
  std::vector<std::string> overrides;
  std::int64_t replicates = 0, seed = 0;
  int threads = 0;
  po::options_description options("mentorsim run SCENARIO [options]");
  options.add_options()("help,h", "show this help")(
      "set", po::value(&overrides)->composing(),
      "override a scenario key: --set table.key=value (repeatable)")(
      "replicates,r", po::value(&replicates),
      "number of replicates (default: scenario.replicates)")("seed,s", po::value(&seed),
                                                             "base seed (default: scenario.seed)")(
      "threads,t", po::value(&threads), "worker threads (default: every core)")(
      "out,o", po::value(&out), "write results to this HDF5 file")(
      "force", "overwrite --out if it exists")("format,f", po::value(&format),
                                               "summary format: text, json or csv")(
      "metrics,m", po::value(&metrics), (std::string(kMetricsHelp) + "; default: all").c_str())(
      "export-network", po::value(&network_weeks),
      "write the developmental network at these 0-based weeks as GraphML, one file per "
      "replicate and week (e.g. 52,104,last)")(
      "network-dir", po::value(&network_dir),
      "directory for --export-network (default: <out>-network beside --out, else network)")(
      "live",
      "draw the first replicate week by week on the terminal (waiting list, coverage, "
      "mentors burned out), then print the summary")(
      "live-speed", po::value(&live_speed),
      "weeks per second for --live (default 26: a year in two seconds)")(
      "quiet,q", "print no summary and no progress");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value(&scenario_path));
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!parse_arguments("run", args, options, hidden, positional, vm)) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << options << "\nThe summary goes to stdout; progress and errors to stderr.\n";
    return kExitOk;
  }
  if (scenario_path.empty()) {
    fmt::print(stderr, "mentorsim run: missing SCENARIO\n{}", fmt::streamed(options));
    return kExitBadInput;
  }
  if (format != "text" && format != "json" && format != "csv") {
    fmt::print(stderr, "mentorsim run: --format must be text, json or csv, not '{}'\n", format);
    return kExitBadInput;
  }
  const auto selection =
      metric_selection_option("run", vm, metrics, MetricSelection{MetricSelection::Kind::all, {}});
  if (!selection) return kExitBadInput;
  const bool quiet = vm.count("quiet") > 0;
  if (!(live_speed > 0)) {
    fmt::print(stderr,
               "mentorsim run: --live-speed must be a positive number of weeks per second\n");
    return kExitBadInput;
  }
  const bool force = vm.count("force") > 0;
  if (const auto status =
          check_run_options("run", vm, threads, out, force, seed, replicates, overrides))
    return *status;
  try {
    const Scenario scenario = params::load_scenario_file(scenario_path, overrides);
    const std::string started = utc_now_iso8601();
    const auto thread_limit = limit_threads(threads);
    const auto count = static_cast<std::uint64_t>(scenario.meta.replicates);

    // Checked before anything runs, like --out.
    std::optional<NetworkExport> network;
    if (vm.count("export-network")) try {
        network.emplace(network_weeks, static_cast<Week>(scenario.meta.weeks),
                        network_dir.empty() ? default_network_dir(out) : fs::path(network_dir),
                        scenario.meta.name, count, force);
      } catch (const InputError& e) {
        return report_input_error(e, "--export-network");
      }

    const bool live = vm.count("live") > 0;
    std::optional<LiveChart> chart;
    if (live)
      chart.emplace(scenario.meta.name, scenario.meta.weeks, live_speed,
                    isatty(STDERR_FILENO) != 0);
    const WeekObserver network_observer = network ? network->observer() : WeekObserver{};
    const WeekObserver chart_observer = chart ? chart->observer() : WeekObserver{};
    WeekObserver observe;
    if (network || chart)
      observe = [&](std::uint64_t replicate, Week week, const Simulation& run) {
        if (network_observer) network_observer(replicate, week, run);
        if (chart_observer) chart_observer(replicate, week, run);
      };

    Progress progress(count * static_cast<std::uint64_t>(scenario.meta.weeks), !quiet && !live);
    const std::vector<RunResult> results = run_replicates(
        scenario, count, [&] { progress.tick(); }, observe);

    // The metric names are known once the runs report them: an unknown --metrics name is bad
    // input, reported before anything is written.
    std::string summary;
    try {
      summary = format_summary(results, format, *selection);
    } catch (const InputError& e) {
      return report_input_error(e, "--metrics");
    }
    if (!out.empty()) {
      InvocationInfo info{MENTORSIM_VERSION, git_commit(), started, command_line, active_threads()};
      write_hdf5(out, info, results, force);
    }
    std::vector<fs::path> network_files;
    if (network) network_files = network->write();
    if (!quiet) {
      if (!summary.empty() && summary.back() != '\n') summary += '\n';
      fmt::print("{}", summary);
      if (!stdout_ok()) return kExitFailure;  // flushed before the hints on stderr
      if (out.empty() && format == "text")
        fmt::print(stderr, "(no --out given: weekly series were not saved)\n");
      else if (!out.empty() && format == "text")
        fmt::print(stderr, "results written to {}\n", out);
      if (!network_files.empty())
        fmt::print(stderr, "{} networks written to {} ({}, ...)\n", network_files.size(),
                   network_files.front().parent_path().string(),
                   network_files.front().filename().string());
    }
    return kExitOk;
  } catch (const InputError& e) {
    return report_input_error(e, scenario_path);
  } catch (const RunError& e) {
    fmt::print(stderr, "mentorsim run: {}\n", e.what());
    return kExitFailure;
  }
}

}  // namespace mentorsim::cli
