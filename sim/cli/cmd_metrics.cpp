// `mentorsim metrics [--format md|json]`: every output (weekly series and run summary), generated
// from the metric declarations.
#include <boost/program_options.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "metrics/reference.hpp"

namespace mentorsim::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage =
    "Usage: mentorsim metrics [--format md|json]\n"
    "\n"
    "Prints every output a run writes, weekly series and run summaries, with units, which way is\n"
    "better, how replicates aggregate, theme and headline flag:\n"
    "  md    the Markdown reference (docs/outputs.md)\n"
    "  json  the same as JSON\n"
    "\n";
}  // namespace

int cmd_metrics(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help")(
      "format,f", po::value<std::string>()->default_value("md"), "md or json");
  po::variables_map vm;
  if (!parse_arguments("metrics", args, options, {}, {}, vm)) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << kUsage << options;
    return kExitOk;
  }
  const std::string format = vm["format"].as<std::string>();
  if (format == "md")
    std::cout << metrics::reference_markdown();
  else if (format == "json")
    std::cout << metrics::reference_json();
  else {
    std::cerr << "mentorsim metrics: unknown format '" << format << "' (expected md or json)\n";
    return kExitBadInput;
  }
  return stdout_ok() ? kExitOk : kExitFailure;
}

}  // namespace mentorsim::cli
