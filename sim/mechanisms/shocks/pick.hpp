#pragma once
// How the shocks that remove people choose them among their candidates (docs/model.md §7.15):
// each candidate with probability `share`, exactly `count` of them at random, or the highest
// ranked. Every random choice is a pure function of (seed, replicate, id, week, Purpose::kShock,
// the shock's index), so the same people leave at any thread count and in every arm of a
// comparison that holds them.
#include <cstddef>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "state/world.hpp"

namespace mentorsim {

// The shock's draw for row r: uniform in (0, 1), keyed by id, week and shock index `index`.
double shock_draw(const World& world, Row r, std::size_t index);

// Each of `candidates` (rows, increasing) whose draw is below `share`; all of them, without a draw,
// when share >= 1. In row order.
std::vector<Row> pick_by_share(const World& world, std::span<const Row> candidates, double share,
                               std::size_t index);

// Exactly min(count, candidates) of `candidates` (rows, increasing): those with the smallest
// draws, equal draws broken by the lower id. In row order.
std::vector<Row> pick_count(const World& world, std::span<const Row> candidates, std::int64_t count,
                            std::size_t index);

// The first min(count, ranked) of (measure, row) pairs ranked by measure, highest first, equal
// measures broken by the lower row (= lower id; `ranked` comes in row order). In row order.
std::vector<Row> pick_top(std::vector<std::pair<double, Row>> ranked, std::int64_t count);

// How many people `share` of `size` is: rounded to the nearest, halves up (0.25 of 20 is 5, 0.1 of
// 25 is 3). A product within 1e-9 below a half counts as the half, since a share written in decimal
// (0.15) is not exact in binary.
std::int64_t people_in_share(double share, std::size_t size);

}  // namespace mentorsim
