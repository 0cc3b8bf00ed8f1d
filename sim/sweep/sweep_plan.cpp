#include "sweep/sweep_plan.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <set>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "input/reporter.hpp"
#include "input/scenario_loader.hpp"
#include "input/toml_text.hpp"

namespace mentorsim::sweep {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kFailingPointsShown = 10;  // then "... and N more points"

int digits(std::uint64_t n) {
  int d = 1;
  while (n >= 10) n /= 10, ++d;
  return d;
}

// `where` is the place in the sweep file that names the base file.
toml::table parse_base(const fs::path& path, const std::string& sweep_path, Position where) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    throw InputError(Diagnostic{sweep_path, where.line, where.column,
                                fmt::format("no such base scenario file {} (a path relative to "
                                            "the sweep file)",
                                            path.string())});
  std::ifstream in(path, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return params::parse_toml_text(text, path.string());
}

// "capacity = 5, arrivals = 2.5" for messages.
std::string describe(const SweepSpec& spec, const Point& point) {
  std::string out;
  for (std::size_t a = 0; a < point.size(); ++a)
    out += fmt::format("{}{} = {}", a ? ", " : "", spec.axes[a].key, point[a].toml);
  return out;
}

}  // namespace

std::vector<Diagnostic> point_diagnostics(const SweepSpec& spec, const Point& point,
                                          const std::string& which, const InputError& error) {
  std::vector<Diagnostic> out;
  for (Diagnostic d : error.diagnostics()) {
    if (d.file == params::kOverrideFile) {
      for (std::size_t a = 0; a < point.size(); ++a) {
        const std::string text = spec.axes[a].key + "=" + point[a].toml;
        const std::string suffix = " (in '" + text + "')";
        if (d.message.size() < suffix.size() ||
            d.message.compare(d.message.size() - suffix.size(), suffix.size(), suffix) != 0)
          continue;
        d.message.resize(d.message.size() - suffix.size());
        d = Diagnostic{spec.path, point[a].where.line, point[a].where.column,
                       fmt::format("axis '{}' = {} ({}): {}", spec.axes[a].key, point[a].toml,
                                   which, d.message)};
        break;
      }
    } else {
      d.message = fmt::format("{} (at {}: {})", d.message, which, describe(spec, point));
    }
    out.push_back(std::move(d));
  }
  return out;
}

SweepPlan::SweepPlan(SweepSpec spec) : spec_(std::move(spec)) {
  sweep_hash_ = sha256_hex(spec_.text);
  if (count_points(spec_) > kMaxSweepPoints)
    throw InputError(Diagnostic{spec_.path, 0, 0,
                                fmt::format("{} points is more than the {} a sweep may have",
                                            count_points(spec_), kMaxSweepPoints)});
  std::size_t base_axis = spec_.axes.size();
  for (std::size_t a = 0; a < spec_.axes.size(); ++a)
    if (spec_.axes[a].key == kBaseAxis) base_axis = a;

  // Parse each base file once. A base axis lists files relative to the sweep file.
  const fs::path dir = fs::path(spec_.path).parent_path();
  auto base_file = [&](const Point& values) -> fs::path {
    if (base_axis == spec_.axes.size()) return spec_.base_path;
    const std::string& quoted = values[base_axis].toml;  // a TOML string: "..."
    const fs::path listed = toml::parse("v = " + quoted)["v"].value_or(std::string());
    return listed.is_relative() ? dir / listed : listed;
  };

  for (Point& values : expand_points(spec_)) {
    PlannedPoint p;
    p.base = base_file(values);
    for (std::size_t a = 0; a < values.size(); ++a)
      if (a != base_axis) p.overrides.push_back(spec_.axes[a].key + "=" + values[a].toml);
    const Position named_at =
        base_axis < values.size() ? values[base_axis].where : spec_.base_where;
    p.values = std::move(values);
    if (!p.base.empty() && !bases_.count(p.base))
      bases_.emplace(p.base, parse_base(p.base, spec_.path, named_at));
    points_.push_back(std::move(p));
  }

  // Every point runs on one seed and one replicate count (common random numbers across points):
  // the sweep's, or else the first point's scenario's.
  std::vector<Diagnostic> problems;
  std::size_t failing = 0;
  auto check = [&](std::size_t i) -> std::optional<Scenario> {
    try {
      return load(points_[i]);
    } catch (const InputError& e) {
      if (++failing <= kFailingPointsShown) {
        auto d = point_diagnostics(spec_, points_[i].values, fmt::format("point {}", i), e);
        problems.insert(problems.end(), d.begin(), d.end());
      }
      return std::nullopt;
    }
  };
  if (points_.empty()) throw InputError(Diagnostic{spec_.path, 0, 0, "the sweep has no points"});
  if (const auto first = check(0)) {
    seed_ = spec_.has_seed ? static_cast<std::uint64_t>(spec_.config.seed) : first->meta.seed;
    replicates_ = spec_.config.replicates > 0 ? static_cast<std::uint64_t>(spec_.config.replicates)
                                              : static_cast<std::uint64_t>(first->meta.replicates);
  } else {
    throw InputError(problems);
  }
  for (auto& p : points_) {
    p.overrides.push_back(fmt::format("scenario.seed={}", seed_));
    p.overrides.push_back(fmt::format("scenario.replicates={}", replicates_));
  }
  for (std::size_t i = 0; i < points_.size(); ++i)
    if (const auto s = check(i)) {
      points_[i].scenario_name = s->meta.name;
      points_[i].scenario_hash = sha256_hex(s->resolved_toml);
      points_[i].estimate = estimate_run(*s);
    }
  if (failing > kFailingPointsShown)
    problems.push_back(Diagnostic{spec_.path, 0, 0,
                                  fmt::format("... and {} more points fail the same way or "
                                              "another (fix the above and check again)",
                                              failing - kFailingPointsShown)});
  if (!problems.empty()) throw InputError(problems);
}

Scenario SweepPlan::load(const PlannedPoint& point) const {
  if (point.base.empty())
    return params::load_scenario_table(*spec_.base_inline, spec_.path, point.overrides);
  return params::load_scenario_table(bases_.at(point.base), point.base.string(), point.overrides);
}

Scenario SweepPlan::scenario_of(std::uint64_t point) const {
  return load(points_.at(point));
}

std::string format_run_id(std::uint64_t point, std::uint64_t replicate, std::uint64_t points,
                          std::uint64_t replicates) {
  return fmt::format("p{:0{}}_r{:0{}}", point, std::max(6, digits(points ? points - 1 : 0)),
                     replicate, std::max(4, digits(replicates ? replicates - 1 : 0)));
}

std::vector<std::string> SweepPlan::axis_keys() const {
  std::vector<std::string> keys;
  for (const auto& a : spec_.axes) keys.push_back(a.key);
  return keys;
}

}  // namespace mentorsim::sweep
