#pragma once
// A sweep index's per-point summaries, read back and printed: `mentorsim summarize DIR`.
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "output/metric_selection.hpp"

namespace mentorsim::sweep {

struct PointSummaries {
  std::string sweep_name;
  std::string sweep_source, sweep_text;  // the sweep file's path and whole text, as recorded
  std::uint64_t runs_total = 0;
  std::uint64_t runs_done = 0;
  std::vector<std::string> axes;                      // axis keys
  std::vector<std::vector<std::string>> axis_values;  // [axis][point]: a number, or a string's text
  std::vector<bool> axis_numeric;                     // per axis: every value is a number
  std::vector<std::uint64_t> runs_of_point;           // runs done per point
  struct Metric {
    std::string name, units, doc;
    std::vector<double> mean, ci_low, ci_high;  // per point; NaN without a value
    std::vector<double> sd;                     // per point: sample sd over its replicates
  };
  std::vector<Metric> metrics;  // in report order
};

// Reads DIR/index.h5 (or an index file given directly). Throws InputError for a file that is not
// a sweep index, RunError when it cannot be read.
PointSummaries read_point_summaries(const std::filesystem::path& dir_or_index);

// "csv" (one row per point and metric: point, each axis, runs, metric, mean, ci_low, ci_high),
// "json", or "text" (a block per metric, a row per point). InputError for an unknown format or a
// --metrics name no point reports.
std::string format_point_summaries(const PointSummaries& s, std::string_view format,
                                   const MetricSelection& selection);

}  // namespace mentorsim::sweep
