#pragma once
// Checks of population.function_zones against population.zones: every name must be a zone. Each
// unknown name is reported at its own position, with a suggestion. (Its length and each role's
// shape are the [population] declaration's own cross-field checks.)
#include <toml++/toml.h>

#include "input/section_reader.hpp"
#include "scenario/configs.hpp"

namespace mentorsim::params {

// `population` is the file's [population] table (null when absent); skipped when zones or
// function_zones were rejected already.
void check_role_zones(const toml::node* population, const PopulationConfig& config,
                      SectionReader& reader);

}  // namespace mentorsim::params
