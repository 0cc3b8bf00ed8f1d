#pragma once
// The interface every mentoring model implements. A model is one file pair under sim/models/,
// registered by its scenario `kind` in models/registry.cpp; adding one touches no engine code.
//
// The engine owns practitioners and relationships (ties) and runs the weekly phases. A model
// decides who seeks development, who is matched with whom (creating ties through World), and what
// upkeep its programme needs (cohort intakes, check-ins). Sessions, knowledge transfer, load and
// burnout run generically over ties, using the cadence, hours and attendance the model put on each
// tie.
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/relationships.hpp"
#include "state/ids.hpp"

namespace mentorsim {

class World;
struct ProgrammeConfig;

class Model {
 public:
  virtual ~Model() = default;

  // Phase "joining": practitioners by row, in id order. `at_start` is true for the people already
  // present when the programme starts (the initial population for a programme starting at week 0),
  // false for newcomers joining while it runs.
  virtual void on_join(World& world, std::span<const Row> rows, bool at_start) = 0;
  // Phase "joining" of week 0, before on_join: the relationships already running at week 0 that
  // name this programme (population.relationships), in file order, each already checked against
  // the kind's rules (ModelEntry::existing_ties). The model creates their ties as its own and
  // keeps their learners from seeking again. Only kinds with those rules are called; the others
  // keep this default, which says so.
  virtual void adopt_existing(World& world, std::span<const ExistingTie> ties);
  // Phase "departure": practitioners flagged kLeaving (listed in id order in World::leavers) are
  // about to be removed; drop them from any waiting list. Called once per week with leavers, before
  // their ties end.
  virtual void on_departures(World& world) = 0;
  // Phase "departure" and later: one of this programme's ties ended (reason in the tie table).
  virtual void on_tie_ended(World& world, TieRow tie) = 0;
  // Phase "matching".
  virtual void match(World& world) = 0;
  // Phase "programme upkeep".
  virtual void upkeep(World& world) = 0;
  // Phase "programme upkeep" of the programme's last week, after its ties have ended: drop every
  // waiting list. The model is not called again.
  virtual void on_end(World& world) = 0;
  // A run continued from a saved state under changed programme settings (mentorsim run
  // --from-state --set programme...): from the continuation's week the model works with
  // `programme`'s config (same kind and name), keeping everything it holds (waiting lists,
  // groups, ties).
  virtual void reconfigure(const ProgrammeConfig& programme) = 0;
  // Learners waiting for this programme now.
  virtual std::size_t waiting_count() const = 0;
  // Sets over[r] = 1 for each practitioner row r (of this programme's developers) holding more
  // relationships, counted over every programme (load from all of them adds up), than this
  // programme's nominal capacity. `over` has one entry per row; models only ever set entries, and
  // the recorder counts a practitioner once, however many programmes mark them. Each model walks
  // its own developers, so the cost follows them, not the population.
  virtual void mark_over_capacity(const World& world, std::vector<std::uint8_t>& over) const = 0;
};

}  // namespace mentorsim
