// Tables of `compare --uncertain` (robustness_output.hpp); the HDF5 group is robustness_hdf5.cpp.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.hpp"
#include "core/quoted.hpp"
#include "output/number_text.hpp"
#include "output/text_columns.hpp"
#include "uncertainty/robustness_output.hpp"

namespace mentorsim::uncertainty {

namespace {

std::string percent(double share) {
  return std::isfinite(share) ? fmt::format("{:.0f}%", 100 * share) : "-";
}

std::string signed_number(double x) {
  return std::isfinite(x) ? fmt::format("{:+.3g}", x) : "-";
}

const char* better_text(metrics::Better better) {
  return better == metrics::Better::kHigher  ? "higher is better"
         : better == metrics::Better::kLower ? "lower is better"
                                             : "neither direction is better";
}

// "peer_pod 97%, group_cohort 3%": the arms that rank best in some draw, most often first.
std::string ranks_best(const UncertaintyResult& r, const MetricRobustness& m) {
  std::vector<std::size_t> order(m.arms.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return m.arms[a].p_best > m.arms[b].p_best;
  });
  std::string out;
  for (std::size_t a : order)
    if (m.arms[a].p_best > 0)
      out +=
          fmt::format("{}{} {}", out.empty() ? "" : ", ", r.labels[a], percent(m.arms[a].p_best));
  return out.empty() ? "-" : out;
}

// The shares of draws in the better and the worse direction (higher and lower where neither is
// better); draws with no difference count in neither.
std::string direction_share(const MetricDraws& d, const ArmRobustness& a) {
  const bool lower_better = d.better == metrics::Better::kLower;
  return fmt::format("{} / {}", percent(lower_better ? a.p_lower : a.p_higher),
                     percent(lower_better ? a.p_higher : a.p_lower));
}

const char* direction_heading(const MetricDraws& d) {
  return d.better == metrics::Better::kNeither ? "higher / lower" : "better / worse";
}

std::string driver_text(const UncertaintyResult& r, const ArmRobustness& a) {
  if (a.driver < 0) return "-";
  const auto j = static_cast<std::size_t>(a.driver);
  return fmt::format("{} ({:+.2f}; R² {:.2f})", r.spec.axes[j].key, a.src[j], a.r2);
}

std::string range_text(const ArmRobustness& a) {
  return fmt::format("{} [{}, {}]", signed_number(a.median), signed_number(a.q05),
                     signed_number(a.q95));
}

std::string preamble(const UncertaintyResult& r) {
  return text::wrap(
      fmt::format(
          "Which differences survive the assumptions: {} draws of '{}' ({}, {} sampling) over {} "
          "uncertain parameters, {} replicates per scenario and draw, every scenario on seed {} in "
          "every draw (common random numbers). A difference from the baseline ({}) is robust when "
          "it "
          "has the same sign in at least {} of the draws. better / worse: the shares of draws in "
          "which the difference is better and worse (a draw with no difference counts in neither); "
          "≈0: the share in which it is within its 95% replicate interval of 0, so the replicates "
          "cannot tell its sign. The top driver is the parameter with the largest standardised "
          "regression coefficient (SRC) on the differences.\n",
          r.draws.points.size(), r.spec.config.name, r.spec.path,
          sampling_name(r.spec.config.sampling), r.spec.axes.size(), r.replicates, r.seed,
          r.labels.front(), percent(r.spec.config.robust_share)),
      100);
}

std::string text(const UncertaintyResult& r) {
  std::string out = preamble(r);
  const char* heads[] = {
      "scenario", "nominal diff",        "better / worse", "≈0", "median diff [5%, 95%]",
      "verdict",  "top driver (SRC; R²)"};
  for (std::size_t m = 0; m < r.metrics.size(); ++m) {
    const MetricDraws& d = r.metrics[m];
    const MetricRobustness& rb = r.robustness[m];
    out += fmt::format("\n{} [{}{}{}]\n  ranks best: {}\n", d.name, d.units,
                       d.units.empty() ? "" : "; ", better_text(d.better), ranks_best(r, rb));
    std::vector<std::vector<std::string>> rows;
    rows.push_back(std::vector<std::string>(std::begin(heads), std::end(heads)));
    rows[0][2] = direction_heading(d);
    for (std::size_t a = 1; a < rb.arms.size(); ++a)
      rows.push_back({r.labels[a], signed_number(d.nominal[a]), direction_share(d, rb.arms[a]),
                      percent(rb.arms[a].within_noise), range_text(rb.arms[a]),
                      verdict_name(rb.arms[a].verdict), driver_text(r, rb.arms[a])});
    std::vector<std::size_t> widths(std::size(heads), 0);
    for (const auto& row : rows)
      for (std::size_t c = 0; c < row.size(); ++c)
        widths[c] = std::max(widths[c], text::width(row[c]));
    for (const auto& row : rows) {
      std::string line = "  ";
      for (std::size_t c = 0; c < row.size(); ++c)
        line += (c == 0 || c >= 5 ? text::pad_right(row[c], widths[c])
                                  : text::pad_left(row[c], widths[c])) +
                (c + 1 < row.size() ? "  " : "");
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + "\n";
    }
  }
  return out;
}

std::string markdown(const UncertaintyResult& r) {
  std::string out = preamble(r) +
                    "\n| metric | scenario | ranks best | nominal diff | better / worse (higher / "
                    "lower) | ≈0 | median diff [5%, 95%] | verdict | top driver (SRC; R²) |\n| "
                    "--- | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |\n";
  for (std::size_t m = 0; m < r.metrics.size(); ++m) {
    const MetricDraws& d = r.metrics[m];
    const MetricRobustness& rb = r.robustness[m];
    for (std::size_t a = 0; a < rb.arms.size(); ++a) {
      const ArmRobustness& x = rb.arms[a];
      const bool base = a == 0;
      out += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
                         a == 0 ? fmt::format("`{}`", d.name) : "", r.labels[a], percent(x.p_best),
                         base ? "" : signed_number(d.nominal[a]), base ? "" : direction_share(d, x),
                         base ? "" : percent(x.within_noise), base ? "" : range_text(x),
                         x.verdict == Verdict::kRobust ? "**robust**" : verdict_name(x.verdict),
                         base ? "" : driver_text(r, x));
    }
  }
  return out;
}

std::string csv(const UncertaintyResult& r) {
  std::string out =
      "metric,scenario,better,p_best,p_better,p_higher,p_lower,nominal_difference,diff_median,"
      "diff_q05,diff_q95,noise,within_noise,verdict,driver,driver_src,r2\n";
  for (std::size_t m = 0; m < r.metrics.size(); ++m) {
    const MetricDraws& d = r.metrics[m];
    for (std::size_t a = 0; a < r.labels.size(); ++a) {
      const ArmRobustness& x = r.robustness[m].arms[a];
      const std::string driver = x.driver < 0 ? "" : r.spec.axes[x.driver].key;
      const double src = x.driver < 0 ? NAN : x.src[x.driver];
      out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(d.name),
                         csv_field(r.labels[a]), metrics::better_name(d.better),
                         number_or_empty(x.p_best), number_or_empty(x.p_better),
                         number_or_empty(x.p_higher), number_or_empty(x.p_lower),
                         number_or_empty(d.nominal[a]), number_or_empty(x.median),
                         number_or_empty(x.q05), number_or_empty(x.q95), number_or_empty(x.noise),
                         number_or_empty(x.within_noise), csv_field(verdict_name(x.verdict)),
                         csv_field(driver), number_or_empty(src), number_or_empty(x.r2));
    }
  }
  return out;
}

std::string json_numbers(const std::vector<double>& values) {
  std::string out = "[";
  for (std::size_t i = 0; i < values.size(); ++i)
    out += fmt::format("{}{}", i ? ", " : "", json_number(values[i]));
  return out + "]";
}

std::string json(const UncertaintyResult& r) {
  std::string axes, labels, metrics_out;
  for (std::size_t j = 0; j < r.spec.axes.size(); ++j)
    axes +=
        fmt::format("{}{{\"key\": {}, \"why\": {}}}", j ? ", " : "",
                    mentorsim::quoted(r.spec.axes[j].key), mentorsim::quoted(r.spec.axes[j].why));
  for (std::size_t a = 0; a < r.labels.size(); ++a)
    labels += fmt::format("{}{}", a ? ", " : "", mentorsim::quoted(r.labels[a]));
  for (std::size_t m = 0; m < r.metrics.size(); ++m) {
    const MetricDraws& d = r.metrics[m];
    std::string arms;
    for (std::size_t a = 0; a < r.labels.size(); ++a) {
      const ArmRobustness& x = r.robustness[m].arms[a];
      std::vector<double> means, diffs;
      for (std::size_t k = 0; k < r.draws.points.size(); ++k) {
        means.push_back(d.arm_mean[k * r.labels.size() + a]);
        diffs.push_back(d.difference[k * r.labels.size() + a]);
      }
      arms += fmt::format(
          "{}{{\"scenario\": {}, \"p_best\": {}, \"p_better\": {}, \"p_higher\": {}, "
          "\"p_lower\": {}, "
          "\"nominal_difference\": {}, \"diff_median\": {}, \"diff_q05\": {}, \"diff_q95\": {}, "
          "\"noise\": {}, \"within_noise\": {}, \"verdict\": {}, \"driver\": {}, \"src\": {}, "
          "\"r2\": {}, "
          "\"means\": {}, \"differences\": {}}}",
          a ? ", " : "", mentorsim::quoted(r.labels[a]), json_number(x.p_best),
          json_number(x.p_better), json_number(x.p_higher), json_number(x.p_lower),
          json_number(d.nominal[a]), json_number(x.median), json_number(x.q05), json_number(x.q95),
          json_number(x.noise), json_number(x.within_noise),
          mentorsim::quoted(verdict_name(x.verdict)),
          x.driver < 0 ? "null" : mentorsim::quoted(r.spec.axes[x.driver].key), json_numbers(x.src),
          json_number(x.r2), json_numbers(means), json_numbers(diffs));
    }
    metrics_out += fmt::format(
        "{}\n    {{\"name\": {}, \"units\": {}, \"better\": {}, \"group\": {}, \"scenarios\": "
        "[{}]}}",
        m ? "," : "", mentorsim::quoted(d.name), mentorsim::quoted(d.units),
        mentorsim::quoted(metrics::better_name(d.better)), mentorsim::quoted(d.group), arms);
  }
  return fmt::format(
      "{{\"uncertainty\": {{\"name\": {}, \"source\": {}, \"sampling\": {}, \"draws\": {}, "
      "\"replicates\": {}, \"seed\": {}, \"robust_share\": {}, \"axes\": [{}], \"unit\": {}}},\n"
      "  \"scenarios\": [{}],\n  \"metrics\": [{}\n  ]}}\n",
      mentorsim::quoted(r.spec.config.name), mentorsim::quoted(r.spec.path),
      mentorsim::quoted(sampling_name(r.spec.config.sampling)), r.draws.points.size(), r.replicates,
      r.seed, json_number(r.spec.config.robust_share), axes, json_numbers(r.draws.unit), labels,
      metrics_out);
}

}  // namespace

std::string format_robustness(const UncertaintyResult& result, std::string_view format) {
  if (format == "text") return text(result);
  if (format == "markdown") return markdown(result);
  if (format == "csv") return csv(result);
  if (format == "json") return json(result);
  throw InputError(Diagnostic{
      "command line", 0, 0,
      fmt::format("unknown format '{}' (expected text, markdown, csv or json)", format)});
}

}  // namespace mentorsim::uncertainty
