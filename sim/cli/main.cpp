// `mentorsim`: the command-line entry point. Dispatches to a sub-command; each parses its own
// options.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "output/hdf5_util.hpp"

namespace {

constexpr const char* kUsage = R"(mentorsim — agent-based simulator of mentoring ecosystems

usage: mentorsim <command> [options]

commands:
  run SCENARIO      run a scenario, write HDF5 (--out) and print a summary
  compare BASELINE OTHER...
                    run scenarios on common random numbers and print each metric with its
                    paired difference against the baseline (95% CIs)
  sweep SWEEP --out DIR
                    run every point of a parameter sweep (resumable; under mpirun the ranks
                    share the runs; --shard I/N for job arrays)
  merge DIR         build a sweep's index from its parts (after the shards of a job array)
  summarize DIR     a sweep's per-point means and 95% CIs (--format text|csv|json)
  sensitivity DIR   Morris effects or Sobol' indices of a morris or sobol sweep (docs/sensitivity.md)
  report RESULTS --out DIR
                    a self-contained HTML report (figures, tables, provenance) of a run,
                    compare or sweep output
  check FILE        validate a scenario (print it resolved) or a sweep (count its points)
  schema            list every scenario parameter (--format md|toml|json|json-schema|keys)
  metrics           list every output: series and summaries (--format md|json)
  bench             run the declared benchmark scenarios and report throughput and memory

  mentorsim <command> --help    options of one command
  mentorsim --version           version and git commit

exit status: 0 success, 2 bad input (scenario or command line), 1 failure while running
)";

// The command line as a shell would re-read it: arguments with anything but safe characters are
// single-quoted, so the line recorded in output files can be pasted back to re-run.
std::string joined_command_line(int argc, char** argv) {
  const auto safe = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("-_./=:,+@%", c) != nullptr;
  };
  std::string out;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i) out += ' ';
    if (!arg.empty() && std::all_of(arg.begin(), arg.end(), safe)) {
      out += arg;
      continue;
    }
    out += '\'';
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    out += '\'';
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mentorsim::cli;
  mentorsim::h5::skip_library_cleanup_at_exit();
  if (argc < 2) {
    fmt::print(stderr, "{}", kUsage);
    return kExitBadInput;
  }
  const std::string command = argv[1];
  const std::vector<std::string> args(argv + 2, argv + argc);
  try {
    if (command == "--help" || command == "-h" || command == "help") {
      fmt::print("{}", kUsage);
      return kExitOk;
    }
    if (command == "--version" || command == "version") {
      fmt::print("mentorsim {} (git {})\n", MENTORSIM_VERSION, git_commit());
      return kExitOk;
    }
    if (command == "run") return cmd_run(args, joined_command_line(argc, argv));
    if (command == "compare") return cmd_compare(args, joined_command_line(argc, argv));
    if (command == "sweep") return cmd_sweep(args, joined_command_line(argc, argv));
    if (command == "merge") return cmd_merge(args, joined_command_line(argc, argv));
    if (command == "summarize") return cmd_summarize(args);
    if (command == "sensitivity") return cmd_sensitivity(args);
    if (command == "report") return cmd_report(args);
    if (command == "check") return cmd_check(args);
    if (command == "schema") return cmd_schema(args);
    if (command == "metrics") return cmd_metrics(args);
    if (command == "bench") return cmd_bench(args);
    fmt::print(stderr, "mentorsim: unknown command '{}'\n\n{}", command, kUsage);
    return kExitBadInput;
  } catch (const std::exception& e) {
    fmt::print(stderr, "mentorsim: {}\n", e.what());
    return kExitFailure;
  }
}
