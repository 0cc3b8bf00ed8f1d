// `mentorsim check SCENARIO [--set key=value]...`: load and validate a scenario, print it resolved.
#include <fmt/format.h>

#include <boost/program_options.hpp>

#include <algorithm>
#include <cmath>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/error.hpp"
#include "input/scenario_loader.hpp"
#include "scenario/run_estimate.hpp"
#include "sweep/sweep_plan.hpp"

namespace mentorsim::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage =
    "Usage: mentorsim check SCENARIO [--set key=value]...\n"
    "       mentorsim check SWEEP.toml\n"
    "\n"
    "Loads SCENARIO with the overrides applied and checks every value. Prints the resolved\n"
    "scenario (every key with its value, defaults filled in) to stdout and exits 0; or prints\n"
    "every problem to stderr as file:line:col: message and exits 2.\n"
    "\n"
    "--set keys: <table>.<key> (departure.annual_rate=0.2), programme.<name or 0-based\n"
    "index>.<key> (programme.one_on_one.matching=best_score), or programme.kind:<kind>.<key>\n"
    "for every programme of that kind. See docs/scenarios.md.\n"
    "\n"
    "A sweep file (one with a [sweep] table, docs/sweeps.md) is checked whole: the file, then\n"
    "every point's scenario. Prints the number of points and runs and each point's values.\n"
    "\n";

constexpr std::size_t kPointsWorthANote = 50'000;  // about 5 s to check

// The points of a checked sweep, one line each (the first and last few of a long sweep).
void print_sweep(const sweep::SweepPlan& plan) {
  const auto& points = plan.points();
  std::cout << fmt::format("sweep {}: {} points x {} replicates = {} runs (seed {}, {} sampling)\n",
                           plan.spec().config.name, points.size(), plan.replicates(),
                           plan.run_count(), plan.seed(),
                           sweep::sampling_name(plan.spec().config.sampling));
  double work = 0, memory = 0;
  for (const auto& p : points) {
    work += p.estimate.practitioner_weeks * static_cast<double>(plan.replicates());
    memory = std::max(memory, p.estimate.memory_bytes);
  }
  std::cout << fmt::format(
      "estimated: {} practitioner-weeks in all; at most about {:.0f} MB per run\n",
      amount_text(work), std::ceil(memory / 1e6));
  constexpr std::size_t kShown = 10;
  for (std::size_t p = 0; p < points.size(); ++p) {
    if (points.size() > 2 * kShown && p == kShown) {
      std::cout << fmt::format("  ... {} more points ...\n", points.size() - 2 * kShown);
      p = points.size() - kShown;
    }
    std::string values;
    for (std::size_t a = 0; a < points[p].values.size(); ++a)
      values += fmt::format("{}{} = {}", a ? ", " : "", plan.spec().axes[a].key,
                            points[p].values[a].toml);
    std::cout << fmt::format("  point {}: {}\n", p, values);
  }
}
}  // namespace

int cmd_check(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a scenario value, key=value (repeatable)");
  po::variables_map vm;
  if (const auto done = parse_command_line(
          "check", args, options, {"scenario", po::value<std::string>(), 1}, {kUsage, ""}, vm))
    return *done;
  if (!vm.count("scenario")) {
    std::cerr << "mentorsim check: missing SCENARIO\nRun 'mentorsim check --help' for usage.\n";
    return kExitBadInput;
  }
  const std::string path = vm["scenario"].as<std::string>();
  const std::vector<std::string> overrides =
      vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  try {
    if (sweep::is_sweep_file(path)) {
      if (!overrides.empty()) {
        std::cerr << "mentorsim check: --set is for scenarios; a sweep's axes set its keys\n";
        return kExitBadInput;
      }
      sweep::SweepSpec spec = sweep::load_sweep_file(path);
      // Every point's scenario is loaded and checked, about 0.1 ms a point: say so when it shows.
      if (const std::size_t points = sweep::count_points(spec); points >= kPointsWorthANote)
        std::cerr << fmt::format("mentorsim check: loading {} points' scenarios (about {:.0f} s)\n",
                                 points, std::ceil(static_cast<double>(points) * 1e-4));
      print_sweep(sweep::SweepPlan(std::move(spec)));
      return stdout_ok() ? kExitOk : kExitFailure;
    }
    const Scenario scenario = params::load_scenario_file(path, overrides);
    std::cout << scenario.resolved_toml;
    // A comment, so the output stays a scenario file.
    std::cout << fmt::format("\n# estimated: {}\n", describe_estimate(estimate_run(scenario)));
    return stdout_ok() ? kExitOk : kExitFailure;
  } catch (const InputError& e) {
    return report_input_error(e, path);  // file:line:col: message, then the count
  }
}

}  // namespace mentorsim::cli
