#pragma once
// Roles: the zones each function needs (population.function_zones). A role's zones are practised
// at work every week (experience, no forgetting) and are the zones competence is judged in.
#include <cstdint>
#include <vector>

#include "scenario/configs.hpp"

namespace mentorsim {

// Bit z of a mask: zone z (zones are 1-8).
using ZoneMask = std::uint8_t;

inline ZoneMask all_zones_mask(std::size_t zones) {
  return static_cast<ZoneMask>((1u << zones) - 1u);
}

// Per function (index into function_names), the mask of the zones its role needs: from
// function_zones, or every zone when function_zones is empty. Names not among `zones` are
// ignored (the loader rejects them).
std::vector<ZoneMask> role_zone_masks(const PopulationConfig& population);

}  // namespace mentorsim
