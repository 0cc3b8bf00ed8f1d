#include "sensitivity/saltelli.hpp"

#include <cmath>
#include <stdexcept>

#include "sensitivity/sobol_sequence.hpp"

namespace mentorsim::sensitivity {

std::size_t pair_index(std::size_t factors, std::size_t i, std::size_t j) {
  // Pairs before row i: (k - 1) + (k - 2) + ... + (k - i) = i k - i (i + 1) / 2.
  return i * factors - i * (i + 1) / 2 + (j - i - 1);
}

std::vector<double> saltelli_points(std::size_t factors, std::size_t base, bool second_order) {
  if (factors == 0) throw std::invalid_argument("a Saltelli design needs at least one factor");
  const std::vector<double> ab = sobol_points(2 * factors, base);
  const std::size_t k = factors, rows = second_order ? 2 * k + 2 : k + 2;
  std::vector<double> out(base * rows * k);
  for (std::size_t j = 0; j < base; ++j) {
    const double* a = ab.data() + j * 2 * k;
    const double* b = a + k;
    double* block = out.data() + j * rows * k;
    for (std::size_t r = 0; r < rows; ++r)
      for (std::size_t c = 0; c < k; ++c) {
        // Row 0: A; rows 1..k: AB_i (column i - 1 from B); with second order, rows k+1..2k:
        // BA_i (B with column i - k - 1 from A); the last row: B.
        bool from_b;
        if (r == 0)
          from_b = false;
        else if (r == rows - 1)
          from_b = true;
        else if (r <= k)
          from_b = c == r - 1;
        else
          from_b = c != r - k - 1;
        block[r * k + c] = from_b ? b[c] : a[c];
      }
  }
  return out;
}

SobolIndices sobol_indices(std::size_t factors, std::span<const double> outputs,
                           std::size_t resamples, std::uint64_t seed, double level,
                           bool second_order) {
  const std::size_t k = factors, rows = second_order ? 2 * k + 2 : k + 2;
  const std::size_t last = rows - 1;  // B's row
  const std::size_t pairs = second_order ? k * (k - 1) / 2 : 0;
  if (k == 0 || outputs.size() % rows != 0)
    throw std::invalid_argument(second_order ? "Saltelli outputs come in blocks of 2 factors + 2"
                                             : "Saltelli outputs come in blocks of factors + 2");
  // The base samples whose outputs are all numbers.
  std::vector<const double*> blocks;
  for (std::size_t j = 0; j < outputs.size() / rows; ++j) {
    const double* y = outputs.data() + j * rows;
    bool numbers = true;
    for (std::size_t r = 0; r < rows; ++r) numbers = numbers && !std::isnan(y[r]);
    if (numbers) blocks.push_back(y);
  }
  SobolIndices out;
  out.base_used = blocks.size();
  // V of f_A and f_B over the chosen base samples, in two passes (a large mean would swamp a
  // one-pass sum of squares).
  const auto variance_of = [&](std::span<const std::size_t> chosen) {
    const auto n2 = 2 * static_cast<double>(chosen.size());
    double sum = 0;
    for (std::size_t j : chosen) sum += blocks[j][0] + blocks[j][last];
    const double mean = sum / n2;
    double squares = 0;
    for (std::size_t j : chosen) {
      const double da = blocks[j][0] - mean, db = blocks[j][last] - mean;
      squares += da * da + db * db;
    }
    return squares / n2;
  };
  // Outputs 0..k-1: S_i; k..2k-1: ST_i; then S_ij by pair_index. Sums in the order of the chosen
  // units.
  const auto statistic = [&](std::span<const std::size_t> chosen, std::span<double> result) {
    const auto n = static_cast<double>(chosen.size());
    const double variance = variance_of(chosen);
    for (std::size_t i = 0; i < k; ++i) {
      double first = 0, total = 0;
      for (std::size_t j : chosen) {
        const double* y = blocks[j];
        const double fa = y[0], fab = y[1 + i], fb = y[last];
        first += fb * (fab - fa);
        total += (fa - fab) * (fa - fab);
      }
      result[i] = variance > 0 ? first / n / variance : std::nan("");
      result[k + i] = variance > 0 ? total / (2 * n) / variance : std::nan("");
    }
    for (std::size_t i = 0; i + 1 < k && pairs > 0; ++i)
      for (std::size_t m = i + 1; m < k; ++m) {
        double joint = 0;
        for (std::size_t j : chosen) {
          const double* y = blocks[j];
          joint += y[1 + k + i] * y[1 + m] - y[0] * y[last];  // f_BAi f_ABm - f_A f_B
        }
        result[2 * k + pair_index(k, i, m)] =
            variance > 0 ? joint / n / variance - result[i] - result[m] : std::nan("");
      }
  };
  if (blocks.empty()) {
    const Interval none{std::nan(""), std::nan(""), std::nan("")};
    out.first.assign(k, none);
    out.total = out.first;
    out.second.assign(pairs, none);
    return out;
  }
  const std::vector<Interval> all =
      bootstrap(blocks.size(), 2 * k + pairs, resamples, seed, level, statistic);
  const auto at = [&](std::size_t i) { return all.begin() + static_cast<std::ptrdiff_t>(i); };
  out.first.assign(at(0), at(k));
  out.total.assign(at(k), at(2 * k));
  out.second.assign(at(2 * k), all.end());
  std::vector<std::size_t> every(blocks.size());
  for (std::size_t j = 0; j < every.size(); ++j) every[j] = j;
  out.variance = variance_of(every);
  return out;
}

}  // namespace mentorsim::sensitivity
