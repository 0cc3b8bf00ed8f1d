// Text and markdown tables of a comparison.
#include "output/comparison_table.hpp"

#include "output/text_columns.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace mentorsim {

namespace {

constexpr size_t kLineWidth = 100;
constexpr size_t kLabelMax = 20;  // longer scenario labels are cut with "..."
constexpr size_t kLabelMin = 8;
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

// Three significant digits are plenty for the ends of an interval and leave room for the labels;
// more (up to six) only when three would print two different ends alike ("[1, 1]" for 1.0002 to
// 1.004).
std::string interval(double low, double high) {
  if (!std::isfinite(low) || !std::isfinite(high)) return "-";
  for (int digits = 3;; ++digits) {
    std::string l = fmt::format("{:.{}g}", low, digits), h = fmt::format("{:.{}g}", high, digits);
    if (l != h || low == high || digits == 6) return fmt::format("[{}, {}]", l, h);
  }
}

bool reported(const ArmMetric& arm) {
  return !arm.stats.values.empty();
}

// "*", and for a metric with a direction whether the significant change is for the better.
std::string flag(const ArmMetric& arm, Better better) {
  if (!arm.significant) return "";
  if (better == Better::kNeither) return "*";
  const bool up = arm.difference.mean > 0;
  return (up == (better == Better::kHigher)) ? "* better" : "* worse";
}

// The cells of one scenario's row: mean, CI, and (not for the baseline, nor when the baseline does
// not report the metric) diff, diff CI, flag.
struct RowCells {
  std::string mean, ci, diff, diff_ci, flag;
};

RowCells cells(const MetricComparison& m, size_t a) {
  const ArmMetric& arm = m.arms[a];
  RowCells r{number(arm.stats.mean), interval(arm.stats.ci_low, arm.stats.ci_high), "", "", ""};
  if (arm.is_baseline || !reported(m.arms.front())) return r;
  r.diff = signed_number(arm.difference.mean);
  r.diff_ci = interval(arm.difference.low, arm.difference.high);
  r.flag = flag(arm, m.better);
  return r;
}

std::string_view direction(Better better) {
  switch (better) {
    case Better::kHigher:
      return "higher is better";
    case Better::kLower:
      return "lower is better";
    case Better::kNeither:
      break;
  }
  return "";
}

std::string_view question_of(std::string_view heading) {
  return headline_question(heading);
}

bool headline(const Comparison& c) {
  return std::any_of(c.metrics.begin(), c.metrics.end(),
                     [](const MetricComparison& m) { return !m.group.empty(); });
}

// What each arm actually used: the arms share a budget of senior time, not a use of it.
std::string input_lines(const Comparison& c, size_t label_w) {
  std::string out;
  for (size_t a = 0; a < c.labels.size(); ++a) {
    const double used = a < c.senior_hours_used.size() ? c.senior_hours_used[a] : std::nan("");
    const double budget =
        a < c.senior_hours_budget.size() ? c.senior_hours_budget[a] : std::nan("");
    if (!std::isfinite(used) || !std::isfinite(budget)) continue;
    out += fit(fmt::format("  {}  {:.1f} of {:.1f} senior hours/week used ({:.0f}%)",
                           pad_right(c.labels[a], label_w), used, budget,
                           budget > 0 ? 100.0 * used / budget : 0.0),
               kLineWidth) +
           "\n";
  }
  if (out.empty()) return out;
  return "input actually used (mean over weeks and replicates; the budget is the seniors' "
         "available hours):\n" +
         out;
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
  return out + input_lines(c, label_w);
}

// Column widths of the whole table, so every block lines up.
struct Widths {
  size_t label, mean, ci, diff, diff_ci, flag;
};

Widths widths(const Comparison& c) {
  Widths w{width("scenario"), width("mean"),           width("95% CI"),
           width("diff"),     width("95% CI of diff"), 0};
  size_t longest_label = w.label;
  for (const auto& label : c.labels) longest_label = std::max(longest_label, width(label));
  for (const auto& m : c.metrics)
    for (size_t a = 0; a < m.arms.size(); ++a) {
      const RowCells r = cells(m, a);
      w.mean = std::max(w.mean, width(r.mean));
      w.ci = std::max(w.ci, width(r.ci));
      w.diff = std::max(w.diff, width(r.diff));
      w.diff_ci = std::max(w.diff_ci, width(r.diff_ci));
      w.flag = std::max(w.flag, width(r.flag));
    }
  // Numbers are at most 10 columns ("{:.4g}": "-1.235e+06"), intervals 24, flags 8: the rest of a
  // row takes at most 87 columns, leaving the label at least 13 of 100.
  const size_t rest =
      2 + kGap + w.mean + kGap + w.ci + kGap + w.diff + kGap + w.diff_ci + 1 + w.flag;
  const size_t room = kLineWidth > rest + kLabelMin ? kLineWidth - rest : kLabelMin;
  w.label = std::min({longest_label, kLabelMax, room});
  return w;
}

}  // namespace

std::string format_comparison_text(const Comparison& c) {
  std::string out = header(c);
  out +=
      "mean and 95% CI over replicates (- = no value); diff = scenario - baseline, paired by\n"
      "replicate, with its 95% CI; * = that CI excludes 0 (better or worse where known)\n";
  if (headline(c))
    out += "headline metrics only: --metrics all shows every one (docs/compare.md)\n";
  const Widths w = widths(c);
  const std::string gap(kGap, ' ');
  auto row = [&](std::string_view label, const RowCells& r) {
    std::string line =
        fmt::format("  {}{}{}{}{}{}{}{}{} {}", pad_right(fit(label, w.label), w.label), gap,
                    pad_left(r.mean, w.mean), gap, pad_left(r.ci, w.ci), gap,
                    pad_left(r.diff, w.diff), gap, pad_left(r.diff_ci, w.diff_ci), r.flag);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  std::string group;
  for (const auto& m : c.metrics) {
    if (m.group != group && !m.group.empty()) {
      const std::string_view question = question_of(m.group);
      out += fmt::format("\n{}\n", fit(fmt::format("== {}{}{} ==", m.group,
                                                   question.empty() ? "" : ": ", question),
                                       kLineWidth));
    }
    group = m.group;
    std::string title = m.name;
    std::string qualifiers = m.units;
    if (m.better != Better::kNeither)
      qualifiers += (qualifiers.empty() ? "" : "; ") + std::string(direction(m.better));
    if (!qualifiers.empty()) title += " [" + qualifiers + "]";
    if (!m.doc.empty()) title += ": " + m.doc;
    out += fmt::format("\n{}\n", fit(title, kLineWidth));
    // A metric without a single value (e.g. a median time that no scenario reaches) would be a
    // block of dashes: one line says so instead.
    const bool any_value = std::any_of(m.arms.begin(), m.arms.end(), [](const ArmMetric& arm) {
      return std::any_of(arm.stats.values.begin(), arm.stats.values.end(),
                         [](double v) { return std::isfinite(v); });
    });
    if (!any_value) {
      out += "  no value in any scenario or replicate\n";
      continue;
    }
    row("scenario", RowCells{"mean", "95% CI", "diff", "95% CI of diff", ""});
    // Scenarios that do not report the metric (e.g. shock metrics in arms without a shock) are
    // left out and named below the block.
    std::string missing;
    for (size_t a = 0; a < m.arms.size(); ++a) {
      if (reported(m.arms[a]))
        row(c.labels[a], cells(m, a));
      else
        missing += (missing.empty() ? "" : ", ") + c.labels[a];
    }
    if (!reported(m.arms.front()))
      out += fit(fmt::format("  no diff: the baseline {} does not report this metric",
                             c.labels.front()),
                 kLineWidth) +
             "\n";
    if (!missing.empty())
      out += fmt::format("{}\n", fit(fmt::format("  not reported by {}", missing), kLineWidth));
  }
  return out;
}

// The input each arm used, as a markdown table ("" when no arm reports it).
std::string input_table(const Comparison& c) {
  std::string rows;
  for (size_t a = 0; a < c.labels.size(); ++a) {
    const double used = a < c.senior_hours_used.size() ? c.senior_hours_used[a] : std::nan("");
    const double budget =
        a < c.senior_hours_budget.size() ? c.senior_hours_budget[a] : std::nan("");
    if (!std::isfinite(used) || !std::isfinite(budget)) continue;
    rows += fmt::format("| {} | {:.1f} | {:.1f} | {:.0f}% |\n", c.labels[a], used, budget,
                        budget > 0 ? 100.0 * used / budget : 0.0);
  }
  if (rows.empty()) return rows;
  return "\nInput actually used (senior hours per week, mean over weeks and replicates; the "
         "budget is the seniors' available hours):\n\n| scenario | used | budget | share |\n"
         "|---|--:|--:|--:|\n" +
         rows;
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
      "diff = scenario − baseline, paired by replicate; * = its 95% CI excludes 0 (better or "
      "worse where the metric has a direction).\n",
      cell(c.labels.front()), c.replicates, c.replicates == 1 ? "" : "s", c.seed);
  out += input_table(c);
  const std::string table_head =
      "| metric | units | scenario | mean | 95% CI | diff | 95% CI of diff | |\n"
      "|---|---|---|--:|--:|--:|--:|:-:|\n";
  std::string group;
  bool open = false;  // a table has been started
  for (const auto& m : c.metrics) {
    if (!open || (m.group != group && !m.group.empty())) {
      out += "\n";
      if (!m.group.empty()) {
        const std::string_view question = question_of(m.group);
        out += fmt::format("**{}**{}{}\n\n", cell(m.group), question.empty() ? "" : " — ",
                           cell(question));
      }
      out += table_head;
      open = true;
    }
    group = m.group;
    std::string units = m.units;
    if (m.better != Better::kNeither)
      units += (units.empty() ? "" : "; ") + std::string(direction(m.better));
    for (size_t a = 0; a < m.arms.size(); ++a) {
      const RowCells r = cells(m, a);
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} |\n", cell(m.name), cell(units),
                         cell(c.labels[a]), r.mean, r.ci, r.diff, r.diff_ci, r.flag);
    }
  }
  return out;
}

}  // namespace mentorsim
