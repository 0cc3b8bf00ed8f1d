// Reading sweep files: [sweep] and [[axis]] are declared once (spec_sections.cpp), like every
// scenario table; the axes are read in axis_reader.cpp, and the choice of base scenario here.
#include "sweep/sweep_spec.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iterator>
#include <utility>

#include "core/did_you_mean.hpp"
#include "core/error.hpp"
#include "input/read_value.hpp"
#include "input/reporter.hpp"
#include "input/section_reader.hpp"
#include "input/toml_text.hpp"
#include "sweep/axis_reader.hpp"
#include "sweep/spec_sections.hpp"

namespace mentorsim::sweep {

namespace {

// The most points a sampled design may have.
constexpr auto kMostSampledPoints = static_cast<double>(kMaxSweepPoints);

class SpecReader {
 public:
  // `sampled`: whether the sampling samples ranges (every kind but the grid), looked at before
  // the rest because it decides how ranges are read (and checked again with [sweep]).
  SpecReader(SweepSpec& spec, params::Reporter& reporter, bool sampled)
      : spec_(spec), reporter_(reporter), reader_(reporter), sampled_(sampled) {}

  void read(const toml::table& root) {
    for (auto&& [key, node] : root) {
      const std::string k(key.str());
      if (k == "sweep" || k == "axis" || k == kBaseAxis) continue;
      reporter_.at_key(key, node,
                       fmt::format("unknown {} '{}'{}", node.is_table() ? "table" : "top-level key",
                                   k, did_you_mean_suffix(k, {"sweep", "axis", "base"})));
    }
    read_sweep(root);
    AxisReader axes(reporter_, reader_, sampled_);
    spec_.axes = axes.read(root);
    check_base(root);
    check_sampling(root);
    if (reporter_.empty()) axes.build_grid_values(spec_.axes);
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
    const Sampling sampling = spec_.config.sampling;
    // Each sampling's own size keys: required by it, refused by the others.
    struct SizeKey {
      const char* key;
      Sampling owner;
      std::int64_t value, least;
      const char* meaning;
    };
    const SizeKey sizes[] = {
        {"points", Sampling::kLatinHypercube, spec_.config.points, 1, "points"},
        {"trajectories", Sampling::kMorris, spec_.config.trajectories, 2, "trajectories"},
        {"base_samples", Sampling::kSobol, spec_.config.base_samples, 2, "base samples"}};
    for (const SizeKey& s : sizes) {
      if (sampling == s.owner && s.value < s.least)
        reader_.at_first_key(*sweep_, {s.key, "sampling"},
                             fmt::format("sweep.{}: {} sampling needs {} >= {} ({})", s.key,
                                         sampling_name(sampling), s.key, s.least, s.meaning));
      if (sampling != s.owner && sweep_->contains(s.key))
        reader_.at_first_key(
            *sweep_, {s.key},
            fmt::format("sweep.{}: only for sampling = \"{}\"", s.key, sampling_name(s.owner)));
    }
    // A design of more points than a Latin hypercube may have (its `points` limit) is refused
    // before anything expands it.
    const double axes = static_cast<double>(spec_.axes.size());
    const double design =
        sampling == Sampling::kMorris  ? static_cast<double>(spec_.config.trajectories) * (axes + 1)
        : sampling == Sampling::kSobol ? static_cast<double>(spec_.config.base_samples) *
                                             (spec_.config.second_order ? 2 * axes + 2 : axes + 2)
                                       : 0.0;
    if (design > kMostSampledPoints)
      reader_.at_first_key(
          *sweep_, {sampling == Sampling::kMorris ? "trajectories" : "base_samples"},
          fmt::format("sweep.{}: the design would have {:.0f} points ({} axes), more than the "
                      "{:.0f} a sweep may sample",
                      sampling == Sampling::kMorris ? "trajectories" : "base_samples", design,
                      spec_.axes.size(), kMostSampledPoints));
    if (sweep_->contains("second_order") && sampling != Sampling::kSobol)
      reader_.at_first_key(*sweep_, {"second_order"},
                           "sweep.second_order: only for sampling = \"sobol\"");
    if (sweep_->contains("levels") && sampling != Sampling::kMorris)
      reader_.at_first_key(*sweep_, {"levels"}, "sweep.levels: only for sampling = \"morris\"");
    if (sampling == Sampling::kMorris && spec_.config.levels % 2 != 0)
      reader_.at_first_key(*sweep_, {"levels"},
                           fmt::format("sweep.levels: Morris levels must be even (so that every "
                                       "step of p / (2 (p - 1)) stays on the grid), not {}",
                                       spec_.config.levels));
    if (sweep_->contains("sampling_seed") && sampling == Sampling::kSobol)
      reader_.at_first_key(*sweep_, {"sampling_seed"},
                           "sweep.sampling_seed: a Sobol' design is deterministic and takes no "
                           "seed");
  }

 private:
  SweepSpec& spec_;
  params::Reporter& reporter_;
  params::SectionReader reader_;
  const toml::table* sweep_ = nullptr;
  bool sampled_ = false;
};

}  // namespace

std::string read_spec_file(const std::filesystem::path& path, std::string_view what) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(Diagnostic{path.string(), 0, 0,
                                std::filesystem::exists(path, ec)
                                    ? "not a regular file"
                                    : fmt::format("no such {}", what)});
  std::ifstream in(path, std::ios::binary);
  std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.is_open() || in.bad())
    throw InputError(Diagnostic{path.string(), 0, 0, fmt::format("cannot read the {}", what)});
  return text;
}

toml::table parse_spec_text(const std::string& text, const std::string& path) {
  return params::parse_toml_text(text, path);
}

std::string number_toml(double value, bool integer) {
  if (integer) return fmt::format("{}", static_cast<std::int64_t>(value));
  const std::string text = fmt::format("{}", value);
  // TOML needs a '.' or an exponent in a float; nan and inf are spelled the same in both.
  return text.find_first_of(".eEn") == std::string::npos ? text + ".0" : text;
}

bool is_sweep_file(const std::filesystem::path& path) {
  try {
    const toml::table root =
        params::parse_toml_text(read_spec_file(path, "sweep file"), path.string());
    return root.contains("sweep");
  } catch (...) {
    return false;
  }
}

SweepSpec load_sweep_file(const std::filesystem::path& path) {
  return load_sweep_text(read_spec_file(path, "sweep file"), path);
}

SweepSpec load_sweep_text(std::string text, const std::filesystem::path& path) {
  SweepSpec spec;
  spec.path = path.string();
  spec.text = std::move(text);
  const toml::table root = parse_spec_text(spec.text, spec.path);
  params::Reporter reporter(spec.path, {});
  const toml::node* sampling = root.at_path("sweep.sampling").node();
  const bool sampled =
      sampling && sampling->is_string() && *sampling->value<std::string>() != "grid";
  SpecReader(spec, reporter, sampled).read(root);
  if (!reporter.empty()) throw InputError(reporter.sorted());
  if (spec.config.name.empty()) spec.config.name = path.stem().string();
  if (!spec.base_path.empty() && spec.base_path.is_relative())
    spec.base_path = path.parent_path() / spec.base_path;
  return spec;
}

}  // namespace mentorsim::sweep
