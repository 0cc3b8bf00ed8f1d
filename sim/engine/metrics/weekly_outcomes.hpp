#pragma once
// This week's outcome metrics (burnout, reach, equity) from the world's state, as defined in
// docs/metrics.md. Sequential and in row / tie order, so the values never depend on threads; the
// scratch vectors are members, reused from week to week. Cost: O(population + active ties), plus
// sorting the developers' loads and the hours received (O(n log n)) for the percentiles and Ginis.
#include <cstdint>
#include <vector>

#include "engine/world.hpp"

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
  std::vector<double> coverage_by_group;   // by population.group_names
  double access_ratio = 1;                 // lowest group coverage / highest
  std::vector<double> homophily_by_group;  // Coleman's H_g
  double homophily = 0;                    // tie-weighted mean of H_g
  double developer_diversity = 0;          // mean Blau index of a learner's developers' groups
  double hours_received_gini = 0;          // over all active practitioners
};

class WeeklyOutcomes {
 public:
  explicit WeeklyOutcomes(std::size_t groups);

  // Computes this week's values; the reference stays valid until the next call.
  const Outcomes& compute(const World& world);

 private:
  std::size_t groups_;
  Outcomes out_;
  // Scratch, reused every week.
  std::vector<double> loads_;           // developers' load_hours
  std::vector<double> hours_;           // hours received, by row
  std::vector<std::uint32_t> offsets_;  // learner row -> first of its ties' developers
  std::vector<Row> developers_;         // developers of active ties, grouped by learner
  std::vector<std::uint32_t> seen_;     // developer row -> 1 + last learner row that counted it
  std::vector<std::int64_t> members_, covered_, ties_, same_;  // by group
  std::vector<double> shares_, group_counts_;                  // by group
};

}  // namespace mentorsim::metrics
