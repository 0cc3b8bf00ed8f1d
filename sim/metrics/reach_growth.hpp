#pragma once
// Reach (wait to first match, contact hours per senior-mentor hour, unmet demand) and growth (time
// to competence) as defined in docs/metrics.md, sections "Reach: waits, leverage, unmet demand" and
// "Growth: time to competence". The recorder calls record() once a week, after World::note_
// competence; the run's durations are kept as histograms by whole weeks (flat memory), filled from
// the practitioners' first_learner_week and competent_week columns and, for those who left, from
// World::departed(). Sequential in row and tie order; no allocation after construction unless the
// run outlasts scenario.weeks.
#include <cstdint>
#include <utility>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim::metrics {

// This week's values.
struct ReachGrowthWeek {
  double contact_hours_per_senior_hour = 0;  // NaN when seniors carry no hours
  double unmet_demand_share = 0;             // 0 when nobody waits and nobody is covered
  std::int64_t competence_reached = 0;       // practitioners first competent this week
};

// The run's values (summary).
struct ReachGrowthSummary {
  double wait_mean_weeks = 0, wait_median_weeks = 0, wait_p95_weeks = 0;  // NaN: no first match
  std::int64_t first_matches = 0;
  double never_matched_share = 0;
  double contact_hours_per_senior_hour = 0;  // ratio of run totals; NaN without senior hours
  double unmet_demand_share = 0;             // ratio of run totals
  double waiting_learner_weeks = 0;
  double time_to_competence_median_weeks = 0;  // Kaplan–Meier; NaN when S never reaches 0.5
  double time_to_competence_p90_weeks = 0;     // NaN when S never reaches 0.1
  double never_competent_share = 0;
  std::int64_t competence_reached = 0;
  // Kaplan–Meier share competent within 52 weeks of joining, 1 - S(52); NaN: nobody followed
  // that long.
  double competent_within_52w_share = 0;
  std::vector<double> time_to_competence_median_by_group;  // by population.group_names
  std::vector<double> competent_within_52w_share_by_group;
};

class ReachGrowth final : public MetricGroup {
 public:
  // `groups`: population.group_names; `weeks`: scenario weeks (sizes the histograms).
  ReachGrowth(std::size_t groups, std::int64_t weeks);
  explicit ReachGrowth(const Scenario& scenario)
      : ReachGrowth(scenario.population.group_names.size(), scenario.meta.weeks) {}

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;
  void summarize(const SeriesView& series, Values& summary) const override;

  // Accounts for this week (World::week()) and returns its values; call once per week.
  const ReachGrowthWeek& compute(const World& world);

  // The run's summary after the last recorded week: practitioners present then are censored there.
  ReachGrowthSummary summary() const;

  // The histograms, for tests: first-match waits by weeks; competence events and departure
  // censorings by duration, in group g.
  const std::vector<std::int64_t>& waits() const { return waits_; }
  const std::vector<std::int64_t>& competence_events(std::size_t g) const { return events_[g]; }
  const std::vector<std::int64_t>& departure_censored(std::size_t g) const { return censored_[g]; }

 private:
  std::size_t group_of(std::uint8_t group) const;
  void censor_leavers(const World& world);
  std::pair<std::int64_t, std::int64_t> scan_rows(const World& world);
  std::int64_t apply_events(const Practitioners& p, Row r, Week week);
  std::pair<double, double> weekly_hours(const World& world) const;

  std::size_t groups_;  // at least 1
  ReachGrowthWeek week_;
  Week last_week_ = -1;
  std::vector<std::int64_t> waits_;                  // by weeks waited
  std::vector<std::vector<std::int64_t>> events_;    // [group][duration]: reached competence
  std::vector<std::vector<std::int64_t>> censored_;  // [group][duration]: left not yet competent
  std::vector<std::vector<std::int64_t>> open_;      // [group][first week]: present, at risk
  // Non-seniors (never-matched share): who left, and who is present at the last recording.
  std::int64_t left_non_seniors_ = 0, left_unmatched_ = 0;
  std::int64_t present_non_seniors_ = 0, present_unmatched_ = 0;
  // One block of rows of a recording (core/blocks.hpp): its counts and the rows with an event.
  struct RowCounts {
    std::vector<Row> events;
    std::int64_t covered = 0, non_seniors = 0, unmatched = 0;
  };
  std::vector<RowCounts> rows_;
  // Run totals.
  double contact_hours_total_ = 0, senior_hours_total_ = 0;
  std::int64_t waiting_total_ = 0, demand_total_ = 0, competence_total_ = 0;
};

}  // namespace mentorsim::metrics
