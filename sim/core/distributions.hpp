#pragma once
// The project's own distributions, written on top of uniform draws in (0, 1). std:: distributions
// are implementation-defined and would make results differ between standard libraries.
#include <cstdint>

#include "core/rng.hpp"

namespace mentorsim::dist {

// Bernoulli(p): true with probability p.
inline bool bernoulli(double u, double p) {
  return u < p;
}

// Exponential with the given mean, by inversion.
double exponential(double u, double mean);

// Standard normal by Box–Muller, consuming two uniforms.
double standard_normal(Draws& draws);

// Normal(mean, sd) truncated to [lo, hi] by resampling (at most 64 tries, then clamped).
double truncated_normal(Draws& draws, double mean, double sd, double lo, double hi);

// The standard normal distribution function Phi(z), and its inverse for 0 < p < 1 (Acklam's
// rational approximation refined by one Halley step: relative error about 1e-15).
double normal_cdf(double z);
double normal_quantile(double p);

// The value at unit position u in [0, 1] of a normal(mean, sd) truncated to [lo, hi]: the
// inverse of its distribution function, so a uniform u gives the truncated normal.
double truncated_normal_at(double u, double mean, double sd, double lo, double hi);

// Poisson(mean): inversion by sequential search for mean < 30, else the PTRS transformed-rejection
// method of Hörmann (1993). Consumes as many uniforms as it needs from `draws`.
std::uint64_t poisson(Draws& draws, double mean);

// Index i with probability weights[i] / sum(weights). `weights` need not be normalised.
std::size_t categorical(double u, const double* weights, std::size_t n);

// Weekly probability of an event with constant hazard `per_year` (events per year), exactly:
// p = 1 - exp(-h / 52).
double weekly_probability_from_annual_hazard(double per_year);

// The annual hazard equivalent to an annual probability P: h = -ln(1 - P).
double annual_hazard_from_annual_probability(double probability);

}  // namespace mentorsim::dist
