#pragma once
// Shocks that remove people: the top developers (top_mentors), a random share of everyone
// (random_departure) or of one function (layoff). Their leavers are removed like every departure
// (remove_leavers) and counted under DepartureReason::kShock.
#include <memory>

#include "mechanisms/shocks/shock.hpp"

namespace mentorsim {

std::unique_ptr<Shock> make_top_mentors_shock(const ShockConfig& shock, std::size_t index,
                                              const Scenario& scenario);
std::unique_ptr<Shock> make_random_departure_shock(const ShockConfig& shock, std::size_t index,
                                                   const Scenario& scenario);
std::unique_ptr<Shock> make_layoff_shock(const ShockConfig& shock, std::size_t index,
                                         const Scenario& scenario);

}  // namespace mentorsim
