#pragma once
// Stable compaction of structure-of-arrays columns: keeps the rows whose new_row is not kNoRow.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "engine/ids.hpp"

namespace mentorsim {

// Keeps the elements of `column` whose row is kept (new_row[r] != kNoRow), `width` values per row.
template <class T>
void compact_column(std::vector<T>& column, const std::vector<Row>& new_row,
                    std::size_t width = 1) {
  std::size_t out = 0;
  for (std::size_t r = 0; r < new_row.size(); ++r) {
    if (new_row[r] == kNoRow) continue;
    if (out != r * width)
      std::copy_n(column.begin() + static_cast<std::ptrdiff_t>(r * width), width,
                  column.begin() + static_cast<std::ptrdiff_t>(out));
    out += width;
  }
  column.resize(out);
}

}  // namespace mentorsim
