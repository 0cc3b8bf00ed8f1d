#pragma once
// Summaries of a set of replicates as text, JSON or CSV (columns and keys: docs/output-format.md),
// and one run's weekly series as CSV.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/run_result.hpp"
#include "output/metric_selection.hpp"

namespace mentorsim {

// One summary value across replicates. With n < 2 there is no sd or interval (NaN).
struct MetricStats {
  std::string name;
  std::string units;
  std::string doc;
  std::vector<double> values;  // one per replicate that reported the metric, in run order
  double mean = 0;
  double sd = 0;      // sample standard deviation (n - 1 denominator)
  double ci_low = 0;  // 95% confidence interval of the mean: mean -/+ t(0.975, n-1) sd / sqrt(n)
  double ci_high = 0;
};

// The 0.975 quantile of Student's t distribution with `df` >= 1 degrees of freedom.
double t_quantile_975(std::size_t df);

// Mean of `values` with its 95% Student-t interval: mean -/+ t(0.975, n-1) sd / sqrt(n). Shared by
// the run summary and `mentorsim compare`'s paired differences. With n < 2, sd, low and high are
// NaN; with n == 0 the mean is NaN too. No clipping at 0 (summarize does that for its metrics).
struct MeanInterval {
  double mean = 0;
  double sd = 0;  // sample standard deviation (n - 1 denominator)
  double low = 0;
  double high = 0;
};
MeanInterval mean_with_interval(const std::vector<double>& values);

// The interval a summary reports for one metric's values over replicates, as its declaration's
// aggregation says (metrics::Aggregate): mean_with_interval, with the lower end clipped at 0 when
// no value is negative and, for a share, the upper end at 1 when no value exceeds 1. Used by
// summarize and by a sweep's per-point summaries.
MeanInterval metric_interval(const std::vector<double>& values, metrics::Aggregate aggregate);

// How the summary `name` aggregates over replicates: its declaration's (metrics/catalogue.hpp),
// kMean for a name no metric group declares.
metrics::Aggregate aggregate_of(std::string_view name);

// Statistics of every summary value, in the order of first appearance across runs.
std::vector<MetricStats> summarize(const std::vector<RunResult>& runs);

// `format` is "text", "json" or "csv"; anything else is an InputError. Every metric, in report
// order; with a `selection`, only the metrics it picks (an unknown name is an InputError), and in
// text under the headings of their headline group.
std::string format_summary(const std::vector<RunResult>& runs, std::string_view format);
std::string format_summary(const std::vector<RunResult>& runs, std::string_view format,
                           const MetricSelection& selection);

// "week" (0-based index into the series) and one column per series; a series shorter than the
// longest leaves its cells empty.
std::string format_weekly_csv(const RunResult& run);

}  // namespace mentorsim
