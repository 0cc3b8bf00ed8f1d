// `mentorsim summarize DIR`: a sweep's per-point summaries (mean and 95% CI over replicates of
// every metric) from its index, as text, CSV or JSON.
#include <fmt/format.h>

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "sweep/point_summaries.hpp"

namespace po = boost::program_options;

namespace mentorsim::cli {

namespace {

constexpr const char* kHelpTail =
    "\nDIR is a sweep's --out directory (or its index.h5). CSV has one row per point and "
    "metric:\npoint, each axis, runs, metric, mean, ci_low, ci_high.\n";

}  // namespace

int cmd_summarize(const std::vector<std::string>& args) {
  std::string dir, format = "text", metrics;
  po::options_description options("mentorsim summarize DIR [options]");
  options.add_options()("help,h", "show this help")("format,f", po::value(&format),
                                                    "text, csv or json")(
      "metrics,m", po::value(&metrics),
      (std::string(kMetricsHelp) + "; default: headline for text, all for csv and json").c_str());
  po::variables_map vm;
  if (const auto done = parse_command_line("summarize", args, options, {"dir", po::value(&dir), 1},
                                           {"", kHelpTail}, vm))
    return *done;
  if (dir.empty()) {
    fmt::print(stderr, "mentorsim summarize: missing DIR (a sweep's --out directory)\n");
    return kExitBadInput;
  }
  if (!format_ok("summarize", format, {"text", "csv", "json"})) return kExitBadInput;
  const auto selection =
      metric_selection_option("summarize", vm, metrics, default_metric_selection(format));
  if (!selection) return kExitBadInput;
  return report_errors("summarize", dir, [&] {
    const auto summaries = sweep::read_point_summaries(dir);
    std::string text;
    try {
      text = sweep::format_point_summaries(summaries, format, *selection);
    } catch (const InputError& e) {
      return report_input_error(e, "--metrics");
    }
    fmt::print("{}", text);
    return stdout_ok() ? kExitOk : kExitFailure;
  });
}

}  // namespace mentorsim::cli
