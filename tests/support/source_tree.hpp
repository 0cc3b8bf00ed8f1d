#pragma once
// Paths into the source tree (MENTORSIM_SOURCE_DIR, set by tests/CMakeLists.txt): the bundled
// scenarios, the broken inputs and the generated docs the tests read.
#include <string>

namespace mentorsim::testing {

// `relative` (e.g. "docs/outputs.md") in the source tree.
inline std::string source_path(const std::string& relative) {
  return std::string(MENTORSIM_SOURCE_DIR) + "/" + relative;
}

// The bundled scenario scenarios/models/<name>.toml.
inline std::string model_path(const std::string& name) {
  return source_path("scenarios/models/" + name + ".toml");
}

// The bundled organisation's scenario scenarios/compare/<name>.toml (e.g. "00_one_on_one").
inline std::string compare_path(const std::string& name) {
  return source_path("scenarios/compare/" + name + ".toml");
}

}  // namespace mentorsim::testing
