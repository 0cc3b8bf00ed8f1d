#pragma once
// `mentorsim schema --format json-schema`: one JSON Schema (draft 2020-12) for every input file
// Mentorsim reads, generated from the declarations. A file with a [sweep] table is checked as a
// sweep file, one with [uncertainty] as an uncertainty file, any other as a scenario; so one
// `#:schema` line or editor setting covers all three (docs/scenarios.md).
#include <string>

namespace mentorsim::cli {

std::string input_files_json_schema();

}  // namespace mentorsim::cli
