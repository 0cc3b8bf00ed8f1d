// Summary statistics across replicates and their text, JSON and CSV renderings.
#include "output/summary_format.hpp"
#include "output/number_text.hpp"

#include "output/text_columns.hpp"

#include "core/quoted.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

#include <fmt/format.h>

#include "core/error.hpp"
#include "metrics/catalogue.hpp"

namespace mentorsim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ---- CSV and JSON building blocks
// ----------------------------------------------------------------

// A JSON string literal. UTF-8 passes through; control characters are escaped.
std::string json_string(std::string_view s) {
  return quoted(s);
}

// ---- Text table --------------------------------------------------------------------------------

constexpr size_t kLineWidth = 100;
constexpr size_t kMetricMax = 40;  // longer metric names are cut with "..."
constexpr size_t kMeanWidth = 12;  // "{:.6g}" is at most 12 characters, e.g. "-1.23457e+06"
constexpr size_t kCiWidth = 28;    // "[" + 12 + ", " + 12 + "]"
constexpr size_t kGap = 2;

using text::fit;
using text::pad_left;
using text::pad_right;
using text::width;

// `groups[i]` is the headline group of stats[i] ("" for none): a heading line opens each group.
std::string format_text(const RunResult& first, size_t n, const std::vector<MetricStats>& stats,
                        const std::vector<std::string>& groups) {
  std::string out =
      fit(fmt::format("scenario {}: {} replicate{}, {} weeks, seed {}", first.scenario_name, n,
                      n == 1 ? "" : "s", first.weeks, first.seed),
          kLineWidth) +
      "\n";
  size_t metric_w = width("metric");
  for (const auto& m : stats) metric_w = std::max(metric_w, std::min(width(m.name), kMetricMax));
  const size_t units_w = kLineWidth - metric_w - kMeanWidth - kCiWidth - 3 * kGap;
  const std::string gap(kGap, ' ');
  auto row = [&](std::string_view metric, std::string_view mean, std::string_view ci,
                 std::string_view units) {
    std::string line = pad_right(fit(metric, metric_w), metric_w) + gap +
                       pad_left(mean, kMeanWidth) + gap + pad_left(ci, kCiWidth) + gap +
                       fit(units, units_w);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  row("metric", "mean", "95% CI", "units");
  row(std::string(metric_w, '-'), std::string(kMeanWidth, '-'), std::string(kCiWidth, '-'),
      std::string(std::min<size_t>(units_w, 5), '-'));
  std::string group;
  for (size_t i = 0; i < stats.size(); ++i) {
    const MetricStats& m = stats[i];
    if (groups[i] != group && !groups[i].empty()) out += fmt::format("== {} ==\n", groups[i]);
    group = groups[i];
    const std::string ci =
        m.values.size() < 2 ? "-" : fmt::format("[{:.4g}, {:.4g}]", m.ci_low, m.ci_high);
    row(m.name, fmt::format("{:.4g}", m.mean), ci, m.units);
  }
  if (!group.empty()) out += "(headline metrics only: --metrics all shows every one)\n";
  return out;
}

std::string format_json(const RunResult& first, size_t n, const std::vector<MetricStats>& stats) {
  std::string out = "{\n";
  out += fmt::format("  \"scenario\": {},\n", json_string(first.scenario_name));
  out += fmt::format("  \"source\": {},\n", json_string(first.scenario_source));
  out += fmt::format("  \"replicates\": {},\n  \"weeks\": {},\n", n, first.weeks);
  out += fmt::format("  \"seed\": {},\n  \"metrics\": {{", first.seed);
  for (size_t i = 0; i < stats.size(); ++i) {
    const auto& m = stats[i];
    std::string values;
    for (const double v : m.values) values += (values.empty() ? "" : ", ") + json_number(v);
    out += fmt::format(
        "{}\n    {}: {{\"mean\": {}, \"sd\": {}, \"ci_low\": {}, \"ci_high\": {}, \"units\": {}, "
        "\"doc\": {}, \"values\": [{}]}}",
        i == 0 ? "" : ",", json_string(m.name), json_number(m.mean), json_number(m.sd),
        json_number(m.ci_low), json_number(m.ci_high), json_string(m.units), json_string(m.doc),
        values);
  }
  out += stats.empty() ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

std::string format_csv(const std::vector<MetricStats>& stats) {
  std::string out = "metric,units,mean,sd,ci_low,ci_high,n\n";
  for (const auto& m : stats)
    out += fmt::format("{},{},{},{},{},{},{}\n", csv_field(m.name), csv_field(m.units),
                       number_or_empty(m.mean), number_or_empty(m.sd), number_or_empty(m.ci_low),
                       number_or_empty(m.ci_high), m.values.size());
  return out;
}

}  // namespace

double t_quantile_975(std::size_t df) {
  // Exact to the digits shown for df <= 30 (computed by inverting the regularised incomplete beta
  // function); beyond that the Cornish-Fisher expansion in 1/df (Abramowitz & Stegun 26.7.5) is
  // within 3e-8.
  static constexpr std::array<double, 30> kTable = {
      12.7062047361747,  4.302652729749464, 3.18244630528371,  2.776445105197794,
      2.570581835636316, 2.44691185114497,  2.364624251592785, 2.306004135204167,
      2.262157162798206, 2.228138851986275, 2.20098516009164,  2.178812829667229,
      2.160368656462793, 2.144786687917804, 2.131449545559776, 2.119905299221255,
      2.109815577833317, 2.100922040241038, 2.09302405440831,  2.085963447265865,
      2.07961384472768,  2.073873067904026, 2.068657610419049, 2.063898561628026,
      2.059538552753298, 2.055529438642873, 2.051830516480286, 2.048407141795245,
      2.045229642132704, 2.042272456301238};
  if (df == 0) return kNaN;
  if (df <= kTable.size()) return kTable[df - 1];
  const double z = 1.959963984540054;  // standard normal 0.975 quantile
  const double z2 = z * z;
  const double g1 = z * (z2 + 1) / 4;
  const double g2 = z * ((5 * z2 + 16) * z2 + 3) / 96;
  const double g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
  const double g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160;
  const double v = static_cast<double>(df);
  return z + (g1 + (g2 + (g3 + g4 / v) / v) / v) / v;
}

MeanInterval mean_with_interval(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  double sum = 0;
  for (const double v : values) sum += v;
  MeanInterval out{values.empty() ? kNaN : sum / n, kNaN, kNaN, kNaN};
  if (values.size() < 2) return out;
  double squares = 0;  // two-pass: no cancellation for large means with small spread
  for (const double v : values) squares += (v - out.mean) * (v - out.mean);
  out.sd = std::sqrt(squares / (n - 1));
  const double half = t_quantile_975(values.size() - 1) * out.sd / std::sqrt(n);
  out.low = out.mean - half;
  out.high = out.mean + half;
  return out;
}

metrics::Aggregate aggregate_of(std::string_view name) {
  const metrics::MetricDecl* d = metrics::find_summary(name);
  return d ? d->aggregate : metrics::Aggregate::kMean;
}

MeanInterval metric_interval(const std::vector<double>& values, metrics::Aggregate aggregate) {
  MeanInterval interval = mean_with_interval(values);
  if (values.size() < 2) return interval;
  // Counts, shares and durations cannot be negative: when no replicate is, neither is the
  // interval's lower end (the t interval is symmetric and would otherwise cross 0 for a metric
  // that is 0 in most replicates).
  if (std::all_of(values.begin(), values.end(), [](double v) { return v >= 0; }))
    interval.low = std::max(interval.low, 0.0);
  // Likewise a share cannot exceed 1: a share that is 1 in most replicates (e.g. the share of
  // replicates that recovered from a shock) would otherwise get an upper end above 1.
  if (aggregate == metrics::Aggregate::kShare &&
      std::all_of(values.begin(), values.end(), [](double v) { return v <= 1; }))
    interval.high = std::min(interval.high, 1.0);
  return interval;
}

std::vector<MetricStats> summarize(const std::vector<RunResult>& runs) {
  std::vector<MetricStats> stats;
  std::map<std::string, size_t> index;  // name -> position in stats
  for (const auto& run : runs) {
    for (const auto& v : run.summary) {
      const auto [it, added] = index.try_emplace(v.name, stats.size());
      if (added) stats.push_back(MetricStats{v.name, v.units, v.doc, {}});
      stats[it->second].values.push_back(v.value);
    }
  }
  for (auto& m : stats) {
    const MeanInterval interval = metric_interval(m.values, aggregate_of(m.name));
    m.mean = interval.mean;
    m.sd = interval.sd;
    m.ci_low = interval.low;
    m.ci_high = interval.high;
  }
  return stats;
}

std::string format_summary(const std::vector<RunResult>& runs, std::string_view format) {
  return format_summary(runs, format, MetricSelection{MetricSelection::Kind::all, {}});
}

std::string format_summary(const std::vector<RunResult>& runs, std::string_view format,
                           const MetricSelection& selection) {
  if (format != "text" && format != "json" && format != "csv")
    throw InputError(Diagnostic{"command line", 0, 0,
                                fmt::format("unknown summary format '{}' (expected text, json "
                                            "or csv)",
                                            format)});
  if (runs.empty()) throw RunError("no runs to summarize");
  const auto all = summarize(runs);
  std::vector<std::string> names;
  for (const auto& m : all) names.push_back(m.name);
  std::vector<MetricStats> stats;
  std::vector<std::string> groups;
  for (const auto& chosen : select_metrics(names, selection)) {
    stats.push_back(all[chosen.index]);
    groups.push_back(chosen.group);
  }
  if (format == "text") return format_text(runs.front(), runs.size(), stats, groups);
  if (format == "json") return format_json(runs.front(), runs.size(), stats);
  return format_csv(stats);
}

std::string format_weekly_csv(const RunResult& run) {
  std::string out = "week";
  size_t rows = 0;
  for (const auto& s : run.weekly) {
    out += ',';  // appended in two steps: GCC 12 warns falsely on "," + std::string&&
    out += csv_field(s.name);
    rows = std::max(rows, s.values.size());
  }
  out += "\n";
  for (size_t w = 0; w < rows; ++w) {
    out += std::to_string(w);
    for (const auto& s : run.weekly) {
      out += ',';
      if (w < s.values.size()) out += number_or_empty(s.values[w]);
    }
    out += "\n";
  }
  return out;
}

}  // namespace mentorsim
