#pragma once
// Sub-commands of the `mentorsim` executable. Each parses its own options (Boost.Program_options)
// from the arguments after the sub-command name, and returns the process exit status:
// 0 success, 2 bad input (scenario or command line), 1 failure while running.
#include <string>
#include <vector>

namespace mentorsim::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

int cmd_run(const std::vector<std::string>& args, const std::string& command_line);
int cmd_compare(const std::vector<std::string>& args, const std::string& command_line);
int cmd_check(const std::vector<std::string>& args);
int cmd_schema(const std::vector<std::string>& args);
int cmd_metrics(const std::vector<std::string>& args);
int cmd_bench(const std::vector<std::string>& args);
int cmd_sweep(const std::vector<std::string>& args, const std::string& command_line);
int cmd_merge(const std::vector<std::string>& args, const std::string& command_line);
int cmd_summarize(const std::vector<std::string>& args);
int cmd_sensitivity(const std::vector<std::string>& args);
int cmd_report(const std::vector<std::string>& args);

}  // namespace mentorsim::cli
