#pragma once
// The state of a run between two weeks, as named columns: every table of the world
// (practitioners, ties, peer groups and their memberships) and each programme's waiting count,
// with a digest over all of it. `mentorsim run --save-state` writes snapshots to a state file
// (output/state_file.hpp) for inspection and as the check a continuation must pass: a run continued
// from the file (--from-state) reproduces weeks 0..week-1, every draw being a pure function of
// (seed, replicate, entity, week, purpose), and its snapshot must equal the saved one, digest and
// all, before it goes on.
#include <cstdint>
#include <string>
#include <vector>

#include "state/ids.hpp"

namespace mentorsim {

class World;

struct StateColumn {
  std::string table;  // "practitioners", "ties", "groups", "memberships", "programmes"
  std::string name;   // the column's name in its table
  // Whole numbers (ids, weeks, counts, flags) or reals (skill, hours; NaN canonical), one of the
  // two filled; `width` values per row (zones for skill and memory), row-major.
  std::vector<std::int64_t> whole;
  std::vector<double> real;
  std::size_t width = 1;
};

struct StateSnapshot {
  std::uint64_t replicate = 0;
  Week week = 0;  // weeks done: the snapshot is taken before week `week` runs
  std::vector<StateColumn> columns;
  std::string digest;  // SHA-256 over every column's table, name and values
};

// The world of replicate `replicate` now, after `weeks_done` weeks (Simulation::weeks_done).
StateSnapshot snapshot_state(const World& world, std::uint64_t replicate, Week weeks_done);

// The first column in which two snapshots differ ("ties/planned_end"), or "" when they are equal.
std::string first_difference(const StateSnapshot& a, const StateSnapshot& b);

}  // namespace mentorsim
