#include "cli/common.hpp"

#include <fmt/format.h>

#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iostream>

#include "cli/commands.hpp"
#include "output/hdf5_writer.hpp"

namespace mentorsim::cli {

namespace {

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

}  // namespace

std::optional<int> parse_command_line(std::string_view command,
                                      const std::vector<std::string>& args,
                                      const boost::program_options::options_description& options,
                                      const Positional& positional, const Help& help,
                                      boost::program_options::variables_map& vm) {
  boost::program_options::options_description hidden;
  boost::program_options::positional_options_description bound;
  if (positional.name) {
    hidden.add_options()(positional.name, positional.value);
    bound.add(positional.name, positional.max);
  }
  if (!parse_arguments(command, args, options, hidden, bound, vm)) return kExitBadInput;
  if (vm.count("help")) {
    std::cout << help.before << options << help.after;
    return kExitOk;
  }
  return std::nullopt;
}

std::string one_of(const std::vector<std::string_view>& choices) {
  std::string text;
  for (auto it = choices.begin(); it != choices.end(); ++it)
    text += fmt::format("{}{}",
                        it == choices.begin()     ? ""
                        : it + 1 == choices.end() ? " or "
                                                  : ", ",
                        *it);
  return text;
}

bool format_ok(std::string_view command, const std::string& format,
               std::initializer_list<std::string_view> allowed) {
  if (std::find(allowed.begin(), allowed.end(), format) != allowed.end()) return true;
  fmt::print(stderr, "mentorsim {}: --format must be {}, not '{}'\n", command, one_of(allowed),
             format);
  return false;
}

int print_generated(std::string_view command, const std::vector<std::string>& args,
                    std::string_view usage, std::initializer_list<Generated> documents) {
  namespace po = boost::program_options;
  std::vector<std::string_view> formats;
  for (const auto& d : documents) formats.push_back(d.format);
  const std::string choices = one_of(formats);
  po::options_description options("Options");
  options.add_options()("help,h", "print this help")(
      "format,f", po::value<std::string>()->default_value(std::string(formats.front())),
      choices.c_str());
  // No positional arguments: a stray word is an error rather than silently ignored.
  po::variables_map vm;
  if (const auto done = parse_command_line(command, args, options, {}, {usage, ""}, vm))
    return *done;
  const std::string format = vm["format"].as<std::string>();
  for (const auto& d : documents)
    if (d.format == format) {
      std::cout << d.make();
      return stdout_ok() ? kExitOk : kExitFailure;
    }
  std::cerr << "mentorsim " << command << ": unknown format '" << format << "' (expected "
            << choices << ")\n";
  return kExitBadInput;
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

InvocationInfo invocation_info(const std::string& started_utc, const std::string& command_line) {
  return InvocationInfo{MENTORSIM_VERSION, git_commit(), started_utc, command_line,
                        active_threads()};
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
