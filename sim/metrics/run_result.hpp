#pragma once
// What one run produces, independent of how it is written (HDF5, JSON, CSV, text).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mentorsim {

// One weekly series: values[w] is the value recorded at the end of week w.
// A name with a '/' (e.g. "mean_skill/technical") is written as a dataset inside a group.
struct Series {
  std::string name;
  std::string units;
  std::string doc;
  std::vector<double> values;
};

struct SummaryValue {
  std::string name;
  double value = 0;
  std::string units;
  std::string doc;
};

struct RunResult {
  std::string run_id;  // "r0000", "r0001", ... in replicate order
  std::string scenario_name;
  std::string scenario_source;  // path of the scenario file
  std::string resolved_scenario_toml;
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
  std::int64_t weeks = 0;
  std::vector<std::string> zones;
  std::vector<Series> weekly;
  std::vector<SummaryValue> summary;

  const Series* find_series(const std::string& name) const {
    for (const auto& s : weekly)
      if (s.name == name) return &s;
    return nullptr;
  }
};

}  // namespace mentorsim
