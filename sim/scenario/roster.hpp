#pragma once
// An organisation's own people at week 0, read from a CSV file (`[population] roster`,
// input/roster_reader.hpp): one row per practitioner, in file order. Row i becomes practitioner
// id i; what a row leaves out is drawn as for a drawn population, from the same streams
// (mechanisms/joining.cpp), so a roster scenario keeps common random numbers across arms.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mentorsim {

struct Roster {
  std::string path;                        // the file read, absolute
  std::string sha256;                      // of its bytes: recorded with the resolved scenario
  std::vector<std::string> ids;            // as written in the file: any text, unique
  std::vector<std::uint8_t> group;         // index into population.group_names
  std::vector<std::uint8_t> function;      // index into population.function_names
  std::vector<std::int64_t> tenure_weeks;  // weeks served before week 0
  std::vector<std::int8_t> senior;         // 1 senior, 0 not, -1 not given: drawn
  std::vector<float> skill;                // rows x zones, row-major; NaN: drawn
  std::vector<float> available_hours;      // hours/week; NaN: drawn
  int zones = 0;

  std::size_t rows() const { return ids.size(); }
};

// The id roster row `row` shows in outputs: as given with keep_ids, otherwise "h" and the first 16
// hex digits of SHA-256 over the roster's own hash and the id (pseudonymous, not anonymous:
// docs/scenarios.md says what this does and does not protect).
std::string output_roster_id(const Roster& roster, std::size_t row, bool keep_ids);

}  // namespace mentorsim
