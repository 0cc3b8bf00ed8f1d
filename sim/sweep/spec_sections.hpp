#pragma once
// The declarations of a sweep file's [sweep] and [[axis]] tables (params::SectionBuilder, like
// every scenario table), shared by the reader of the whole file (sweep_spec.cpp) and of its axes
// (axis_reader.cpp).
#include <toml++/toml.h>

#include <cstdint>
#include <string>

#include "input/sections.hpp"
#include "sweep/sweep_spec.hpp"

namespace mentorsim::sweep {

// How a range's values are spaced: evenly, or evenly in their logarithm.
enum class AxisScale : std::uint8_t { kLinear, kLog };
// How a sampled design spreads a range: uniformly (in the scale), or as a truncated normal.
enum class AxisDistribution : std::uint8_t { kUniform, kTruncatedNormal };

// One [[axis]] entry's declared keys; `values` is read by hand (axis_reader.cpp).
struct AxisConfig {
  std::string key;
  double from = 0;
  double to = 0;
  std::int64_t steps = 0;
  AxisScale scale = AxisScale::kLinear;
  AxisDistribution distribution = AxisDistribution::kUniform;
  double mean = 0;
  double sd = 0;
  std::string why;
  bool relative = false;
};

const params::SectionSpec& sweep_section();  // fills SweepConfig
const params::SectionSpec& axis_section();   // fills AxisConfig

// Where a TOML node starts, for the sweep's own records of where an axis or value was given.
Position position_of(const toml::node& node);

}  // namespace mentorsim::sweep
