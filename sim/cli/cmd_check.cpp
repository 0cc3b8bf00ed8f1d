// `mentorsim check SCENARIO [--set key=value]...`: load and validate a scenario, print it resolved.
#include <boost/program_options.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "core/error.hpp"
#include "params/scenario_loader.hpp"

namespace mentorsim::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage =
    "Usage: mentorsim check SCENARIO [--set key=value]...\n"
    "\n"
    "Loads SCENARIO with the overrides applied and checks every value. Prints the resolved\n"
    "scenario (every key with its value, defaults filled in) to stdout and exits 0; or prints\n"
    "every problem to stderr as file:line:col: message and exits 2.\n"
    "\n"
    "--set keys: <table>.<key> (departure.annual_rate=0.2) or programme.<name or 0-based\n"
    "index>.<key> (programme.one_on_one.matching=best_score). See docs/scenarios.md.\n"
    "\n";
}  // namespace

int cmd_check(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help")(
      "set", po::value<std::vector<std::string>>()->composing(),
      "override a scenario value, key=value (repeatable)");
  po::options_description hidden;
  hidden.add_options()("scenario", po::value<std::string>(), "scenario file");
  po::positional_options_description positional;
  positional.add("scenario", 1);
  po::variables_map vm;
  if (!parse_arguments("check", args, options, hidden, positional, vm)) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << kUsage << options;
    return kExitOk;
  }
  if (!vm.count("scenario")) {
    std::cerr << "mentorsim check: missing SCENARIO\nRun 'mentorsim check --help' for usage.\n";
    return kExitBadInput;
  }
  const std::string path = vm["scenario"].as<std::string>();
  const std::vector<std::string> overrides =
      vm.count("set") ? vm["set"].as<std::vector<std::string>>() : std::vector<std::string>{};
  try {
    const Scenario scenario = params::load_scenario_file(path, overrides);
    std::cout << scenario.resolved_toml;
    return stdout_ok() ? kExitOk : kExitFailure;
  } catch (const InputError& e) {
    return report_input_error(e, path);  // file:line:col: message, then the count
  }
}

}  // namespace mentorsim::cli
