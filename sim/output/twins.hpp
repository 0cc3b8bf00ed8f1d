#pragma once
// Shock arms and their twins in `mentorsim compare` (docs/compare.md, "A shock against its twin").
// The twin of a scenario with [[shock]] entries is the same scenario without them: named by its
// scenario.twin key, or else found among the compared scenarios. Common random numbers make the
// pairing exact (metrics/shock_effects.hpp).
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "output/comparison.hpp"
#include "scenario/scenario.hpp"

namespace mentorsim {

// A resolved scenario (params::resolved_toml) without what may differ between a scenario and its
// twin: its [[shock]] entries and the name, description and twin of [scenario].
std::string twin_key(const std::string& resolved_toml);

// A problem with a declared twin, in scenario number `scenario`.
struct TwinProblem {
  std::size_t scenario;
  std::string message;
};

struct Twins {
  std::vector<std::optional<std::size_t>> twin;  // by scenario: its twin's index, if any
  std::vector<TwinProblem> problems;             // declared twins missing or not twins
  std::vector<std::size_t> unpaired;             // scenarios with shocks and no twin
};

// The twin of every scenario with shocks. `paths` are the scenario files as given (a declared
// twin is relative to its scenario's file). A declared twin must be among `scenarios`, have no
// shocks, and have the same twin_key; otherwise that is a problem. Without a declaration, the
// first scenario without shocks and with the same twin_key is the twin.
Twins find_twins(const std::vector<Scenario>& scenarios, const std::vector<std::string>& paths);

// Adds the shock effects (shock<i>/vs_twin/..., metrics/shock_effects.hpp) to every run of each
// arm that has a twin, from the run of its twin arm with the same replicate index.
void add_shock_effects(std::vector<ComparisonArm>& arms, const std::vector<Scenario>& scenarios,
                       const Twins& twins);

}  // namespace mentorsim
