#include "metrics/metric_group.hpp"

#include <fmt/format.h>

#include <stdexcept>

namespace mentorsim::metrics {

OutputSlots::OutputSlots(const std::vector<Instance>& instances, std::size_t first) {
  for (std::size_t i = 0; i < instances.size(); ++i) {
    std::vector<std::size_t>& slots = slots_[instances[i].decl->name];
    if (slots.size() != instances[i].element)
      throw std::logic_error(fmt::format("metric '{}' declared twice", instances[i].decl->name));
    slots.push_back(first + i);
  }
}

std::size_t OutputSlots::slot(std::string_view name, std::size_t element) const {
  const auto it = slots_.find(name);
  if (it == slots_.end()) throw std::out_of_range(fmt::format("metric '{}' is not declared", name));
  if (element >= it->second.size())
    throw std::out_of_range(fmt::format("metric '{}' has no element {}", name, element));
  return it->second[element];
}

void MetricGroup::summarize(const SeriesView&, Values&) const {}

}  // namespace mentorsim::metrics
