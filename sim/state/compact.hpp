#pragma once
// Stable compaction of structure-of-arrays columns: keeps the rows whose new_row is not kNoRow.
// The kept rows are found once as runs, and each column moves run by run (one memmove each): a
// week removes a few hundred of 10^5 rows, so a copy per element was most of the compaction's cost.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "state/ids.hpp"

namespace mentorsim {

// Rows [first, last) kept together, in increasing order.
struct KeptRun {
  std::size_t first, last;
};

// The runs of kept rows of an old row -> new row map.
inline std::vector<KeptRun> kept_runs(const std::vector<Row>& new_row) {
  std::vector<KeptRun> runs;
  const std::size_t n = new_row.size();
  for (std::size_t r = 0; r < n;) {
    while (r < n && new_row[r] == kNoRow) ++r;
    const std::size_t first = r;
    while (r < n && new_row[r] != kNoRow) ++r;
    if (r > first) runs.push_back({first, r});
  }
  return runs;
}

// Keeps the elements of `column` in the kept runs, `width` values per row.
template <class T>
void compact_column(std::vector<T>& column, const std::vector<KeptRun>& runs,
                    std::size_t width = 1) {
  std::size_t out = 0;
  for (const KeptRun& run : runs) {
    const auto first = column.begin() + static_cast<std::ptrdiff_t>(run.first * width);
    const auto last = column.begin() + static_cast<std::ptrdiff_t>(run.last * width);
    // The destination starts before the run (or at it), which std::copy allows.
    if (out != run.first * width)
      std::copy(first, last, column.begin() + static_cast<std::ptrdiff_t>(out));
    out += (run.last - run.first) * width;
  }
  column.resize(out);
}

}  // namespace mentorsim
