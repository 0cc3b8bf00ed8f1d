#include "sweep/sensitivity_study.hpp"
#include "output/number_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

#include <unistd.h>

#include "core/error.hpp"
#include "core/quoted.hpp"
#include "output/hdf5_util.hpp"
#include "output/replace_file.hpp"
#include "output/temporary_file.hpp"
#include "output/text_columns.hpp"
#include "sensitivity/morris.hpp"
#include "sensitivity/saltelli.hpp"
#include "sweep/point_summaries.hpp"
#include "sweep/points.hpp"
#include "sweep/sweep_spec.hpp"

namespace mentorsim::sweep {

namespace {

// The mean within-point variance of a metric over R replicates, divided by R: the variance a
// point mean carries from replicate noise (NaN sds, from points with one run, left out).
double noise_variance(const PointSummaries::Metric& m, const std::vector<std::uint64_t>& runs) {
  double sum = 0;
  std::size_t n = 0;
  for (std::size_t p = 0; p < m.sd.size(); ++p)
    if (std::isfinite(m.sd[p]) && runs[p] > 0) {
      sum += m.sd[p] * m.sd[p] / static_cast<double>(runs[p]);
      ++n;
    }
  return n > 0 ? sum / static_cast<double>(n) : std::nan("");
}

// The order factors are listed in: most important first (mu* or ST), ties by axis order.
std::vector<std::size_t> by_importance(const SensitivityStudy& s, const MetricSensitivity& m) {
  std::vector<std::size_t> order(m.factors.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto key = [&](std::size_t i) {
    const double v =
        s.method == "morris" ? m.factors[i].mu_star.estimate : m.factors[i].total.estimate;
    return std::isfinite(v) ? v : -1.0;
  };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(a) > key(b); });
  return order;
}

std::string interval(const sensitivity::Interval& i) {
  return fmt::format("{} [{}, {}]", short_number(i.estimate, 3), short_number(i.low, 3),
                     short_number(i.high, 3));
}

std::string text(const SensitivityStudy& s) {
  const bool morris = s.method == "morris";
  std::string out = fmt::format(
      "sweep {}: {} design, {} points, {} replicates each; indices of the point means, 95% "
      "bootstrap intervals\n",
      s.sweep_name, morris ? "Morris" : "Sobol' (Saltelli)", s.points, s.replicates);
  std::size_t width = 4;
  for (const auto& a : s.axes) width = std::max(width, text::width(a));
  for (const auto& m : s.metrics) {
    out += fmt::format("\n{} [{}]: ", m.name, m.units);
    out += morris ? fmt::format("{} trajectories; noise alone would give mu* about {}\n",
                                m.units_used, short_number(m.noise, 3))
                  : fmt::format("{} base samples; replicate noise is {} of the variance\n",
                                m.units_used, short_number(m.noise, 3));
    out += "  " + text::pad_right("axis", width) +
           (morris ? "  mu* [95% CI]                  mu          sigma\n"
                   : "  ST [95% CI]                   S1 [95% CI]\n");
    for (std::size_t i : by_importance(s, m)) {
      const FactorIndices& f = m.factors[i];
      out += "  " + text::pad_right(f.axis, width) + "  ";
      out += morris ? fmt::format("{:<28}  {:<10}  {}\n", interval(f.mu_star),
                                  short_number(f.mu, 3), short_number(f.sigma, 3))
                    : fmt::format("{:<28}  {}\n", interval(f.total), interval(f.first));
    }
    if (m.pairs.empty()) continue;
    // Second order: the pairs, largest first.
    std::vector<std::size_t> order(m.pairs.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto key = [&](std::size_t p) {
      const double v = m.pairs[p].index.estimate;
      return std::isfinite(v) ? v : -1.0;
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t x, std::size_t y) { return key(x) > key(y); });
    out += "  pairs (second order S_ij [95% CI], largest first):\n";
    for (std::size_t p : order)
      out +=
          fmt::format("    {} x {}  {}\n", m.pairs[p].a, m.pairs[p].b, interval(m.pairs[p].index));
  }
  return out;
}

std::string csv(const SensitivityStudy& s) {
  std::string out = "metric,axis,statistic,estimate,ci_low,ci_high\n";
  const auto row = [&](const std::string& metric, const std::string& axis, const char* stat,
                       double v, double lo, double hi) {
    out += fmt::format("{},{},{},{},{},{}\n", csv_field(metric), csv_field(axis), stat,
                       number_or_empty(v), number_or_empty(lo), number_or_empty(hi));
  };
  for (const auto& m : s.metrics) {
    for (const auto& f : m.factors) {
      if (s.method == "morris") {
        row(m.name, f.axis, "mu_star", f.mu_star.estimate, f.mu_star.low, f.mu_star.high);
        row(m.name, f.axis, "mu", f.mu, std::nan(""), std::nan(""));
        row(m.name, f.axis, "sigma", f.sigma, std::nan(""), std::nan(""));
      } else {
        row(m.name, f.axis, "first_order", f.first.estimate, f.first.low, f.first.high);
        row(m.name, f.axis, "total", f.total.estimate, f.total.low, f.total.high);
      }
    }
    for (const auto& p : m.pairs)
      row(m.name, p.a + " x " + p.b, "second_order", p.index.estimate, p.index.low, p.index.high);
    row(m.name, "", s.method == "morris" ? "noise_mu_star" : "noise_share", m.noise, std::nan(""),
        std::nan(""));
  }
  return out;
}

std::string json_interval(const sensitivity::Interval& i) {
  return fmt::format("{{\"estimate\": {}, \"ci_low\": {}, \"ci_high\": {}}}",
                     json_number(i.estimate), json_number(i.low), json_number(i.high));
}

std::string json(const SensitivityStudy& s) {
  const bool morris = s.method == "morris";
  std::string out = fmt::format(
      "{{\n  \"sweep\": {},\n  \"method\": {},\n  \"points\": {},\n  \"replicates\": {},\n"
      "  \"metrics\": {{",
      mentorsim::quoted(s.sweep_name), mentorsim::quoted(s.method), s.points, s.replicates);
  for (std::size_t k = 0; k < s.metrics.size(); ++k) {
    const auto& m = s.metrics[k];
    out += fmt::format("{}\n    {}: {{\"units\": {}, \"{}\": {}, \"{}\": {}, \"axes\": {{",
                       k ? "," : "", mentorsim::quoted(m.name), mentorsim::quoted(m.units),
                       morris ? "trajectories" : "base_samples", m.units_used,
                       morris ? "noise_mu_star" : "noise_share", json_number(m.noise));
    for (std::size_t i = 0; i < m.factors.size(); ++i) {
      const auto& f = m.factors[i];
      out += fmt::format("{}\n      {}: ", i ? "," : "", mentorsim::quoted(f.axis));
      out += morris ? fmt::format("{{\"mu_star\": {}, \"mu\": {}, \"sigma\": {}}}",
                                  json_interval(f.mu_star), json_number(f.mu), json_number(f.sigma))
                    : fmt::format("{{\"first_order\": {}, \"total\": {}}}", json_interval(f.first),
                                  json_interval(f.total));
    }
    out += "}";
    if (!m.pairs.empty()) {
      out += ", \"pairs\": [";
      for (std::size_t p = 0; p < m.pairs.size(); ++p)
        out += fmt::format("{}\n      {{\"axes\": [{}, {}], \"second_order\": {}}}", p ? "," : "",
                           mentorsim::quoted(m.pairs[p].a), mentorsim::quoted(m.pairs[p].b),
                           json_interval(m.pairs[p].index));
      out += "]";
    }
    out += "}";
  }
  out += s.metrics.empty() ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

}  // namespace

SensitivityStudy compute_sensitivity(const std::filesystem::path& dir_or_index,
                                     const MetricSelection& selection, std::size_t resamples) {
  const PointSummaries summaries = read_point_summaries(dir_or_index);
  const SweepSpec spec = load_sweep_text(summaries.sweep_text, summaries.sweep_source);
  const std::string where = dir_or_index.string();
  if (spec.config.sampling != Sampling::kMorris && spec.config.sampling != Sampling::kSobol)
    throw InputError(Diagnostic{
        where, 0, 0,
        fmt::format("sweep {} uses sampling = \"{}\": sensitivity indices need a \"morris\" or "
                    "\"sobol\" sweep (docs/sensitivity.md)",
                    summaries.sweep_name, sampling_name(spec.config.sampling))});
  if (summaries.runs_done < summaries.runs_total)
    throw InputError(Diagnostic{
        where, 0, 0,
        fmt::format("{} of {} runs are done: finish the sweep (run it again with the same --out "
                    "to resume, or `mentorsim merge DIR` after shards) before computing indices",
                    summaries.runs_done, summaries.runs_total)});
  const std::vector<double> unit = unit_points(spec);
  const std::size_t k = spec.axes.size();
  if (unit.size() != summaries.runs_of_point.size() * k)
    throw InputError(
        Diagnostic{where, 0, 0, "the index's points do not match its sweep text's design"});
  SensitivityStudy study;
  std::error_code ec;
  study.index =
      std::filesystem::is_directory(dir_or_index, ec) ? dir_or_index / "index.h5" : dir_or_index;
  study.resamples = resamples;
  study.sweep_name = summaries.sweep_name;
  study.method = spec.config.sampling == Sampling::kMorris ? "morris" : "sobol";
  study.points = summaries.runs_of_point.size();
  study.replicates = summaries.runs_of_point.empty() ? 0 : summaries.runs_of_point.front();
  for (const auto& a : spec.axes) study.axes.push_back(a.key);
  std::vector<std::string> names;
  for (const auto& m : summaries.metrics) names.push_back(m.name);
  const auto seed = static_cast<std::uint64_t>(spec.config.sampling_seed);
  const double step =
      static_cast<double>(spec.config.levels) / (2.0 * static_cast<double>(spec.config.levels - 1));
  for (const SelectedMetric& chosen : select_metrics(names, selection)) {
    const PointSummaries::Metric& m = summaries.metrics[chosen.index];
    MetricSensitivity out{m.name, m.units, {}, {}, 0, 0, 0};
    const double noise = noise_variance(m, summaries.runs_of_point);
    if (study.method == "morris") {
      const auto e = sensitivity::elementary_effects(k, unit, m.mean, resamples, seed);
      out.units_used = e.trajectories_used;
      out.noise = 2 * std::sqrt(noise) / (step * std::sqrt(std::numbers::pi));
      for (std::size_t i = 0; i < k; ++i)
        out.factors.push_back({study.axes[i], {}, {}, e.mu_star[i], e.mu[i], e.sigma[i]});
    } else {
      const auto s =
          sensitivity::sobol_indices(k, m.mean, resamples, seed, 0.95, spec.config.second_order);
      out.units_used = s.base_used;
      out.variance = s.variance;
      out.noise = s.variance > 0 ? noise / s.variance : std::nan("");
      for (std::size_t i = 0; i < k; ++i)
        out.factors.push_back({study.axes[i], s.first[i], s.total[i], {}, 0, 0});
      for (std::size_t i = 0; i < k && !s.second.empty(); ++i)
        for (std::size_t j = i + 1; j < k; ++j)
          out.pairs.push_back(
              {study.axes[i], study.axes[j], s.second[sensitivity::pair_index(k, i, j)]});
    }
    study.metrics.push_back(std::move(out));
  }
  return study;
}

namespace {

// One metric's group: the axes and, per axis, each statistic with its interval.
void write_metric(hid_t root, const SensitivityStudy& s, const MetricSensitivity& m, hid_t lcpl) {
  const std::string path = "sensitivity/" + m.name;
  const h5::Handle group = h5::create_group(root, path, lcpl, path);
  std::vector<std::string> axes;
  for (const auto& f : m.factors) axes.push_back(f.axis);
  h5::write_column(group.get(), path, "axis", axes, lcpl);
  const auto column = [&](const char* name, auto pick) {
    std::vector<double> values;
    for (const auto& f : m.factors) values.push_back(pick(f));
    h5::write_column(group.get(), path, name, values, lcpl);
  };
  const auto scalar = [&](const char* name, double value, const char* units, const char* doc) {
    h5::write_doubles(group.get(), path, name, &value, 1, true, units, doc, lcpl);
  };
  h5::string_attr(group.get(), path, "units", m.units);
  h5::u64_attr(group.get(), path, "units_used", m.units_used);
  if (s.method == "morris") {
    column("mu_star", [](const FactorIndices& f) { return f.mu_star.estimate; });
    column("mu_star_ci_low", [](const FactorIndices& f) { return f.mu_star.low; });
    column("mu_star_ci_high", [](const FactorIndices& f) { return f.mu_star.high; });
    column("mu", [](const FactorIndices& f) { return f.mu; });
    column("sigma", [](const FactorIndices& f) { return f.sigma; });
    scalar("noise_mu_star", m.noise, m.units.c_str(),
           "mu* that replicate noise alone would give an axis without effect");
  } else {
    column("first_order", [](const FactorIndices& f) { return f.first.estimate; });
    column("first_order_ci_low", [](const FactorIndices& f) { return f.first.low; });
    column("first_order_ci_high", [](const FactorIndices& f) { return f.first.high; });
    column("total", [](const FactorIndices& f) { return f.total.estimate; });
    column("total_ci_low", [](const FactorIndices& f) { return f.total.low; });
    column("total_ci_high", [](const FactorIndices& f) { return f.total.high; });
    scalar("noise_share", m.noise, "share",
           "share of the point means' variance that replicate noise alone could explain");
    scalar("variance", m.variance, "", "variance V of the point means the indices divide");
    if (!m.pairs.empty()) {
      std::vector<std::string> names;
      std::vector<double> index, low, high;
      for (const auto& p : m.pairs) {
        names.push_back(p.a + " x " + p.b);
        index.push_back(p.index.estimate);
        low.push_back(p.index.low);
        high.push_back(p.index.high);
      }
      h5::write_column(group.get(), path, "pair", names, lcpl);
      h5::write_column(group.get(), path, "second_order", index, lcpl);
      h5::write_column(group.get(), path, "second_order_ci_low", low, lcpl);
      h5::write_column(group.get(), path, "second_order_ci_high", high, lcpl);
    }
  }
}

}  // namespace

void write_sensitivity(const SensitivityStudy& study) {
  namespace fs = std::filesystem;
  const fs::path dir =
      study.index.parent_path().empty() ? fs::path(".") : study.index.parent_path();
  const h5::QuietHdf5Errors quiet;
  replace_via_temporary(temporary_name(study.index), study.index, [&](const fs::path& temp) {
    std::error_code ec;
    fs::copy_file(study.index, temp, fs::copy_options::none, ec);  // a fresh name
    if (ec)
      throw RunError(fmt::format("copying {} failed: {}", study.index.string(), ec.message()));
    h5::Handle file(H5Fopen(temp.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose,
                    "opening " + temp.string());
    if (h5::has_link(file.get(), "sensitivity"))
      h5::check_ok(H5Ldelete(file.get(), "sensitivity", H5P_DEFAULT), "replacing /sensitivity");
    const h5::Handle lcpl = h5::intermediate_groups_lcpl();
    {
      const h5::Handle group =
          h5::create_group(file.get(), "sensitivity", lcpl.get(), "sensitivity");
      h5::string_attr(group.get(), "sensitivity", "method", study.method);
      h5::u64_attr(group.get(), "sensitivity", "resamples", study.resamples);
      std::vector<std::string> names;
      for (const auto& m : study.metrics) names.push_back(m.name);
      h5::string_array_attr(group.get(), "sensitivity", "metrics", names);
    }
    for (const auto& m : study.metrics) write_metric(file.get(), study, m, lcpl.get());
    file.close("closing " + temp.string());
  });
}

std::string format_sensitivity(const SensitivityStudy& study, std::string_view format) {
  if (format == "csv") return csv(study);
  if (format == "json") return json(study);
  if (format == "text") return text(study);
  throw InputError(
      Diagnostic{"command line", 0, 0,
                 fmt::format("unknown format '{}' (expected text, csv or json)", format)});
}

}  // namespace mentorsim::sweep
