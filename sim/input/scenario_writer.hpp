#pragma once
// Writes a Scenario as a TOML scenario file with every key and a comment per key; used for the
// resolved scenario (`mentorsim check`, Scenario::resolved_toml) and the annotated default scenario
// (`mentorsim schema --format toml`).
#include <string>

#include "scenario/scenario.hpp"

namespace mentorsim::params {

enum class TomlStyle {
  kResolved,  // "# doc [units] (default: x)" above each key
  kSchema,  // "# doc" and "# type, allowed values, units" above each key (the value is the default)
};

std::string write_scenario_toml(const Scenario& scenario, TomlStyle style);

}  // namespace mentorsim::params
