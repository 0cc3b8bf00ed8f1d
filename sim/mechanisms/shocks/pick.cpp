#include "mechanisms/shocks/pick.hpp"

#include <algorithm>
#include <cmath>

#include "core/rng.hpp"

namespace mentorsim {

double shock_draw(const World& world, Row r, std::size_t index) {
  return uniform01(world.key(), world.people.id[r], world.week(), Purpose::kShock, index);
}

std::vector<Row> pick_by_share(const World& world, std::span<const Row> candidates, double share,
                               std::size_t index) {
  if (share >= 1.0) return {candidates.begin(), candidates.end()};
  std::vector<Row> rows;
  for (Row r : candidates)
    if (shock_draw(world, r, index) < share) rows.push_back(r);
  return rows;
}

std::vector<Row> pick_count(const World& world, std::span<const Row> candidates, std::int64_t count,
                            std::size_t index) {
  std::vector<std::pair<double, Row>> drawn;
  drawn.reserve(candidates.size());
  for (Row r : candidates) drawn.emplace_back(shock_draw(world, r, index), r);
  const std::size_t k =
      std::min(drawn.size(), static_cast<std::size_t>(std::max<std::int64_t>(count, 0)));
  // Smallest draws first; rows increase with ids, so the pair order breaks ties by the lower id.
  std::partial_sort(drawn.begin(), drawn.begin() + static_cast<std::ptrdiff_t>(k), drawn.end());
  std::vector<Row> rows;
  for (std::size_t i = 0; i < k; ++i) rows.push_back(drawn[i].second);
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::vector<Row> pick_top(std::vector<std::pair<double, Row>> ranked, std::int64_t count) {
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  const std::size_t k =
      std::min(ranked.size(), static_cast<std::size_t>(std::max<std::int64_t>(count, 0)));
  std::vector<Row> rows;
  for (std::size_t i = 0; i < k; ++i) rows.push_back(ranked[i].second);
  std::sort(rows.begin(), rows.end());
  return rows;
}

std::int64_t people_in_share(double share, std::size_t size) {
  return static_cast<std::int64_t>(std::floor(share * static_cast<double>(size) + 0.5 + 1e-9));
}

}  // namespace mentorsim
