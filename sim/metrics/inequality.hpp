#pragma once
// Pure summary statistics behind the outcome metrics (docs/metrics.md): inequality (Gini),
// percentiles, homophily (Coleman 1958) and diversity (Blau 1977). No state; no allocation but
// the scratch buffer a caller passes.
#include <cstdint>
#include <span>
#include <vector>

namespace mentorsim::metrics {

// Gini coefficient of non-negative values sorted ascending:
//   G = sum_i (2i - n - 1) x_(i) / (n sum_i x_i),  i = 1..n,
// i.e. the mean absolute difference over all ordered pairs divided by twice the mean (no small-
// sample correction, so the most unequal set of n values has G = (n - 1) / n).
// 0 for an empty set or when every value is 0.
double gini_sorted(std::span<const double> sorted);

// Gini of `values` in any order; uses them as scratch (their contents afterwards are
// unspecified). The second form sorts positive values by radix in `scratch` (the same order,
// faster for the recorder's ~10^5 values a week).
double gini(std::span<double> values);
double gini(std::span<double> values, std::vector<double>& scratch);

// Nearest-rank percentile of values sorted ascending: x_(k) with k = ceil(p n), clamped to
// [1, n]; p in [0, 1]. Always one of the values (no interpolation). 0 for an empty set.
double percentile_sorted(std::span<const double> sorted, double p);

// Coleman's (1958) homophily index of one group: s is the share of the group's ties that stay
// inside the group, w the group's share of the population.
//   H = (s - w) / (1 - w)  when s >= w   (0: as random; 1: only same-group ties)
//   H = (s - w) / w        when s <  w   (-1: no same-group ties at all)
// 0 when w is 0 or 1 (no room to prefer or avoid one's own group).
double coleman_homophily(double same_share, double group_share);

// Coleman's index per group from tie counts: ties[g] ties held by members of group g (as
// learners), same[g] of them with a developer in g too; shares[g] is g's population share.
// Writes H_g to per_group (0 for a group with no ties or a share of 0 or 1) and returns the
// tie-weighted mean of H_g over the groups with ties and 0 < share < 1 (0 when there are none).
double coleman_homophily(std::span<const std::int64_t> same, std::span<const std::int64_t> ties,
                         std::span<const double> shares, std::span<double> per_group);

// Blau's (1977) index of heterogeneity, 1 - sum_g p_g^2 with p_g = counts[g] / sum(counts):
// 0 when everyone is in one group, 1 - 1/G at most. 0 for empty counts.
// Inline: the outcome metrics call it once per learner.
inline double blau_diversity(std::span<const double> counts) {
  double total = 0;
  for (double c : counts) total += c;
  if (total <= 0) return 0.0;
  double concentration = 0;
  for (double c : counts) concentration += (c / total) * (c / total);
  return 1.0 - concentration;
}

}  // namespace mentorsim::metrics
