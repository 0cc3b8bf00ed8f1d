#pragma once
// Broken CSV inputs of a scenario (scenarios/invalid/rosters/, .../relationships/): each fixture is
// a scenario NAME.toml and, when the problem is in the CSV file, NAME.csv, whose `# expect:` lines
// (support/expectations.hpp) are exactly the diagnostics loading the scenario reports. Checks
// every fixture of `dir`, of which there must be at least `at_least`.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "input/scenario_loader.hpp"
#include "support/expectations.hpp"

namespace mentorsim::testing {

inline void check_csv_fixtures(const std::filesystem::path& dir, std::size_t at_least) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= at_least);
  for (const fs::path& file : files) {
    // The expectations stand in the CSV file for its own problems, in the scenario otherwise.
    const fs::path csv = fs::path(file).replace_extension(".csv");
    const fs::path shown = fs::exists(csv) ? csv : file;
    INFO("fixture: " << shown.string());
    const auto expected = expectations(shown);
    REQUIRE_FALSE(expected.empty());
    std::string all;
    std::size_t found = 0;
    try {
      params::load_scenario_file(file, {});
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) all += d.to_string() + "\n";
      found = e.diagnostics().size();
    }
    INFO("diagnostics:\n" << all);
    CHECK(found == expected.size());
    for (const auto& text : expected)
      CHECK(all.find(shown.lexically_normal().string() + text) != std::string::npos);
  }
}

}  // namespace mentorsim::testing
