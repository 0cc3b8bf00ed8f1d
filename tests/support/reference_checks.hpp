#pragma once
// Comparing the tuned metric loops' values with their reference twins (reference_metrics.hpp).
//
// Compared exactly: every field, except the two whose fast sums run in another order:
// - developer_diversity: the fast code sums the learners' Blau indices per block of 4,096 rows and
//   then adds the blocks' sums; the reference sums them in row order (the same order, so the same
//   bits, when there is one block);
// - hours_received_gini: the fast code adds a learner's group sessions before its ties, the
//   reference its ties first (as docs/metrics.md writes r(i)); with three terms or more and hours
//   that are not dyadic fractions (a cadence of 3 or 13 weeks) the sums can round differently.
// Those two are compared with a relative tolerance of 1e-12. Everything else is counts, quotients
// of counts, or the same values sorted, and is compared bit for bit.
#include <catch2/catch.hpp>
#include <cstddef>

#include "metrics/signs_of_life.hpp"
#include "metrics/weekly_outcomes.hpp"
#include "support/reference_metrics.hpp"

namespace mentorsim::testing {

constexpr double kSumOrderTolerance = 1e-12;  // relative; see the top of this file

inline void check_equal(const metrics::Outcomes& fast, const ReferenceOutcomes& ref) {
  const metrics::Outcomes& r = ref.values;
  INFO("reference: |L| = " << ref.learners << ", sum |Dev(l)| = " << ref.distinct_developers
                           << ", single = " << ref.single_developer << ", who mentor = "
                           << ref.learners_who_mentor << ", developers |D| = " << ref.loads.size());
  CHECK(fast.load_p95_hours == r.load_p95_hours);
  CHECK(fast.load_max_hours == r.load_max_hours);
  CHECK(fast.load_gini == r.load_gini);
  CHECK(fast.developers_per_learner == r.developers_per_learner);
  CHECK(fast.learners_who_mentor_share == r.learners_who_mentor_share);
  CHECK(fast.single_developer_share == r.single_developer_share);
  REQUIRE(fast.participation_by_group.size() == r.participation_by_group.size());
  for (std::size_t g = 0; g < r.participation_by_group.size(); ++g) {
    INFO("group " << g << ": members " << ref.members[g] << ", covered " << ref.covered[g]
                  << ", ties and pairs " << ref.entries[g] << ", same group " << ref.same[g]);
    CHECK(fast.participation_by_group[g] == r.participation_by_group[g]);
    CHECK(fast.homophily_by_group[g] == r.homophily_by_group[g]);
  }
  REQUIRE(fast.homophily_by_group.size() == r.homophily_by_group.size());
  CHECK(fast.access_ratio == r.access_ratio);
  CHECK(fast.homophily == r.homophily);
  // Sums in another order (top of this file).
  CHECK_THAT(fast.developer_diversity,
             Catch::Matchers::WithinRel(r.developer_diversity, kSumOrderTolerance));
  CHECK_THAT(fast.hours_received_gini,
             Catch::Matchers::WithinRel(r.hours_received_gini, kSumOrderTolerance));
}

inline void check_equal(const metrics::RosterChurn& fast, const metrics::RosterChurn& ref) {
  CHECK(fast.learners == ref.learners);
  CHECK(fast.changed == ref.changed);
}

}  // namespace mentorsim::testing
