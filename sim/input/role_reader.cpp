#include "input/role_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/did_you_mean.hpp"
#include "input/sections.hpp"

namespace mentorsim::params {

void check_role_zones(const toml::node* population, const PopulationConfig& config,
                      SectionReader& reader) {
  if (!population || !population->is_table() || reader.failed("population.zones") ||
      reader.failed("population.function_zones"))
    return;
  const toml::array* roles = (*population->as_table())["function_zones"].as_array();
  if (!roles) return;  // absent: every function needs every zone
  const std::vector<std::string>& zones = config.zones;
  for (std::size_t f = 0; f < roles->size(); ++f) {
    const toml::array* names = (*roles)[f].as_array();
    if (!names) continue;  // rejected by the reader already
    for (std::size_t i = 0; i < names->size(); ++i) {
      const auto* name = (*names)[i].as_string();
      if (!name || std::find(zones.begin(), zones.end(), name->get()) != zones.end()) continue;
      reader.reporter().at(
          (*names)[i],
          fmt::format("population.function_zones[{}][{}]: unknown zone '{}' (population.zones: "
                      "{}){}",
                      f, i, name->get(), join_names(zones, "'", ", "),
                      did_you_mean_suffix(name->get(), zones)));
    }
  }
}

}  // namespace mentorsim::params
