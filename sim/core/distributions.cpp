#include "core/distributions.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace mentorsim::dist {

double exponential(double u, double mean) {
  return -mean * std::log(u);
}

double standard_normal(Draws& draws) {
  const double u1 = draws.uniform();
  const double u2 = draws.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
}

double truncated_normal(Draws& draws, double mean, double sd, double lo, double hi) {
  if (sd <= 0.0) return std::clamp(mean, lo, hi);
  for (int attempt = 0; attempt < 64; ++attempt) {
    const double x = mean + sd * standard_normal(draws);
    if (x >= lo && x <= hi) return x;
  }
  return std::clamp(mean, lo, hi);
}

namespace {

double log_factorial(std::uint64_t k) {
  return std::lgamma(static_cast<double>(k) + 1.0);
}

std::uint64_t poisson_inversion(Draws& draws, double mean) {
  // Sequential search from 0; exact, and fast for small means.
  const double u = draws.uniform();
  double p = std::exp(-mean);
  double cdf = p;
  std::uint64_t k = 0;
  while (u > cdf && k < 1000) {
    ++k;
    p *= mean / static_cast<double>(k);
    cdf += p;
  }
  return k;
}

std::uint64_t poisson_ptrs(Draws& draws, double mean) {
  // Hörmann, "The transformed rejection method for generating Poisson random variables" (1993).
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const double u = draws.uniform() - 0.5;
    const double v = draws.uniform();
    const double us = 0.5 - std::fabs(u);
    const double kd = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (kd < 0) continue;
    const auto k = static_cast<std::uint64_t>(kd);
    if (us >= 0.07 && v <= vr) return k;
    if (us < 0.013 && v > us) continue;
    if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
        -mean + kd * loglam - log_factorial(k))
      return k;
  }
}

}  // namespace

std::uint64_t poisson(Draws& draws, double mean) {
  if (mean <= 0.0) return 0;
  return mean < 30.0 ? poisson_inversion(draws, mean) : poisson_ptrs(draws, mean);
}

std::size_t categorical(double u, const double* weights, std::size_t n) {
  double total = 0.0;
  for (std::size_t i = 0; i < n; ++i) total += weights[i];
  double target = u * total;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (target < weights[i]) return i;
    target -= weights[i];
  }
  return n == 0 ? 0 : n - 1;
}

double weekly_probability_from_annual_hazard(double per_year) {
  return -std::expm1(-per_year / 52.0);
}

double annual_hazard_from_annual_probability(double probability) {
  return -std::log1p(-probability);
}

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::sqrt(2.0));
}

double normal_quantile(double p) {
  // Acklam's coefficients: the central region |p - 1/2| <= 0.47575 and the two tails.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double low = 0.02425;
  double x;
  if (p < low) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - low) {
    const double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // One Halley step on Phi(x) - p.
  const double e = normal_cdf(x) - p;
  const double u = e * std::sqrt(2 * std::numbers::pi) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

double truncated_normal_at(double u, double mean, double sd, double lo, double hi) {
  const double fa = normal_cdf((lo - mean) / sd), fb = normal_cdf((hi - mean) / sd);
  const double p = fa + u * (fb - fa);
  if (p <= 0) return lo;
  if (p >= 1) return hi;
  return std::clamp(mean + sd * normal_quantile(p), lo, hi);
}

}  // namespace mentorsim::dist
