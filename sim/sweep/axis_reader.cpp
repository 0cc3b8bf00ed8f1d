#include "sweep/axis_reader.hpp"

#include <fmt/format.h>

#include <cmath>
#include <optional>
#include <set>
#include <sstream>

#include "core/quoted.hpp"
#include "input/read_value.hpp"

namespace mentorsim::sweep {

namespace {

// A value as TOML text for --set: numbers in their shortest exact form (0.1, not toml++'s
// 0.10000000000000001), strings as basic strings; anything else (lists, dates) as toml++ prints it.
std::string toml_text(const toml::node& node) {
  if (const auto i = node.value_exact<std::int64_t>()) return fmt::format("{}", *i);
  if (const auto d = node.value_exact<double>()) return number_toml(*d, false);
  if (const auto b = node.value_exact<bool>()) return *b ? "true" : "false";
  if (const auto text = node.value_exact<std::string>()) return mentorsim::quoted(*text);
  std::ostringstream out;
  node.visit([&out](const auto& n) { out << n; });
  return out.str();
}

// The values of a grid range, both ends exact; rounded for an integer axis.
std::vector<double> range_values(const Axis& a) {
  std::vector<double> out;
  for (std::int64_t i = 0; i < a.steps; ++i) {
    const double t = a.steps == 1 ? 0.0 : static_cast<double>(i) / static_cast<double>(a.steps - 1);
    double v = a.log_scale ? std::exp(std::log(a.from) + t * (std::log(a.to) - std::log(a.from)))
                           : a.from + t * (a.to - a.from);
    if (i == a.steps - 1) v = a.to;
    // A log step carries round-off (4 as 3.999999999999999): 12 significant digits drop it.
    if (a.log_scale && !a.integer) v = std::stod(fmt::format("{:.12g}", v));
    out.push_back(a.integer ? std::round(v) : v);
  }
  return out;
}

}  // namespace

std::vector<Axis> AxisReader::read(const toml::table& root) {
  std::vector<Axis> axes;
  const toml::node* node = root.get("axis");
  if (!node) return axes;
  const toml::array* entries = node->as_array();
  if (!entries || !entries->is_array_of_tables()) {
    reporter_.at(*node, "axis: expected [[axis]] entries (an array of tables)");
    return axes;
  }
  std::set<std::string> keys;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const toml::table& entry = *entries->get(i)->as_table();
    const std::string prefix = fmt::format("axis[{}]", i);
    Axis axis;
    if (read_axis(entry, prefix, axis)) {
      if (!keys.insert(axis.key).second)
        reader_.at_first_key(entry, {"key"},
                             fmt::format("{}.key: '{}' is already an axis", prefix, axis.key));
      if (axis.is_range && !sampled_) pending_.push_back({axes.size(), &entry, prefix});
      axes.push_back(std::move(axis));
    }
  }
  return axes;
}

bool AxisReader::read_axis(const toml::table& entry, const std::string& prefix, Axis& axis) {
  // Every key but `values` (read below) through the declarations, on the entry itself so that
  // problems keep their line and column (a copy of the table has none).
  AxisConfig c;
  axis_section().apply_defaults(&c);
  reader_.read(entry, {{&axis_section(), &c}}, prefix,
               params::SectionReader::Options{.skip_key = "values"});
  axis.where = position_of(entry);
  if (!entry.contains("key")) {
    reporter_.at(entry, prefix + ": missing required key 'key' (the scenario key it varies)");
    return false;
  }
  if (reader_.failed(prefix + ".key")) return false;
  axis.key = c.key;
  axis.why = c.why;
  axis.relative = c.relative;
  if (c.relative && !allow_relative_)
    reader_.at_first_key(entry, {"relative"},
                         prefix +
                             ".relative: only in uncertainty files (compare --uncertain); a "
                             "sweep sets each value itself");
  axis.where = position_of(*entry.get("key"));
  if (axis.key.empty()) {
    reader_.at_first_key(entry, {"key"}, prefix + ".key: is empty");
    return false;
  }
  const bool has_values = entry.contains("values");
  const bool has_range = entry.contains("from") || entry.contains("to");
  if (has_values == has_range) {
    reporter_.at(entry, fmt::format("{} ('{}'): give either `values` or a range `from`..`to`",
                                    prefix, axis.key));
    return false;
  }
  if (has_values)
    return read_values(*entry.get("values"), prefix, axis) && no_range_keys(entry, prefix) &&
           fits_grid(entry, prefix, axis.values.size());
  return read_range(entry, prefix, c, axis);
}

bool AxisReader::no_range_keys(const toml::table& entry, const std::string& prefix) {
  for (const char* k : {"steps", "scale", "distribution", "mean", "sd", "relative"})
    if (entry.contains(k)) {
      reader_.at_first_key(entry, {k},
                           fmt::format("{}.{}: only for a range (from, to)", prefix, k));
      return false;
    }
  return true;
}

bool AxisReader::read_values(const toml::node& node, const std::string& prefix, Axis& axis) {
  const toml::array* list = node.as_array();
  if (!list) {
    params::report_type(reporter_, node, prefix + ".values", "a list of values");
    return false;
  }
  if (list->empty()) {
    reporter_.at(node,
                 fmt::format("{}.values: is empty (an axis needs at least one value)", prefix));
    return false;
  }
  bool ok = true;
  for (const toml::node& v : *list) {
    if (v.is_table() || v.is_array_of_tables()) {
      reporter_.at(v,
                   fmt::format("{}.values: a value cannot be {}", prefix, params::found_name(v)));
      ok = false;
      continue;
    }
    if (axis.key == kBaseAxis && !v.is_string()) {
      reporter_.at(v, fmt::format("{}.values: base scenario files are strings, found {}", prefix,
                                  params::found_name(v)));
      ok = false;
      continue;
    }
    AxisValue value{toml_text(v), std::nullopt, position_of(v)};
    if (v.is_integer()) value.number = static_cast<double>(*v.value<std::int64_t>());
    if (v.is_floating_point()) value.number = *v.value<double>();
    axis.values.push_back(std::move(value));
  }
  std::set<std::string> seen;
  for (const auto& v : axis.values)
    if (!seen.insert(v.toml).second) {
      reporter_.at(node, fmt::format("{}.values: {} is listed twice", prefix, v.toml));
      ok = false;
      break;
    }
  return ok;
}

bool AxisReader::read_range(const toml::table& entry, const std::string& prefix,
                            const AxisConfig& c, Axis& axis) {
  if (axis.key == kBaseAxis) {
    reporter_.at(entry, prefix + ": the base axis lists files in `values`, not a range");
    return false;
  }
  for (const char* k : {"from", "to"})
    if (!entry.contains(k)) {
      reporter_.at(entry, fmt::format("{}: a range needs both `from` and `to`", prefix));
      return false;
    }
  if (reader_.failed(prefix + ".from") || reader_.failed(prefix + ".to") ||
      reader_.failed(prefix + ".steps") || reader_.failed(prefix + ".scale"))
    return false;
  axis.is_range = true;
  axis.from = c.from;
  axis.to = c.to;
  axis.steps = c.steps;
  axis.log_scale = c.scale == AxisScale::kLog;
  axis.integer = entry.get("from")->is_integer() && entry.get("to")->is_integer();
  if (axis.log_scale && (axis.from <= 0 || axis.to <= 0)) {
    reader_.at_first_key(entry, {"from", "to"},
                         fmt::format("{}: a log scale needs from and to above 0 (from {}, to {})",
                                     prefix, axis.from, axis.to));
    return false;
  }
  if (!read_distribution(entry, prefix, c, axis)) return false;
  if (sampled_) {
    if (entry.contains("steps")) {
      reader_.at_first_key(entry, {"steps"},
                           prefix +
                               ".steps: not used by sampled designs (latin_hypercube, morris, "
                               "sobol: the sample decides each axis's values)");
      return false;
    }
    return true;
  }
  return read_grid_steps(entry, prefix, axis);
}

// A range's distribution in a sampled design: uniform, or a normal truncated to from..to with a
// given mean inside the range and sd above 0 (not on a log scale, not in a grid).
bool AxisReader::read_distribution(const toml::table& entry, const std::string& prefix,
                                   const AxisConfig& c, Axis& axis) {
  if (reader_.failed(prefix + ".distribution") || reader_.failed(prefix + ".mean") ||
      reader_.failed(prefix + ".sd"))
    return false;
  if (c.distribution != AxisDistribution::kTruncatedNormal) {
    for (const char* k : {"mean", "sd"})
      if (entry.contains(k)) {
        reader_.at_first_key(
            entry, {k},
            fmt::format("{}.{}: only for distribution = \"truncated_normal\"", prefix, k));
        return false;
      }
    return true;
  }
  if (!sampled_) {
    reader_.at_first_key(entry, {"distribution"},
                         prefix +
                             ".distribution: a grid takes evenly spaced steps; a truncated "
                             "normal needs a sampled design (latin_hypercube, morris, sobol)");
    return false;
  }
  if (axis.log_scale) {
    reader_.at_first_key(entry, {"scale"},
                         prefix + ".scale: a truncated normal is spread on a linear scale");
    return false;
  }
  if (!entry.contains("mean") || !entry.contains("sd") || c.sd <= 0) {
    reader_.at_first_key(entry, {"sd", "mean", "distribution"},
                         prefix + ": a truncated normal needs `mean` and `sd` (above 0)");
    return false;
  }
  if (c.mean < std::min(axis.from, axis.to) || c.mean > std::max(axis.from, axis.to)) {
    reader_.at_first_key(
        entry, {"mean"},
        fmt::format("{}.mean: {} is outside the range {}..{}", prefix, c.mean, axis.from, axis.to));
    return false;
  }
  axis.truncated_normal = true;
  axis.mean = c.mean;
  axis.sd = c.sd;
  return true;
}

// A grid range: its `steps` values, both ends exact, none repeated after rounding.
bool AxisReader::read_grid_steps(const toml::table& entry, const std::string& prefix, Axis& axis) {
  if (!entry.contains("steps") || axis.steps < 1) {
    reader_.at_first_key(entry, {"steps"},
                         prefix +
                             ": a grid range needs `steps` (at least 1: the number of "
                             "values, both ends included)");
    return false;
  }
  if (axis.steps == 1 && axis.from != axis.to) {
    reader_.at_first_key(entry, {"steps"},
                         prefix + ".steps: 1 value cannot span from..to; give 2 or more");
    return false;
  }
  return fits_grid(entry, prefix, static_cast<std::size_t>(axis.steps));
}

void AxisReader::build_grid_values(std::vector<Axis>& axes) {
  for (const Pending& p : pending_) {
    Axis& axis = axes[p.axis];
    const toml::table& entry = *p.entry;
    const std::string& prefix = p.prefix;
    const Position from = position_of(*entry.get("from"));
    if (!build_range_values(entry, prefix, from, axis)) return;
  }
}

bool AxisReader::build_range_values(const toml::table& entry, const std::string& prefix,
                                    Position from, Axis& axis) {
  // The values are monotonic in the step (rounding keeps that), so a repeat is a neighbour.
  std::optional<double> previous;
  for (const double v : range_values(axis)) {
    if (previous == v) {
      reader_.at_first_key(entry, {"steps"},
                           fmt::format("{}.steps: {} integer values between {} and {} repeat "
                                       "after rounding; use fewer steps",
                                       prefix, axis.steps, axis.from, axis.to));
      return false;
    }
    previous = v;
    axis.values.push_back({number_toml(v, axis.integer), v, from});
  }
  return true;
}

bool AxisReader::fits_grid(const toml::table& entry, const std::string& prefix, std::size_t size) {
  if (sampled_) return true;
  if (grid_points_ > kMaxSweepPoints) return false;  // reported at the axis that went past
  if (size != 0 && grid_points_ > kMaxSweepPoints / size) {
    reporter_.at(entry, fmt::format("{}: with this axis the grid would have more than {} points "
                                    "(the most a sweep may have); use fewer values or a sampled "
                                    "design (latin_hypercube)",
                                    prefix, kMaxSweepPoints));
    grid_points_ = kMaxSweepPoints + 1;  // reported once
    return false;
  }
  grid_points_ *= size;
  return true;
}

}  // namespace mentorsim::sweep
