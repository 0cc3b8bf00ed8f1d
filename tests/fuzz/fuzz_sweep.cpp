// Fuzz target: the sweep loader (sweep/sweep_spec.hpp) and, for small sweeps, the plan that
// expands every point and loads its scenario (sweep/sweep_plan.hpp), as `mentorsim check` does.
//
// The text stands for a file in scenarios/sweeps/, so a `base` such as "../models/one_on_one.toml"
// finds the bundled scenarios. Any outcome but a plan or an InputError is a bug.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/error.hpp"
#include "sweep/points.hpp"
#include "sweep/sweep_plan.hpp"
#include "sweep/sweep_spec.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mentorsim;
  // Plans of more points than this only repeat the same per-point work: skipped for speed.
  constexpr std::size_t kMaxPlannedPoints = 32;
  try {
    sweep::SweepSpec spec =
        sweep::load_sweep_text(std::string(reinterpret_cast<const char*>(data), size),
                               MENTORSIM_SOURCE_DIR "/scenarios/sweeps/fuzz.toml");
    if (sweep::count_points(spec) <= kMaxPlannedPoints) (void)sweep::SweepPlan(std::move(spec));
  } catch (const InputError&) {
  }
  return 0;
}
