#include "scenario/roles.hpp"

#include <algorithm>

namespace mentorsim {

std::vector<ZoneMask> role_zone_masks(const PopulationConfig& population) {
  const std::vector<std::string>& zones = population.zones;
  std::vector<ZoneMask> masks(population.function_names.size(), all_zones_mask(zones.size()));
  if (population.function_zones.empty()) return masks;
  for (std::size_t f = 0; f < masks.size() && f < population.function_zones.size(); ++f) {
    masks[f] = 0;
    for (const std::string& name : population.function_zones[f]) {
      const auto at = std::find(zones.begin(), zones.end(), name);
      if (at != zones.end()) masks[f] |= static_cast<ZoneMask>(1u << (at - zones.begin()));
    }
  }
  return masks;
}

}  // namespace mentorsim
