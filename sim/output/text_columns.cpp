#include "output/text_columns.hpp"

#include <algorithm>

namespace mentorsim::text {

namespace {
bool starts_code_point(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
}
}  // namespace

std::size_t width(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), starts_code_point));
}

std::string fit(std::string_view s, std::size_t max) {
  if (width(s) <= max) return std::string(s);
  const std::size_t keep = max > 3 ? max - 3 : 0;
  std::size_t bytes = 0;
  for (std::size_t cols = 0; bytes < s.size(); ++bytes)
    if (starts_code_point(s[bytes]) && cols++ == keep) break;
  return std::string(s.substr(0, bytes)) + std::string(std::min<std::size_t>(max, 3), '.');
}

std::string pad_right(std::string_view s, std::size_t w) {
  return std::string(s) + std::string(w - std::min(w, width(s)), ' ');
}

std::string pad_left(std::string_view s, std::size_t w) {
  return std::string(w - std::min(w, width(s)), ' ') + std::string(s);
}

std::string wrap(std::string_view s, std::size_t w) {
  std::string out;
  std::size_t line = 0;  // columns on the current line
  std::size_t start = 0;
  while (start <= s.size()) {
    const std::size_t end = std::min(s.find_first_of(" \n", start), s.size());
    const std::string_view word = s.substr(start, end - start);
    if (line > 0 && line + 1 + width(word) > w) {
      out += '\n';
      line = 0;
    } else if (line > 0) {
      out += ' ';
      ++line;
    }
    out += word;
    line += width(word);
    if (end < s.size() && s[end] == '\n') {
      out += '\n';
      line = 0;
    }
    start = end + 1;
  }
  return out;
}

}  // namespace mentorsim::text
