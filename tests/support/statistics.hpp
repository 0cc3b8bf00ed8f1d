#pragma once
// Estimates and standard errors for the statistical checks (|estimate - expected| <= k SE).
#include <cmath>
#include <vector>

namespace mentorsim::testing {

// An estimate and its standard error.
struct Estimate {
  double mean = 0, se = 0;
};

// Mean of independent values and its SE = sample sd / sqrt(n), the sd from the squared
// deviations from the mean (two passes).
inline Estimate estimate(const std::vector<double>& xs) {
  const double n = static_cast<double>(xs.size());
  double sum = 0, ss = 0;
  for (double x : xs) sum += x;
  for (double x : xs) ss += (x - sum / n) * (x - sum / n);
  return {sum / n, std::sqrt(ss / (n - 1) / n)};
}

// The values that are not NaN (a weekly series' weeks with something to measure), in order.
inline std::vector<double> without_nans(const std::vector<double>& xs) {
  std::vector<double> out;
  for (double x : xs)
    if (!std::isnan(x)) out.push_back(x);
  return out;
}

// SE of a share of `n` independent trials that succeed with probability `p`: sqrt(p (1 - p) / n).
inline double binomial_se(double p, double n) {
  return std::sqrt(p * (1 - p) / n);
}

}  // namespace mentorsim::testing
