#pragma once
// This week's outcome metrics (burnout, reach, equity) from the world's state, as defined in
// docs/metrics.md. Per learner in fixed blocks of rows, in parallel, through the tie and
// membership indices (World::index_ties); the blocks' sums are added in block order, so the values
// never depend on threads. The scratch vectors are members, reused from week to week. Cost:
// O(population + active ties + peer pairs), plus sorting the developers' loads and the hours
// received (O(n log n)) for the percentiles and Ginis.
#include <tbb/enumerable_thread_specific.h>

#include <cstdint>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim::metrics {

struct Outcomes {
  // Burnout: over developers (load_hours > 0).
  double load_p95_hours = 0;  // nearest-rank 95th percentile of load_hours
  double load_max_hours = 0;
  double load_gini = 0;
  // Reach: over learners (>= 1 active tie as learner).
  double developers_per_learner = 0;     // mean distinct developers
  double learners_who_mentor_share = 0;  // share also developing someone
  // Resilience: share of learners whose every active tie is with one developer (one departure
  // away from losing all their support).
  double single_developer_share = 0;
  // Equity.
  std::vector<double> participation_by_group;  // by population.group_names
  double access_ratio = 1;                     // lowest group coverage / highest
  std::vector<double> homophily_by_group;      // Coleman's H_g
  double homophily = 0;                        // tie-weighted mean of H_g
  double developer_diversity = 0;              // mean Blau index of a learner's developers' groups
  double hours_received_gini = 0;              // over all active practitioners
};

class WeeklyOutcomes final : public MetricGroup {
 public:
  explicit WeeklyOutcomes(std::size_t groups);
  explicit WeeklyOutcomes(const Scenario& scenario)
      : WeeklyOutcomes(scenario.population.group_names.size()) {}

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;

  // Computes this week's values; the reference stays valid until the next call.
  const Outcomes& compute(const World& world);

 private:
  // One block's sums, and its scratch.
  struct Partial {
    std::vector<double> loads;         // load_hours > 0 of its rows
    std::vector<double> group_counts;  // one learner's distinct developers by group (scratch)
    std::int64_t learners = 0, learners_mentoring = 0, tie_learners = 0, distinct = 0, single = 0;
    double blau = 0;
    std::vector<std::int64_t> members, covered, ties, same;  // by group
    void reset(std::size_t groups);
  };
  struct Marks {
    std::vector<std::uint32_t> seen;  // developer row -> 1 + last learner row that counted it
    std::uint64_t call = 0;           // the compute() call it was cleared for
  };

  // weekly_outcomes_learners.cpp: the pass over learners, block by block.
  std::size_t group_of(const Practitioners& people, Row r) const;
  void tally_groups(const World& world);
  std::uint32_t* marks(Row rows, std::uint64_t call);
  void count_block(const World& world, std::size_t first, std::size_t last, Partial& p,
                   std::uint64_t call);
  void count_learner(const World& world, Row l, Partial& p, std::uint32_t* seen);
  // weekly_outcomes.cpp: the blocks' sums, in block order, into out_.
  void combine_blocks(Row rows);

  std::size_t groups_;
  Outcomes out_;
  std::vector<Partial> partials_;  // by block of rows (core/blocks.hpp)
  std::uint64_t calls_ = 0;        // compute() calls so far
  tbb::enumerable_thread_specific<Marks> marks_;
  std::vector<std::uint32_t> group_active_;  // by group row: active members
  std::vector<double> group_hours_;          // by group row: session hours per week
  std::vector<std::int64_t> group_hist_;     // by group row x demographic group: active members
  std::vector<double> loads_;                // developers' load_hours
  std::vector<double> hours_;                // hours received, by row
  std::vector<double> scratch_;              // for the radix sorts
  std::vector<std::int64_t> members_, covered_, ties_, same_;  // by group
  std::vector<double> shares_;                                 // by group
};

}  // namespace mentorsim::metrics
