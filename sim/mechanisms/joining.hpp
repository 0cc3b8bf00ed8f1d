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

  // Adds the week-0 population (ids 0 .. initial_size-1), senior_share or exactly senior_count of
  // them seniors. Returns their rows.
  std::vector<Row> add_initial_population(World& world) const;
  // Adds this week's newcomers; returns their rows. Joining switched off adds no arrivals or
  // intakes. `extra` newcomers (a hiring surge, sim/mechanisms/shocks.hpp) join after them,
  // whether joining is on or not, with attributes drawn exactly like arrivals'.
  std::vector<Row> add_newcomers(World& world, std::uint64_t extra = 0) const;

 private:
  // Who is senior: those whose seniority draw u is below `below`, and with `ties_in` also those
  // whose u equals it and whose id is at most `last_tie` (so an exact count holds even on a tie).
  struct SeniorRule {
    double below = 0;
    bool ties_in = false;
    PractitionerId last_tie = 0;
  };
  // The rule that makes exactly `count` of the ids first .. first + n - 1 senior.
  static SeniorRule exact_count(StreamKey key, PractitionerId first, std::int64_t n,
                                std::int64_t count);
  static double seniority_draw(StreamKey key, PractitionerId id);

  Row add_practitioner(World& world, bool initial, const SeniorRule& senior_rule) const;
  // The roster's row `row` over the drawn practitioner at `r` (scenario/roster.hpp).
  void apply_roster_row(World& world, Row r, std::size_t row) const;
  void draw_skill(World& world, Row r, bool senior) const;

  const PopulationConfig& population_;
  const JoiningConfig& joining_;
  const BurnoutConfig& burnout_;
  const Roster* roster_;  // null: the population is drawn
};

// Entity id of organisation-level draws (arrival counts), distinct from every practitioner id.
inline constexpr std::uint64_t kOrganisationEntity = ~std::uint64_t{0};

}  // namespace mentorsim
