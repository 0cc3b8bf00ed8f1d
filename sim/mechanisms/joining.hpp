#pragma once
// Joining: the initial population at week 0, then Poisson arrivals and scheduled intakes each week.
// Every attribute of a newcomer is drawn from streams keyed by the newcomer's id, so the same
// people join with the same attributes in every arm of a comparison whose population settings
// match.
#include <vector>

#include "state/world.hpp"

namespace mentorsim {

class Joining {
 public:
  explicit Joining(const Scenario& scenario);

  // Adds the week-0 population (ids 0 .. initial_size-1). Returns their rows.
  std::vector<Row> add_initial_population(World& world) const;
  // Adds this week's newcomers; returns their rows. Joining switched off adds no arrivals or
  // intakes. `extra` newcomers (a hiring surge, sim/mechanisms/shocks.hpp) join after them,
  // whether joining is on or not, with attributes drawn exactly like arrivals'.
  std::vector<Row> add_newcomers(World& world, std::uint64_t extra = 0) const;

 private:
  Row add_practitioner(World& world, bool initial, double senior_share) const;

  const PopulationConfig& population_;
  const JoiningConfig& joining_;
  const BurnoutConfig& burnout_;
};

// Entity id of organisation-level draws (arrival counts), distinct from every practitioner id.
inline constexpr std::uint64_t kOrganisationEntity = ~std::uint64_t{0};

}  // namespace mentorsim
