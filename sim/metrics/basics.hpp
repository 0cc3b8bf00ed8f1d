#pragma once
// The organisation week by week (docs/metrics.md, "Weekly series"): who is there, who joins and
// leaves and why, coverage and the waiting list, matches, mentors and their burnout, sessions,
// competence, how ties end, and mean skill per zone; with the run summaries read off them.
// Counts over rows are summed in fixed blocks of rows side by side (core/blocks.hpp), so they never
// depend on the thread count.
#include <cstdint>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim::metrics {

class Basics final : public MetricGroup {
 public:
  explicit Basics(const Scenario& scenario);

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;
  void summarize(const SeriesView& series, Values& summary) const override;

 private:
  // This week's sums over the practitioner rows.
  struct RowSums {
    std::int64_t covered = 0, mentors = 0, burned_out_mentors = 0, competent = 0;
    double mentor_exhaustion = 0;
    std::vector<double> skill;  // by zone
    // By zone: practitioners whose role needs it, and those of them competent there.
    std::vector<std::int64_t> needing, competent_in;
  };
  RowSums sum_rows(const World& world) const;
  std::size_t over_capacity(const World& world);

  double competence_threshold_;
  std::size_t zones_;
  std::vector<std::uint8_t> over_capacity_;  // scratch: 1 for rows some programme marks
  // Run totals for the summaries.
  std::int64_t matches_total_ = 0;
  double wait_total_ = 0;
};

}  // namespace mentorsim::metrics
