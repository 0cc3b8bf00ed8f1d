#pragma once
// Uncertainty files (`mentorsim compare ... --uncertain FILE.toml`, docs/sensitivity.md): ranges
// for assumed parameters, applied to every compared scenario, and how many parameter sets to draw
// from them. Read as strictly as sweep files, whose [[axis]] entries they share: every problem at
// file:line:col, unknown keys with a suggestion, all reported at once as InputError.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "scenario/param_spec.hpp"
#include "sweep/points.hpp"
#include "sweep/sweep_spec.hpp"

namespace mentorsim::uncertainty {

// How the parameter sets are drawn: a Latin hypercube (McKay et al. 1979; random, stratified on
// every axis) or the first K points of a Sobol' sequence (quasi-random, evenly spread in every
// projection; deterministic).
enum class DrawSampling : std::uint8_t { kLatinHypercube, kSobolSequence };

struct UncertaintyConfig {  // the [uncertainty] table, filled by its declarations
  std::string name;
  std::int64_t draws = 0;
  DrawSampling sampling = DrawSampling::kLatinHypercube;
  std::int64_t sampling_seed = 0;
  std::int64_t replicates = 0;
  double robust_share = 0;
};

struct UncertainSpec {
  std::string path;  // the file as given
  std::string text;  // its contents, recorded with the results
  UncertaintyConfig config;
  std::vector<sweep::Axis> axes;  // the uncertain parameters, as sweep axes (sampled ranges)
};

// The parameter sets: K points, one value per axis, and their unit-cube coordinates (row-major,
// K rows of one column per axis), a pure function of the file.
struct Draws {
  std::vector<sweep::Point> points;
  std::vector<double> unit;
};

// Reads and checks an uncertainty file. Throws InputError with every problem.
UncertainSpec load_uncertain_file(const std::filesystem::path& path);
UncertainSpec load_uncertain_text(std::string text, const std::filesystem::path& path);

Draws draw_parameters(const UncertainSpec& spec);

// The spec's axes as a sampled sweep design (for messages that point at an axis's value).
sweep::SweepSpec as_design(const UncertainSpec& spec);

std::string sampling_name(DrawSampling sampling);  // as the file writes it

// The declarations of the [uncertainty] table (its [[axis]] entries are sweep::axis_section()).
const params::SectionSpec& uncertainty_section();

// The declarations of [uncertainty] and [[axis]], for the reference in docs/sensitivity.md.
std::string uncertainty_reference_markdown();

}  // namespace mentorsim::uncertainty
