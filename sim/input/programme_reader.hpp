#pragma once
// Reads the [[programme]] entries of a scenario: each entry's `kind` selects a model from the
// registry; the entry's other keys are the common programme keys and that kind's keys.
#include <toml++/toml.h>

#include <vector>

#include "input/section_reader.hpp"
#include "scenario/scenario.hpp"

namespace mentorsim::params {

// Reads the `programme` node (an array of tables). Entries are checked individually and then
// together: names are unique and usable in --set, each programme starts before the run ends
// (`meta.weeks`), expands while it runs, and names functions of `population`. Entries with an
// unusable kind are reported and left out.
std::vector<ProgrammeConfig> read_programmes(const toml::node& node, const ScenarioMeta& meta,
                                             const PopulationConfig& population,
                                             SectionReader& reader);

// Whether `name` can name a programme: a letter or '_', then letters, digits, '_' or '-'. This
// keeps `programme.<name>.<key>` addressing unambiguous (no dots, never an index).
bool valid_programme_name(std::string_view name);

}  // namespace mentorsim::params
