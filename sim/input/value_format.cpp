#include "input/value_format.hpp"

#include "core/quoted.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace mentorsim::params {

std::string format_real(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  std::string s = fmt::format("{}", value);  // shortest round-trip representation
  if (s.find_first_of(".eE") == std::string::npos) s += ".0";
  return s;
}

namespace {
std::string escape(std::string_view text) {
  return quoted(text);
}

template <class Elem, class F>
std::string list(const std::vector<Elem>& items, F one) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ", ";
    out += one(items[i]);
  }
  return out + "]";
}

std::string literal(const ParamValue& value, bool json) {
  auto real = [json](double d) { return json && !std::isfinite(d) ? "null" : format_real(d); };
  auto str = [](const std::string& s) { return escape(s); };
  if (auto* d = std::get_if<double>(&value)) return real(*d);
  if (auto* i = std::get_if<std::int64_t>(&value)) return fmt::format("{}", *i);
  if (auto* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  if (auto* s = std::get_if<std::string>(&value)) return str(*s);
  if (auto* v = std::get_if<std::vector<double>>(&value)) return list(*v, real);
  if (auto* v = std::get_if<StringLists>(&value))
    return list(*v, [&](const std::vector<std::string>& inner) { return list(inner, str); });
  return list(std::get<std::vector<std::string>>(value), str);
}
}  // namespace

std::string toml_string(std::string_view text) {
  return escape(text);
}
std::string json_string(std::string_view text) {
  return escape(text);
}
std::string toml_literal(const ParamValue& value) {
  return literal(value, false);
}
std::string json_literal(const ParamValue& value) {
  return literal(value, true);
}

std::string format_bound(double bound, ParamType type) {
  // Integer parameters' bounds are whole numbers stored as doubles; print them as integers.
  if (type == ParamType::kInteger && std::isfinite(bound) && std::fabs(bound) < 9.3e18)
    return fmt::format("{}", static_cast<std::int64_t>(bound));
  return fmt::format("{}", bound);
}

std::string range_text(const Range& range, ParamType type) {
  const bool lo = std::isfinite(range.min), hi = std::isfinite(range.max);
  if (lo && hi)
    return fmt::format("[{}, {}]", format_bound(range.min, type), format_bound(range.max, type));
  if (lo) return ">= " + format_bound(range.min, type);
  if (hi) return "<= " + format_bound(range.max, type);
  return "";
}

std::string items_text(const ItemCount& items) {
  const bool hi = items.max != std::numeric_limits<std::size_t>::max();
  auto noun = [](std::size_t n) { return n == 1 ? "item" : "items"; };
  if (hi && items.min == items.max) return fmt::format("exactly {} {}", items.min, noun(items.min));
  if (hi && items.min > 0) return fmt::format("{} to {} items", items.min, items.max);
  if (hi) return fmt::format("at most {} {}", items.max, noun(items.max));
  if (items.min > 0) return fmt::format("at least {} {}", items.min, noun(items.min));
  return "";
}

std::string allowed_text(const ParamInfo& info, std::string_view quote) {
  switch (info.type) {
    case ParamType::kReal:
    case ParamType::kInteger:
      return range_text(info.range, info.type);
    case ParamType::kChoice: {
      std::string out;
      for (const auto& c : info.choices) {
        if (!out.empty()) out += ", ";
        out.append(quote).append(c).append(quote);
      }
      return out;
    }
    case ParamType::kRealList: {
      std::string out = items_text(info.items);
      const std::string each = range_text(info.range, ParamType::kReal);
      if (!each.empty()) {
        if (!out.empty()) out += ", ";
        out += (each.front() == '[' ? "each in " : "each ") + each;
      }
      return out;
    }
    case ParamType::kStringList:
    case ParamType::kStringLists:
      return items_text(info.items);
    case ParamType::kBool:
    case ParamType::kString:
      return "";
  }
  return "";
}

}  // namespace mentorsim::params
