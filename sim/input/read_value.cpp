#include "input/read_value.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "core/did_you_mean.hpp"
#include "input/sections.hpp"
#include "input/value_format.hpp"

namespace mentorsim::params {

std::string found_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a real number";
    case toml::node_type::boolean:
      return "a boolean";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date-time";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

std::nullopt_t report_type(Reporter& reporter, const toml::node& node, const std::string& full_key,
                           const std::string& expected) {
  std::string message =
      fmt::format("{}: expected {}, found {}", full_key, expected, found_name(node));
  const auto* o = reporter.override_of(node);
  if (o && o->read_as_string && node.is_string())
    message += "; the value is not valid TOML, so it was read as a string";
  reporter.at(node, std::move(message));
  return std::nullopt;
}

namespace {

std::string quoted_choices(const std::vector<std::string>& choices) {
  return join_names(choices, "'", " or ");
}

bool in_range(double v, const Range& range) {
  return v >= range.min && v <= range.max;
}  // not NaN

// `shown` is the value as written in messages.
std::nullopt_t report_range(Reporter& r, const toml::node& node, const std::string& full_key,
                            const std::string& shown, const ParamInfo& info, ParamType type) {
  const std::string allowed = range_text(info.range, type);
  // A share or probability written as a percentage (attendance = 90): say how it is written.
  // From 10: a 2 for a skill is more likely a slip than 2%.
  const double value = std::strtod(shown.c_str(), nullptr);
  const bool percent = info.range.min == 0 && info.range.max == 1 && value >= 10 && value <= 100;
  r.at(node,
       allowed.empty()  // unbounded: only NaN is refused
           ? fmt::format("{}: {} is not a number (give a finite value)", full_key, shown)
           : fmt::format(
                 "{}: {} is out of range {}{}", full_key, shown, allowed,
                 percent ? fmt::format(" (a fraction: {} for {}%?)", value / 100, shown) : ""));
  return std::nullopt;
}

// A number for a real parameter (or a real list element): a TOML float or integer.
std::optional<double> read_real(const ParamInfo& info, const toml::node& node,
                                const std::string& full_key, Reporter& r) {
  double v = 0;
  if (const auto* f = node.as_floating_point())
    v = f->get();
  else if (const auto* i = node.as_integer())
    v = static_cast<double>(i->get());  // an integer literal is accepted for a real
  else
    return report_type(r, node, full_key, "a real number");
  if (!in_range(v, info.range))
    return report_range(r, node, full_key, fmt::format("{}", v), info, ParamType::kReal);
  return v;
}

template <class T, class ReadOne>
std::optional<ParamValue> read_list(const ParamInfo& info, const toml::node& node,
                                    const std::string& full_key, Reporter& r, const char* expected,
                                    ReadOne read_one) {
  const auto* array = node.as_array();
  if (!array) return report_type(r, node, full_key, expected);
  bool ok = true;
  if (array->size() < info.items.min || array->size() > info.items.max) {
    r.at(node,
         fmt::format("{}: expected {}, found {}", full_key, items_text(info.items), array->size()));
    ok = false;
  }
  std::vector<T> values;
  for (std::size_t i = 0; i < array->size(); ++i) {
    std::optional<T> v = read_one((*array)[i], fmt::format("{}[{}]", full_key, i));
    if (v) values.push_back(std::move(*v));
    ok = ok && v.has_value();
  }
  if (!ok) return std::nullopt;
  return ParamValue{std::move(values)};
}

}  // namespace

std::optional<ParamValue> read_value(const ParamInfo& info, const toml::node& node,
                                     const std::string& full_key, Reporter& r) {
  const auto read_string = [&](const toml::node& e,
                               const std::string& k) -> std::optional<std::string> {
    if (const auto* s = e.as_string()) return s->get();
    return report_type(r, e, k, "a string");
  };
  switch (info.type) {
    case ParamType::kReal:
      if (auto v = read_real(info, node, full_key, r)) return ParamValue{*v};
      return std::nullopt;
    case ParamType::kInteger: {
      const auto* i = node.as_integer();  // a real is not accepted for an integer
      if (!i) return report_type(r, node, full_key, "an integer");
      if (!in_range(static_cast<double>(i->get()), info.range))
        return report_range(r, node, full_key, fmt::format("{}", i->get()), info,
                            ParamType::kInteger);
      return ParamValue{i->get()};
    }
    case ParamType::kBool:
      if (const auto* b = node.as_boolean()) return ParamValue{b->get()};
      return report_type(r, node, full_key, "true or false");
    case ParamType::kString:
      if (const auto* s = node.as_string()) return ParamValue{s->get()};
      return report_type(r, node, full_key, "a string");
    case ParamType::kChoice: {
      const auto* s = node.as_string();
      if (!s)
        return report_type(r, node, full_key, "a string (" + quoted_choices(info.choices) + ")");
      for (const auto& c : info.choices)
        if (c == s->get()) return ParamValue{c};
      r.at(node,
           fmt::format("{}: unknown choice '{}' (valid choices: {}){}", full_key, s->get(),
                       quoted_choices(info.choices), did_you_mean_suffix(s->get(), info.choices)));
      return std::nullopt;
    }
    case ParamType::kRealList:
      return read_list<double>(
          info, node, full_key, r, "an array of real numbers",
          [&](const toml::node& e, const std::string& k) { return read_real(info, e, k, r); });
    case ParamType::kStringList:
      return read_list<std::string>(info, node, full_key, r, "an array of strings", read_string);
    case ParamType::kStringLists: {
      // The outer list's length is info.items; an inner list may have any length.
      ParamInfo inner;  // no bounds on an inner list's length
      inner.type = ParamType::kStringList;
      return read_list<std::vector<std::string>>(
          info, node, full_key, r, "an array of arrays of strings",
          [&](const toml::node& e,
              const std::string& k) -> std::optional<std::vector<std::string>> {
            auto v = read_list<std::string>(inner, e, k, r, "an array of strings", read_string);
            if (!v) return std::nullopt;
            return std::get<std::vector<std::string>>(std::move(*v));
          });
    }
  }
  return std::nullopt;
}

}  // namespace mentorsim::params
