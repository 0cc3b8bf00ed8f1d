#pragma once
// Loops over fixed blocks of rows, side by side (oneTBB). A block's rows are the same on any
// number of threads, so what blocks compute and then combine in block order (sums of doubles, lists
// in row order) depends on the block size only, never on the thread count. kBlockRows is that one
// size: changing it changes the order of the double sums, and so the last bits of results.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstddef>
#include <vector>

namespace mentorsim {

inline constexpr std::size_t kBlockRows = 4096;

inline std::size_t block_count(std::size_t rows) {
  return (rows + kBlockRows - 1) / kBlockRows;
}

// Rows [first, last) of block `index`; last - first <= kBlockRows.
struct Block {
  std::size_t index, first, last;
};

// body(Block) for every block of `rows`, side by side: it may write only what its block owns.
template <class Body>
void for_each_block(std::size_t rows, Body&& body) {
  tbb::parallel_for(std::size_t{0}, block_count(rows), [&](std::size_t b) {
    body(Block{b, b * kBlockRows, std::min(rows, (b + 1) * kBlockRows)});
  });
}

// One Part per block (body(Block) returns it), in block order: combine them in that order.
template <class Part, class Body>
std::vector<Part> parts_by_block(std::size_t rows, Body&& body) {
  std::vector<Part> parts(block_count(rows));
  for_each_block(rows, [&](Block b) { parts[b.index] = body(b); });
  return parts;
}

// What body(Block, std::vector<T>& out) appends for each block, joined in block order: the list
// one pass over the rows would make.
template <class T, class Body>
std::vector<T> joined_by_block(std::size_t rows, Body&& body) {
  std::vector<std::vector<T>> parts(block_count(rows));
  for_each_block(rows, [&](Block b) { body(b, parts[b.index]); });
  std::size_t total = 0;
  for (const auto& part : parts) total += part.size();
  std::vector<T> out;
  out.reserve(total);
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

// Replaces `out` with every i < n for which keep(i), increasing. For the weekly scans that pick a
// few hundred of 10^5 rows (the week's leavers, their ties and memberships); keep runs
// concurrently for different blocks: it may only read shared state.
template <class Index, class Keep>
void gather_where(Index n, Keep&& keep, std::vector<Index>& out) {
  out = joined_by_block<Index>(n, [&](Block b, std::vector<Index>& part) {
    for (auto i = static_cast<Index>(b.first); i < static_cast<Index>(b.last); ++i)
      if (keep(i)) part.push_back(i);
  });
}

}  // namespace mentorsim
