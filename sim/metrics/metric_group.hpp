#pragma once
// A metric group: one file pair under sim/metrics/ that declares its outputs in a MetricTable and
// fills them by name. The recorder (metrics/recorder.hpp) runs every group of the catalogue
// (metrics/catalogue.cpp) once a week and once at the end of the run.
//
// Adding a metric to a group touches that group's file (its declaration and the line that sets
// it) and its test; adding a group adds one line to the catalogue.
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "metrics/metric_table.hpp"

namespace mentorsim {
class World;
struct Scenario;
}  // namespace mentorsim

namespace mentorsim::metrics {

// Slots of a list of instances by declaration name (the template), one per list element.
class OutputSlots {
 public:
  OutputSlots() = default;
  // `instances[i]` lands in slot first + i.
  OutputSlots(const std::vector<Instance>& instances, std::size_t first);
  // The slot of `name`'s instance for list element `element` (0 for a plain name); throws
  // std::out_of_range naming the metric when it is not declared or has no such element.
  std::size_t slot(std::string_view name, std::size_t element) const;
  bool declares(std::string_view name) const { return slots_.contains(name); }

 private:
  std::unordered_map<std::string_view, std::vector<std::size_t>> slots_;
};

// Values a group sets by name: this week's series, or the run's summaries.
class Values {
 public:
  Values(const OutputSlots& slots, double* values, std::uint8_t* filled)
      : slots_(&slots), values_(values), filled_(filled) {}

  void set(std::string_view name, double value) { set(name, 0, value); }
  // A template's value for list element `element` (zone, group or programme index; shock i - 1).
  void set(std::string_view name, std::size_t element, double value) {
    const std::size_t s = slots_->slot(name, element);
    values_[s] = value;
    filled_[s] = 1;
  }

 private:
  const OutputSlots* slots_;
  double* values_;
  std::uint8_t* filled_;
};

// Every group's weekly series so far, read by name (plain or template with element).
class SeriesView {
 public:
  SeriesView(const OutputSlots& slots, const std::vector<std::vector<double>>& values)
      : slots_(&slots), values_(&values) {}
  const std::vector<double>& operator()(std::string_view name, std::size_t element = 0) const {
    return (*values_)[slots_->slot(name, element)];
  }

 private:
  const OutputSlots* slots_;
  const std::vector<std::vector<double>>* values_;
};

class MetricGroup {
 public:
  virtual ~MetricGroup() = default;
  // The group's declarations: one static table in the group's file.
  virtual const MetricTable& table() const = 0;
  // This week's value of every declared series, set by name. Reads the world only: the recorder
  // runs the groups side by side, each writing only its own state and values.
  virtual void record(const World& world, Values& week) = 0;
  // After the last week: every summary the table declares as kComputed, set by name. `series`
  // holds every group's series (a summary may read another group's).
  virtual void summarize(const SeriesView& series, Values& summary) const;
  // A run continued under changed programme settings (World::continue_under): a group that
  // copied programme settings takes `next`'s. Most groups read the world alone and keep this.
  virtual void continue_under(const Scenario& next) { (void)next; }
};

}  // namespace mentorsim::metrics
