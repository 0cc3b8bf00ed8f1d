#pragma once
// Reads the [[shock]] entries of a scenario (docs/model.md §7.15). Every entry has a `kind` and a
// `week`; the other keys it may and must have depend on the kind (declarations::shock_keys).
#include <toml++/toml.h>

#include <vector>

#include "input/section_reader.hpp"
#include "scenario/scenario.hpp"

namespace mentorsim::params {

// Reads the `shock` node (an array of tables) against the rest of the scenario: each week is
// before the end of the run, a layoff's function is one of `population`'s, a pause's programme is
// one of `programmes`. Reports unknown keys, keys that do not apply to the kind and missing
// required keys. Entries without a usable kind are left out (and reported).
std::vector<ShockConfig> read_shocks(const toml::node& node, const ScenarioMeta& meta,
                                     const PopulationConfig& population,
                                     const std::vector<ProgrammeConfig>& programmes,
                                     SectionReader& reader);

}  // namespace mentorsim::params
