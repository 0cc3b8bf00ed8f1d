#pragma once
// Elementary effects (Morris 1991; mu* as Campolongo, Cariboni & Saltelli 2007): a screening of
// which factors matter, at (k + 1) r runs for k factors and r trajectories.
//
// Design: p levels {0, 1/(p-1), ..., 1} per factor (p even) and a step D = p / (2 (p - 1)). A
// trajectory starts at a random grid point from which every factor can move by D in its random
// direction, then changes one factor at a time, in a random order, by +D or -D: k + 1 points, each
// differing from the one before in exactly one coordinate. Every random choice is drawn from
// Philox keyed by (seed, trajectory), so the design is a pure function of its settings.
//
// Estimators over the r trajectories, with EE_i = (f(x + e_i d) - f(x)) / d in unit-cube
// coordinates: mu_i = mean EE_i, mu*_i = mean |EE_i|, sigma_i = sd EE_i (n - 1). Intervals on mu*:
// percentile bootstrap over trajectories.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sensitivity/bootstrap.hpp"

namespace mentorsim::sensitivity {

// The points of `trajectories` trajectories over `factors` factors at `levels` levels (even,
// >= 2), row-major: trajectories * (factors + 1) rows of `factors` coordinates in [0, 1].
std::vector<double> morris_points(std::size_t factors, std::size_t trajectories, std::size_t levels,
                                  std::uint64_t seed);

struct ElementaryEffects {
  std::vector<double> mu, sigma;  // per factor
  std::vector<Interval> mu_star;  // per factor, with its bootstrap interval
  std::size_t trajectories_used = 0;
};

// The effects from the design's points and their outputs, in morris_points' order. A trajectory
// with any NaN output is left out whole.
ElementaryEffects elementary_effects(std::size_t factors, std::span<const double> points,
                                     std::span<const double> outputs, std::size_t resamples = 1000,
                                     std::uint64_t seed = 1, double level = 0.95);

}  // namespace mentorsim::sensitivity
