#pragma once
// The indices in [0, n) with a property, in increasing order, found in fixed blocks side by side:
// each block lists its own indices in order and the blocks are joined in block order, so the list
// is the one a single pass would make, on any number of threads. For the weekly scans that pick a
// few hundred of 10^5 rows (the week's leavers, their ties and memberships): a serial pass over
// every row each was a large share of the departure phase's time.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace mentorsim {

// Replaces `out` with every i < n for which keep(i), increasing. keep runs concurrently for
// different blocks: it may only read shared state.
template <class Index, class Keep>
void gather_where(Index n, Keep&& keep, std::vector<Index>& out) {
  constexpr std::size_t kBlock = 8192;
  const std::size_t blocks = (static_cast<std::size_t>(n) + kBlock - 1) / kBlock;
  std::vector<std::vector<Index>> parts(blocks);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    const auto first = static_cast<Index>(b * kBlock);
    const Index last = std::min<Index>(n, static_cast<Index>(first + kBlock));
    for (Index i = first; i < last; ++i)
      if (keep(i)) parts[b].push_back(i);
  });
  out.clear();
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
}

}  // namespace mentorsim
