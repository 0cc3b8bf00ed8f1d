#pragma once
// Every parameter of every table and every programme kind, generated from the declarations:
// `mentorsim schema --format md|toml|json`. docs/parameters.md is schema_markdown().
#include <string>

#include "scenario/param_spec.hpp"

namespace mentorsim::params {

// One section's parameters as a Markdown table (also used for the sweep file's tables).
std::string section_markdown(const SectionSpec& spec);

// A heading per table with a table of its parameters; the [[programme]] common keys; a section per
// programme kind. The intro documents the JSON layout.
std::string schema_markdown();

// An annotated scenario with every key at its default and one [[programme]] of each kind; it loads
// as a scenario.
std::string schema_toml();

// The same information as JSON (layout documented in schema_markdown()'s intro).
std::string schema_json();

// Every key as `--set` takes it, one a line: `table.key`, then `programme.<kind>.<key>` for every
// kind (a programme is addressed by its name, which defaults to its kind). For shell completion.
std::string schema_keys();

}  // namespace mentorsim::params
