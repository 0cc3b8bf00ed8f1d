#include "sensitivity/bootstrap.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/rng.hpp"

namespace mentorsim::sensitivity {

namespace {
// The q-quantile of sorted values, linear between order statistics (type 7, numpy's default).
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double at = q * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (at - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}
}  // namespace

std::vector<Interval> bootstrap(
    std::size_t units, std::size_t outputs, std::size_t resamples, std::uint64_t seed, double level,
    const std::function<void(std::span<const std::size_t>, std::span<double>)>& statistic) {
  std::vector<Interval> result(outputs);
  std::vector<std::size_t> all(units);
  std::iota(all.begin(), all.end(), std::size_t{0});
  std::vector<double> estimate(outputs);
  statistic(all, estimate);
  // Resample b writes only its own row.
  std::vector<double> values(resamples * outputs);
  tbb::parallel_for(std::size_t{0}, resamples, [&](std::size_t b) {
    Draws draws(StreamKey{seed, 0}, b, 0, Purpose::kBootstrap);
    std::vector<std::size_t> chosen(units);
    for (std::size_t& u : chosen)
      u = std::min(units - 1,
                   static_cast<std::size_t>(draws.uniform() * static_cast<double>(units)));
    statistic(chosen, std::span<double>(values.data() + b * outputs, outputs));
  });
  for (std::size_t o = 0; o < outputs; ++o) {
    std::vector<double> column;
    column.reserve(resamples);
    for (std::size_t b = 0; b < resamples; ++b)
      if (!std::isnan(values[b * outputs + o])) column.push_back(values[b * outputs + o]);
    std::sort(column.begin(), column.end());
    result[o] = {estimate[o], quantile(column, (1 - level) / 2), quantile(column, (1 + level) / 2)};
  }
  return result;
}

}  // namespace mentorsim::sensitivity
