#pragma once
// Candidates (row, spare room) over every practitioner row, in row order, found in fixed blocks of
// rows side by side: each block appends its own candidates in row order and the blocks are joined
// in block order, so the list is the one a single pass would make, on any number of threads. For
// the models' weekly scans of the whole population (who may facilitate, visit, mentor upward).
#include <tbb/parallel_for.h>

#include <algorithm>
#include <vector>

#include "engine/ids.hpp"
#include "matching/matcher.hpp"

namespace mentorsim {

// block(first, last, out) appends the candidates among rows [first, last) to out, in row order.
// It runs concurrently for different blocks: it may only read shared state.
template <class Block>
std::vector<matching::Candidate> candidates_by_block(Row rows, Block&& block) {
  constexpr Row kBlock = 8192;
  const std::size_t blocks = (static_cast<std::size_t>(rows) + kBlock - 1) / kBlock;
  std::vector<std::vector<matching::Candidate>> parts(blocks);
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    const auto first = static_cast<Row>(b * kBlock);
    block(first, std::min<Row>(rows, first + kBlock), parts[b]);
  });
  std::vector<matching::Candidate> out;
  std::size_t total = 0;
  for (const auto& part : parts) total += part.size();
  out.reserve(total);
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

}  // namespace mentorsim
