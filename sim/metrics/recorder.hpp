#pragma once
// Weekly series and run summaries. Series names are part of the output format
// (docs/output-format.md); never rename one without bumping the format version.
#include <string>
#include <vector>

#include "metrics/cost.hpp"
#include "metrics/programme_accounting.hpp"
#include "metrics/reach_growth.hpp"
#include "metrics/resilience.hpp"
#include "metrics/run_result.hpp"
#include "metrics/signs_of_life.hpp"
#include "metrics/weekly_outcomes.hpp"
#include "state/world.hpp"

namespace mentorsim {

class Recorder {
 public:
  explicit Recorder(const Scenario& scenario);

  // Appends this week's values of every series. Reads only; sums run in row order.
  void record(const World& world);

  // The series so far and the run's summary values.
  RunResult result(const Scenario& scenario, std::uint64_t replicate) const;

  const std::vector<double>& series(const std::string& name) const;

 private:
  std::size_t add(std::string name, std::string units, std::string doc);
  void push(std::size_t index, double value) { series_[index].values.push_back(value); }

  std::vector<Series> series_;
  std::size_t zones_first_ = 0;       // index of mean_skill/<zone 0>
  std::size_t programmes_first_ = 0;  // index of programme/<first>/ties; six series each
  ProgrammeAccounting accounting_;
  std::vector<std::uint8_t> over_capacity_;  // scratch: 1 for rows some programme marks
  double competence_threshold_;
  // Outcome metrics (docs/metrics.md), added after the per-programme series.
  metrics::WeeklyOutcomes outcomes_;
  std::size_t outcomes_first_ = 0;  // index of load_p95_hours
  std::size_t groups_ = 0;          // population.group_names
  // Resilience metrics (docs/metrics.md, "Resilience"), added after the outcome metrics.
  metrics::WeeklyResilience resilience_;
  std::size_t resilience_first_ = 0;  // index of isolation_events
  // Cost and signs of life (docs/metrics.md, "Cost", "Signs of life and decay").
  metrics::Cost cost_;
  std::size_t cost_first_ = 0;  // index of cost/senior_developer; six series
  metrics::SignsOfLife signs_;
  std::size_t signs_first_ = 0;  // index of ties_completed_share; six series
  double covered_weeks_ = 0;     // sum over weeks of covered practitioners
  metrics::Endings endings_total_;
  // Run-wide accumulators for the summary.
  std::int64_t matches_total_ = 0;
  double wait_total_ = 0;
  // Reach and growth (docs/metrics.md, "Reach: waits, leverage, unmet demand", "Growth: time to
  // competence"): the run's histograms, and the index of contact_hours_per_senior_hour.
  metrics::ReachGrowth reach_growth_;
  std::size_t reach_first_ = 0;
};

}  // namespace mentorsim
