#include "cli/common.hpp"

#include <fmt/format.h>

#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "cli/commands.hpp"
#include "output/hdf5_writer.hpp"

namespace mentorsim::cli {

bool parse_arguments(std::string_view command, const std::vector<std::string>& args,
                     const boost::program_options::options_description& visible,
                     const boost::program_options::options_description& hidden,
                     const boost::program_options::positional_options_description& positional,
                     boost::program_options::variables_map& vm) {
  namespace po = boost::program_options;
  po::options_description all;
  all.add(visible).add(hidden);
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    po::notify(vm);
    return true;
  } catch (const po::error& e) {
    fmt::print(stderr, "mentorsim {}: {}\nRun 'mentorsim {} --help' for usage.\n", command,
               e.what(), command);
    return false;
  }
}

int report_input_error(const InputError& error, const std::string& what) {
  for (const auto& d : error.diagnostics()) fmt::print(stderr, "{}\n", d.to_string());
  const auto n = error.diagnostics().size();
  fmt::print(stderr, "mentorsim: {} problem{} in {}\n", n, n == 1 ? "" : "s", what);
  return kExitBadInput;
}

std::unique_ptr<tbb::global_control> limit_threads(int threads) {
  if (threads <= 0) return nullptr;
  return std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                               static_cast<std::size_t>(threads));
}

int active_threads() {
  const auto limit =
      tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism);
  return static_cast<int>(std::min<std::size_t>(
      limit, static_cast<std::size_t>(tbb::this_task_arena::max_concurrency())));
}

bool stdout_ok() {
  if (std::fflush(stdout) == 0 && !std::ferror(stdout)) return true;
  fmt::print(stderr, "mentorsim: could not write to standard output\n");
  return false;
}

std::string utc_now_iso8601() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buffer;
}

std::optional<int> check_run_options(std::string_view command,
                                     const boost::program_options::variables_map& vm, int threads,
                                     const std::string& out, bool force, std::int64_t seed,
                                     std::int64_t replicates, std::vector<std::string>& overrides) {
  if (threads < 0) {
    fmt::print(stderr, "mentorsim {}: --threads must be 0 (every core) or more, not {}\n", command,
               threads);
    return kExitBadInput;
  }
  if (vm.count("out") && out.empty()) {
    fmt::print(stderr, "mentorsim {}: --out needs a file name\n", command);
    return kExitBadInput;
  }
  if (vm.count("seed")) overrides.push_back(fmt::format("scenario.seed={}", seed));
  if (vm.count("replicates"))
    overrides.push_back(fmt::format("scenario.replicates={}", replicates));
  try {
    if (!out.empty()) check_output_path(out, force);
  } catch (const InputError& e) {
    return report_input_error(e, "--out");
  }
  return std::nullopt;
}

std::optional<MetricSelection> metric_selection_option(
    std::string_view command, const boost::program_options::variables_map& vm,
    const std::string& metrics, const MetricSelection& fallback) {
  if (!vm.count("metrics")) return fallback;
  try {
    return parse_metric_selection(metrics);
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics())
      fmt::print(stderr, "mentorsim {}: {}\n", command, d.to_string());
    return std::nullopt;
  }
}

}  // namespace mentorsim::cli
