#pragma once
// Scenario files: TOML in, a fully resolved and validated Scenario out.
//
// Every table starts from its declared defaults (scenario/param_spec.hpp); the file and then the
// --set overrides (see input/overrides.hpp) replace values; every value is type-, range- and
// choice-checked, then each table's cross-field checks run. Every problem is collected and thrown
// at once as InputError, each at the line:column of the offending key or value.
#include <toml++/toml.h>

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "scenario/scenario.hpp"

namespace mentorsim::params {

// Loads a scenario file. Diagnostics name the path as given. Throws InputError.
Scenario load_scenario_file(const std::filesystem::path& path,
                            const std::vector<std::string>& overrides);

// Loads a scenario from text; `source_name` stands for the file in diagnostics and in
// Scenario::source. Throws InputError.
Scenario load_scenario_text(std::string_view text, const std::string& source_name,
                            const std::vector<std::string>& overrides);

// Loads a scenario from a parsed table (e.g. a sweep's [base] table); diagnostics carry the
// table's own positions under `source_name`. Throws InputError.
Scenario load_scenario_table(toml::table root, const std::string& source_name,
                             const std::vector<std::string>& overrides);

// `message` at the position of `table.key` in the scenario file `path` (file:line:col), or at
// the file alone when the file cannot be read or does not set the key: for problems found after
// loading, such as a declared twin that is not one (docs/compare.md).
Diagnostic diagnostic_at_key(const std::filesystem::path& path, std::string_view table,
                             std::string_view key, std::string message);

// The scenario as TOML: every table and key with its resolved value, each preceded by a
// `# doc [units] (default: x)` comment. Loading it gives the same scenario, printed the same way.
std::string resolved_toml(const Scenario& scenario);

}  // namespace mentorsim::params
