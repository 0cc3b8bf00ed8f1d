#pragma once
// Provenance of one invocation of the CLI, written into every output file's root attributes
// (docs/output-format.md).
#include <string>

namespace mentorsim {

// Provenance of one invocation of the CLI.
struct InvocationInfo {
  std::string version;  // project version, e.g. "0.1.0"
  std::string git_commit;
  std::string created_utc;  // ISO 8601
  std::string command_line;
  int threads = 1;
};

}  // namespace mentorsim
