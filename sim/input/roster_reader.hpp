#pragma once
// Roster files: an organisation's own people at week 0, as CSV (RFC 4180: a header line, then one
// line per practitioner; fields may be quoted; blank lines and lines starting with '#' are
// skipped). The columns are declared once, here (roster_columns), and drive the reader, its
// messages and the reference in docs/parameters.md.
//
// Every problem is collected, each at file:line:column like a scenario's, unknown names with a
// suggestion; the reader returns them all (at most kMaxRosterProblems, then a count of the rest).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "scenario/configs.hpp"
#include "scenario/roster.hpp"

namespace mentorsim::params {

// One column a roster may have. A column named "<zone>" stands for one per population.zones name.
struct RosterColumn {
  const char* name;
  const char* type;  // for the reference: "text", "name", "integer", "real", "yes/no"
  bool required;     // function and group only when the population has more than one
  const char* allowed;
  const char* units;
  const char* doc;
};
const std::vector<RosterColumn>& roster_columns();

// The reference table of roster columns (Markdown), for docs/parameters.md.
std::string roster_columns_markdown();

inline constexpr std::size_t kMaxRosterProblems = 50;

struct RosterResult {
  std::shared_ptr<const Roster> roster;  // null when there were problems
  std::vector<Diagnostic> problems;
};

// Reads `path` against the population's zones, groups and functions. `shown` is the path as
// diagnostics name it. A file that cannot be read is one problem at the file.
RosterResult read_roster(const std::filesystem::path& path, const std::string& shown,
                         const PopulationConfig& population);
// The same from text (tests, fuzzing).
RosterResult read_roster_text(std::string_view text, const std::string& shown,
                              const PopulationConfig& population);

}  // namespace mentorsim::params
