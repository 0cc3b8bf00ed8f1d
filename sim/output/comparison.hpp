#pragma once
// `mentorsim compare`: per-scenario summaries and paired differences against a baseline, as pure
// functions of the runs, and their text / markdown / CSV / JSON renderings. How to read them:
// docs/compare.md; columns and keys: docs/output-format.md.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/run_result.hpp"
#include "output/metric_selection.hpp"
#include "output/summary_format.hpp"

namespace mentorsim {

// One scenario of a comparison (an "arm"): its runs, one per replicate, in replicate order.
struct ComparisonArm {
  std::string label;   // unique, valid as an HDF5 group name (see unique_scenario_labels)
  std::string source;  // path of the scenario file
  std::vector<RunResult> runs;
};

// Statistics of one metric in one arm. `stats` is what `mentorsim run` would print for the arm
// (mean, 95% t interval, clipped at 0 for metrics that are never negative). For every arm but the
// baseline, `difference` is the mean of (arm - baseline) over the replicates both report, paired by
// replicate index, with its unclipped 95% t interval over those n_paired differences.
struct ArmMetric {
  MetricStats stats;
  bool is_baseline = false;
  std::size_t n_paired = 0;
  MeanInterval difference;
  bool significant = false;  // the difference's interval excludes 0 (needs n_paired >= 2)
};

struct MetricComparison {
  std::string name;
  std::string units;
  std::string doc;
  std::vector<ArmMetric> arms;  // in arm order; arms[0] is the baseline
  std::string group;            // headline group it is shown under ("" outside the headline set)
  Better better = Better::kNeither;  // which way is better (its declaration)
};

struct Comparison {
  std::vector<std::string> labels;   // arm labels, baseline first
  std::vector<std::string> sources;  // arm scenario files
  std::vector<std::int64_t> weeks;   // weeks simulated per arm
  // The input each arm actually used: senior hours per week (mean_senior_hours_used) and the
  // seniors' budget (mean_senior_hours_budget), means over replicates; NaN when not reported.
  std::vector<double> senior_hours_used, senior_hours_budget;
  std::uint64_t seed = 0;                 // the base seed shared by every arm
  std::size_t replicates = 0;             // replicates of the baseline
  std::vector<MetricComparison> metrics;  // in order of first appearance, baseline first
};

// True when the 95% interval [low, high] excludes 0; false when it is NaN (fewer than 2 pairs).
bool interval_excludes_zero(const MeanInterval& interval);

// Paired statistics of every summary metric. arms[0] is the baseline; needs at least one arm with
// at least one run (RunError otherwise).
Comparison compare_arms(const std::vector<ComparisonArm>& arms);

// The comparison restricted to the metrics `selection` picks, in display order, each with its
// headline group and direction (see select_metrics; an unknown name is an InputError).
Comparison select_comparison(const Comparison& comparison, const MetricSelection& selection);

// `format` is "text", "markdown", "csv" or "json"; anything else is an InputError. Prints the
// metrics of `comparison` as they are: select_comparison first for a selection.
std::string format_comparison(const Comparison& comparison, std::string_view format);

// Labels from scenario names: '/' becomes '_', an empty name or "." / ".." becomes "scenario",
// and repeats get "-2", "-3", ... so every label is a distinct single HDF5 link name.
std::vector<std::string> unique_scenario_labels(const std::vector<std::string>& names);

}  // namespace mentorsim
