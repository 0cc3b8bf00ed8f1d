// The headline metrics and the --metrics selection shared by `run` and `compare`.
#include "output/metric_selection.hpp"

#include <fmt/format.h>

#include <set>

#include "core/error.hpp"

namespace mentorsim {

const std::vector<HeadlineGroup>& headline_groups() {
  // The one list of headline metrics. Names no run reports are skipped, so families that are not
  // recorded yet (or only in scenarios with a [[shock]]) can be listed before they exist.
  static const std::vector<HeadlineGroup> groups = {
      {"Reach",
       "who gets mentoring, and how soon",
       {{"mean_coverage", Better::higher},
        {"wait_to_first_match_median_weeks", Better::lower},
        {"mean_wait_weeks", Better::lower},
        {"peak_waiting_list", Better::lower},
        {"mean_developers_per_learner", Better::higher}}},
      {"Burnout",
       "how many mentors burn out, and how unevenly the load falls",
       {{"peak_burned_out_mentor_share", Better::lower},
        {"departures_burnout_total", Better::lower},
        {"mean_load_gini", Better::lower}}},
      {"Resilience",
       "what survives the loss of key people",
       {{"mean_single_developer_share", Better::lower},
        {"isolation_events_total", Better::lower},
        {"shock*/coverage_drop", Better::lower},
        {"shock*/knowledge_retained", Better::higher},
        {"shock*/recovered", Better::higher},
        {"shock*/recovery_weeks", Better::lower}}},
      // The Kaplan-Meier median time to competence is undefined (NaN) wherever fewer than half
      // become competent before they leave, which is most runs: the one-year share is shown.
      {"Growth",
       "how many become competent, and how fast",
       {{"final_competent_share", Better::higher},
        {"competent_within_52w_share", Better::higher},
        {"never_competent_share", Better::lower}}},
      {"Equity", "whether every group is reached alike", {{"mean_access_ratio", Better::higher}}},
      {"Cost", "what the reach costs", {{"cost_per_covered_practitioner_year", Better::lower}}},
  };
  return groups;
}

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

InputError metrics_error(std::string message) {
  return InputError(Diagnostic{"--metrics", 0, 0, std::move(message)});
}

Better better_of(std::string_view name) {
  for (const auto& group : headline_groups())
    for (const auto& entry : group.entries)
      if (glob_match(entry.pattern, name)) return entry.better;
  return Better::unknown;
}

}  // namespace

MetricSelection parse_metric_selection(std::string_view spec) {
  const std::string_view whole = trim(spec);
  if (whole == "headline") return {MetricSelection::Kind::headline, {}};
  if (whole == "all") return {MetricSelection::Kind::all, {}};
  if (whole.empty())
    throw metrics_error("needs 'headline', 'all' or a comma-separated list of metric names");
  MetricSelection selection{MetricSelection::Kind::list, {}};
  size_t begin = 0;
  while (true) {
    const size_t comma = whole.find(',', begin);
    const std::string_view item =
        trim(whole.substr(begin, comma == std::string_view::npos ? whole.npos : comma - begin));
    if (item.empty())
      throw metrics_error(
          fmt::format("empty item in '{}' (names are separated by single commas)", spec));
    selection.patterns.emplace_back(item);
    if (comma == std::string_view::npos) break;
    begin = comma + 1;
  }
  return selection;
}

MetricSelection default_metric_selection(std::string_view format) {
  if (format == "text" || format == "markdown") return {MetricSelection::Kind::headline, {}};
  return {MetricSelection::Kind::all, {}};
}

bool glob_match(std::string_view pattern, std::string_view name) {
  // Greedy matching with backtracking to the last '*': linear in practice, no recursion.
  size_t p = 0, n = 0, star = std::string_view::npos, resume = 0;
  while (n < name.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::vector<SelectedMetric> select_metrics(const std::vector<std::string>& names,
                                           const MetricSelection& selection) {
  std::vector<SelectedMetric> out;
  std::set<size_t> taken;
  // Every name `pattern` matches and is not shown yet, in report order; false if it matched none.
  auto expand = [&](std::string_view pattern, const std::string& group) {
    bool matched = false;
    for (size_t i = 0; i < names.size(); ++i) {
      if (!glob_match(pattern, names[i])) continue;
      matched = true;
      if (taken.insert(i).second) out.push_back({i, group, better_of(names[i])});
    }
    return matched;
  };
  switch (selection.kind) {
    case MetricSelection::Kind::all:
      for (size_t i = 0; i < names.size(); ++i) out.push_back({i, "", better_of(names[i])});
      break;
    case MetricSelection::Kind::headline:
      for (const auto& group : headline_groups())
        for (const auto& entry : group.entries) expand(entry.pattern, std::string(group.heading));
      break;
    case MetricSelection::Kind::list: {
      std::string unknown;
      for (const auto& pattern : selection.patterns)
        if (!expand(pattern, "")) unknown += (unknown.empty() ? "'" : ", '") + pattern + "'";
      if (!unknown.empty()) {
        std::string valid;
        for (const auto& name : names) valid += (valid.empty() ? "" : ", ") + name;
        throw metrics_error(fmt::format(
            "no metric matches {}. Give 'headline', 'all', or a comma-separated list of names "
            "and patterns ('*' matches any characters, e.g. 'shock*/*') among: {}",
            unknown, valid.empty() ? "(no metrics reported)" : valid));
      }
      break;
    }
  }
  return out;
}

}  // namespace mentorsim
