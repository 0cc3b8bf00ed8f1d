#pragma once
// Relationship files: the developmental relationships already running at week 0, as CSV
// (input/csv_text.hpp), one line per developer and learner of a programme, named by roster id. The
// columns are declared once, here (relationship_columns), and drive the reader, its messages and
// the reference in docs/parameters.md.
//
// A line is checked against the roster (ids, tenure), the scenario's programmes (name, kind, start
// week, zones) and the programme's own rules (models/registry.hpp, ModelEntry::existing_ties:
// capacity, who may hold the tie), so a relationship a programme cannot hold is an error at its
// line before anything runs. Every problem is reported, as for rosters.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace mentorsim::params {

struct RelationshipColumn {
  const char* name;
  const char* type;
  const char* required;
  const char* allowed;
  const char* units;
  const char* doc;
};
const std::vector<RelationshipColumn>& relationship_columns();

// The reference table of relationship columns (Markdown), for docs/parameters.md.
std::string relationship_columns_markdown();

inline constexpr std::size_t kMaxRelationshipProblems = 50;

struct RelationshipsResult {
  std::shared_ptr<const Relationships> relationships;  // null when there were problems
  std::vector<Diagnostic> problems;
};

// Reads `path` against the scenario's roster (which must be read) and programmes. `shown` is the
// path as diagnostics name it.
RelationshipsResult read_relationships(const std::filesystem::path& path, const std::string& shown,
                                       const Scenario& scenario);
// The same from text (tests, fuzzing).
RelationshipsResult read_relationships_text(std::string_view text, const std::string& shown,
                                            const Scenario& scenario);

}  // namespace mentorsim::params
