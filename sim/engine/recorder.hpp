#pragma once
// Weekly series and run summaries. Series names are part of the output format
// (docs/output-format.md); never rename one without bumping the format version.
#include <string>
#include <vector>

#include "engine/metrics/weekly_outcomes.hpp"
#include "engine/programme_accounting.hpp"
#include "engine/world.hpp"
#include "output/run_result.hpp"

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
  // Run-wide accumulators for the summary.
  std::int64_t matches_total_ = 0;
  double wait_total_ = 0;
};

}  // namespace mentorsim
