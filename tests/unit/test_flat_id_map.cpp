// FlatIdMap (models/flat_id_map.hpp) against std::map as the reference: the same operations in
// the same order give the same contents, walked in the same order.
#include <catch2/catch.hpp>

#include <cstdint>
#include <map>
#include <random>
#include <utility>
#include <vector>

#include "models/flat_id_map.hpp"

using mentorsim::FlatIdMap;

namespace {

using Pairs = std::vector<std::pair<std::uint64_t, int>>;

Pairs contents(const FlatIdMap<std::uint64_t, int>& map) {
  Pairs out;
  map.for_each([&](std::uint64_t k, int v) { out.emplace_back(k, v); });
  return out;
}

Pairs contents(const std::map<std::uint64_t, int>& map) {
  return {map.begin(), map.end()};
}

}  // namespace

TEST_CASE("FlatIdMap matches std::map under random inserts, erases and lookups", "[flat_id_map]") {
  std::mt19937_64 gen(42);  // test data only, not a model draw
  FlatIdMap<std::uint64_t, int> flat;
  std::map<std::uint64_t, int> reference;
  std::uint64_t next_id = 0;
  for (int step = 0; step < 20000; ++step) {
    const auto op = gen() % 10;
    // Mostly new (increasing) ids, as members join; sometimes an old one, as when re-queued.
    const std::uint64_t key = op < 4 ? next_id++ : gen() % (next_id + 1);
    if (op < 6) {
      const int value = static_cast<int>(gen() % 1000);
      flat[key] = value;
      reference[key] = value;
    } else if (op < 8) {
      flat.erase(key);
      reference.erase(key);
    } else {
      const int* found = flat.find(key);
      const auto it = reference.find(key);
      REQUIRE((found != nullptr) == (it != reference.end()));
      if (found) REQUIRE(*found == it->second);
    }
    if (step % 997 == 0) REQUIRE(contents(flat) == contents(reference));
  }
  REQUIRE(flat.size() == reference.size());
  REQUIRE(contents(flat) == contents(reference));
}

TEST_CASE("FlatIdMap cursor finds increasing keys in one pass", "[flat_id_map]") {
  FlatIdMap<std::uint64_t, int> flat;
  for (std::uint64_t k : {9u, 3u, 7u, 1u}) flat[k] = static_cast<int>(10 * k);
  flat.erase(7);
  auto cursor = flat.cursor();
  std::vector<std::uint64_t> hits;
  for (std::uint64_t k = 0; k <= 10; ++k)
    if (const int* v = cursor.seek(k)) {
      REQUIRE(*v == static_cast<int>(10 * k));
      hits.push_back(k);
    }
  REQUIRE(hits == std::vector<std::uint64_t>{1, 3, 9});
}

TEST_CASE("FlatIdMap allows erasing the walked entry during for_each", "[flat_id_map]") {
  FlatIdMap<std::uint64_t, int> flat;
  for (std::uint64_t k = 0; k < 10; ++k) flat[k] = static_cast<int>(k);
  std::vector<std::uint64_t> walked;
  flat.for_each([&](std::uint64_t k, int& v) {
    walked.push_back(k);
    if (v % 2 == 0) flat.erase(k);
  });
  REQUIRE(walked.size() == 10);
  REQUIRE(contents(flat) == Pairs{{1, 1}, {3, 3}, {5, 5}, {7, 7}, {9, 9}});
}
