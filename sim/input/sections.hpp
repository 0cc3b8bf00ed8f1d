#pragma once
// The scenario file's layout: which top-level table fills which field of Scenario, in the order
// they are documented and printed, and the parameters of [[programme]] entries (the keys every
// programme has, plus those of its kind from the model registry).
#include <string>
#include <string_view>
#include <vector>

#include "models/registry.hpp"
#include "scenario/param_spec.hpp"
#include "scenario/scenario.hpp"

namespace mentorsim::params {

// A top-level table bound to the Scenario field it fills.
struct ScenarioTable {
  SectionSpec spec;  // spec.name is the table name
  void* (*config)(Scenario&);
  const void* (*const_config)(const Scenario&);
};

// [scenario], [population], [joining], [departure], [knowledge], [burnout], [reciprocity],
// [cost].
const std::vector<ScenarioTable>& scenario_tables();
const ScenarioTable* find_table(std::string_view name);

// The name of the array of tables holding programmes.
inline constexpr std::string_view kProgrammeTable = "programme";

// The name of the array of tables holding shocks, and their keys (declarations::shock).
inline constexpr std::string_view kShockTable = "shock";
const SectionSpec& shock_section();

// Table names a scenario file may use, including "programme" and "shock".
std::vector<std::string> top_level_names();

// A programme kind: its registry entry and its parameters (built once).
struct ProgrammeKind {
  const ModelEntry* entry;
  SectionSpec spec;  // spec.name is the kind
};

// Keys every [[programme]] entry has (declarations::programme_common), built once.
const SectionSpec& programme_common_section();
// Every registered kind, in registry order.
const std::vector<ProgrammeKind>& programme_kinds();
const ProgrammeKind* find_programme_kind(std::string_view kind);
std::vector<std::string> programme_kind_names();
// Keys valid in an entry of the given kind: common keys, then the kind's keys.
std::vector<std::string> programme_keys(const ProgrammeKind& kind);

// "a, b and c" (or "a, b or c" with last = " or "), each name between `quote`s.
std::string join_names(const std::vector<std::string>& names, std::string_view quote = "",
                       std::string_view last = " and ");

}  // namespace mentorsim::params
