#pragma once
// Input accounting (docs/metrics.md, "Input"): the senior-mentor hours actually used each week
// against the budget the seniors have, and what each used hour bought. "The same budget" across
// arms of a comparison is the same capacity (seniors x available hours), not the same use: this
// group says how much of it each arm used.
//  - used: the mentoring load the seniors (flagged senior) carry this week, load_hours summed
//    (hours/week committed by their active developer ties, invisible-labour weights included);
//  - budget: their available_hours summed (burnout.available_hours_*).
// Per programme, programme_accounting's programme/{programme}/senior_hours splits the use. Per row
// in fixed blocks side by side, block sums added in block order: never thread-dependent.
#include <cstdint>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim::metrics {

struct SeniorHours {
  double used = 0;    // hours/week
  double budget = 0;  // hours/week
};

class InputAccounting final : public MetricGroup {
 public:
  InputAccounting() = default;
  explicit InputAccounting(const Scenario&) {}

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;
  void summarize(const SeriesView& series, Values& summary) const override;

  static SeniorHours compute(const World& world);
};

}  // namespace mentorsim::metrics
