#pragma once
// The recorder: every metric group of the catalogue (metrics/catalogue.cpp), run once a week and
// once at the end. It owns the series and turns the groups' declarations into the run's outputs;
// what each output is, and how it is computed, lives in its group's file. Series names are part of
// the output format (docs/outputs.md); never rename one without bumping the format version.
#include <memory>
#include <string>
#include <vector>

#include "metrics/catalogue.hpp"
#include "metrics/metric_group.hpp"
#include "metrics/run_result.hpp"
#include "state/world.hpp"

namespace mentorsim {

class Recorder {
 public:
  explicit Recorder(const Scenario& scenario);

  // Appends this week's value of every series: the groups run side by side, each reading the
  // world and setting its own values.
  void record(const World& world);
  // Every group follows `next`'s programme settings from now on (MetricGroup::continue_under).
  void continue_under(const Scenario& next);

  // The series so far and the run's summary values.
  RunResult result(const Scenario& scenario, std::uint64_t replicate) const;

  const std::vector<double>& series(const std::string& name) const;

 private:
  struct Group {
    std::unique_ptr<metrics::MetricGroup> group;
    std::vector<metrics::Instance> series, summaries;
    metrics::OutputSlots series_slots, summary_slots;
    std::size_t first_series = 0;
  };
  std::vector<Group> groups_;
  metrics::OutputSlots all_series_;             // every group's series, by name
  std::vector<metrics::Instance> series_info_;  // every series, in output order
  std::vector<std::vector<double>> values_;     // by series slot: one value per recorded week
  std::vector<double> week_;                    // this week's values, by series slot
  std::vector<std::uint8_t> filled_;            // whether a group set each of them this week
};

}  // namespace mentorsim
