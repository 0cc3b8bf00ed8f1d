#pragma once
// Which summary metrics a printed table shows (`--metrics` of `mentorsim run` and `compare`): the
// headline set, every metric, or a list of names and glob patterns. The headline set is defined
// here and nowhere else (metric_selection.cpp); docs/compare.md explains it.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/metric_table.hpp"

namespace mentorsim {

using metrics::Better;

// One headline entry: a summary's declared name (a template such as "shock{shock}/recovered"
// stands for each of its instances) and which way it is better.
struct HeadlineEntry {
  std::string_view pattern;
  Better better;
};

// A group of the headline set: a theme's heading ("Reach"), the question it answers, and its
// headline summaries in declaration order.
struct HeadlineGroup {
  std::string_view heading;
  std::string_view question;
  std::vector<HeadlineEntry> entries;
};

// The headline set in theme order (metrics::kThemes), themes without a headline summary left out:
// every summary the metric groups declare headline.
const std::vector<HeadlineGroup>& headline_groups();

// The heading's question ("" for a heading that is not a theme).
std::string_view headline_question(std::string_view heading);

// Which way the summary `name` is better, from its declaration (kNeither when undeclared).
Better better_of(std::string_view name);

struct MetricSelection {
  enum class Kind { headline, all, list };
  Kind kind = Kind::all;
  std::vector<std::string> patterns;  // for Kind::list, in the order given
};

// Parses a --metrics value: "headline", "all", or a comma-separated list of names and patterns
// (spaces around items are ignored). An empty value or an empty item is an InputError.
MetricSelection parse_metric_selection(std::string_view spec);

// The selection when --metrics is not given: the headline set for the tables people read (text,
// markdown), every metric for the formats scripts read (csv, json), so a script never loses a
// column when the headline set changes.
MetricSelection default_metric_selection(std::string_view format);

// '*' matches any run of characters (including '/' and none), '?' exactly one; all else literally.
bool glob_match(std::string_view pattern, std::string_view name);

// One metric to show: its position in the `names` given to select_metrics, the headline group it
// is shown under ("" outside the headline set) and which way it is better (from its declaration,
// whatever the selection).
struct SelectedMetric {
  std::size_t index = 0;
  std::string group;
  Better better = Better::kNeither;
};

// The metrics to show, in display order, out of `names` (every metric reported, in report order).
// - headline: the headline entries in order, each expanded to the matching names in report order;
//   entries no name matches are skipped (a metric family that does not exist yet, or a shock
//   metric when no scenario has a shock).
// - all: every name in report order.
// - list: each item in order, expanded like a headline entry; a name is shown once, where it is
//   first selected. An item that matches no name is an InputError that lists the valid choices.
std::vector<SelectedMetric> select_metrics(const std::vector<std::string>& names,
                                           const MetricSelection& selection);

}  // namespace mentorsim
