#pragma once
// Running the mentorsim binary (MENTORSIM_BINARY, set by tests/CMakeLists.txt) as a user does, and
// capturing what it prints and its exit status.
#include <sys/wait.h>

#include <fmt/format.h>
#include <cstdlib>
#include <string>

#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace mentorsim::testing {

struct CliResult {
  int status;  // the exit status; -1 if the process did not exit normally
  std::string out, err;
};

// Runs `mentorsim <args>` (`args` already shell-quoted where needed) through the shell. The
// streams go to files in a directory of their own, so a test can check that nothing else was
// written where it pointed the command.
inline CliResult run_cli(const std::string& args) {
  const TempDir streams("cli");
  const auto out = streams.path / "stdout", err = streams.path / "stderr";
  // fmt rather than "'" + std::string(...): GCC 12 warns falsely (-Wrestrict) on the latter.
  const std::string command =
      fmt::format("'{}' {} >'{}' 2>'{}'", MENTORSIM_BINARY, args, out.string(), err.string());
  const int raw = std::system(command.c_str());
  return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, file_text(out), file_text(err)};
}

// `text` in single quotes, for a path in `args`.
inline std::string quoted(const std::string& text) {
  return fmt::format("'{}'", text);
}

}  // namespace mentorsim::testing
