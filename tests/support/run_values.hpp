#pragma once
// A run's values by name: a summary value or weekly series of a RunResult, and a recorded series of
// a Simulation at a week. A name that is not there fails the test.
#include <catch2/catch.hpp>
#include <cstddef>
#include <string>

#include "engine/simulation.hpp"
#include "metrics/run_result.hpp"

namespace mentorsim::testing {

inline bool has_summary(const RunResult& result, const std::string& name) {
  for (const auto& s : result.summary)
    if (s.name == name) return true;
  return false;
}

inline double summary_value(const RunResult& result, const std::string& name) {
  for (const auto& s : result.summary)
    if (s.name == name) return s.value;
  FAIL("no summary " << name);
  return 0;
}

inline const Series& weekly_series(const RunResult& result, const std::string& name) {
  const Series* s = result.find_series(name);
  if (s == nullptr) FAIL("no series " << name);
  return *s;
}

// The sum of a weekly series over the run.
inline double series_total(const RunResult& result, const std::string& name) {
  double sum = 0;
  for (double v : weekly_series(result, name).values) sum += v;
  return sum;
}

// The recorded value of `series` at `week`, and at the last week recorded.
inline double at(const Simulation& sim, const std::string& series, Week week) {
  return sim.recorder().series(series).at(static_cast<std::size_t>(week));
}
inline double last(const Simulation& sim, const std::string& series) {
  return sim.recorder().series(series).back();
}

}  // namespace mentorsim::testing
