#pragma once
// Pieces shared by the sub-commands.
#include <fmt/format.h>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>

#include <tbb/global_control.h>
#include <boost/program_options.hpp>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "core/error.hpp"
#include "output/invocation.hpp"
#include "output/metric_selection.hpp"

namespace mentorsim::cli {

// The positional arguments of a sub-command: stored through `value` under `name`, up to `max` of
// them (-1: any number). Without a name a stray word is a command-line error.
struct Positional {
  const char* name = nullptr;
  const boost::program_options::value_semantic* value = nullptr;  // owned once parsed
  int max = 0;
};

// What --help prints before and after the list of options.
struct Help {
  std::string_view before;
  std::string_view after;
};

// Parses a sub-command's arguments: `options` (shown by --help) and the positional ones. Returns
// the exit status when the command is done: kExitOk after printing its help for --help, or
// kExitBadInput after a command-line error, printed as "mentorsim COMMAND: what" with a pointer to
// --help on stderr. Returns nullopt when the command should go on.
std::optional<int> parse_command_line(std::string_view command,
                                      const std::vector<std::string>& args,
                                      const boost::program_options::options_description& options,
                                      const Positional& positional, const Help& help,
                                      boost::program_options::variables_map& vm);

// Whether `format` is one of `allowed`; if not, says so on stderr ("mentorsim COMMAND: --format
// must be a, b or c, not 'x'"), and the caller exits with kExitBadInput.
bool format_ok(std::string_view command, const std::string& format,
               std::initializer_list<std::string_view> allowed);

// "a, b or c": the choices of an option, for its help and its error messages.
std::string one_of(const std::vector<std::string_view>& choices);

// A document generated from the declarations, in one --format.
struct Generated {
  std::string_view format;
  std::string (*make)();
};

// `mentorsim schema` and `mentorsim metrics`: prints the document --format names (default: the
// first), or says on stderr which formats there are. `usage` heads --help. Returns the exit status.
int print_generated(std::string_view command, const std::vector<std::string>& args,
                    std::string_view usage, std::initializer_list<Generated> documents);

// Runs `body` (returning the exit status) and turns what it throws into the exit status: an
// InputError is reported against `what` (kExitBadInput), a RunError as "mentorsim COMMAND: message"
// (kExitFailure).
template <typename Body>
int report_errors(std::string_view command, const std::string& what, Body&& body);

// Prints every diagnostic, one per line, and a count; returns kExitBadInput.
int report_input_error(const InputError& error, const std::string& what);

// Limits oneTBB to `threads` workers (0: every core). Keep the object alive while running.
std::unique_ptr<tbb::global_control> limit_threads(int threads);
// Worker threads runs actually use: the --threads limit, or every core, whichever is fewer.
int active_threads();

// Flushes stdout; on a write error (e.g. a full disk) says so on stderr and returns false.
bool stdout_ok();

// The git commit this binary was built from (generated at build time, see sim/CMakeLists.txt).
const char* git_commit();

std::string utc_now_iso8601();

// What a written file records about the invocation that wrote it (started at `started_utc`).
InvocationInfo invocation_info(const std::string& started_utc, const std::string& command_line);

// The options `run` and `compare` share: checks --threads and --out (a file name that may be
// written, see check_output_path), and turns --seed and --replicates into scenario overrides, so
// they are range-checked like any other key and the resolved scenario says what actually ran.
// Returns the exit status on bad input, after saying why on stderr.
std::optional<int> check_run_options(std::string_view command,
                                     const boost::program_options::variables_map& vm, int threads,
                                     const std::string& out, bool force, std::int64_t seed,
                                     std::int64_t replicates, std::vector<std::string>& overrides);

// What --metrics accepts, for the option's help line.
inline constexpr const char* kMetricsHelp =
    "metrics to print: headline, all, or a comma-separated list of names and glob patterns "
    "(e.g. 'mean_participation,shock*/*')";

// The --metrics selection: the value given (`metrics`, if vm has "metrics"), else `fallback`. On a
// malformed value says why on stderr and returns nullopt (the caller exits with kExitBadInput).
// Whether each name exists is known only once the runs report their metrics (select_metrics).
std::optional<MetricSelection> metric_selection_option(
    std::string_view command, const boost::program_options::variables_map& vm,
    const std::string& metrics, const MetricSelection& fallback);

// ---- template definitions -----------------------------------------------------------------------

template <typename Body>
int report_errors(std::string_view command, const std::string& what, Body&& body) {
  try {
    return body();
  } catch (const InputError& e) {
    return report_input_error(e, what);
  } catch (const RunError& e) {
    fmt::print(stderr, "mentorsim {}: {}\n", command, e.what());
    return kExitFailure;
  }
}

}  // namespace mentorsim::cli
