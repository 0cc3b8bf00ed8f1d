// Reading sweep files: [sweep] and [[axis]] are declared once below (params::SectionBuilder), like
// every scenario table; `values` and the choice of base scenario are read by hand.
#include "sweep/sweep_spec.hpp"

#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/quoted.hpp"
#include "input/did_you_mean.hpp"
#include "input/read_value.hpp"
#include "input/reporter.hpp"
#include "input/schema_output.hpp"
#include "input/section_reader.hpp"
#include "input/sections.hpp"

namespace mentorsim::sweep {

namespace {

using params::Range;
using params::SectionBuilder;
using params::SectionSpec;

constexpr double kNoBound = std::numeric_limits<double>::infinity();

struct AxisConfig {
  std::string key;
  double from = 0;
  double to = 0;
  std::int64_t steps = 0;
  std::string scale;
};

const SectionSpec& sweep_section() {
  static const SectionSpec spec =
      SectionBuilder<SweepConfig>("sweep", "What to run at every point of the sweep.")
          .text("name", &SweepConfig::name, "",
                "Name of the sweep, recorded in the index (default: the file's stem).")
          .text("base", &SweepConfig::base, "",
                "Base scenario file, relative to the sweep file. Alternatively give the scenario "
                "inline as a [base] table, or an axis with key = \"base\" listing files.")
          .integer("replicates", &SweepConfig::replicates, 0, Range{0, 1e6}, "runs",
                   "Replicates per point (0: the base scenario's scenario.replicates).")
          .integer("seed", &SweepConfig::seed, 0, Range{0, 9.2e18}, "",
                   "Seed of every run, so points share common random numbers (default: the first "
                   "point's scenario.seed).")
          .choice("sampling", &SweepConfig::sampling, {"grid", "latin_hypercube"}, "grid",
                  "grid: every combination of the axes' values; latin_hypercube: `points` points "
                  "with each axis's range cut into `points` strata, each stratum used once.")
          .integer("points", &SweepConfig::points, 0, Range{0, 1e7}, "points",
                   "Latin hypercube: the number of points (grid: leave out).")
          .integer("sampling_seed", &SweepConfig::sampling_seed, 1, Range{0, 9.2e18}, "",
                   "Latin hypercube: seed of the sample (the runs' own seed is `seed`).")
          .flag("weekly", &SweepConfig::weekly, true,
                "Write each run's weekly series (false: summaries only, for very large sweeps).")
          .build();
  return spec;
}

const SectionSpec& axis_section() {
  static const SectionSpec spec =
      SectionBuilder<AxisConfig>("axis", "One parameter axis ([[axis]], one entry per axis).")
          .text("key", &AxisConfig::key, "",
                "Scenario key as --set takes it (population.initial_size, "
                "programme.one_on_one.capacity), or \"base\" to list base scenario files.")
          .real("from", &AxisConfig::from, 0, Range{-kNoBound, kNoBound}, "",
                "Start of a range (with `to`; instead of `values`). Integers give integer values.")
          .real("to", &AxisConfig::to, 0, Range{-kNoBound, kNoBound}, "", "End of a range.")
          .integer("steps", &AxisConfig::steps, 0, Range{0, 1e7}, "values",
                   "Grid: values in the range, both ends included.")
          .choice("scale", &AxisConfig::scale, {"linear", "log"}, "linear",
                  "Spacing of a range's values: even, or even in logarithm (from and to > 0).")
          .build();
  return spec;
}

Position position_of(const toml::node& node) {
  const auto& begin = node.source().begin;
  return {static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

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

class SpecReader {
 public:
  SpecReader(SweepSpec& spec, params::Reporter& reporter)
      : spec_(spec), reporter_(reporter), reader_(reporter) {}

  void read(const toml::table& root) {
    for (auto&& [key, node] : root) {
      const std::string k(key.str());
      if (k == "sweep" || k == "axis" || k == kBaseAxis) continue;
      reporter_.at_key(key, node,
                       fmt::format("unknown {} '{}'{}", node.is_table() ? "table" : "top-level key",
                                   k, params::did_you_mean_suffix(k, {"sweep", "axis", "base"})));
    }
    read_sweep(root);
    read_axes(root);
    check_base(root);
    check_sampling(root);
  }

 private:
  void read_sweep(const toml::table& root) {
    sweep_section().apply_defaults(&spec_.config);
    const toml::node* node = root.get("sweep");
    if (!node) return reporter_.at_file("missing the [sweep] table (a sweep file needs one)");
    if (!node->is_table()) {
      params::report_type(reporter_, *node, "sweep", "a table ([sweep])");
      return;
    }
    sweep_ = node->as_table();
    reader_.read(*sweep_, {{&sweep_section(), &spec_.config}}, "sweep", {});
    spec_.has_seed = sweep_->contains("seed");
  }

  void read_axes(const toml::table& root) {
    const toml::node* node = root.get("axis");
    if (!node) return;
    const toml::array* entries = node->as_array();
    if (!entries || !entries->is_array_of_tables()) {
      reporter_.at(*node, "axis: expected [[axis]] entries (an array of tables)");
      return;
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
        spec_.axes.push_back(std::move(axis));
      }
    }
  }

  bool read_axis(const toml::table& entry, const std::string& prefix, Axis& axis) {
    toml::table declared = entry;  // every key but `values`, through the declarations
    declared.erase("values");
    AxisConfig c;
    axis_section().apply_defaults(&c);
    reader_.read(declared, {{&axis_section(), &c}}, prefix, {});
    axis.where = position_of(entry);
    if (!entry.contains("key")) {
      reporter_.at(entry, prefix + ": missing required key 'key' (the scenario key it varies)");
      return false;
    }
    if (reader_.failed(prefix + ".key")) return false;
    axis.key = c.key;
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
      return read_values(*entry.get("values"), prefix, axis) && no_range_keys(entry, prefix);
    return read_range(entry, prefix, c, axis);
  }

  bool no_range_keys(const toml::table& entry, const std::string& prefix) {
    for (const char* k : {"steps", "scale"})
      if (entry.contains(k)) {
        reader_.at_first_key(entry, {k},
                             fmt::format("{}.{}: only for a range (from, to)", prefix, k));
        return false;
      }
    return true;
  }

  bool read_values(const toml::node& node, const std::string& prefix, Axis& axis) {
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

  bool read_range(const toml::table& entry, const std::string& prefix, const AxisConfig& c,
                  Axis& axis) {
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
    axis.log_scale = c.scale == "log";
    axis.integer = entry.get("from")->is_integer() && entry.get("to")->is_integer();
    const Position from = position_of(*entry.get("from"));
    if (axis.log_scale && (axis.from <= 0 || axis.to <= 0)) {
      reader_.at_first_key(entry, {"from", "to"},
                           fmt::format("{}: a log scale needs from and to above 0 (from {}, to {})",
                                       prefix, axis.from, axis.to));
      return false;
    }
    if (latin_hypercube_) {
      if (entry.contains("steps")) {
        reader_.at_first_key(entry, {"steps"},
                             prefix +
                                 ".steps: not used by latin_hypercube sampling (the "
                                 "sample has [sweep] points values per axis)");
        return false;
      }
      return true;
    }
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
    std::set<double> seen;
    for (const double v : range_values(axis)) {
      if (!seen.insert(v).second) {
        reader_.at_first_key(entry, {"steps"},
                             fmt::format("{}.steps: {} integer values between {} and {} repeat "
                                         "after rounding; use fewer steps",
                                         prefix, axis.steps, axis.from, axis.to));
        return false;
      }
      axis.values.push_back({number_toml(v, axis.integer), v, from});
    }
    return true;
  }

  void check_base(const toml::table& root) {
    const toml::node* inline_base = root.get(kBaseAxis);
    const bool has_path = sweep_ && sweep_->contains("base") && !spec_.config.base.empty();
    bool has_axis = false;
    for (const auto& a : spec_.axes) has_axis = has_axis || a.key == kBaseAxis;
    const int sources = int{has_path} + int{inline_base != nullptr} + int{has_axis};
    if (sources == 0)
      return reporter_.at_file(
          "no base scenario: give [sweep] base = \"scenario.toml\", a [base] table holding the "
          "scenario, or an axis with key = \"base\"");
    if (sources > 1) {
      const toml::node& where = inline_base ? *inline_base : *sweep_->get("base");
      return reporter_.at(where,
                          "the base scenario is given more than once (choose one of [sweep] "
                          "base, a [base] table, or an axis with key = \"base\")");
    }
    if (inline_base) {
      if (!inline_base->is_table())
        return (void)params::report_type(reporter_, *inline_base, "base",
                                         "a table ([base], holding the scenario's tables)");
      spec_.base_inline = *inline_base->as_table();
    }
    if (has_path) {
      spec_.base_path = spec_.config.base;
      spec_.base_where = position_of(*sweep_->get("base"));
    }
  }

  void check_sampling(const toml::table& root) {
    if (!sweep_) return;
    if (spec_.axes.empty() && !root.contains("axis"))
      reporter_.at(*sweep_, "no [[axis]]: a sweep needs at least one axis");
    if (latin_hypercube_ && spec_.config.points < 1)
      reader_.at_first_key(*sweep_, {"points", "sampling"},
                           "sweep.points: latin_hypercube sampling needs points >= 1");
    if (!latin_hypercube_ && sweep_->contains("points"))
      reader_.at_first_key(*sweep_, {"points"},
                           "sweep.points: only for sampling = \"latin_hypercube\" (a grid has "
                           "every combination of the axes' values)");
  }

 public:
  void set_latin_hypercube(bool on) { latin_hypercube_ = on; }

 private:
  SweepSpec& spec_;
  params::Reporter& reporter_;
  params::SectionReader reader_;
  const toml::table* sweep_ = nullptr;
  bool latin_hypercube_ = false;
};

std::string read_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(Diagnostic{
        path.string(), 0, 0,
        std::filesystem::exists(path, ec) ? "not a regular file" : "no such sweep file"});
  std::ifstream in(path, std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.is_open() || in.bad())
    throw InputError(Diagnostic{path.string(), 0, 0, "cannot read the sweep file"});
  return text;
}

}  // namespace

std::string number_toml(double value, bool integer) {
  if (integer) return fmt::format("{}", static_cast<std::int64_t>(value));
  const std::string text = fmt::format("{}", value);
  // TOML needs a '.' or an exponent in a float; nan and inf are spelled the same in both.
  return text.find_first_of(".eEn") == std::string::npos ? text + ".0" : text;
}

bool is_sweep_file(const std::filesystem::path& path) {
  try {
    const toml::table root = toml::parse(read_text(path), path.string());
    return root.contains("sweep");
  } catch (...) {
    return false;
  }
}

SweepSpec load_sweep_file(const std::filesystem::path& path) {
  SweepSpec spec;
  spec.path = path.string();
  spec.text = read_text(path);
  toml::table root;
  try {
    root = toml::parse(spec.text, spec.path);
  } catch (const toml::parse_error& e) {
    const auto& pos = e.source().begin;
    throw InputError(Diagnostic{spec.path, static_cast<int>(pos.line), static_cast<int>(pos.column),
                                fmt::format("TOML syntax error: {}", e.description())});
  }
  params::Reporter reporter(spec.path, {});
  SpecReader reader(spec, reporter);
  // The sampling decides how ranges are read, so it is looked at first (checked again below).
  if (const toml::node* s = root.at_path("sweep.sampling").node(); s && s->is_string())
    reader.set_latin_hypercube(*s->value<std::string>() == "latin_hypercube");
  reader.read(root);
  if (!reporter.empty()) throw InputError(reporter.sorted());
  if (spec.config.name.empty()) spec.config.name = path.stem().string();
  if (!spec.base_path.empty() && spec.base_path.is_relative())
    spec.base_path = path.parent_path() / spec.base_path;
  return spec;
}

std::string sweep_reference_markdown() {
  return params::section_markdown(sweep_section()) + "\n" +
         params::section_markdown(axis_section());
}

}  // namespace mentorsim::sweep
