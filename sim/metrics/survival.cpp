#include "metrics/survival.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kTolerance = 1e-9;  // S(t) is a product of ratios: 0.5 may come out 0.5 + ulp

std::int64_t at(std::span<const std::int64_t> counts, std::size_t t) {
  return t < counts.size() ? counts[t] : 0;
}
}  // namespace

void kaplan_meier(std::span<const std::int64_t> events, std::span<const std::int64_t> censored,
                  std::span<double> survival) {
  std::int64_t at_risk = histogram_total(events) + histogram_total(censored);
  double s = 1.0;
  for (std::size_t t = 0; t < survival.size(); ++t) {
    const std::int64_t d = at(events, t);
    if (at_risk > 0 && d > 0) s *= 1.0 - static_cast<double>(d) / static_cast<double>(at_risk);
    survival[t] = s;
    at_risk -= d + at(censored, t);
  }
}

double kaplan_meier_quantile(std::span<const std::int64_t> events,
                             std::span<const std::int64_t> censored, double p) {
  std::int64_t at_risk = histogram_total(events) + histogram_total(censored);
  const std::size_t last = events.size();  // no events at or beyond this duration
  double s = 1.0;
  for (std::size_t t = 0; t < last; ++t) {
    const std::int64_t d = at(events, t);
    if (at_risk > 0 && d > 0) {
      s *= 1.0 - static_cast<double>(d) / static_cast<double>(at_risk);
      if (s <= 1.0 - p + kTolerance) return static_cast<double>(t);
    }
    at_risk -= d + at(censored, t);
  }
  return kNaN;
}

double kaplan_meier_at(std::span<const std::int64_t> events, std::span<const std::int64_t> censored,
                       std::size_t t) {
  std::int64_t at_risk = histogram_total(events) + histogram_total(censored);
  double s = 1.0;
  for (std::size_t u = 0; u <= t; ++u) {
    if (at_risk == 0) return s > 0 ? kNaN : 0.0;  // followed no further than u - 1
    const std::int64_t d = at(events, u);
    if (d > 0) s *= 1.0 - static_cast<double>(d) / static_cast<double>(at_risk);
    at_risk -= d + at(censored, u);
  }
  return s;
}

double histogram_percentile(std::span<const std::int64_t> counts, double p) {
  const std::int64_t m = histogram_total(counts);
  if (m == 0) return kNaN;
  // The rank exactly as percentile_sorted computes it.
  const double rank = std::ceil(p * static_cast<double>(m) - 1e-9);
  const auto k = static_cast<std::int64_t>(std::clamp(rank, 1.0, static_cast<double>(m)));
  std::int64_t seen = 0;
  for (std::size_t v = 0; v < counts.size(); ++v) {
    seen += counts[v];
    if (seen >= k) return static_cast<double>(v);
  }
  return static_cast<double>(counts.size() - 1);  // not reached: seen ends at m >= k
}

double histogram_mean(std::span<const std::int64_t> counts) {
  const std::int64_t m = histogram_total(counts);
  if (m == 0) return kNaN;
  double total = 0;
  for (std::size_t v = 0; v < counts.size(); ++v)
    total += static_cast<double>(v) * static_cast<double>(counts[v]);
  return total / static_cast<double>(m);
}

std::int64_t histogram_total(std::span<const std::int64_t> counts) {
  std::int64_t m = 0;
  for (const std::int64_t c : counts) m += c;
  return m;
}

}  // namespace mentorsim::metrics
