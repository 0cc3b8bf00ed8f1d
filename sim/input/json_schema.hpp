#pragma once
// JSON Schema (draft 2020-12) of a scenario file, generated from the same declarations as parsing,
// `mentorsim check` and docs/parameters.md, for editors that validate TOML against a JSON Schema
// (Taplo, Even Better TOML: docs/scenarios.md). A schema sees one file's shape: table and key
// names, types, ranges, list lengths, choices, which keys a programme or shock kind takes and
// requires. Checks across keys and names that refer to other keys (a zone, a function, a
// programme) stay with `mentorsim check`.
#include "core/json.hpp"
#include "scenario/param_spec.hpp"

namespace mentorsim::params {

// The schema of one parameter: type, bounds, list lengths, choices, default, description.
json::Value param_schema(const ParamInfo& info, bool with_default = true);

// A table of `spec`'s keys: an object with those properties and no others.
json::Value table_schema(const SectionSpec& spec);

// A scenario key as `--set` and a sweep's [[axis]] key take it: `table.key`, or
// `programme.<name, index or kind:k>.<key>`.
json::Value override_key_schema();

// A whole scenario file: its tables, [[programme]] entries by kind and [[shock]] entries by kind.
json::Value scenario_schema();

}  // namespace mentorsim::params
