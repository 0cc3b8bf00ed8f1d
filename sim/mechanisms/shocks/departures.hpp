#pragma once
// Shocks that remove people: the top developers (top_mentors), a random share or count of
// everyone (random_departure), of one function (layoff) or of the developers carrying load
// (load_carriers). The expert tier is in expert_tier.hpp. Their leavers are removed like every
// departure (remove_leavers) and counted under DepartureReason::kShock.
#include <memory>

#include "mechanisms/shocks/shock.hpp"

namespace mentorsim {

std::unique_ptr<Shock> make_top_mentors_shock(const ShockConfig& shock, std::size_t index,
                                              const Scenario& scenario);
std::unique_ptr<Shock> make_load_carriers_shock(const ShockConfig& shock, std::size_t index,
                                                const Scenario& scenario);
std::unique_ptr<Shock> make_random_departure_shock(const ShockConfig& shock, std::size_t index,
                                                   const Scenario& scenario);
std::unique_ptr<Shock> make_load_carriers_shock(const ShockConfig& shock, std::size_t index,
                                                const Scenario& scenario);
std::unique_ptr<Shock> make_layoff_shock(const ShockConfig& shock, std::size_t index,
                                         const Scenario& scenario);
std::unique_ptr<Shock> make_load_carriers_shock(const ShockConfig& shock, std::size_t index,
                                                const Scenario& scenario);

}  // namespace mentorsim
