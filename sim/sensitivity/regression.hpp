#pragma once
// Standardised regression coefficients (SRC; Saltelli et al. 2008, "Global Sensitivity Analysis:
// The Primer", §1.2.5): the least-squares fit y = b0 + sum_j b_j x_j, each slope rescaled by
// sd(x_j) / sd(y). For a model that is close to linear in its inputs (R^2 near 1) and independent
// inputs, SRC_j^2 is the share of the variance of y that x_j explains; the sign says which way it
// pushes. Cheap where variance-based indices are not: it needs only a plain random sample (a Latin
// hypercube), more points than inputs.
#include <cstddef>
#include <span>
#include <vector>

namespace mentorsim::sensitivity {

struct Regression {
  std::vector<double> src;  // per input; NaN when undetermined (see below)
  double r2 = 0;            // coefficient of determination of the fit; NaN when undetermined
};

// `x`: rows of `inputs` values, row-major, one row per output in `y`. Rows with a NaN anywhere are
// left out. Undetermined (every coefficient NaN) with no more usable rows than inputs + 1 or when
// y does not vary; an input that does not vary gets NaN and is left out of the fit.
Regression standardized_regression(std::size_t inputs, std::span<const double> x,
                                   std::span<const double> y);

}  // namespace mentorsim::sensitivity
