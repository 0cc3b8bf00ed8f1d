#pragma once
// The metric groups, in output order: the one list (catalogue.cpp) from which the recorder builds
// its groups and everything else learns what an output is (units, direction, aggregation, theme).
#include <memory>
#include <string_view>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"

namespace mentorsim::metrics {

struct MetricGroupEntry {
  const MetricTable& (*table)();
  // Null for outputs computed from two runs rather than recorded in one (a shock's effects
  // against its twin, metrics/shock_effects.hpp, added by compare).
  std::unique_ptr<MetricGroup> (*make)(const Scenario& scenario);
};

// Every group, in the order its series and summaries are output.
const std::vector<MetricGroupEntry>& metric_groups();

// The lists the scenario expands templates over (zones, groups, programme names, shocks 1..n,
// the [cost] currency).
ExpansionLists expansion_lists(const Scenario& scenario);

// The declaration of an output by its name as written (e.g. "mean_skill/technical"), or null.
const MetricDecl* find_series(std::string_view name);
const MetricDecl* find_summary(std::string_view name);

// The place of a summary in compare's headline table, counting from 1: the themes in order, then
// the summaries of each theme in declaration order. 0 when it is not a headline summary.
int headline_rank(const MetricDecl& decl);

}  // namespace mentorsim::metrics
