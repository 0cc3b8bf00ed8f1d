// The declarations of [sweep] and [[axis]] (see spec_sections.hpp), and their reference.
#include "sweep/spec_sections.hpp"

#include <limits>

#include "input/schema_output.hpp"

namespace mentorsim::sweep {

using params::Range;
using params::SectionBuilder;
using params::SectionSpec;

namespace {

constexpr double kNoBound = std::numeric_limits<double>::infinity();

}  // namespace

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
          .choice("sampling", &SweepConfig::sampling,
                  {{"grid", Sampling::kGrid},
                   {"latin_hypercube", Sampling::kLatinHypercube},
                   {"morris", Sampling::kMorris},
                   {"sobol", Sampling::kSobol}},
                  Sampling::kGrid,
                  "grid: every combination of the axes' values; latin_hypercube: `points` points "
                  "with each axis's range cut into `points` strata, each stratum used once; "
                  "morris: `trajectories` Morris trajectories of k + 1 points each (elementary "
                  "effects); sobol: Saltelli's design on a Sobol' sequence, `base_samples` x "
                  "(k + 2) points (Sobol' indices). k is the number of axes; "
                  "docs/sensitivity.md.")
          .integer("points", &SweepConfig::points, 0, Range{0, 1e6}, "points",
                   "Latin hypercube: the number of points (grid: leave out).")
          .integer("sampling_seed", &SweepConfig::sampling_seed, 1, Range{0, 9.2e18}, "",
                   "Latin hypercube and morris: seed of the sample (the runs' own seed is "
                   "`seed`); a Sobol' design needs none.")
          .integer("trajectories", &SweepConfig::trajectories, 0, Range{0, 1e6}, "trajectories",
                   "morris: the number of trajectories r (10-50 is usual; at least 2).")
          .integer("levels", &SweepConfig::levels, 4, Range{2, 1000}, "levels",
                   "morris: grid levels p per axis (even; the step is p / (2 (p - 1))).")
          .integer("base_samples", &SweepConfig::base_samples, 0, Range{0, 1e6}, "samples",
                   "sobol: the base sample size N (512-4096 is usual; at least 2).")
          .flag("second_order", &SweepConfig::second_order, false,
                "sobol: also the second-order indices of every pair of axes, at N (2k + 2) "
                "points instead of N (k + 2).")
          .flag("weekly", &SweepConfig::weekly, true,
                "Write each run's weekly series (false: summaries only, for very large sweeps).")
          .build();
  return spec;
}

std::string sampling_name(Sampling sampling) {
  SweepConfig config;
  config.sampling = sampling;
  return std::get<std::string>(sweep_section().find("sampling")->read(&config));
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
          .integer("steps", &AxisConfig::steps, 0, Range{0, 1e6}, "values",
                   "Grid: values in the range, both ends included.")
          .choice("scale", &AxisConfig::scale,
                  {{"linear", AxisScale::kLinear}, {"log", AxisScale::kLog}}, AxisScale::kLinear,
                  "Spacing of a range's values: even, or even in logarithm (from and to > 0).")
          .choice("distribution", &AxisConfig::distribution,
                  {{"uniform", AxisDistribution::kUniform},
                   {"truncated_normal", AxisDistribution::kTruncatedNormal}},
                  AxisDistribution::kUniform,
                  "Sampled designs (latin_hypercube, morris, sobol): how a range's values are "
                  "spread: uniformly (in logarithm with scale = \"log\": log-uniform), or as a "
                  "normal with `mean` and `sd` truncated to from..to.")
          .real("mean", &AxisConfig::mean, 0, Range{-kNoBound, kNoBound}, "",
                "truncated_normal: the mean, inside from..to.")
          .real("sd", &AxisConfig::sd, 0, Range{0, kNoBound}, "",
                "truncated_normal: the standard deviation (above 0).")
          .text("why", &AxisConfig::why, "",
                "Why this range: its source, or the reasoning behind an assumed one. Recorded "
                "with the design and shown by `compare --uncertain` and its report.")
          .flag("relative", &AxisConfig::relative, false,
                "Uncertainty files only: the range is a factor on each compared scenario's own "
                "value of the key (0.75 to 1.25: a quarter less to a quarter more; rounded for "
                "integer keys), so scenarios that set it differently keep their difference.")
          .build();
  return spec;
}

Position position_of(const toml::node& node) {
  const auto& begin = node.source().begin;
  return {static_cast<int>(begin.line), static_cast<int>(begin.column)};
}

std::string sweep_reference_markdown() {
  return params::section_markdown(sweep_section()) + "\n" +
         params::section_markdown(axis_section());
}

}  // namespace mentorsim::sweep
