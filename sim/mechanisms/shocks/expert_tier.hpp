#pragma once
// expert_tier: the most skilled `share` (or `count`) of the expert tier leave. The expert tier is
// defined the same way in every model: the practitioners present who arrived experienced
// (flag::kSenior), whatever role a model gives them, so a comparison removes the same people from
// every arm (docs/model.md §7.15).
#include <memory>

#include "mechanisms/shocks/shock.hpp"

namespace mentorsim {

std::unique_ptr<Shock> make_expert_tier_shock(const ShockConfig& shock, std::size_t index,
                                              const Scenario& scenario);

}  // namespace mentorsim
