#pragma once
// One run of a scenario for one replicate: builds the world, runs the weekly phases, records.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "engine/phases.hpp"
#include "mechanisms/burnout.hpp"
#include "mechanisms/departure.hpp"
#include "mechanisms/joining.hpp"
#include "mechanisms/knowledge.hpp"
#include "mechanisms/reciprocity.hpp"
#include "mechanisms/shocks.hpp"
#include "metrics/recorder.hpp"
#include "metrics/run_result.hpp"
#include "state/world.hpp"

namespace mentorsim {

class Simulation {
 public:
  Simulation(const Scenario& scenario, std::uint64_t replicate);

  // Continues under `next` from the next week on (a run continued from a saved state, mentorsim
  // run --from-state): `next` is this run's scenario but for programme settings and a later
  // horizon (cli/state_continuation checks that). Models keep what they hold and take their new
  // configs; levers, protected hours and fixed costs follow. `next` must outlive the run.
  void continue_under(const Scenario& next);

  // Runs one week: every phase of kWeeklyPhases in order.
  void step();
  void run_phase(Phase phase);
  // Runs every remaining week; `on_week` (if set) is called after each.
  RunResult run(const std::function<void(Week)>& on_week = {});

  // Called in the recording phase with the world the recorder is about to read (first competent
  // weeks noted, tie indices rebuilt, this week's ended ties still in their tables): for tests
  // and tools that compute something from exactly the recorder's state.
  void observe_recording(std::function<void(const World&)> observer) {
    observe_recording_ = std::move(observer);
  }
  // Called by step() before each phase with the phase and the world it will change: for tests that
  // check one phase against a reference (the sessions phase's reference twin).
  void observe_phases(std::function<void(Phase, const World&)> observer) {
    observe_phases_ = std::move(observer);
  }

  const World& world() const { return world_; }
  World& world() { return world_; }
  const Recorder& recorder() const { return recorder_; }
  Week weeks_done() const { return week_; }
  std::uint64_t replicate() const { return replicate_; }
  // Largest active population seen so far, and bytes reserved by the tables then.
  std::size_t peak_active() const { return peak_active_; }
  std::size_t peak_table_bytes() const { return peak_table_bytes_; }
  // Wall seconds spent in each phase (kWeeklyPhases order) since construction, measured only
  // after time_phases(true): for `mentorsim bench --phases`, which shows where a week's time goes.
  void time_phases(bool on) { time_phases_ = on; }
  const std::array<double, kWeeklyPhases.size()>& phase_seconds() const { return phase_seconds_; }

 private:
  void joining();
  void order_matching();
  void adopt_existing_ties();
  void matching();
  void programme_upkeep();
  bool last_week_of(std::size_t programme) const;

  const Scenario* scenario_;
  std::uint64_t replicate_;
  World world_;
  Joining joining_;
  Departure departure_;
  Knowledge knowledge_;
  Burnout burnout_;
  Reciprocity reciprocity_;
  Shocks shocks_;
  Recorder recorder_;
  std::vector<std::size_t> match_order_;  // programme indices by priority, highest first
  std::vector<TieRow> due_ties_;          // programme_upkeep's scratch: ties ending this week
  std::vector<GroupRow> due_groups_;      // and peer groups
  Week week_ = 0;
  std::size_t peak_active_ = 0;
  std::size_t peak_table_bytes_ = 0;
  bool time_phases_ = false;
  std::function<void(const World&)> observe_recording_;
  std::function<void(Phase, const World&)> observe_phases_;
  std::array<double, kWeeklyPhases.size()> phase_seconds_{};
};

}  // namespace mentorsim
