// Every file in scenarios/invalid is a broken scenario that documents one kind of error. Each
// begins with one `# expect: <text>` line per diagnostic the loader must report, where <text>
// follows the file's path in the formatted diagnostic (":line:col: message", or a prefix of it).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "input/scenario_loader.hpp"
#include "support/expectations.hpp"

namespace fs = std::filesystem;

namespace {

using mentorsim::testing::expectations;

std::vector<fs::path> invalid_files() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(MENTORSIM_SOURCE_DIR) / "scenarios/invalid"))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("every invalid scenario reports exactly its expected diagnostics", "[params][invalid]") {
  const auto files = invalid_files();
  REQUIRE(files.size() >= 15);
  for (const auto& file : files) {
    INFO("scenario: " << file.string());
    const auto expected = expectations(file);
    REQUIRE_FALSE(expected.empty());
    std::vector<mentorsim::Diagnostic> found;
    try {
      mentorsim::params::load_scenario_file(file, {});
    } catch (const mentorsim::InputError& e) {
      found = e.diagnostics();
    }
    std::string all;
    for (const auto& d : found) all += d.to_string() + "\n";
    INFO("diagnostics:\n" << all);
    REQUIRE_FALSE(found.empty());
    CHECK(found.size() == expected.size());
    for (const auto& text : expected) {
      INFO("expected: " << file.string() << text);
      CHECK(all.find(file.string() + text) != std::string::npos);
    }
    if (file.filename() == "several_errors.toml") CHECK(found.size() > 1);
  }
}
