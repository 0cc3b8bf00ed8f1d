#pragma once
// The `# expect: <text>` lines of a broken input file (scenarios/invalid/ and its sweeps/): one
// per diagnostic the loader must report, where <text> follows the file's path in the formatted
// diagnostic (":line:col: message", or a prefix of it).
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace mentorsim::testing {

inline std::vector<std::string> expectations(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::string> out;
  const std::string marker = "# expect: ";
  for (std::string line; std::getline(in, line);)
    if (line.rfind(marker, 0) == 0) out.push_back(line.substr(marker.size()));
  return out;
}

}  // namespace mentorsim::testing
