// Paired comparison of scenarios against a baseline: statistics, scenario labels, CSV and JSON.
// The text and markdown tables are in comparison_table.cpp.
#include "output/comparison.hpp"
#include "output/number_text.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "core/quoted.hpp"
#include "output/comparison_table.hpp"

namespace mentorsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<double> summary_value(const RunResult& run, const std::string& name) {
  for (const auto& v : run.summary)
    if (v.name == name) return v.value;
  return std::nullopt;
}

// (arm value - baseline value) for every replicate both report, in the arm's run order.
std::vector<double> paired_differences(const std::vector<RunResult>& baseline,
                                       const std::vector<RunResult>& arm, const std::string& name) {
  std::map<std::uint64_t, double> base_by_replicate;
  for (const auto& run : baseline)
    if (const auto v = summary_value(run, name)) base_by_replicate.emplace(run.replicate, *v);
  std::vector<double> differences;
  for (const auto& run : arm) {
    const auto v = summary_value(run, name);
    const auto base = base_by_replicate.find(run.replicate);
    if (v && base != base_by_replicate.end()) differences.push_back(*v - base->second);
  }
  return differences;
}

// ---- CSV and JSON ------------------------------------------------------------------------------

std::string format_csv(const Comparison& c) {
  std::string out = "metric,scenario,mean,ci_low,ci_high,diff,diff_low,diff_high,significant\n";
  for (const auto& m : c.metrics) {
    for (size_t a = 0; a < m.arms.size(); ++a) {
      const ArmMetric& arm = m.arms[a];
      out += fmt::format("{},{},{},{},{}", csv_field(m.name), csv_field(c.labels[a]),
                         number_or_empty(arm.stats.mean), number_or_empty(arm.stats.ci_low),
                         number_or_empty(arm.stats.ci_high));
      if (arm.is_baseline)
        out += ",,,,\n";  // no difference of the baseline with itself
      else
        out += fmt::format(",{},{},{},{}\n", number_or_empty(arm.difference.mean),
                           number_or_empty(arm.difference.low),
                           number_or_empty(arm.difference.high), arm.significant);
    }
  }
  return out;
}

std::string json_values(const std::vector<double>& values) {
  std::string out;
  for (const double v : values) out += (out.empty() ? "" : ", ") + json_number(v);
  return "[" + out + "]";
}

double input_of(const std::vector<double>& values, size_t arm) {
  return arm < values.size() ? values[arm] : kNaN;
}

std::string format_json(const Comparison& c) {
  std::string out = "{\n";
  out += fmt::format("  \"baseline\": {},\n", quoted(c.labels.front()));
  out += fmt::format("  \"seed\": {},\n  \"replicates\": {},\n  \"scenarios\": [", c.seed,
                     c.replicates);
  for (size_t a = 0; a < c.labels.size(); ++a)
    out += fmt::format(
        "{}\n    {{\"label\": {}, \"source\": {}, \"weeks\": {}, \"senior_hours_used\": {}, "
        "\"senior_hours_budget\": {}}}",
        a ? "," : "", quoted(c.labels[a]), quoted(c.sources[a]), c.weeks[a],
        json_number(input_of(c.senior_hours_used, a)),
        json_number(input_of(c.senior_hours_budget, a)));
  out += "\n  ],\n  \"metrics\": {";
  for (size_t i = 0; i < c.metrics.size(); ++i) {
    const auto& m = c.metrics[i];
    out += fmt::format("{}\n    {}: {{\"units\": {}, \"doc\": {},\n      \"stats\": {{",
                       i ? "," : "", quoted(m.name), quoted(m.units), quoted(m.doc));
    for (size_t a = 0; a < m.arms.size(); ++a) {
      const MetricStats& s = m.arms[a].stats;
      out += fmt::format(
          "{}\n        {}: {{\"mean\": {}, \"sd\": {}, \"ci_low\": {}, \"ci_high\": {}, \"n\": {}, "
          "\"values\": {}}}",
          a ? "," : "", quoted(c.labels[a]), json_number(s.mean), json_number(s.sd),
          json_number(s.ci_low), json_number(s.ci_high), s.values.size(), json_values(s.values));
    }
    out += "\n      },\n      \"differences\": {";
    bool first = true;
    for (size_t a = 0; a < m.arms.size(); ++a) {
      const ArmMetric& arm = m.arms[a];
      if (arm.is_baseline) continue;
      const MeanInterval& d = arm.difference;
      out += fmt::format(
          "{}\n        {}: {{\"mean\": {}, \"sd\": {}, \"ci_low\": {}, \"ci_high\": {}, \"n\": {}, "
          "\"significant\": {}}}",
          first ? "" : ",", quoted(c.labels[a]), json_number(d.mean), json_number(d.sd),
          json_number(d.low), json_number(d.high), arm.n_paired, arm.significant);
      first = false;
    }
    out += first ? "}\n    }" : "\n      }\n    }";
  }
  out += c.metrics.empty() ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

}  // namespace

bool interval_excludes_zero(const MeanInterval& interval) {
  // NaN compares false both ways: no interval, nothing significant.
  return interval.low > 0 || interval.high < 0;
}

Comparison compare_arms(const std::vector<ComparisonArm>& arms) {
  if (arms.empty() || arms.front().runs.empty()) throw RunError("no baseline runs to compare");
  Comparison c;
  c.seed = arms.front().runs.front().seed;
  c.replicates = arms.front().runs.size();
  std::vector<std::vector<MetricStats>> per_arm;
  std::map<std::string, size_t> index;  // metric name -> position in c.metrics
  for (const auto& arm : arms) {
    c.labels.push_back(arm.label);
    c.sources.push_back(arm.source);
    c.weeks.push_back(arm.runs.empty() ? 0 : arm.runs.front().weeks);
    per_arm.push_back(summarize(arm.runs));
    const auto mean_of = [&](const char* name) {
      for (const auto& s : per_arm.back())
        if (s.name == name) return s.mean;
      return kNaN;
    };
    c.senior_hours_used.push_back(mean_of("mean_senior_hours_used"));
    c.senior_hours_budget.push_back(mean_of("mean_senior_hours_budget"));
    for (const auto& s : per_arm.back())
      if (index.try_emplace(s.name, c.metrics.size()).second)
        c.metrics.push_back(MetricComparison{s.name, s.units, s.doc, {}, "", Better::kNeither});
  }
  for (auto& m : c.metrics) {
    for (size_t a = 0; a < arms.size(); ++a) {
      ArmMetric arm;
      arm.stats = MetricStats{m.name, m.units, m.doc, {}, kNaN, kNaN, kNaN, kNaN};
      for (const auto& s : per_arm[a])
        if (s.name == m.name) arm.stats = s;
      arm.is_baseline = a == 0;
      arm.difference = MeanInterval{kNaN, kNaN, kNaN, kNaN};
      if (!arm.is_baseline) {
        const auto differences = paired_differences(arms[0].runs, arms[a].runs, m.name);
        arm.n_paired = differences.size();
        arm.difference = mean_with_interval(differences);
        arm.significant = interval_excludes_zero(arm.difference);
      }
      m.arms.push_back(std::move(arm));
    }
  }
  return c;
}

Comparison select_comparison(const Comparison& comparison, const MetricSelection& selection) {
  std::vector<std::string> names;
  for (const auto& m : comparison.metrics) names.push_back(m.name);
  Comparison out = comparison;
  out.metrics.clear();
  for (const auto& chosen : select_metrics(names, selection)) {
    out.metrics.push_back(comparison.metrics[chosen.index]);
    out.metrics.back().group = chosen.group;
    out.metrics.back().better = chosen.better;
  }
  return out;
}

std::string format_comparison(const Comparison& comparison, std::string_view format) {
  if (comparison.labels.empty()) throw RunError("no scenarios to compare");
  if (format == "text") return format_comparison_text(comparison);
  if (format == "markdown") return format_comparison_markdown(comparison);
  if (format == "csv") return format_csv(comparison);
  if (format == "json") return format_json(comparison);
  throw InputError(Diagnostic{
      "command line", 0, 0,
      fmt::format("unknown comparison format '{}' (expected text, markdown, csv or json)",
                  format)});
}

std::vector<std::string> unique_scenario_labels(const std::vector<std::string>& names) {
  std::vector<std::string> labels;
  std::set<std::string> used;
  for (const auto& name : names) {
    std::string base = name;
    for (char& ch : base)
      if (ch == '/') ch = '_';  // a '/' would nest groups in the HDF5 file
    if (base.empty() || base == "." || base == "..") base = "scenario";
    std::string label = base;
    for (int k = 2; used.count(label); ++k) label = fmt::format("{}-{}", base, k);
    used.insert(label);
    labels.push_back(label);
  }
  return labels;
}

}  // namespace mentorsim
