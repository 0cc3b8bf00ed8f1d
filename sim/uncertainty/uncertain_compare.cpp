#include "uncertainty/uncertain_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

#include "core/error.hpp"
#include "engine/replicates.hpp"
#include "input/overrides.hpp"
#include "input/scenario_loader.hpp"
#include "input/sections.hpp"
#include "sweep/sweep_plan.hpp"

namespace mentorsim::uncertainty {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kFailingLoadsShown = 10;  // then "... and N more"

bool has_kind(const Scenario& scenario, const std::vector<std::string>& kinds) {
  return std::any_of(scenario.programmes.begin(), scenario.programmes.end(),
                     [&](const ProgrammeConfig& p) {
                       return std::find(kinds.begin(), kinds.end(), p.common.kind) != kinds.end();
                     });
}

// The kinds each axis is restricted to (none for an axis every arm takes), after checking that
// some arm has one of them.
std::vector<std::vector<std::string>> axis_kinds(const UncertainSpec& spec,
                                                 const ComparedArms& arms) {
  std::vector<std::vector<std::string>> kinds;
  std::vector<Diagnostic> problems;
  for (const sweep::Axis& axis : spec.axes) {
    kinds.push_back(params::override_kinds(axis.key + "="));
    if (kinds.back().empty() ||
        std::any_of(arms.nominal.begin(), arms.nominal.end(),
                    [&](const Scenario& s) { return has_kind(s, kinds.back()); }))
      continue;
    std::vector<std::string> present;
    for (const Scenario& s : arms.nominal)
      for (const ProgrammeConfig& p : s.programmes)
        if (std::find(present.begin(), present.end(), p.common.kind) == present.end())
          present.push_back(p.common.kind);
    problems.push_back(
        Diagnostic{spec.path, axis.where.line, axis.where.column,
                   fmt::format("axis '{}': no compared scenario has a programme of kind {} "
                               "(kinds: {})",
                               axis.key, params::join_names(kinds.back(), "'", " or "),
                               params::join_names(present, "'"))});
  }
  if (!problems.empty()) throw InputError(problems);
  return kinds;
}

std::vector<std::string> split_dots(const std::string& key) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot; (dot = key.find('.', start)) != std::string::npos; start = dot + 1)
    parts.push_back(key.substr(start, dot - start));
  parts.push_back(key.substr(start));
  return parts;
}

// A relative axis's overrides for one scenario: `factor` times the scenario's own value of the
// key, in every table or programme entry the key addresses (`programme.<index>.<key>` for
// programmes). `resolved` is the scenario's resolved TOML. InputError at the axis when a value is
// missing or not a number.
std::vector<std::string> relative_overrides(const UncertainSpec& spec, const sweep::Axis& axis,
                                            const std::vector<std::string>& kinds, double factor,
                                            const toml::table& resolved, const std::string& label) {
  const std::vector<std::string> parts = split_dots(axis.key);
  auto problem = [&](const std::string& message) {
    return InputError(Diagnostic{
        spec.path, axis.where.line, axis.where.column,
        fmt::format("axis '{}' (relative) in scenario {}: {}", axis.key, label, message)});
  };
  auto scaled = [&](const toml::node* node, const std::string& target) {
    if (!node || !(node->is_integer() || node->is_floating_point()))
      throw problem(target + " is not a number in the scenario, so it has no value to scale");
    const bool integer = node->is_integer();
    const double value = node->value<double>().value_or(0) * factor;
    return fmt::format("{}={}", target,
                       sweep::number_toml(integer ? std::round(value) : value, integer));
  };
  std::vector<std::string> out;
  if (parts.size() == 2) {
    out.push_back(scaled(resolved.at_path(parts[0] + "." + parts[1]).node(), axis.key));
    return out;
  }
  const toml::array* programmes = resolved["programme"].as_array();
  for (std::size_t j = 0; programmes && j < programmes->size(); ++j) {
    const toml::table* entry = programmes->get(j)->as_table();
    if (!entry) continue;
    const std::string kind = (*entry)["kind"].value_or(std::string());
    const std::string name = (*entry)["name"].value_or(kind);
    const bool chosen = !kinds.empty() ? std::find(kinds.begin(), kinds.end(), kind) != kinds.end()
                                       : parts[1] == name || parts[1] == std::to_string(j);
    if (chosen)
      out.push_back(scaled(entry->get(parts[2]), fmt::format("programme.{}.{}", j, parts[2])));
  }
  if (out.empty() && kinds.empty())
    throw problem(fmt::format("there is no programme '{}'", parts[1]));
  return out;
}

// Problems an override generated for a relative axis reports are the axis value's problems:
// renamed so that point_diagnostics places them at the value.
InputError as_axis_problems(const InputError& e,
                            const std::vector<std::pair<std::string, std::string>>& generated) {
  std::vector<Diagnostic> out = e.diagnostics();
  for (Diagnostic& d : out)
    for (const auto& [text, axis_text] : generated) {
      const std::string suffix = fmt::format(" (in '{}')", text);
      if (d.message.size() >= suffix.size() &&
          d.message.compare(d.message.size() - suffix.size(), suffix.size(), suffix) == 0) {
        d.message.resize(d.message.size() - suffix.size());
        d.message += fmt::format(" (as {}) (in '{}')", text, axis_text);
      }
    }
  return InputError(out);
}

}  // namespace

UncertainComparison::UncertainComparison(UncertainSpec spec, const ComparedArms& arms,
                                         std::uint64_t replicates)
    : spec_(std::move(spec)), labels_(arms.labels), replicates_(replicates) {
  draws_ = draw_parameters(spec_);
  const std::vector<std::vector<std::string>> kinds = axis_kinds(spec_, arms);
  const sweep::SweepSpec design = as_design(spec_);
  const std::uint64_t seed = arms.nominal.front().meta.seed;
  // Each scenario's own values, for relative axes.
  std::vector<toml::table> resolved;
  const bool any_relative = std::any_of(spec_.axes.begin(), spec_.axes.end(),
                                        [](const sweep::Axis& a) { return a.relative; });
  for (const Scenario& s : arms.nominal)
    resolved.push_back(any_relative ? toml::parse(s.resolved_toml) : toml::table{});
  std::vector<Diagnostic> problems;
  std::size_t failing = 0;
  scenarios_.resize(draws_.points.size());
  for (std::size_t k = 0; k < draws_.points.size(); ++k) {
    const sweep::Point& point = draws_.points[k];
    for (std::size_t i = 0; i < arms.paths.size(); ++i) {
      std::vector<std::string> overrides = arms.overrides;
      std::vector<std::pair<std::string, std::string>> generated;  // override, axis=value
      for (std::size_t a = 0; a < point.size(); ++a) {
        const std::string text = spec_.axes[a].key + "=" + point[a].toml;
        if (!kinds[a].empty() && !has_kind(arms.nominal[i], kinds[a])) continue;
        if (!spec_.axes[a].relative) {
          overrides.push_back(text);
          continue;
        }
        for (std::string& o :
             relative_overrides(spec_, spec_.axes[a], kinds[a], point[a].number.value_or(1),
                                resolved[i], arms.labels[i])) {
          generated.emplace_back(o, text);
          overrides.push_back(std::move(o));
        }
      }
      overrides.push_back(fmt::format("scenario.seed={}", seed));
      overrides.push_back(fmt::format("scenario.replicates={}", replicates_));
      try {
        scenarios_[k].push_back(params::load_scenario_file(arms.paths[i], overrides));
      } catch (const InputError& e) {
        if (++failing > kFailingLoadsShown) continue;
        const auto d = sweep::point_diagnostics(
            design, point, fmt::format("draw {}, scenario {}", k, arms.labels[i]),
            as_axis_problems(e, generated));
        problems.insert(problems.end(), d.begin(), d.end());
      }
    }
  }
  if (failing > kFailingLoadsShown)
    problems.push_back(Diagnostic{spec_.path, 0, 0,
                                  fmt::format("... and {} more scenarios under some draw fail the "
                                              "same way or another (fix the above and try again)",
                                              failing - kFailingLoadsShown)});
  if (!problems.empty()) throw InputError(problems);
}

std::uint64_t UncertainComparison::total_weeks() const {
  std::uint64_t weeks = 0;
  for (const auto& draw : scenarios_)
    for (const Scenario& s : draw) weeks += replicates_ * static_cast<std::uint64_t>(s.meta.weeks);
  return weeks;
}

UncertaintyResult UncertainComparison::run(const Twins& twins, const Comparison& nominal,
                                           const std::function<void()>& tick) const {
  const std::size_t draws = scenarios_.size(), arms = labels_.size();
  UncertaintyResult result{spec_, draws_, labels_, 0, replicates_, {}, {}};
  result.seed = scenarios_.front().front().meta.seed;
  std::map<std::string, std::size_t> index;
  for (const MetricComparison& m : nominal.metrics) {
    index.emplace(m.name, result.metrics.size());
    MetricDraws d{m.name, m.units, m.doc, m.group, m.better, {}, {}, {}, {}};
    d.arm_mean.assign(draws * arms, kNaN);
    d.difference.assign(draws * arms, kNaN);
    d.noise.assign(draws * arms, kNaN);
    for (std::size_t a = 0; a < arms; ++a)
      d.nominal.push_back(a == 0 || a >= m.arms.size() ? kNaN : m.arms[a].difference.mean);
    result.metrics.push_back(std::move(d));
  }
  for (std::size_t k = 0; k < draws; ++k) {
    std::vector<ComparisonArm> runs;
    for (std::size_t i = 0; i < arms; ++i)
      runs.push_back(ComparisonArm{labels_[i], scenarios_[k][i].source,
                                   run_replicates(scenarios_[k][i], replicates_, tick)});
    add_shock_effects(runs, scenarios_[k], twins);
    const Comparison c = compare_arms(runs);
    for (const MetricComparison& m : c.metrics) {
      const auto found = index.find(m.name);
      if (found == index.end()) continue;
      MetricDraws& d = result.metrics[found->second];
      for (std::size_t a = 0; a < std::min(arms, m.arms.size()); ++a) {
        const ArmMetric& am = m.arms[a];
        d.arm_mean[k * arms + a] = am.stats.values.empty() ? kNaN : am.stats.mean;
        if (a == 0) {
          d.difference[k * arms] = 0;
        } else if (am.n_paired > 0) {
          d.difference[k * arms + a] = am.difference.mean;
          d.noise[k * arms + a] = am.difference.high - am.difference.mean;
        }
      }
    }
  }
  for (const MetricDraws& d : result.metrics)
    result.robustness.push_back(
        assess(d, arms, spec_.axes.size(), draws_.unit, spec_.config.robust_share));
  return result;
}

}  // namespace mentorsim::uncertainty
