#pragma once
// Which differences between compared scenarios survive the assumptions (docs/sensitivity.md,
// "Ranking robustness"): pure statistics of every arm's metric under K draws of the uncertain
// parameters, paired within each draw by common random numbers.
#include <cstddef>
#include <string>
#include <vector>

#include "metrics/metric_table.hpp"

namespace mentorsim::uncertainty {

// How a difference from the baseline behaves across the draws.
enum class Verdict : std::uint8_t {
  kBaseline,      // the baseline itself
  kRobust,        // the same sign in at least robust_share of the draws
  kDepends,       // "depends on assumptions": the sign changes in more draws than that allows
  kNoDifference,  // zero in every draw
  kNotReported,   // no draw reports it
};
const char* verdict_name(Verdict verdict);

// Shares are over the draws that report a value: a draw in which the metric is NaN (not reported)
// counts in no share.
// One metric's values under the draws: K rows of A arms (arm 0 the baseline), row-major.
struct MetricDraws {
  std::string name, units, doc, group;
  metrics::Better better = metrics::Better::kNeither;
  std::vector<double> arm_mean;    // K x A: mean over replicates
  std::vector<double> difference;  // K x A: paired mean difference from the baseline (0 for it)
  std::vector<double> noise;       // K x A: half-width of that difference's 95% t interval
  std::vector<double> nominal;     // A: the difference at the scenarios' own values
};

struct ArmRobustness {
  double p_best = 0;    // share of draws in which the arm's mean is best (ties shared)
  double p_better = 0;  // share of draws in which it beats the baseline (NaN: baseline, neither)
  // Shares of the draws that report the difference in which it is above 0 and below 0 (NaN:
  // baseline); a zero difference counts in neither, so they need not add up to 1.
  double p_higher = 0, p_lower = 0;
  double median = 0, q05 = 0, q95 = 0;  // of the difference across draws (NaN: baseline)
  double noise = 0;  // median over draws of the difference's replicate half-width
  // Share of the draws (with a half-width) in which |difference| is within that half-width: the
  // replicates cannot tell its sign. High where the arms barely differ under some assumptions.
  double within_noise = 0;
  Verdict verdict = Verdict::kBaseline;
  std::vector<double> src;  // standardised regression coefficient per axis (NaN: undetermined)
  double r2 = 0;
  std::ptrdiff_t driver = -1;  // the axis with the largest |src|, or -1
};

struct MetricRobustness {
  std::vector<ArmRobustness> arms;  // in arm order
};

// `unit`: K rows of the draws' unit-cube coordinates, one column per axis. NaN values (a metric a
// draw does not report) are left out of every share, quantile and regression.
MetricRobustness assess(const MetricDraws& draws, std::size_t arms, std::size_t axes,
                        const std::vector<double>& unit, double robust_share);

// Linear-interpolation quantile (Hyndman & Fan type 7, as numpy's default) of the finite values.
double quantile(std::vector<double> values, double q);

}  // namespace mentorsim::uncertainty
