#pragma once
// Pieces shared by the sub-commands.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <tbb/global_control.h>
#include <boost/program_options.hpp>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "output/metric_selection.hpp"

namespace mentorsim::cli {

// Parses a sub-command's arguments: `visible` options (shown by --help), `hidden` ones bound to the
// positional arguments. On a command-line error prints "mentorsim COMMAND: what" and a pointer to
// --help on stderr and returns false (the caller exits with kExitBadInput).
bool parse_arguments(std::string_view command, const std::vector<std::string>& args,
                     const boost::program_options::options_description& visible,
                     const boost::program_options::options_description& hidden,
                     const boost::program_options::positional_options_description& positional,
                     boost::program_options::variables_map& vm);

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
    "(e.g. 'mean_coverage,shock*/*')";

// The --metrics selection: the value given (`metrics`, if vm has "metrics"), else `fallback`. On a
// malformed value says why on stderr and returns nullopt (the caller exits with kExitBadInput).
// Whether each name exists is known only once the runs report their metrics (select_metrics).
std::optional<MetricSelection> metric_selection_option(
    std::string_view command, const boost::program_options::variables_map& vm,
    const std::string& metrics, const MetricSelection& fallback);

}  // namespace mentorsim::cli
