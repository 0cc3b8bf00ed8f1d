#pragma once
// `mentorsim sensitivity DIR`: the sensitivity indices of a finished Morris or Sobol' sweep
// (docs/sensitivity.md), from its index: the design is rebuilt from the sweep text the index
// records, each point's output is the mean of its replicates, and each metric gets Morris mu*, mu,
// sigma or Sobol' first-order and total indices with bootstrap intervals.
//
// Replicate noise. A point's output is a mean over R replicates, so it carries noise of variance
// about s^2 / R, s^2 the mean within-point variance (taken from the points' sample sds). That noise
// is reported beside the indices rather than removed from them:
//   Sobol': noise_share = (s^2 / R) / V, the share of the outputs' variance V that replicate noise
//     alone could account for; indices whose size is below it are not distinguishable from noise;
//   Morris: noise_mu_star = 2 s / (D sqrt(pi R)), the mu* a factor with no effect would show from
//     noise alone (E|e1 - e2| / D for two independent point means, D the step).
// Both are upper bounds under common random numbers, whose noise is shared between points and
// partly cancels in their differences.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "output/metric_selection.hpp"
#include "sensitivity/bootstrap.hpp"

namespace mentorsim::sweep {

struct FactorIndices {
  std::string axis;
  sensitivity::Interval first, total;  // Sobol'
  sensitivity::Interval mu_star;       // Morris
  double mu = 0, sigma = 0;            // Morris
};

// A second-order Sobol' index: the share of variance axes a and b explain together beyond each.
struct PairIndex {
  std::string a, b;
  sensitivity::Interval index;
};

struct MetricSensitivity {
  std::string name, units;
  std::vector<FactorIndices> factors;  // in axis order
  std::vector<PairIndex> pairs;        // Sobol' with second_order: every pair, a before b
  std::size_t units_used = 0;          // base samples (Sobol') or trajectories (Morris) used
  double noise = 0;                    // noise_share (Sobol') or noise_mu_star (Morris)
  double variance = 0;                 // V of the point means (Sobol')
};

struct SensitivityStudy {
  std::filesystem::path index;     // the index it was computed from
  std::string sweep_name, method;  // method: "morris" or "sobol"
  std::size_t resamples = 0;
  std::size_t points = 0, replicates = 0;
  std::vector<std::string> axes;
  std::vector<MetricSensitivity> metrics;
};

// Reads DIR/index.h5 (or an index given directly) and computes the indices of the metrics
// `selection` picks, with `resamples` bootstrap resamples. InputError for an index that is not a
// Morris or Sobol' sweep, or one with runs still missing; RunError when it cannot be read.
SensitivityStudy compute_sensitivity(const std::filesystem::path& dir_or_index,
                                     const MetricSelection& selection,
                                     std::size_t resamples = 1000);

// Writes the study into its index as the group /sensitivity (replacing an older one; layout in
// docs/sensitivity.md): on a copy of the index beside it, synced and renamed over it, so the index
// is never left half-written. RunError when it cannot be written.
void write_sensitivity(const SensitivityStudy& study);

// "text" (a table per metric, factors by importance), "csv" (metric, axis, statistic, estimate,
// ci_low, ci_high) or "json".
std::string format_sensitivity(const SensitivityStudy& study, std::string_view format);

}  // namespace mentorsim::sweep
