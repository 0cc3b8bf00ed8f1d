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

}  // namespace mentorsim::text
