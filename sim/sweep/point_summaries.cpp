#include "sweep/point_summaries.hpp"
#include "output/number_text.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>

#include "core/error.hpp"
#include "core/quoted.hpp"
#include "input/toml_text.hpp"
#include "output/hdf5_util.hpp"
#include "output/text_columns.hpp"
#include "sweep/index_writer.hpp"

namespace mentorsim::sweep {

namespace fs = std::filesystem;

namespace {

// An axis's values as text: numbers in their shortest exact form; a TOML string as its plain text
// ("fifo", not "\"fifo\""); any other value (a list) as its TOML text.
std::vector<std::string> axis_column(hid_t file, const std::string& path, bool& numeric) {
  const h5::Handle dset(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose, "opening " + path);
  const h5::Handle type(H5Dget_type(dset.get()), H5Tclose, "H5Dget_type");
  std::vector<std::string> out;
  numeric = H5Tget_class(type.get()) != H5T_STRING;
  if (numeric) {
    for (const double v : h5::read_doubles(file, path)) out.push_back(fmt::format("{}", v));
    return out;
  }
  for (const auto& text : h5::read_strings(file, path)) {
    try {
      params::check_toml_limits("v = " + text, "a sweep index");
      const toml::table t = toml::parse("v = " + text);
      out.push_back(t["v"].is_string() ? *t["v"].value<std::string>() : text);
    } catch (const toml::parse_error&) {
      out.push_back(text);
    } catch (const InputError&) {  // beyond the limits, or not TOML: shown as it is
      out.push_back(text);
    }
  }
  return out;
}

std::string csv(const PointSummaries& s, const std::vector<SelectedMetric>& chosen) {
  std::string out = "point";
  for (const auto& a : s.axes) out += "," + csv_field(a);
  out += ",runs,metric,mean,ci_low,ci_high\n";
  for (const auto& c : chosen) {
    const auto& m = s.metrics[c.index];
    for (std::size_t p = 0; p < s.runs_of_point.size(); ++p) {
      out += fmt::format("{}", p);
      for (const auto& values : s.axis_values) out += "," + csv_field(values[p]);
      out += fmt::format(",{},{},{},{},{}\n", s.runs_of_point[p], csv_field(m.name),
                         number_or_empty(m.mean[p]), number_or_empty(m.ci_low[p]),
                         number_or_empty(m.ci_high[p]));
    }
  }
  return out;
}

std::string json_list(const std::vector<double>& v) {
  std::string out;
  for (const double x : v) out += (out.empty() ? "" : ", ") + json_number(x);
  return "[" + out + "]";
}

std::string json(const PointSummaries& s, const std::vector<SelectedMetric>& chosen) {
  std::string out =
      fmt::format("{{\n  \"sweep\": {},\n  \"runs_total\": {},\n  \"runs_done\": {},\n",
                  mentorsim::quoted(s.sweep_name), s.runs_total, s.runs_done);
  out += "  \"axes\": [";
  for (std::size_t a = 0; a < s.axes.size(); ++a)
    out += (a ? ", " : "") + mentorsim::quoted(s.axes[a]);
  out += "],\n  \"points\": [";
  for (std::size_t p = 0; p < s.runs_of_point.size(); ++p) {
    out += fmt::format("{}\n    {{\"point\": {}, \"runs\": {}, \"values\": {{", p ? "," : "", p,
                       s.runs_of_point[p]);
    for (std::size_t a = 0; a < s.axes.size(); ++a)
      out += fmt::format(
          "{}{}: {}", a ? ", " : "", mentorsim::quoted(s.axes[a]),
          s.axis_numeric[a] ? s.axis_values[a][p] : mentorsim::quoted(s.axis_values[a][p]));
    out += "}}";
  }
  out += "\n  ],\n  \"metrics\": {";
  for (std::size_t i = 0; i < chosen.size(); ++i) {
    const auto& m = s.metrics[chosen[i].index];
    out += fmt::format(
        "{}\n    {}: {{\"units\": {}, \"doc\": {},\n      \"mean\": {},\n      \"ci_low\": {},\n   "
        "   "
        "\"ci_high\": {}}}",
        i ? "," : "", mentorsim::quoted(m.name), mentorsim::quoted(m.units),
        mentorsim::quoted(m.doc), json_list(m.mean), json_list(m.ci_low), json_list(m.ci_high));
  }
  out += chosen.empty() ? "}\n}\n" : "\n  }\n}\n";
  return out;
}

std::string text_table(const PointSummaries& s, const std::vector<SelectedMetric>& chosen) {
  std::string out = fmt::format(
      "sweep {}: {} of {} runs; mean and 95% CI over each point's "
      "replicates (- = no value)\n",
      s.sweep_name, s.runs_done, s.runs_total);
  std::vector<std::size_t> width;
  for (std::size_t a = 0; a < s.axes.size(); ++a) {
    std::size_t w = text::width(s.axes[a]);
    for (const auto& v : s.axis_values[a]) w = std::max(w, text::width(v));
    width.push_back(w);
  }
  for (const auto& c : chosen) {
    const auto& m = s.metrics[c.index];
    out += fmt::format("\n{} [{}]: {}\n", m.name, m.units, text::fit(m.doc, 60));
    std::string head = " ";
    for (std::size_t a = 0; a < s.axes.size(); ++a)
      head += " " + text::pad_right(s.axes[a], width[a]);
    out += head + fmt::format(" {:>5} {:>11} {:>24}\n", "runs", "mean", "95% CI");
    for (std::size_t p = 0; p < s.runs_of_point.size(); ++p) {
      std::string row = " ";
      for (std::size_t a = 0; a < s.axes.size(); ++a)
        row += " " + text::pad_right(s.axis_values[a][p], width[a]);
      const std::string ci =
          std::isfinite(m.ci_low[p]) && std::isfinite(m.ci_high[p])
              ? fmt::format("[{}, {}]", short_number(m.ci_low[p], 4), short_number(m.ci_high[p], 4))
              : "-";
      out += row + fmt::format(" {:>5} {:>11} {:>24}\n", s.runs_of_point[p],
                               short_number(m.mean[p], 4), ci);
    }
  }
  return out;
}

}  // namespace

PointSummaries read_point_summaries(const fs::path& dir_or_index) {
  std::error_code ec;
  const fs::path file_name =
      fs::is_directory(dir_or_index, ec) ? dir_or_index / "index.h5" : dir_or_index;
  if (!fs::exists(file_name, ec))
    throw InputError(Diagnostic{file_name.string(), 0, 0,
                                "no sweep index (when the sweep ran in shards, build it with "
                                "`mentorsim merge DIR`)"});
  const h5::QuietHdf5Errors quiet;
  if (H5Fis_hdf5(file_name.c_str()) <= 0)
    throw InputError(Diagnostic{file_name.string(), 0, 0,
                                "not an HDF5 file, or damaged: expected a sweep's index.h5"});
  const h5::Handle file = h5::open_read(file_name);
  if (!h5::has_attr(file.get(), "format") ||
      h5::read_string_attr(file.get(), "/", "format") != kIndexFormat)
    throw InputError(Diagnostic{file_name.string(), 0, 0, "not a mentorsim sweep index"});
  PointSummaries s;
  s.sweep_name = h5::read_string_attr(file.get(), "/", "sweep_name");
  s.sweep_source = h5::read_string_attr(file.get(), "/", "sweep_source");
  s.sweep_text = h5::read_string_attr(file.get(), "/", "sweep_text");
  s.runs_total = h5::read_u64_attr(file.get(), "/", "runs_total");
  s.runs_done = h5::read_u64_attr(file.get(), "/", "runs_done");
  s.axes = h5::read_string_array_attr(file.get(), "/", "axes");
  for (const auto& a : s.axes) {
    bool numeric = false;
    s.axis_values.push_back(axis_column(file.get(), "points/axes/" + a, numeric));
    s.axis_numeric.push_back(numeric);
  }
  s.runs_of_point = h5::read_u64s(file.get(), "points/runs_done");
  for (const auto& name : h5::read_string_array_attr(file.get(), "/", "metrics")) {
    const std::string path = "points/summary/" + name;
    const h5::Handle group = h5::open_group(file.get(), path);
    s.metrics.push_back(
        {name, h5::read_string_attr(group.get(), path, "units"),
         h5::read_string_attr(group.get(), path, "doc"), h5::read_doubles(group.get(), "mean"),
         h5::read_doubles(group.get(), "ci_low"), h5::read_doubles(group.get(), "ci_high"),
         h5::read_doubles(group.get(), "sd")});
  }
  return s;
}

std::string format_point_summaries(const PointSummaries& s, std::string_view format,
                                   const MetricSelection& selection) {
  if (format != "text" && format != "csv" && format != "json")
    throw InputError(
        Diagnostic{"command line", 0, 0,
                   fmt::format("unknown format '{}' (expected text, csv or json)", format)});
  std::vector<std::string> names;
  for (const auto& m : s.metrics) names.push_back(m.name);
  const auto chosen = select_metrics(names, selection);
  if (format == "csv") return csv(s, chosen);
  if (format == "json") return json(s, chosen);
  return text_table(s, chosen);
}

}  // namespace mentorsim::sweep
