#pragma once
// Percentile bootstrap over independent units (base samples of a Saltelli design, trajectories of
// a Morris design): resample b draws the units it takes from Philox keyed by (seed, b), so the
// intervals are a pure function of the outputs and the seed, whatever the thread count.
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

namespace mentorsim::sensitivity {

// A point estimate and its percentile interval.
struct Interval {
  double estimate = 0, low = 0, high = 0;
};

// For `units` units, `resamples` resamples each of `units` units drawn with replacement; the
// statistic is called with the chosen unit indices (the estimate itself with 0, 1, ..., units - 1)
// and returns one value per output. Returns, per output, the estimate and the (1 - level) / 2 and
// (1 + level) / 2 quantiles of the resampled values (NaN values left out).
std::vector<Interval> bootstrap(std::size_t units, std::size_t outputs, std::size_t resamples,
                                std::uint64_t seed, double level,
                                const std::function<void(std::span<const std::size_t> chosen,
                                                         std::span<double> out)>& statistic);

}  // namespace mentorsim::sensitivity
