#include "engine/simulation.hpp"

#include <algorithm>
#include <chrono>
#include <vector>

#include "core/blocks.hpp"
#include "state/model.hpp"

namespace mentorsim {

Simulation::Simulation(const Scenario& scenario, std::uint64_t replicate)
    : scenario_(&scenario),
      replicate_(replicate),
      world_(scenario, replicate),
      joining_(scenario),
      departure_(scenario),
      knowledge_(scenario),
      burnout_(scenario),
      reciprocity_(scenario),
      shocks_(scenario),
      recorder_(scenario) {
  for (std::size_t i = 0; i < scenario.programmes.size(); ++i) {
    const auto& programme = scenario.programmes[i];
    world_.add_model(programme.make_model(programme, static_cast<int>(i)));
  }
  order_matching();
}

void Simulation::order_matching() {
  const auto& programmes = scenario_->programmes;
  match_order_.resize(programmes.size());
  for (std::size_t i = 0; i < programmes.size(); ++i) match_order_[i] = i;
  // Higher priority first; equal priorities keep file order.
  std::stable_sort(match_order_.begin(), match_order_.end(), [&](std::size_t a, std::size_t b) {
    return programmes[a].common.priority > programmes[b].common.priority;
  });
}

void Simulation::continue_under(const Scenario& next) {
  scenario_ = &next;
  world_.continue_under(next);
  burnout_.continue_under(next);
  recorder_.continue_under(next);
  order_matching();
}

void Simulation::step() {
  world_.set_week(week_);
  world_.counters.reset();
  if (observe_phases_) {
    for (Phase phase : kWeeklyPhases) {
      observe_phases_(phase, world_);
      run_phase(phase);
    }
  } else if (!time_phases_) {
    for (Phase phase : kWeeklyPhases) run_phase(phase);
  } else {
    for (std::size_t i = 0; i < kWeeklyPhases.size(); ++i) {
      const auto start = std::chrono::steady_clock::now();
      run_phase(kWeeklyPhases[i]);
      phase_seconds_[i] +=
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
  }
  ++week_;
}

void Simulation::run_phase(Phase phase) {
  switch (phase) {
    case Phase::kJoining:
      joining();
      break;
    case Phase::kDeparture:
      shocks_.apply_departures(world_);  // shocks first, then the ordinary hazard draws
      departure_.apply(world_);
      break;
    case Phase::kMatching:
      matching();
      break;
    case Phase::kSessions:
      knowledge_.apply(world_);
      break;
    case Phase::kLoadAndBurnout:
      burnout_.apply(world_);
      break;
    case Phase::kProgrammeUpkeep:
      programme_upkeep();
      break;
    case Phase::kRecording:
      world_.note_competence();  // first competent weeks, for the growth metrics
      world_.index_ties();       // the recorder reads who holds which ties through these
      if (observe_recording_) observe_recording_(world_);
      recorder_.record(world_);
      if (world_.people.size() >= peak_active_) {
        peak_active_ = world_.people.size();
        peak_table_bytes_ = world_.people.bytes_reserved() + world_.ties.bytes_reserved() +
                            world_.groups.bytes_reserved();
      }
      world_.ties.compact_ended();
      world_.groups.compact_ended();
      break;
  }
}

void Simulation::joining() {
  if (week_ == 0) {
    joining_.add_initial_population(world_);
    adopt_existing_ties();
  }
  const std::vector<Row> newcomers = joining_.add_newcomers(world_, shocks_.newcomers(week_));
  const Row present_count = world_.people.size() - static_cast<Row>(newcomers.size());
  std::vector<Row> rows;
  for (std::size_t i = 0; i < world_.models().size(); ++i) {
    if (!world_.programme_running(i)) continue;
    Model& model = *world_.models()[i];
    const ProgrammeCommon& common = scenario_->programmes[i].common;
    const std::uint32_t mask = world_.function_mask(i, week_);
    const auto in = [&](std::uint32_t m, Row r) { return (m >> world_.people.function[r]) & 1u; };
    // Everyone already here when the programme starts, or whose function it reaches now.
    const bool starts = week_ == common.start_week;
    const bool expands = !starts && week_ == common.expand_week;
    if (starts || expands) {
      const std::uint32_t before = expands ? world_.function_mask(i, week_ - 1) : 0u;
      rows.clear();
      for (Row r = 0; r < present_count; ++r)
        if (in(mask, r) && !in(before, r)) rows.push_back(r);
      model.on_join(world_, rows, true);
    }
    rows.clear();
    for (Row r : newcomers)
      if (in(mask, r)) rows.push_back(r);
    model.on_join(world_, rows, false);
  }
}

// The relationships running at week 0, each programme's in file order, programmes in file order.
void Simulation::adopt_existing_ties() {
  const Relationships* existing = scenario_->relationships.get();
  if (!existing) return;
  std::vector<ExistingTie> mine;
  for (std::size_t i = 0; i < world_.models().size(); ++i) {
    mine.clear();
    for (const ExistingTie& e : existing->ties)
      if (e.programme == i) mine.push_back(e);
    if (!mine.empty()) world_.models()[i]->adopt_existing(world_, mine);
  }
}

bool Simulation::last_week_of(std::size_t programme) const {
  const auto end_week = scenario_->programmes[programme].common.end_week;
  return end_week >= 0 && week_ + 1 >= end_week;
}

void Simulation::matching() {
  // No new matches in a programme's last week (its ties end at that week's upkeep), nor while a
  // programme_pause shock holds it.
  for (std::size_t i : match_order_)
    if (world_.programme_running(i) && !last_week_of(i) && !shocks_.paused(i, week_))
      world_.models()[i]->match(world_);
}

void Simulation::programme_upkeep() {
  Ties& ties = world_.ties;
  // Which programmes end this week, looked up once rather than once per tie.
  std::vector<char> ending(scenario_->programmes.size());
  for (std::size_t i = 0; i < ending.size(); ++i) ending[i] = last_week_of(i);
  // Planned endings, and the ties of programmes ending now, in tie (id) order: found side by
  // side, then ended in order. Ties the endings' callbacks make are checked after them, as a pass
  // in tie order would.
  const auto tie_due = [&](TieRow t) {
    return ties.active(t) && (ending[ties.programme[t]] || ties.planned_end[t] <= week_);
  };
  const auto end_tie = [&](TieRow t) {
    world_.end_tie(t,
                   ending[ties.programme[t]] ? EndReason::kProgrammeEnded : EndReason::kCompleted);
  };
  const TieRow ties_before = ties.size();
  gather_where(ties_before, tie_due, due_ties_);
  for (TieRow t : due_ties_) end_tie(t);
  for (TieRow t = ties_before; t < ties.size(); ++t)
    if (tie_due(t)) end_tie(t);
  // The same for peer groups, in group order.
  PeerGroups& groups = world_.groups;
  const auto group_due = [&](GroupRow g) {
    return ending[groups.programme[g]] || groups.planned_end[g] <= week_;
  };
  const auto end_group = [&](GroupRow g) {
    world_.end_group(
        g, ending[groups.programme[g]] ? EndReason::kProgrammeEnded : EndReason::kCompleted);
  };
  // Ending a group calls back into no model, so no group is made meanwhile.
  gather_where(groups.groups(), group_due, due_groups_);
  for (GroupRow g : due_groups_) end_group(g);
  reciprocity_.apply(world_);
  for (std::size_t i = 0; i < world_.models().size(); ++i) {
    if (!world_.programme_running(i)) continue;
    if (last_week_of(i))
      world_.models()[i]->on_end(world_);
    else
      world_.models()[i]->upkeep(world_);
  }
}

RunResult Simulation::run(const std::function<void(Week)>& on_week) {
  while (week_ < scenario_->meta.weeks) {
    step();
    if (on_week) on_week(week_);
  }
  return recorder_.result(*scenario_, replicate_);
}

}  // namespace mentorsim
