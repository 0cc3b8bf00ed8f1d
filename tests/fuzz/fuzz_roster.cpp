// Fuzz target: roster files (input/roster_reader.hpp), read against a fixed population with three
// zones, two groups and three functions. Any outcome but a roster or a list of problems is a bug;
// a roster read must hold consistent columns.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "input/roster_reader.hpp"

namespace {
mentorsim::PopulationConfig population() {
  mentorsim::PopulationConfig p{};
  p.zones = {"technical", "leadership", "navigation"};
  p.group_names = {"majority", "minority"};
  p.function_names = {"engineering", "operations", "sales"};
  return p;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mentorsim::PopulationConfig kPopulation = population();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto result = mentorsim::params::read_roster_text(text, "fuzz.csv", kPopulation);
  if (result.roster) {
    const auto& r = *result.roster;
    const std::size_t n = r.rows();
    if (!result.problems.empty() || n == 0 || r.group.size() != n || r.function.size() != n ||
        r.tenure_weeks.size() != n || r.senior.size() != n || r.available_hours.size() != n ||
        r.skill.size() != n * 3)
      std::abort();
  } else if (result.problems.empty() ||
             result.problems.size() > mentorsim::params::kMaxRosterProblems + 1) {
    std::abort();
  }
  return 0;
}
