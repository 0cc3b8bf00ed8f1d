#pragma once
// Numbers as the output formats write them: CSV (shortest exact form, empty when not finite),
// JSON (null for NaN and infinity, which JSON lacks) and text tables (a few significant digits,
// "-" when not finite).
#include <fmt/format.h>

#include <cmath>
#include <string>

namespace mentorsim {

inline std::string number_or_empty(double x) {
  return std::isfinite(x) ? fmt::format("{}", x) : "";
}

inline std::string json_number(double x) {
  return std::isfinite(x) ? fmt::format("{}", x) : "null";
}

inline std::string short_number(double x, int digits) {
  return std::isfinite(x) ? fmt::format("{:.{}g}", x, digits) : "-";
}

}  // namespace mentorsim
