#include "sensitivity/morris.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "core/rng.hpp"

namespace mentorsim::sensitivity {

std::vector<double> morris_points(std::size_t factors, std::size_t trajectories, std::size_t levels,
                                  std::uint64_t seed) {
  if (factors == 0) throw std::invalid_argument("a Morris design needs at least one factor");
  if (levels < 2 || levels % 2 != 0)
    throw std::invalid_argument("Morris levels must be even and at least 2");
  const std::size_t k = factors, rows = k + 1;
  const double grid = 1.0 / static_cast<double>(levels - 1);
  const std::size_t step_cells = levels / 2;  // D = step_cells grid cells = p / (2 (p - 1))
  std::vector<double> out(trajectories * rows * k);
  for (std::size_t t = 0; t < trajectories; ++t) {
    Draws draws(StreamKey{seed, 0}, t, 0, Purpose::kMorrisTrajectory);
    const auto below = [&](std::size_t n) {
      return std::min(n - 1, static_cast<std::size_t>(draws.uniform() * static_cast<double>(n)));
    };
    // Start cell c_i in 0 .. p/2 - 1 (so c_i + p/2 stays on the grid) and direction: a factor
    // that moves down starts p/2 cells higher.
    std::vector<std::size_t> cell(k);
    std::vector<int> sign(k);
    for (std::size_t i = 0; i < k; ++i) {
      cell[i] = below(step_cells);
      sign[i] = draws.uniform() < 0.5 ? 1 : -1;
      if (sign[i] < 0) cell[i] += step_cells;
    }
    // The order factors move in: a Fisher-Yates shuffle.
    std::vector<std::size_t> order(k);
    std::iota(order.begin(), order.end(), std::size_t{0});
    for (std::size_t i = k; i > 1; --i) std::swap(order[i - 1], order[below(i)]);
    double* block = out.data() + t * rows * k;
    for (std::size_t i = 0; i < k; ++i) block[i] = static_cast<double>(cell[i]) * grid;
    for (std::size_t m = 1; m <= k; ++m) {
      const std::size_t i = order[m - 1];
      if (sign[i] > 0)
        cell[i] += step_cells;
      else
        cell[i] -= step_cells;
      std::copy_n(block + (m - 1) * k, k, block + m * k);
      block[m * k + i] = static_cast<double>(cell[i]) * grid;
    }
  }
  return out;
}

ElementaryEffects elementary_effects(std::size_t factors, std::span<const double> points,
                                     std::span<const double> outputs, std::size_t resamples,
                                     std::uint64_t seed, double level) {
  const std::size_t k = factors, rows = k + 1;
  if (k == 0 || outputs.size() % rows != 0 || points.size() != outputs.size() * k)
    throw std::invalid_argument("Morris outputs come in trajectories of factors + 1 points");
  // Each usable trajectory's effect per factor: the one step that moved that factor.
  std::vector<double> effects;  // trajectories_used x k
  for (std::size_t t = 0; t < outputs.size() / rows; ++t) {
    const double* y = outputs.data() + t * rows;
    const double* x = points.data() + t * rows * k;
    if (std::any_of(y, y + rows, [](double v) { return std::isnan(v); })) continue;
    std::vector<double> ee(k, std::nan(""));
    for (std::size_t m = 1; m < rows; ++m)
      for (std::size_t i = 0; i < k; ++i) {
        const double d = x[m * k + i] - x[(m - 1) * k + i];
        if (d != 0) ee[i] = (y[m] - y[m - 1]) / d;
      }
    effects.insert(effects.end(), ee.begin(), ee.end());
  }
  ElementaryEffects out;
  const std::size_t n = effects.size() / k;
  out.trajectories_used = n;
  out.mu.assign(k, std::nan(""));
  out.sigma.assign(k, std::nan(""));
  out.mu_star.assign(k, Interval{std::nan(""), std::nan(""), std::nan("")});
  if (n == 0) return out;
  for (std::size_t i = 0; i < k; ++i) {
    double sum = 0;
    for (std::size_t t = 0; t < n; ++t) sum += effects[t * k + i];
    out.mu[i] = sum / static_cast<double>(n);
    double squares = 0;
    for (std::size_t t = 0; t < n; ++t)
      squares += (effects[t * k + i] - out.mu[i]) * (effects[t * k + i] - out.mu[i]);
    out.sigma[i] = n > 1 ? std::sqrt(squares / static_cast<double>(n - 1)) : std::nan("");
  }
  out.mu_star = bootstrap(n, k, resamples, seed, level,
                          [&](std::span<const std::size_t> chosen, std::span<double> result) {
                            for (std::size_t i = 0; i < k; ++i) {
                              double sum = 0;
                              for (std::size_t t : chosen) sum += std::abs(effects[t * k + i]);
                              result[i] = sum / static_cast<double>(chosen.size());
                            }
                          });
  return out;
}

}  // namespace mentorsim::sensitivity
