#pragma once
// programme_pause: a programme makes no new matches for `weeks` weeks from `week` on; its
// relationships go on (seed 001 §8: "pause for 3 months").
#include <memory>

#include "mechanisms/shocks/shock.hpp"

namespace mentorsim {

std::unique_ptr<Shock> make_programme_pause_shock(const ShockConfig& shock, std::size_t index,
                                                  const Scenario& scenario);

}  // namespace mentorsim
