// The group /uncertainty of a comparison's HDF5 file (robustness_output.hpp; layout in
// docs/output-format.md): the design, every arm's metric under every draw, and the robustness
// statistics, arrays indexed [metric, draw, scenario] and [metric, scenario(, axis)].
#include <fmt/format.h>

#include <limits>

#include "output/hdf5_util.hpp"
#include "uncertainty/robustness_output.hpp"

namespace mentorsim::uncertainty {

namespace {

constexpr const char* kGroup = "uncertainty";

// One statistic of every (metric, arm) as an M x A matrix.
template <typename Field>
std::vector<double> per_arm(const UncertaintyResult& r, Field field) {
  std::vector<double> out;
  for (const MetricRobustness& m : r.robustness)
    for (const ArmRobustness& a : m.arms) out.push_back(field(a));
  return out;
}

}  // namespace

std::string range_text(const sweep::Axis& axis) {
  if (!axis.is_range) {
    std::string listed;
    for (const auto& v : axis.values)
      listed += fmt::format("{}{}", listed.empty() ? "" : ", ", v.toml);
    return fmt::format("one of {}", listed);
  }
  const std::string ends = fmt::format(
      "{}{} to {}{}", axis.relative ? "x" : "", sweep::number_toml(axis.from, axis.integer),
      axis.relative ? "x" : "", sweep::number_toml(axis.to, axis.integer));
  if (axis.truncated_normal)
    return fmt::format("{}, normal (mean {}, sd {})", ends, axis.mean, axis.sd);
  return fmt::format("{}{}", ends, axis.log_scale ? ", log-uniform" : ", uniform");
}

void write_uncertainty_group(hid_t root, hid_t lcpl, const UncertaintyResult& r) {
  const h5::Handle g = h5::create_group(root, kGroup, lcpl, kGroup);
  const hid_t id = g.get();
  const std::string path = kGroup;
  const auto metrics = static_cast<hsize_t>(r.metrics.size());
  const auto draws = static_cast<hsize_t>(r.draws.points.size());
  const auto arms = static_cast<hsize_t>(r.labels.size());
  const auto axes = static_cast<hsize_t>(r.spec.axes.size());

  h5::string_attr(id, path, "name", r.spec.config.name);
  h5::string_attr(id, path, "source", r.spec.path);
  h5::string_attr(id, path, "text", r.spec.text);
  h5::string_attr(id, path, "sampling", sampling_name(r.spec.config.sampling));
  h5::u64_attr(id, path, "draws", draws);
  h5::u64_attr(id, path, "replicates", r.replicates);
  h5::u64_attr(id, path, "seed", r.seed);
  h5::double_attr(id, path, "robust_share", r.spec.config.robust_share);
  h5::string_array_attr(id, path, "labels", r.labels);

  std::vector<std::string> names, units, better, groups, keys, why;
  for (const MetricDraws& d : r.metrics) {
    names.push_back(d.name);
    units.push_back(d.units);
    better.emplace_back(metrics::better_name(d.better));
    groups.push_back(d.group);
  }
  std::vector<std::string> ranges;
  for (const sweep::Axis& a : r.spec.axes) {
    keys.push_back(a.key);
    why.push_back(a.why);
    ranges.push_back(range_text(a));
  }
  h5::write_column(id, path, "metric", names, lcpl);
  h5::write_column(id, path, "units", units, lcpl);
  h5::write_column(id, path, "better", better, lcpl);
  h5::write_column(id, path, "headline_group", groups, lcpl);
  h5::write_column(id, path, "axis", keys, lcpl);
  h5::write_column(id, path, "why", why, lcpl);
  h5::write_column(id, path, "range", ranges, lcpl);

  std::vector<double> values;
  std::vector<std::string> value_text;
  for (const sweep::Point& p : r.draws.points)
    for (const sweep::AxisValue& v : p) {
      values.push_back(v.number ? *v.number : std::numeric_limits<double>::quiet_NaN());
      value_text.push_back(v.toml);
    }
  h5::write_column(id, path, "value_text", value_text, lcpl);
  h5::write_array(id, path, "unit", {draws, axes}, r.draws.unit, lcpl);
  h5::write_array(id, path, "value", {draws, axes}, values, lcpl);

  std::vector<double> means, differences, noise, nominal;
  for (const MetricDraws& d : r.metrics) {
    means.insert(means.end(), d.arm_mean.begin(), d.arm_mean.end());
    differences.insert(differences.end(), d.difference.begin(), d.difference.end());
    noise.insert(noise.end(), d.noise.begin(), d.noise.end());
    nominal.insert(nominal.end(), d.nominal.begin(), d.nominal.end());
  }
  h5::write_array(id, path, "arm_mean", {metrics, draws, arms}, means, lcpl);
  h5::write_array(id, path, "difference", {metrics, draws, arms}, differences, lcpl);
  h5::write_array(id, path, "difference_noise", {metrics, draws, arms}, noise, lcpl);
  h5::write_array(id, path, "nominal_difference", {metrics, arms}, nominal, lcpl);

  const std::vector<hsize_t> by_arm{metrics, arms};
  h5::write_array(id, path, "p_best", by_arm, per_arm(r, [](auto& a) { return a.p_best; }), lcpl);
  h5::write_array(id, path, "p_better", by_arm, per_arm(r, [](auto& a) { return a.p_better; }),
                  lcpl);
  h5::write_array(id, path, "p_higher", by_arm, per_arm(r, [](auto& a) { return a.p_higher; }),
                  lcpl);
  h5::write_array(id, path, "p_lower", by_arm, per_arm(r, [](auto& a) { return a.p_lower; }), lcpl);
  h5::write_array(id, path, "diff_median", by_arm, per_arm(r, [](auto& a) { return a.median; }),
                  lcpl);
  h5::write_array(id, path, "diff_q05", by_arm, per_arm(r, [](auto& a) { return a.q05; }), lcpl);
  h5::write_array(id, path, "diff_q95", by_arm, per_arm(r, [](auto& a) { return a.q95; }), lcpl);
  h5::write_array(id, path, "within_noise", by_arm,
                  per_arm(r, [](auto& a) { return a.within_noise; }), lcpl);
  h5::write_array(id, path, "r2", by_arm, per_arm(r, [](auto& a) { return a.r2; }), lcpl);

  std::vector<double> src;
  std::vector<std::string> verdicts, drivers;
  for (const MetricRobustness& m : r.robustness)
    for (const ArmRobustness& a : m.arms) {
      src.insert(src.end(), a.src.begin(), a.src.end());
      verdicts.emplace_back(verdict_name(a.verdict));
      drivers.push_back(a.driver < 0 ? "" : r.spec.axes[a.driver].key);
    }
  h5::write_array(id, path, "src", {metrics, arms, axes}, src, lcpl);
  h5::write_column(id, path, "verdict", verdicts, lcpl);
  h5::write_column(id, path, "driver", drivers, lcpl);
}

}  // namespace mentorsim::uncertainty
