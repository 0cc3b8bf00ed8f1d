#pragma once
// Sorting of positive doubles by their bits, for the weekly Gini and percentile metrics: the
// recorder sorts ~10^4-10^5 loads and hours every week, and std::sort was ~2% of a run.
#include <span>
#include <vector>

namespace mentorsim::metrics {

// Sorts `values` ascending. Every value must be > 0 (or +0.0) and not NaN: for those the IEEE-754
// bit patterns, read as unsigned integers, are in the same order as the numbers, so an LSD radix
// sort on the bits gives exactly std::sort's result. `scratch` is reused between calls.
void sort_positive(std::span<double> values, std::vector<double>& scratch);

}  // namespace mentorsim::metrics
