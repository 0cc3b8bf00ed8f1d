#pragma once
// Served demand (docs/metrics.md, "Reach: served demand"): of the practitioners who asked a
// programme for development (Practitioners::first_request_week, set by World::note_request when
// they first join a waiting or fill list), the share given a first developer (a learner tie or a
// place in a peer group) within 4, 13 and 26 weeks of asking, and how long the served waited.
// Coverage counts who holds a place; this counts who of those asking got one, and how soon, so a
// model that serves everyone at once and one that leaves a queue differ here even when their
// participation curves follow demand.
//
// Counts are kept by the week of the first request (flat histograms, one entry per week), from the
// week's events the world counts (WeekCounters::new_seekers, seekers_served: World::note_request
// and the first learner tie or group place); the seekers waiting are carried from week to week,
// less the seekers who left unserved (World::departed()). A practitioner who was a learner before
// they asked is not a seeker. O(events) a week.
#include <array>
#include <cstdint>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim::metrics {

// The horizons of served demand, in weeks after the first request.
inline constexpr std::array<Week, 3> kServedWithinWeeks = {4, 13, 26};

struct ServedDemandWeek {
  std::int64_t new_seekers = 0;      // first requests this week
  std::int64_t seekers_served = 0;   // seekers given their first developer this week
  std::int64_t seekers_waiting = 0;  // present seekers never yet given a developer
};

struct ServedDemandSummary {
  std::int64_t seekers = 0;  // first requests over the run
  // By horizon k (kServedWithinWeeks): of the seekers who asked at least k weeks before the last
  // recorded week (so the horizon is inside the run), the share served within k weeks. NaN when
  // nobody asked that early.
  std::array<double, kServedWithinWeeks.size()> served_within_share{};
  double served_wait_mean_weeks = 0;    // mean wait of the served; NaN: nobody served
  double served_wait_median_weeks = 0;  // nearest rank over the served; NaN: nobody served
  double never_served_share = 0;        // seekers not served by the end (left or still waiting)
};

class ServedDemand final : public MetricGroup {
 public:
  explicit ServedDemand(std::int64_t weeks);
  explicit ServedDemand(const Scenario& scenario) : ServedDemand(scenario.meta.weeks) {}

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;
  void summarize(const SeriesView& series, Values& summary) const override;

  // Accounts for this week (World::week()); call once per week.
  const ServedDemandWeek& compute(const World& world);
  ServedDemandSummary summary() const;

 private:
  ServedDemandWeek week_;
  Week last_week_ = -1;
  std::int64_t waiting_ = 0;            // seekers present and never served
  std::vector<std::int64_t> requests_;  // by week of first request
  std::array<std::vector<std::int64_t>, kServedWithinWeeks.size()> served_within_;  // same
  std::vector<std::int64_t> waits_;  // served seekers by weeks waited
};

}  // namespace mentorsim::metrics
