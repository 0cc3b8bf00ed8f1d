// `mentorsim bench`: the declared benchmark scenarios, timed as whole runs (median of repeats) at
// several thread counts, with memory per active practitioner. Benchmarks, not timed tests.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <boost/program_options.hpp>
#include <chrono>
#include <fstream>
#include <numeric>
#include <optional>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "sweep/sweep_spec.hpp"

namespace po = boost::program_options;

namespace mentorsim::cli {

namespace {

// Resident-set high-water mark and current size of this process, in bytes (Linux /proc).
std::size_t proc_status_bytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind(field + ":", 0) == 0) {
      std::istringstream in(line.substr(field.size() + 1));
      std::size_t kb = 0;
      in >> kb;
      return kb * 1024;
    }
  return 0;
}

struct Measurement {
  double seconds;
  double practitioner_weeks;
  std::size_t peak_active;
  std::size_t peak_table_bytes;
  std::array<double, kWeeklyPhases.size()> phase_seconds;
};

Measurement measure(const Scenario& scenario, bool phases) {
  Simulation simulation(scenario, 0);
  simulation.time_phases(phases);
  const auto start = std::chrono::steady_clock::now();
  const RunResult result = simulation.run();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto& active = simulation.recorder().series("active_practitioners");
  return {seconds, std::accumulate(active.begin(), active.end(), 0.0), simulation.peak_active(),
          simulation.peak_table_bytes(), simulation.phase_seconds()};
}

// The median run's seconds per phase, and each phase's share of the run.
void print_phases(const Measurement& m) {
  for (std::size_t i = 0; i < kWeeklyPhases.size(); ++i)
    fmt::print("    {:<20} {:>9.3f} s  {:>5.1f}%\n", phase_name(kWeeklyPhases[i]),
               m.phase_seconds[i], 100.0 * m.phase_seconds[i] / m.seconds);
}

constexpr const char* kHelpTail =
    "\nWithout SCENARIO, runs scenarios/bench/*.toml from the current directory.\n"
    "Reports practitioner-weeks per second (median over repeats) per thread count, and\n"
    "peak memory per active practitioner: bytes held by the practitioner and tie tables,\n"
    "and growth of the process's resident set over its size before the first run.\n";

struct BenchOptions {
  std::vector<std::string> scenarios;
  std::vector<int> thread_counts;
  int repeats = 3;
  std::vector<std::string> overrides;
  bool phases = false;
};

// Parses and checks the command line into `o`; the exit status when the command is done.
std::optional<int> read_options(const std::vector<std::string>& args, BenchOptions& o) {
  po::options_description options("mentorsim bench [SCENARIO...] [options]");
  options.add_options()("help,h", "show this help")("threads,t",
                                                    po::value(&o.thread_counts)->multitoken(),
                                                    "thread counts to measure (default: 1 2)")(
      "repeats,n", po::value(&o.repeats),
      "runs per thread count; the median is reported (default 3)")(
      "set", po::value(&o.overrides)->composing(),
      "override a scenario key (e.g. scenario.weeks=52)")(
      "phases", po::bool_switch(&o.phases),
      "also print the median run's wall seconds in each weekly phase");
  po::variables_map vm;
  if (const auto done = parse_command_line(
          "bench", args, options, {"scenario", po::value(&o.scenarios), -1}, {"", kHelpTail}, vm))
    return done;
  if (o.repeats < 1) {
    fmt::print(stderr, "mentorsim bench: --repeats must be at least 1\n");
    return kExitBadInput;
  }
  if (o.thread_counts.empty()) o.thread_counts = {1, 2};
  for (int threads : o.thread_counts)
    if (threads < 1) {
      fmt::print(stderr, "mentorsim bench: every --threads value must be at least 1, not {}\n",
                 threads);
      return kExitBadInput;
    }
  return std::nullopt;
}

// Without SCENARIO: the declared benchmarks, scenarios/bench/*.toml but sweeps, in name order. The
// exit status when there are none here.
std::optional<int> find_declared_scenarios(std::vector<std::string>& scenarios) {
  const std::filesystem::path dir = "scenarios/bench";
  if (!std::filesystem::is_directory(dir)) {
    fmt::print(stderr,
               "mentorsim bench: no scenarios given and no {} here; run from the repository "
               "root or name the scenario files\n",
               dir.string());
    return kExitBadInput;
  }
  // A sweep file there (sweep_100k_tiny.toml, for a sweep's memory) is not a bench scenario.
  for (const auto& entry : std::filesystem::directory_iterator(dir))
    if (entry.path().extension() == ".toml" && !sweep::is_sweep_file(entry.path()))
      scenarios.push_back(entry.path().string());
  std::sort(scenarios.begin(), scenarios.end());
  return std::nullopt;
}

// One row per thread count: the median of `repeats` runs of `scenario`.
void print_measurements(const Scenario& scenario, const std::string& path, const BenchOptions& o,
                        std::size_t rss_before) {
  for (int threads : o.thread_counts) {
    const auto limit = limit_threads(threads);
    std::vector<Measurement> runs;
    for (int i = 0; i < o.repeats; ++i) runs.push_back(measure(scenario, o.phases));
    std::sort(runs.begin(), runs.end(), [](auto& a, auto& b) { return a.seconds < b.seconds; });
    const Measurement& median = runs[runs.size() / 2];
    const double rate = median.practitioner_weeks / median.seconds;
    const std::size_t rss_growth =
        proc_status_bytes("VmHWM") - std::min(rss_before, proc_status_bytes("VmHWM"));
    fmt::print(
        "{:<34} {:>7} {:>12.3f} {:>16.3e} {:>16.3e} {:>11.0f} {:>11.0f}\n",
        std::filesystem::path(path).stem().string(), threads, median.seconds, rate, rate / threads,
        static_cast<double>(median.peak_table_bytes) / static_cast<double>(median.peak_active),
        static_cast<double>(rss_growth) / static_cast<double>(median.peak_active));
    if (o.phases) print_phases(median);
  }
}

}  // namespace

int cmd_bench(const std::vector<std::string>& args) {
  BenchOptions o;
  if (const auto done = read_options(args, o)) return *done;
  if (o.scenarios.empty())
    if (const auto status = find_declared_scenarios(o.scenarios)) return *status;
  // Every scenario is loaded (and any problem reported) before the first measurement.
  std::vector<Scenario> loaded;
  for (const auto& path : o.scenarios) {
    try {
      loaded.push_back(params::load_scenario_file(path, o.overrides));
    } catch (const InputError& e) {
      return report_input_error(e, path);
    }
  }
  const std::size_t rss_before = proc_status_bytes("VmRSS");
  fmt::print("{:<34} {:>7} {:>12} {:>16} {:>16} {:>11} {:>11}\n", "scenario", "threads", "median s",
             "prac-weeks/s", "per core", "B/prac tbl", "B/prac RSS");
  for (std::size_t s = 0; s < loaded.size(); ++s)
    print_measurements(loaded[s], o.scenarios[s], o, rss_before);
  return kExitOk;
}

}  // namespace mentorsim::cli
