#include "sweep/points.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/distributions.hpp"
#include "core/rng.hpp"
#include "sensitivity/morris.hpp"
#include "sensitivity/saltelli.hpp"

namespace mentorsim::sweep {

namespace {

std::vector<Point> grid(const SweepSpec& spec) {
  const std::size_t n = count_points(spec);
  std::vector<Point> points(n, Point(spec.axes.size()));
  for (std::size_t p = 0; p < n; ++p) {
    std::size_t rest = p;
    for (std::size_t a = spec.axes.size(); a-- > 0;) {  // the last axis varies fastest
      const auto& values = spec.axes[a].values;
      points[p][a] = values[rest % values.size()];
      rest /= values.size();
    }
  }
  return points;
}

AxisValue value_at(const Axis& axis, double u) {
  if (!axis.is_range) {
    const auto i = std::min(static_cast<std::size_t>(u * static_cast<double>(axis.values.size())),
                            axis.values.size() - 1);
    return axis.values[i];
  }
  double v = axis.truncated_normal
                 ? dist::truncated_normal_at(u, axis.mean, axis.sd, std::min(axis.from, axis.to),
                                             std::max(axis.from, axis.to))
             : axis.log_scale
                 ? std::exp(std::log(axis.from) + u * (std::log(axis.to) - std::log(axis.from)))
                 : axis.from + u * (axis.to - axis.from);
  if (axis.integer) v = std::round(v);
  return {number_toml(v, axis.integer), v, axis.where};
}

std::vector<Point> latin_hypercube(const SweepSpec& spec) {
  return points_from_unit(spec, latin_hypercube_unit(spec));
}

}  // namespace

std::vector<double> latin_hypercube_unit(const SweepSpec& spec) {
  const auto n = static_cast<std::size_t>(spec.config.points);
  const std::size_t k = spec.axes.size();
  std::vector<double> unit(n * k);
  const StreamKey key{static_cast<std::uint64_t>(spec.config.sampling_seed), 0};
  std::vector<std::uint64_t> order_keys(n);
  std::vector<std::size_t> stratum(n);
  for (std::size_t a = 0; a < k; ++a) {
    // A random permutation of the strata: sort 0..n-1 by a random key each (ties by index).
    for (std::size_t i = 0; i < n; ++i)
      order_keys[i] = philox_block(key, a, 0, Purpose::kSweepStratum, i)[0];
    std::iota(stratum.begin(), stratum.end(), std::size_t{0});
    std::stable_sort(stratum.begin(), stratum.end(),
                     [&](std::size_t x, std::size_t y) { return order_keys[x] < order_keys[y]; });
    for (std::size_t p = 0; p < n; ++p) {
      const double offset = bits_to_open01(philox_block(key, a, 0, Purpose::kSweepOffset, p)[0]);
      unit[p * k + a] = (static_cast<double>(stratum[p]) + offset) / static_cast<double>(n);
    }
  }
  return unit;
}

std::vector<Point> points_from_unit(const SweepSpec& spec, const std::vector<double>& unit) {
  const std::size_t k = spec.axes.size();
  std::vector<Point> points(k == 0 ? 0 : unit.size() / k, Point(k));
  for (std::size_t p = 0; p < points.size(); ++p)
    for (std::size_t a = 0; a < k; ++a) points[p][a] = value_at(spec.axes[a], unit[p * k + a]);
  return points;
}

std::vector<double> unit_points(const SweepSpec& spec) {
  const std::size_t k = spec.axes.size();
  switch (spec.config.sampling) {
    case Sampling::kMorris:
      return sensitivity::morris_points(k, static_cast<std::size_t>(spec.config.trajectories),
                                        static_cast<std::size_t>(spec.config.levels),
                                        static_cast<std::uint64_t>(spec.config.sampling_seed));
    case Sampling::kSobol:
      return sensitivity::saltelli_points(k, static_cast<std::size_t>(spec.config.base_samples),
                                          spec.config.second_order);
    default:
      return {};
  }
}

std::size_t count_points(const SweepSpec& spec) {
  const std::size_t k = spec.axes.size();
  switch (spec.config.sampling) {
    case Sampling::kLatinHypercube:
      return static_cast<std::size_t>(spec.config.points);
    case Sampling::kMorris:
      return static_cast<std::size_t>(spec.config.trajectories) * (k + 1);
    case Sampling::kSobol:
      return static_cast<std::size_t>(spec.config.base_samples) *
             (spec.config.second_order ? 2 * k + 2 : k + 2);
    case Sampling::kGrid:
      break;
  }
  // Saturating: a product past what size_t holds counts as the largest size_t, which every limit
  // refuses (it once wrapped: 2^64 + 230 points ran as 230).
  std::size_t n = 1;
  for (const auto& a : spec.axes) {
    const std::size_t size = a.values.size();
    n = size != 0 && n > std::numeric_limits<std::size_t>::max() / size
            ? std::numeric_limits<std::size_t>::max()
            : n * size;
  }
  return spec.axes.empty() ? 0 : n;
}

std::vector<Point> expand_points(const SweepSpec& spec) {
  switch (spec.config.sampling) {
    case Sampling::kLatinHypercube:
      return latin_hypercube(spec);
    case Sampling::kMorris:
    case Sampling::kSobol:
      return points_from_unit(spec, unit_points(spec));
    case Sampling::kGrid:
      break;
  }
  return grid(spec);
}

}  // namespace mentorsim::sweep
