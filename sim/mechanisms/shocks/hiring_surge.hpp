#pragma once
// hiring_surge: `count` extra newcomers join in the shock's week, beside the ordinary arrivals.
#include <memory>

#include "mechanisms/shocks/shock.hpp"

namespace mentorsim {

std::unique_ptr<Shock> make_hiring_surge_shock(const ShockConfig& shock, std::size_t index,
                                               const Scenario& scenario);

}  // namespace mentorsim
