#pragma once
// Aligned text columns for terminal tables (`run` summaries, `compare` tables). Widths are
// counted in code points: UTF-8 continuation bytes take no column.
#include <cstddef>
#include <string>
#include <string_view>

namespace mentorsim::text {

// Columns `s` takes.
std::size_t width(std::string_view s);
// At most `max` columns, cut at a code point boundary and marked with "...".
std::string fit(std::string_view s, std::size_t max);
// `s` padded with spaces to `w` columns, on the right or on the left.
std::string pad_right(std::string_view s, std::size_t w);
std::string pad_left(std::string_view s, std::size_t w);
// `s` with its spaces turned into line breaks so that no line is wider than `w` columns (a word
// longer than that keeps a line of its own); existing line breaks stay.
std::string wrap(std::string_view s, std::size_t w);

}  // namespace mentorsim::text
