// Text and markdown tables of a comparison.
#include "output/comparison_table.hpp"

#include "output/text_columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mentorsim {

namespace {

constexpr size_t kLineWidth = 100;
constexpr size_t kLabelMax = 20;     // longer scenario labels are cut with "..."
constexpr size_t kNumberWidth = 10;  // "{:.4g}" / "{:+.4g}" are at most 10, e.g. "-1.235e+06"
constexpr size_t kCiWidth = 24;      // "[" + 10 + ", " + 10 + "]"
constexpr size_t kGap = 2;

using text::fit;
using text::pad_left;
using text::pad_right;
using text::width;

std::string number(double x) {
  return std::isfinite(x) ? fmt::format("{:.4g}", x) : "-";
}

// Differences carry their sign, so "+0.05" and "-0.05" line up and read as changes.
std::string signed_number(double x) {
  return std::isfinite(x) ? fmt::format("{:+.4g}", x) : "-";
}

std::string interval(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high)) return "-";
  return fmt::format("[{:.4g}, {:.4g}]", low, high);
}

// The cells of one scenario's row: mean, CI, and (not for the baseline) diff, diff CI, flag.
struct RowCells {
  std::string mean, ci, diff, diff_ci, flag;
};

RowCells cells(const ArmMetric& arm) {
  RowCells r{number(arm.stats.mean), interval(arm.stats.ci_low, arm.stats.ci_high), "", "", ""};
  if (arm.is_baseline) return r;
  r.diff = signed_number(arm.difference.mean);
  r.diff_ci = interval(arm.difference.low, arm.difference.high);
  r.flag = arm.significant ? "*" : "";
  return r;
}

std::string header(const Comparison& c) {
  const size_t n = c.replicates;
  size_t label_w = 0;
  for (const auto& label : c.labels) label_w = std::max(label_w, width(label));
  std::string out = fit(fmt::format("compare {} scenarios: {} replicate{} each, seed {}, common "
                                    "random numbers",
                                    c.labels.size(), n, n == 1 ? "" : "s", c.seed),
                        kLineWidth) +
                    "\n";
  for (size_t a = 0; a < c.labels.size(); ++a)
    out += fit(fmt::format("  {:<9} {}  {} ({} weeks)", a == 0 ? "baseline" : "vs",
                           pad_right(c.labels[a], label_w), c.sources[a], c.weeks[a]),
               kLineWidth) +
           "\n";
  return out;
}

}  // namespace

std::string format_comparison_text(const Comparison& c) {
  std::string out = header(c);
  out += "diff = scenario - baseline, paired by replicate; * = its 95% CI excludes 0\n";
  size_t label_w = width("scenario");
  for (const auto& label : c.labels) label_w = std::max(label_w, std::min(width(label), kLabelMax));
  const std::string gap(kGap, ' ');
  auto row = [&](std::string_view label, const RowCells& r) {
    std::string line = "  " + pad_right(fit(label, label_w), label_w) + gap +
                       pad_left(r.mean, kNumberWidth) + gap + pad_left(r.ci, kCiWidth) + gap +
                       pad_left(r.diff, kNumberWidth) + gap + pad_left(r.diff_ci, kCiWidth) + " " +
                       r.flag;
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  for (const auto& m : c.metrics) {
    std::string title = m.name;
    if (!m.units.empty()) title += " [" + m.units + "]";
    if (!m.doc.empty()) title += ": " + m.doc;
    out += "\n" + fit(title, kLineWidth) + "\n";
    row("scenario", RowCells{"mean", "95% CI", "diff", "95% CI of diff", ""});
    for (size_t a = 0; a < m.arms.size(); ++a) row(c.labels[a], cells(m.arms[a]));
  }
  return out;
}

std::string format_comparison_markdown(const Comparison& c) {
  // '|' would end a cell; line breaks would end the row.
  auto cell = [](std::string_view s) {
    std::string out;
    for (const char ch : s) {
      if (ch == '|')
        out += "\\|";
      else if (ch == '\n' || ch == '\r')
        out += ' ';
      else
        out += ch;
    }
    return out;
  };
  std::string out = fmt::format(
      "Baseline **{}**; {} replicate{} per scenario, seed {}, common random numbers. "
      "diff = scenario − baseline, paired by replicate; * = its 95% CI excludes 0.\n\n",
      cell(c.labels.front()), c.replicates, c.replicates == 1 ? "" : "s", c.seed);
  out += "| metric | units | scenario | mean | 95% CI | diff | 95% CI of diff | |\n";
  out += "|---|---|---|--:|--:|--:|--:|:-:|\n";
  for (const auto& m : c.metrics) {
    for (size_t a = 0; a < m.arms.size(); ++a) {
      const RowCells r = cells(m.arms[a]);
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", cell(m.name), cell(m.units),
                         cell(c.labels[a]), r.mean, r.ci, r.diff, r.diff_ci, r.flag);
    }
  }
  return out;
}

}  // namespace mentorsim
