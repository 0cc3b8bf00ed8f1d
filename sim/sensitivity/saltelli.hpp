#pragma once
// Variance-based sensitivity (Sobol' indices) by Saltelli's scheme (Saltelli et al. 2010,
// "Variance based sensitivity analysis of model output", Comput. Phys. Commun. 181, 259-270).
//
// Design: two independent quasi-random matrices A and B of N rows and k factors (the two halves of
// a 2k-dimensional Sobol' sequence), and for each factor i the matrix AB_i: A with column i taken
// from B. The N (k + 2) points are laid out per base sample j: A_j, AB_1j, ..., AB_kj, B_j. With
// second-order indices, BA_i (B with column i from A) follow the AB_i: N (2k + 2) points.
//
// Estimators, with f_A, f_B, f_ABi the outputs and V the variance of f_A and f_B together:
//   first order  S_i  = mean_j f_B (f_ABi - f_A) / V              (Saltelli et al. 2010, eq. (b))
//   total        ST_i = mean_j (f_A - f_ABi)^2 / (2 V)            (Jansen 1999)
//   second order S_ij = mean_j (f_BAi f_ABj - f_A f_B) / V - S_i - S_j   (Saltelli 2002)
// Intervals: percentile bootstrap over the base samples (each keeps its k + 2 outputs together).
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sensitivity/bootstrap.hpp"

namespace mentorsim::sensitivity {

// The points of a Saltelli design in the unit cube, row-major: base * (factors + 2) rows of
// `factors` coordinates, in the layout above.
std::vector<double> saltelli_points(std::size_t factors, std::size_t base,
                                    bool second_order = false);

// The index of pair (i, j), i < j, among the k (k - 1) / 2 second-order indices: (0, 1), (0, 2),
// ..., (0, k - 1), (1, 2), ...
std::size_t pair_index(std::size_t factors, std::size_t i, std::size_t j);

struct SobolIndices {
  std::vector<Interval> first, total;  // per factor, with bootstrap intervals
  std::vector<Interval> second;        // per pair (pair_index), when the design has them
  double variance = 0;                 // V, of f_A and f_B together
  std::size_t base_used = 0;           // base samples with no NaN output among their k + 2
};

// The indices from the outputs of saltelli_points(factors, base) in its order. A base sample with
// any NaN output is left out whole. `resamples` bootstrap resamples, keyed by `seed`.
SobolIndices sobol_indices(std::size_t factors, std::span<const double> outputs,
                           std::size_t resamples = 1000, std::uint64_t seed = 1,
                           double level = 0.95, bool second_order = false);

}  // namespace mentorsim::sensitivity
