#pragma once
// Minimum-cost flow by successive shortest paths with potentials (Johnson reweighting + Dijkstra),
// on integer costs so that every comparison is exact and the result cannot depend on rounding.
// Used by the batch-optimal matcher; small and self-contained.
//
// Determinism: nodes are numbered by the caller, edges are scanned in insertion order, and the
// Dijkstra heap orders by (distance, node), so ties between equal-cost paths are always broken the
// same way, never by address.
#include <cstdint>
#include <vector>

namespace mentorsim::matching {

class MinCostFlow {
 public:
  explicit MinCostFlow(int nodes);

  // Adds a directed edge with capacity `cap` ≥ 0 and cost `cost` (may be negative, provided the
  // graph has no negative cycle). Returns the edge id, usable with flow().
  int add_edge(int from, int to, std::int64_t cap, std::int64_t cost);

  // Sends flow from `source` to `sink` along successive cheapest paths while a path's cost is
  // negative (`only_negative`), or until no path is left. With only_negative, the result is a
  // flow of minimum total cost over all flow values (the cost of the k-th path is nondecreasing in
  // k, so stopping at the first path of cost ≥ 0 is optimal). Returns the total cost.
  //
  // Initial potentials come from Bellman–Ford (negative costs allowed), O(V·E) worst case and
  // O(E) on the layered graphs of the matcher; then each augmentation is one Dijkstra,
  // O(E log V). Total O(V·E + F·E log V) for F augmentations.
  std::int64_t run(int source, int sink, bool only_negative);

  // Flow on edge `id` after run().
  std::int64_t flow(int id) const;

 private:
  struct Edge {
    int to;
    int rev;  // index of the reverse edge in graph_[to]
    std::int64_t cap;
    std::int64_t cost;
  };
  std::vector<std::vector<Edge>> graph_;
  std::vector<std::pair<int, int>> ids_;  // edge id -> (node, position)
  std::vector<std::int64_t> original_cap_;
};

}  // namespace mentorsim::matching
