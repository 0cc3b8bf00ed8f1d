// Reading uncertainty files: [uncertainty] is declared here, like every scenario table; the
// [[axis]] entries are the sweep files' (sweep/axis_reader.cpp), read as sampled ranges.
#include "uncertainty/uncertain_spec.hpp"

#include <fmt/format.h>

#include "core/did_you_mean.hpp"
#include "core/error.hpp"
#include "input/read_value.hpp"
#include "input/reporter.hpp"
#include "input/schema_output.hpp"
#include "input/section_reader.hpp"
#include "sensitivity/sobol_sequence.hpp"
#include "sweep/axis_reader.hpp"
#include "sweep/spec_sections.hpp"

namespace mentorsim::uncertainty {

namespace {

using params::Range;

class Reader {
 public:
  Reader(UncertainSpec& spec, params::Reporter& reporter)
      : spec_(spec), reporter_(reporter), reader_(reporter) {}

  void read(const toml::table& root) {
    for (auto&& [key, node] : root) {
      const std::string k(key.str());
      if (k == "uncertainty" || k == "axis") continue;
      reporter_.at_key(key, node,
                       fmt::format("unknown {} '{}'{}", node.is_table() ? "table" : "top-level key",
                                   k, did_you_mean_suffix(k, {"uncertainty", "axis"})));
    }
    uncertainty_section().apply_defaults(&spec_.config);
    const toml::node* node = root.get("uncertainty");
    if (!node) {
      reporter_.at_file("missing the [uncertainty] table (an uncertainty file needs one)");
    } else if (!node->is_table()) {
      params::report_type(reporter_, *node, "uncertainty", "a table ([uncertainty])");
    } else {
      reader_.read(*node->as_table(), {{&uncertainty_section(), &spec_.config}}, "uncertainty", {});
      if (spec_.config.sampling == DrawSampling::kSobolSequence &&
          node->as_table()->contains("sampling_seed"))
        reader_.at_first_key(*node->as_table(), {"sampling_seed"},
                             "uncertainty.sampling_seed: a Sobol' sequence is deterministic and "
                             "takes no seed");
    }
    spec_.axes = sweep::AxisReader(reporter_, reader_, true, true).read(root);
    if (spec_.axes.empty() && !root.contains("axis"))
      reporter_.at_file("no [[axis]]: an uncertainty file needs at least one uncertain parameter");
    const toml::array* entries = root["axis"].as_array();
    for (std::size_t a = 0; entries && a < entries->size(); ++a) {
      const toml::table* entry = entries->get(a)->as_table();
      if (entry && (*entry)["key"].value<std::string>() == sweep::kBaseAxis)
        reader_.at_first_key(*entry, {"key"},
                             fmt::format("axis[{}].key: 'base' cannot be uncertain: the compared "
                                         "scenarios are the arms",
                                         a));
    }
  }

 private:
  UncertainSpec& spec_;
  params::Reporter& reporter_;
  params::SectionReader reader_;
};

}  // namespace

const params::SectionSpec& uncertainty_section() {
  static const params::SectionSpec spec =
      params::SectionBuilder<UncertaintyConfig>(
          "uncertainty",
          "How many parameter sets to draw from the [[axis]] ranges, and when a difference "
          "counts as robust.")
          .text("name", &UncertaintyConfig::name, "",
                "Name of the uncertainty study, recorded with the results (default: the file's "
                "stem).")
          .integer("draws", &UncertaintyConfig::draws, 64, Range{2, 100000}, "draws",
                   "Parameter sets K; every compared scenario runs under each. Drivers need more "
                   "draws than axes (64 for up to a dozen axes is usual).")
          .choice("sampling", &UncertaintyConfig::sampling,
                  {{"latin_hypercube", DrawSampling::kLatinHypercube},
                   {"sobol", DrawSampling::kSobolSequence}},
                  DrawSampling::kLatinHypercube,
                  "latin_hypercube: each axis's range cut into K strata, each used once, in a "
                  "random order keyed by sampling_seed; sobol: the first K points of a Sobol' "
                  "sequence (deterministic, no seed).")
          .integer("sampling_seed", &UncertaintyConfig::sampling_seed, 1, Range{0, 9.2e18}, "",
                   "latin_hypercube: seed of the sample (the runs' own seed is the baseline's "
                   "scenario.seed).")
          .integer("replicates", &UncertaintyConfig::replicates, 0, Range{0, 1e6}, "runs",
                   "Replicates of every scenario under every draw (0: the baseline's "
                   "scenario.replicates; compare --replicates overrides both).")
          .real("robust_share", &UncertaintyConfig::robust_share, 0.9, Range{0.5, 1}, "",
                "A difference from the baseline is robust when it has the same sign in at least "
                "this share of the draws.")
          .build();
  return spec;
}

std::string sampling_name(DrawSampling sampling) {
  UncertaintyConfig config;
  config.sampling = sampling;
  return std::get<std::string>(uncertainty_section().find("sampling")->read(&config));
}

UncertainSpec load_uncertain_file(const std::filesystem::path& path) {
  return load_uncertain_text(sweep::read_spec_file(path, "uncertainty file"), path);
}

UncertainSpec load_uncertain_text(std::string text, const std::filesystem::path& path) {
  UncertainSpec spec;
  spec.path = path.string();
  spec.text = std::move(text);
  const toml::table root = sweep::parse_spec_text(spec.text, spec.path);
  params::Reporter reporter(spec.path, {});
  Reader(spec, reporter).read(root);
  if (!reporter.empty()) throw InputError(reporter.sorted());
  if (spec.config.name.empty()) spec.config.name = path.stem().string();
  return spec;
}

sweep::SweepSpec as_design(const UncertainSpec& spec) {
  sweep::SweepSpec design;
  design.path = spec.path;
  design.text = spec.text;
  design.config.name = spec.config.name;
  design.config.sampling = sweep::Sampling::kLatinHypercube;
  design.config.points = spec.config.draws;
  design.config.sampling_seed = spec.config.sampling_seed;
  design.axes = spec.axes;
  return design;
}

Draws draw_parameters(const UncertainSpec& spec) {
  const sweep::SweepSpec design = as_design(spec);
  Draws draws;
  draws.unit =
      spec.config.sampling == DrawSampling::kSobolSequence
          ? sensitivity::sobol_points(spec.axes.size(), static_cast<std::size_t>(spec.config.draws))
          : sweep::latin_hypercube_unit(design);
  draws.points = sweep::points_from_unit(design, draws.unit);
  return draws;
}

std::string uncertainty_reference_markdown() {
  return params::section_markdown(uncertainty_section()) + "\n" +
         params::section_markdown(sweep::axis_section());
}

}  // namespace mentorsim::uncertainty
