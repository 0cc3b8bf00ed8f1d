#pragma once
// Sweep files (docs/sweeps.md): a base scenario, parameter axes, replicates per point, and grid or
// Latin-hypercube sampling. Read as strictly as scenario files: every problem at file:line:col,
// unknown keys with a suggestion, all reported at once as InputError.
#include <toml++/toml.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mentorsim::sweep {

// The most points a sweep may have, whatever its sampling (checked before any point is built).
// `check` and `sweep` load every point's scenario before anything runs, about 0.1 ms and 1.2 KB a
// point: at this ceiling about 2 minutes and 1.2 GB (docs/sweeps.md). Bigger studies are split
// into several sweep files.
inline constexpr std::size_t kMaxSweepPoints = 1'000'000;

// The key of an axis that chooses the base scenario file itself (e.g. one file per model).
inline constexpr const char* kBaseAxis = "base";

struct Position {
  int line = 0;  // 1-based; 0 when unknown
  int column = 0;
};

// One value an axis takes at a point.
struct AxisValue {
  std::string toml;              // as TOML text: 4, 0.25, "best_score"
  std::optional<double> number;  // the value, when it is a number
  Position where;                // the listed value, or the range's `from`
};

struct Axis {
  std::string key;  // a scenario key as --set takes it, or kBaseAxis
  Position where;   // the `key` entry
  // Either listed values, or a range from..to (grid: `steps` values; Latin hypercube: sampled).
  bool is_range = false;
  std::vector<AxisValue> values;  // listed values; for a grid range, its steps
  double from = 0;
  double to = 0;
  std::int64_t steps = 0;
  bool log_scale = false;
  bool integer = false;  // from and to were written as integers: values are rounded
  // Sampled designs: a normal(mean, sd) truncated to from..to instead of uniform.
  bool truncated_normal = false;
  double mean = 0, sd = 0;
  std::string why;  // the range's source or rationale (optional)
  // Uncertainty files: the value is a factor on each compared scenario's own value of the key.
  bool relative = false;
};

// How a sweep picks its points: every combination of the axes' values, or a sample of their
// ranges: a Latin hypercube, Morris trajectories or Saltelli's design for Sobol' indices
// (docs/sensitivity.md).
enum class Sampling : std::uint8_t { kGrid, kLatinHypercube, kMorris, kSobol };
std::string sampling_name(Sampling sampling);  // as a sweep file writes it (its declaration)

struct SweepConfig {  // the [sweep] table, filled by its declarations (spec_sections.cpp)
  std::string name;
  std::string base;
  std::int64_t replicates = 0;
  std::int64_t seed = 0;
  Sampling sampling = Sampling::kGrid;
  std::int64_t points = 0;
  std::int64_t sampling_seed = 0;
  std::int64_t trajectories = 0;  // morris: r
  std::int64_t levels = 0;        // morris: p
  std::int64_t base_samples = 0;  // sobol: N
  bool second_order = false;      // sobol: add the BA_i rows for second-order indices
  bool weekly = true;
};

struct SweepSpec {
  std::string path;  // the sweep file as given
  std::string text;  // its contents, recorded in the index
  SweepConfig config;
  bool has_seed = false;                   // [sweep] seed given
  std::filesystem::path base_path;         // `base`, relative to the sweep file's directory
  Position base_where;                     // where `base` is given
  std::optional<toml::table> base_inline;  // or a [base] table holding the scenario
  std::vector<Axis> axes;
  bool latin_hypercube() const { return config.sampling == Sampling::kLatinHypercube; }
  // Ranges are sampled (every sampling but the grid): they take no `steps`.
  bool sampled() const { return config.sampling != Sampling::kGrid; }
};

// A number as TOML text: an integer, or a float in its shortest exact form with a '.' (15.0).
std::string number_toml(double value, bool integer);

// Whether `path` holds a sweep rather than a scenario: a top-level [sweep] table. False for a file
// that cannot be read or parsed (the scenario loader then reports why).
bool is_sweep_file(const std::filesystem::path& path);

// The text of a sweep or uncertainty file (`what` names it in messages); InputError when it is
// missing or unreadable.
std::string read_spec_file(const std::filesystem::path& path, std::string_view what);

// `text` parsed as TOML; a syntax error is an InputError at its file:line:col (`path`).
toml::table parse_spec_text(const std::string& text, const std::string& path);

// Reads and checks a sweep file. Throws InputError with every problem.
SweepSpec load_sweep_file(const std::filesystem::path& path);
// The same from the file's text (e.g. as an index records it), `path` naming it in messages and
// anchoring a relative base.
SweepSpec load_sweep_text(std::string text, const std::filesystem::path& path);

// The declarations of [sweep] and [[axis]], for the reference in docs/sweeps.md.
std::string sweep_reference_markdown();

}  // namespace mentorsim::sweep
