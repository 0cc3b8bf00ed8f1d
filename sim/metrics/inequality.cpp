#include "metrics/inequality.hpp"

#include "metrics/radix_sort.hpp"

#include <algorithm>
#include <cmath>

namespace mentorsim::metrics {

namespace {

// The Gini of n values whose smallest n - tail.size() are zero and whose others are `tail`,
// sorted ascending. Zero terms add nothing to either sum, so this equals gini_sorted of all n.
double gini_sorted_tail(std::span<const double> tail, std::size_t n) {
  const std::size_t zeros = n - tail.size();
  double total = 0, weighted = 0;
  for (std::size_t j = 0; j < tail.size(); ++j) {
    const std::size_t i = zeros + j;
    total += tail[j];
    // (2i - n - 1) with 1-based i, as a double: 2(i + 1) - n - 1 = 2i + 1 - n.
    weighted += (2.0 * static_cast<double>(i) + 1.0 - static_cast<double>(n)) * tail[j];
  }
  if (n == 0 || total <= 0) return 0.0;
  return weighted / (static_cast<double>(n) * total);
}

}  // namespace

double gini_sorted(std::span<const double> sorted) {
  return gini_sorted_tail(sorted, sorted.size());
}

namespace {

double gini_impl(std::span<double> values, std::vector<double>* scratch) {
  // Most practitioners often hold 0 (e.g. hours received): sort only the positive values.
  if (std::any_of(values.begin(), values.end(), [](double v) { return v < 0; })) {
    std::sort(values.begin(), values.end());
    return gini_sorted(values);
  }
  // The positive values moved to the front, without a branch per value (zero or not is often a
  // coin toss, and std::partition's branch mispredicted); their order is sorted away below.
  std::size_t positives = 0;
  for (const double v : values) {
    values[positives] = v;
    positives += v != 0;
  }
  const std::span<double> tail = values.first(positives);
  if (scratch)
    sort_positive(tail, *scratch);
  else
    std::sort(tail.begin(), tail.end());
  return gini_sorted_tail(tail, values.size());
}

}  // namespace

double gini(std::span<double> values) {
  return gini_impl(values, nullptr);
}

double gini(std::span<double> values, std::vector<double>& scratch) {
  return gini_impl(values, &scratch);
}

double percentile_sorted(std::span<const double> sorted, double p) {
  const std::size_t n = sorted.size();
  if (n == 0) return 0.0;
  // The tolerance keeps k = p n exact when p n is an integer up to rounding (0.95 x 20 = 19).
  const double rank = std::ceil(p * static_cast<double>(n) - 1e-9);
  const auto k = static_cast<std::size_t>(std::clamp(rank, 1.0, static_cast<double>(n)));
  return sorted[k - 1];
}

double coleman_homophily(double same_share, double group_share) {
  if (group_share <= 0 || group_share >= 1) return 0.0;
  if (same_share >= group_share) return (same_share - group_share) / (1 - group_share);
  return (same_share - group_share) / group_share;
}

double coleman_homophily(std::span<const std::int64_t> same, std::span<const std::int64_t> ties,
                         std::span<const double> shares, std::span<double> per_group) {
  double weighted = 0, weight = 0;
  for (std::size_t g = 0; g < ties.size(); ++g) {
    per_group[g] = 0;
    if (ties[g] <= 0 || shares[g] <= 0 || shares[g] >= 1) continue;
    const double t = static_cast<double>(ties[g]);
    per_group[g] = coleman_homophily(static_cast<double>(same[g]) / t, shares[g]);
    weighted += t * per_group[g];
    weight += t;
  }
  return weight > 0 ? weighted / weight : 0.0;
}

}  // namespace mentorsim::metrics
