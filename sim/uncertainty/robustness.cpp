#include "uncertainty/robustness.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "sensitivity/regression.hpp"

namespace mentorsim::uncertainty {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The share of draws in which arm `a` has the best finite mean, a tie splitting its draw equally.
std::vector<double> best_shares(const MetricDraws& d, std::size_t arms, std::size_t draws) {
  std::vector<double> shares(arms, kNaN);
  if (d.better == metrics::Better::kNeither) return shares;
  std::fill(shares.begin(), shares.end(), 0.0);
  std::size_t counted = 0;
  for (std::size_t k = 0; k < draws; ++k) {
    const double* row = &d.arm_mean[k * arms];
    double best = kNaN;
    for (std::size_t a = 0; a < arms; ++a) {
      if (!std::isfinite(row[a])) continue;
      const bool better = d.better == metrics::Better::kHigher ? row[a] > best : row[a] < best;
      if (!std::isfinite(best) || better) best = row[a];
    }
    if (!std::isfinite(best)) continue;
    ++counted;
    const auto ties = static_cast<double>(std::count(row, row + arms, best));
    for (std::size_t a = 0; a < arms; ++a)
      if (row[a] == best) shares[a] += 1.0 / ties;
  }
  for (double& s : shares) s = counted ? s / static_cast<double>(counted) : kNaN;
  return shares;
}

Verdict verdict_of(const std::vector<double>& diffs, double robust_share) {
  if (diffs.empty()) return Verdict::kNotReported;
  const auto n = static_cast<double>(diffs.size());
  const auto above = static_cast<double>(
      std::count_if(diffs.begin(), diffs.end(), [](double x) { return x > 0; }));
  const auto below = static_cast<double>(
      std::count_if(diffs.begin(), diffs.end(), [](double x) { return x < 0; }));
  if (above == 0 && below == 0) return Verdict::kNoDifference;
  return std::max(above, below) / n >= robust_share ? Verdict::kRobust : Verdict::kDepends;
}

}  // namespace

const char* verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::kBaseline:
      return "baseline";
    case Verdict::kRobust:
      return "robust";
    case Verdict::kDepends:
      return "depends on assumptions";
    case Verdict::kNoDifference:
      return "no difference";
    case Verdict::kNotReported:
      break;
  }
  return "not reported";
}

double quantile(std::vector<double> values, double q) {
  std::erase_if(values, [](double x) { return !std::isfinite(x); });
  if (values.empty()) return kNaN;
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

MetricRobustness assess(const MetricDraws& d, std::size_t arms, std::size_t axes,
                        const std::vector<double>& unit, double robust_share) {
  const std::size_t draws = arms ? d.arm_mean.size() / arms : 0;
  MetricRobustness out;
  out.arms.resize(arms);
  const std::vector<double> best = best_shares(d, arms, draws);
  for (std::size_t a = 0; a < arms; ++a) {
    ArmRobustness& r = out.arms[a];
    r.p_best = best[a];
    r.src.assign(axes, kNaN);
    if (a == 0) {
      r.p_better = r.p_higher = r.p_lower = r.within_noise = r.median = r.q05 = r.q95 = r.noise =
          r.r2 = kNaN;
      continue;
    }
    std::vector<double> column(draws), finite, noise;
    std::size_t noisy = 0;
    for (std::size_t k = 0; k < draws; ++k) {
      column[k] = d.difference[k * arms + a];
      if (std::isfinite(column[k])) finite.push_back(column[k]);
      const double h = d.noise[k * arms + a];
      if (!std::isfinite(h) || !std::isfinite(column[k])) continue;
      noise.push_back(h);
      noisy += std::abs(column[k]) <= h ? 1 : 0;
    }
    r.within_noise =
        noise.empty() ? kNaN : static_cast<double>(noisy) / static_cast<double>(noise.size());
    const auto n = static_cast<double>(finite.size());
    const auto higher = static_cast<double>(
        std::count_if(finite.begin(), finite.end(), [](double x) { return x > 0; }));
    const auto lower = static_cast<double>(
        std::count_if(finite.begin(), finite.end(), [](double x) { return x < 0; }));
    r.p_higher = finite.empty() ? kNaN : higher / n;
    r.p_lower = finite.empty() ? kNaN : lower / n;
    r.p_better = finite.empty() || d.better == metrics::Better::kNeither ? kNaN
                 : d.better == metrics::Better::kHigher                  ? higher / n
                                                                         : lower / n;
    r.median = quantile(finite, 0.5);
    r.q05 = quantile(finite, 0.05);
    r.q95 = quantile(finite, 0.95);
    r.noise = quantile(noise, 0.5);
    r.verdict = verdict_of(finite, robust_share);
    const sensitivity::Regression fit = sensitivity::standardized_regression(axes, unit, column);
    r.src = fit.src;
    r.r2 = fit.r2;
    double largest = 0;
    for (std::size_t j = 0; j < axes; ++j)
      if (std::isfinite(r.src[j]) && std::abs(r.src[j]) > largest) {
        largest = std::abs(r.src[j]);
        r.driver = static_cast<std::ptrdiff_t>(j);
      }
  }
  return out;
}

}  // namespace mentorsim::uncertainty
