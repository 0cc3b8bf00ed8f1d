// `mentorsim sensitivity DIR`: Morris elementary effects or Sobol' indices of a finished
// sensitivity sweep (sampling = "morris" or "sobol"), per metric, with bootstrap intervals and the
// share replicate noise could explain (docs/sensitivity.md).
#include <fmt/format.h>

#include <boost/program_options.hpp>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "sweep/sensitivity_study.hpp"

namespace po = boost::program_options;

namespace mentorsim::cli {

namespace {

constexpr const char* kHelpTail =
    "\nDIR is the --out directory of a sweep with sampling = \"morris\" or \"sobol\" (or its "
    "index.h5), every run done. Each point's output is the mean of its replicates. Morris: mu*, "
    "mu and sigma per axis, most important first; Sobol': total and first-order indices. "
    "Intervals are 95% percentile bootstraps; the noise line says how much replicate noise alone "
    "could explain. The indices are also written into the index as /sensitivity (--no-write: "
    "only print). CSV: metric, axis, statistic, estimate, ci_low, ci_high.\n";

}  // namespace

int cmd_sensitivity(const std::vector<std::string>& args) {
  std::string dir, format = "text", metrics;
  std::size_t resamples = 1000;
  bool no_write = false;
  po::options_description options("mentorsim sensitivity DIR [options]");
  options.add_options()("help,h", "show this help")("format,f", po::value(&format),
                                                    "text, csv or json")(
      "metrics,m", po::value(&metrics),
      (std::string(kMetricsHelp) + "; default: headline for text, all for csv and json").c_str())(
      "resamples", po::value(&resamples), "bootstrap resamples (default 1000)")(
      "no-write", po::bool_switch(&no_write),
      "only print: do not write the indices into the sweep's index");
  po::variables_map vm;
  if (const auto done = parse_command_line("sensitivity", args, options,
                                           {"dir", po::value(&dir), 1}, {"", kHelpTail}, vm))
    return *done;
  if (dir.empty()) {
    fmt::print(stderr, "mentorsim sensitivity: missing DIR (a Morris or Sobol' sweep's --out)\n");
    return kExitBadInput;
  }
  if (resamples < 10) {
    fmt::print(stderr, "mentorsim sensitivity: --resamples must be at least 10, not {}\n",
               resamples);
    return kExitBadInput;
  }
  if (!format_ok("sensitivity", format, {"text", "csv", "json"})) return kExitBadInput;
  const auto selection =
      metric_selection_option("sensitivity", vm, metrics, default_metric_selection(format));
  if (!selection) return kExitBadInput;
  return report_errors("sensitivity", dir, [&] {
    std::string text;
    sweep::SensitivityStudy study;
    try {
      study = sweep::compute_sensitivity(dir, *selection, resamples);
    } catch (const InputError& e) {
      return report_input_error(e, dir);  // the index, or a --metrics name it lacks
    }
    try {
      text = sweep::format_sensitivity(study, format);
    } catch (const InputError& e) {
      return report_input_error(e, "--format");
    }
    if (!no_write) {
      sweep::write_sensitivity(study);
      fmt::print(stderr, "indices of {} metrics written to {} (/sensitivity)\n",
                 study.metrics.size(), study.index.string());
    }
    fmt::print("{}", text);
    return stdout_ok() ? kExitOk : kExitFailure;
  });
}

}  // namespace mentorsim::cli
