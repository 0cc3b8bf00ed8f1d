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

}  // namespace mentorsim::dist
