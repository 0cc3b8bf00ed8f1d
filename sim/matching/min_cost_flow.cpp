#include "matching/min_cost_flow.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <queue>
#include <utility>

namespace mentorsim::matching {

namespace {
constexpr std::int64_t kInf = std::numeric_limits<std::int64_t>::max() / 4;
}

MinCostFlow::MinCostFlow(int nodes) : graph_(static_cast<std::size_t>(nodes)) {}

int MinCostFlow::add_edge(int from, int to, std::int64_t cap, std::int64_t cost) {
  auto& out = graph_[static_cast<std::size_t>(from)];
  auto& in = graph_[static_cast<std::size_t>(to)];
  const int pos = static_cast<int>(out.size());
  // A self-loop's reverse edge sits right after it in the same list.
  const int rev_pos = from == to ? pos + 1 : static_cast<int>(in.size());
  out.push_back({to, rev_pos, cap, cost});
  graph_[static_cast<std::size_t>(to)].push_back({from, pos, 0, -cost});
  ids_.emplace_back(from, pos);
  original_cap_.push_back(cap);
  return static_cast<int>(ids_.size()) - 1;
}

std::int64_t MinCostFlow::flow(int id) const {
  const auto [node, pos] = ids_[static_cast<std::size_t>(id)];
  return original_cap_[static_cast<std::size_t>(id)] -
         graph_[static_cast<std::size_t>(node)][static_cast<std::size_t>(pos)].cap;
}

std::int64_t MinCostFlow::run(int source, int sink, bool only_negative) {
  const std::size_t n = graph_.size();
  // Potentials: shortest distances from the source (Bellman–Ford, passes until nothing changes).
  std::vector<std::int64_t> pot(n, kInf);
  pot[static_cast<std::size_t>(source)] = 0;
  for (std::size_t pass = 0; pass < n; ++pass) {
    bool changed = false;
    for (std::size_t u = 0; u < n; ++u) {
      if (pot[u] == kInf) continue;
      for (const Edge& e : graph_[u]) {
        const auto v = static_cast<std::size_t>(e.to);
        if (e.cap > 0 && pot[u] + e.cost < pot[v]) {
          pot[v] = pot[u] + e.cost;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  for (auto& p : pot)
    if (p == kInf) p = 0;  // unreachable now, so unreachable for good: never scanned

  std::int64_t total = 0;
  std::vector<std::int64_t> dist(n);
  std::vector<int> prev_node(n), prev_edge(n);
  using Item = std::pair<std::int64_t, int>;  // (distance, node): ties go to the lower node
  while (true) {
    std::fill(dist.begin(), dist.end(), kInf);
    std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
    dist[static_cast<std::size_t>(source)] = 0;
    heap.push({0, source});
    while (!heap.empty()) {
      const auto [d, u] = heap.top();
      heap.pop();
      const auto uu = static_cast<std::size_t>(u);
      if (d != dist[uu]) continue;
      for (std::size_t i = 0; i < graph_[uu].size(); ++i) {
        const Edge& e = graph_[uu][i];
        if (e.cap <= 0) continue;
        const auto v = static_cast<std::size_t>(e.to);
        const std::int64_t nd = d + e.cost + pot[uu] - pot[v];  // reduced cost ≥ 0
        if (nd < dist[v]) {
          dist[v] = nd;
          prev_node[v] = u;
          prev_edge[v] = static_cast<int>(i);
          heap.push({nd, e.to});
        }
      }
    }
    const auto t = static_cast<std::size_t>(sink);
    if (dist[t] == kInf) break;
    const std::int64_t path_cost = dist[t] + pot[t] - pot[static_cast<std::size_t>(source)];
    if (only_negative && path_cost >= 0) break;
    for (std::size_t v = 0; v < n; ++v)
      if (dist[v] != kInf) pot[v] += dist[v];
    std::int64_t push = kInf;
    for (int v = sink; v != source; v = prev_node[static_cast<std::size_t>(v)]) {
      const auto vv = static_cast<std::size_t>(v);
      const Edge& e =
          graph_[static_cast<std::size_t>(prev_node[vv])][static_cast<std::size_t>(prev_edge[vv])];
      push = std::min(push, e.cap);
    }
    for (int v = sink; v != source; v = prev_node[static_cast<std::size_t>(v)]) {
      const auto vv = static_cast<std::size_t>(v);
      Edge& e =
          graph_[static_cast<std::size_t>(prev_node[vv])][static_cast<std::size_t>(prev_edge[vv])];
      e.cap -= push;
      graph_[static_cast<std::size_t>(e.to)][static_cast<std::size_t>(e.rev)].cap += push;
    }
    total += push * path_cost;
  }
  return total;
}

}  // namespace mentorsim::matching
