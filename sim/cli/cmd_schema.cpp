// `mentorsim schema [--format md|toml|json]`: every parameter, generated from the declarations.
#include <boost/program_options.hpp>

#include <iostream>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "input/schema_output.hpp"

namespace mentorsim::cli {

namespace po = boost::program_options;

namespace {
constexpr const char* kUsage =
    "Usage: mentorsim schema [--format md|toml|json]\n"
    "\n"
    "Prints every scenario parameter (type, default, allowed values, units, doc):\n"
    "  md    the Markdown reference (docs/parameters.md)\n"
    "  toml  a scenario with every key at its default, annotated, one programme per kind\n"
    "  json  the same as JSON (layout described in the Markdown reference)\n"
    "\n";
}  // namespace

int cmd_schema(const std::vector<std::string>& args) {
  po::options_description options("Options");
  options.add_options()("help,h", "print this help")(
      "format,f", po::value<std::string>()->default_value("md"), "md, toml or json");
  // No positional arguments: a stray word is an error rather than silently ignored.
  po::variables_map vm;
  if (!parse_arguments("schema", args, options, {}, {}, vm)) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << kUsage << options;
    return kExitOk;
  }
  const std::string format = vm["format"].as<std::string>();
  if (format == "md")
    std::cout << params::schema_markdown();
  else if (format == "toml")
    std::cout << params::schema_toml();
  else if (format == "json")
    std::cout << params::schema_json();
  else {
    std::cerr << "mentorsim schema: unknown format '" << format
              << "' (expected md, toml or json)\n";
    return kExitBadInput;
  }
  return stdout_ok() ? kExitOk : kExitFailure;
}

}  // namespace mentorsim::cli
