#pragma once
// Pure statistics on durations kept as histograms (docs/metrics.md, "Reach" and "Growth"): counts
// by whole weeks, so memory follows the length of the run, not the number of people. No state, no
// allocation.
#include <cstdint>
#include <span>
#include <vector>

namespace mentorsim::metrics {

// Kaplan–Meier estimate of the survival function from counts by duration t = 0, 1, ...:
// events[t] people had the event at duration t; censored[t] people were last seen without it at
// duration t (their event time is known to exceed t). The risk set at t is everyone with an
// observed duration >= t; at equal durations events come before censorings (the usual convention).
//   S(t) = prod_{s <= t} (1 - events[s] / at_risk[s]),  at_risk[s] = sum_{u >= s} (events[u] +
//   censored[u]).
// Writes S(t) for t < survival.size() (durations beyond events.size() have no events). The two
// histograms may differ in length; missing entries are 0. S(t) = 1 while nobody is at risk.
void kaplan_meier(std::span<const std::int64_t> events, std::span<const std::int64_t> censored,
                  std::span<double> survival);

// The p-quantile of the Kaplan–Meier estimate: the smallest duration t with S(t) <= 1 - p
// (within 1e-9, so exact ties with 1 - p count, as in a nearest-rank percentile), p in (0, 1].
// Without censoring this is the nearest-rank percentile of the event durations. NaN when the curve
// never falls that far (too few events before the censorings; or no events at all).
double kaplan_meier_quantile(std::span<const std::int64_t> events,
                             std::span<const std::int64_t> censored, double p);

// S(t) of the Kaplan–Meier estimate at duration t. NaN when nobody was followed that long (every
// duration < t) while S is still above 0: the estimate says nothing beyond its last observation.
double kaplan_meier_at(std::span<const std::int64_t> events, std::span<const std::int64_t> censored,
                       std::size_t t);

// Nearest-rank percentile of values given as counts[v] = how many values equal v: the value of
// rank k = ceil(p m), clamped to [1, m], m = sum of counts, as percentile_sorted (inequality.hpp).
// NaN for no values.
double histogram_percentile(std::span<const std::int64_t> counts, double p);

// Mean of the values counted by counts[v]; NaN for no values.
double histogram_mean(std::span<const std::int64_t> counts);

// Number of values counted.
std::int64_t histogram_total(std::span<const std::int64_t> counts);

// counts[index] += by: one more value `index` (or `by`), growing the histogram only when a run
// outlasts the size it was given.
inline void bump(std::vector<std::int64_t>& counts, std::int64_t index, std::int64_t by = 1) {
  const auto i = static_cast<std::size_t>(index);
  if (i >= counts.size()) counts.resize(i + 1, 0);
  counts[i] += by;
}

}  // namespace mentorsim::metrics
