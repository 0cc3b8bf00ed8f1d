// The headline metrics and the --metrics selection shared by `run` and `compare`.
#include "output/metric_selection.hpp"

#include <fmt/format.h>

#include <set>

#include "core/did_you_mean.hpp"
#include "core/error.hpp"
#include "metrics/catalogue.hpp"

namespace mentorsim {

const std::vector<HeadlineGroup>& headline_groups() {
  static const std::vector<HeadlineGroup> groups = [] {
    std::vector<HeadlineGroup> out;
    for (const metrics::Theme theme : metrics::kThemes) {
      HeadlineGroup g{metrics::theme_name(theme), metrics::theme_question(theme), {}};
      for (const metrics::MetricGroupEntry& group : metrics::metric_groups())
        for (const metrics::MetricDecl& d : group.table().summaries())
          if (d.headline && d.theme == theme) g.entries.push_back({d.name, d.better});
      if (!g.entries.empty()) out.push_back(std::move(g));
    }
    return out;
  }();
  return groups;
}

std::string_view headline_question(std::string_view heading) {
  for (const metrics::Theme theme : metrics::kThemes)
    if (metrics::theme_name(theme) == heading) return metrics::theme_question(theme);
  return "";
}

Better better_of(std::string_view name) {
  const metrics::MetricDecl* d = metrics::find_summary(name);
  return d ? d->better : Better::kNeither;
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
  // Every name `matches` accepts and is not shown yet, in report order; false if it matched none.
  auto expand = [&](auto&& matches, const std::string& group) {
    bool matched = false;
    for (size_t i = 0; i < names.size(); ++i) {
      if (!matches(names[i])) continue;
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
        for (const auto& entry : group.entries)
          expand([&](std::string_view name) { return metrics::instance_of(entry.pattern, name); },
                 std::string(group.heading));
      break;
    case MetricSelection::Kind::list: {
      std::string unknown;
      for (const auto& pattern : selection.patterns)
        if (!expand([&](std::string_view name) { return glob_match(pattern, name); }, "")) {
          unknown += (unknown.empty() ? "'" : ", '") + pattern + "'";
          if (const auto close = did_you_mean(pattern, names))
            unknown += " (did you mean '" + *close + "'?)";
        }
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
