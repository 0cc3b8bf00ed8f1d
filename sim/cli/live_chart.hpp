#pragma once
// `mentorsim run --live`: the first replicate drawn week by week for a room — the waiting list,
// coverage and the share of mentors burned out — at a pace people can follow. On a terminal the
// chart is redrawn in place (on stderr, so stdout keeps only the summary); elsewhere a line is
// printed every quarter (13 weeks).
#include <chrono>
#include <cstdint>
#include <string>

#include "engine/replicates.hpp"

namespace mentorsim::cli {

class LiveChart {
 public:
  // `weeks_per_second`: the pace (the run is held back to it); `terminal`: redraw in place.
  LiveChart(std::string title, std::int64_t weeks, double weeks_per_second, bool terminal);
  // Observes replicate 0 only (the others run on at full speed).
  WeekObserver observer();
  // The chart after `week`, as drawn (for tests): three panels of `kRows` rows.
  std::string frame(Week week, const Simulation& run) const;

  static constexpr int kRows = 3;    // rows per panel: 24 levels with 8 block heights
  static constexpr int kWidth = 52;  // columns for the whole run

 private:
  void show(Week week, const Simulation& run);

  std::string title_;
  std::int64_t weeks_;
  double weeks_per_second_;
  bool terminal_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace mentorsim::cli
