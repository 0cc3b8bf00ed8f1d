// `mentorsim metrics [--format md|json]`: every output (weekly series and run summary), generated
// from the metric declarations.
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "metrics/reference.hpp"

namespace mentorsim::cli {

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
  return print_generated("metrics", args, kUsage,
                         {{"md", metrics::reference_markdown}, {"json", metrics::reference_json}});
}

}  // namespace mentorsim::cli
