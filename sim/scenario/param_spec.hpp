#pragma once
// One declaration per parameter. A section (a TOML table such as [departure], or one programme
// kind) declares each of its keys once: type, default, range, units, a one-line doc, and the config
// field it fills. That declaration drives parsing, range checks, defaults, `mentorsim check`,
// `mentorsim schema` and the generated parameter reference. Config structs carry no defaults of
// their own.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace mentorsim::params {

// kStringLists: a list of lists of strings, e.g. one list of zone names per function.
enum class ParamType {
  kReal,
  kInteger,
  kBool,
  kChoice,
  kString,
  kRealList,
  kStringList,
  kStringLists
};

const char* type_name(ParamType type);  // "real", "integer", "bool", "choice", ...

using StringLists = std::vector<std::vector<std::string>>;
using ParamValue = std::variant<double, std::int64_t, bool, std::string, std::vector<double>,
                                std::vector<std::string>, StringLists>;

// Inclusive bounds on a number, or on every element of a list of numbers.
struct Range {
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
};

// Allowed length of a list.
struct ItemCount {
  std::size_t min = 0;
  std::size_t max = std::numeric_limits<std::size_t>::max();
};

struct ParamInfo {
  std::string key;  // inside its table, e.g. "annual_hazard"
  ParamType type = ParamType::kReal;
  ParamValue default_value;
  Range range;                       // numbers and lists of numbers
  ItemCount items;                   // lists (of a list of lists: the outer list)
  std::vector<std::string> choices;  // kChoice
  std::string units;                 // "1/year", "weeks", "hours/week"; empty when dimensionless
  std::string doc;                   // one line
};

// A declared parameter bound to a field of its section's config struct (type-erased).
struct ParamSpec {
  ParamInfo info;
  std::function<void(void* config, const ParamValue& value)> assign;
  std::function<ParamValue(const void* config)> read;
};

// A check across fields, run after every field parsed. Returns an error message or nothing;
// the loader reports it at the first of `keys` present in the file and names all of them.
struct CrossCheck {
  std::vector<std::string> keys;
  std::function<std::optional<std::string>(const void* config)> check;
};

struct SectionSpec {
  std::string name;  // the TOML table ("departure"), or the programme kind ("one_on_one")
  std::string doc;
  std::vector<ParamSpec> params;
  std::vector<CrossCheck> checks;

  const ParamSpec* find(std::string_view key) const {
    for (const auto& p : params)
      if (p.info.key == key) return &p;
    return nullptr;
  }
  // Fills every declared field of `config` with its declared default.
  void apply_defaults(void* config) const {
    for (const auto& p : params) p.assign(config, p.info.default_value);
  }
};

// Typed builder: binds declarations to members of Cfg.
template <class Cfg>
class SectionBuilder {
 public:
  SectionBuilder(std::string name, std::string doc) {
    spec_.name = std::move(name);
    spec_.doc = std::move(doc);
  }

  SectionBuilder& real(std::string key, double Cfg::*field, double def, Range range,
                       std::string units, std::string doc) {
    return add<double>(std::move(key), ParamType::kReal, field, def, range, {}, {},
                       std::move(units), std::move(doc));
  }
  SectionBuilder& integer(std::string key, std::int64_t Cfg::*field, std::int64_t def, Range range,
                          std::string units, std::string doc) {
    return add<std::int64_t>(std::move(key), ParamType::kInteger, field, def, range, {}, {},
                             std::move(units), std::move(doc));
  }
  SectionBuilder& flag(std::string key, bool Cfg::*field, bool def, std::string doc) {
    return add<bool>(std::move(key), ParamType::kBool, field, def, {}, {}, {}, "", std::move(doc));
  }
  // A choice among the named values of an enum, in the order documented: a file names one, the
  // config holds the enum, resolved once at load. The names are what the schema, `mentorsim
  // check` and --set see.
  template <class E>
  SectionBuilder& choice(std::string key, E Cfg::*field,
                         std::vector<std::pair<std::string, E>> named, E def, std::string doc) {
    std::vector<std::string> names;
    for (const auto& [name, value] : named) names.push_back(name);
    ParamSpec p;
    p.info = ParamInfo{std::move(key),
                       ParamType::kChoice,
                       ParamValue{name_of(named, def)},
                       {},
                       {},
                       std::move(names),
                       "",
                       std::move(doc)};
    p.assign = [field, named](void* c, const ParamValue& v) {
      const std::string& name = std::get<std::string>(v);
      for (const auto& [n, value] : named)
        if (n == name) {
          static_cast<Cfg*>(c)->*field = value;
          return;
        }
      throw std::invalid_argument("not one of the choices: '" + name + "'");  // checked before
    };
    p.read = [field, named](const void* c) {
      return ParamValue{name_of(named, static_cast<const Cfg*>(c)->*field)};
    };
    spec_.params.push_back(std::move(p));
    return *this;
  }
  SectionBuilder& text(std::string key, std::string Cfg::*field, std::string def, std::string doc) {
    return add<std::string>(std::move(key), ParamType::kString, field, std::move(def), {}, {}, {},
                            "", std::move(doc));
  }
  SectionBuilder& real_list(std::string key, std::vector<double> Cfg::*field,
                            std::vector<double> def, Range each, ItemCount items, std::string units,
                            std::string doc) {
    return add<std::vector<double>>(std::move(key), ParamType::kRealList, field, std::move(def),
                                    each, items, {}, std::move(units), std::move(doc));
  }
  SectionBuilder& string_list(std::string key, std::vector<std::string> Cfg::*field,
                              std::vector<std::string> def, ItemCount items, std::string doc) {
    return add<std::vector<std::string>>(std::move(key), ParamType::kStringList, field,
                                         std::move(def), {}, items, {}, "", std::move(doc));
  }
  // A list of lists of strings; `items` bounds the outer list (each inner list is checked by the
  // section's cross-field checks, which know what its entries mean).
  SectionBuilder& string_lists(std::string key, StringLists Cfg::*field, StringLists def,
                               ItemCount items, std::string doc) {
    return add<StringLists>(std::move(key), ParamType::kStringLists, field, std::move(def), {},
                            items, {}, "", std::move(doc));
  }
  SectionBuilder& check(std::vector<std::string> keys,
                        std::function<std::optional<std::string>(const Cfg&)> fn) {
    spec_.checks.push_back({std::move(keys), [fn = std::move(fn)](const void* c) {
                              return fn(*static_cast<const Cfg*>(c));
                            }});
    return *this;
  }

  // A check that `low` does not exceed `high` (e.g. a minimum size and a size), reported at both
  // keys as "<low> <value> exceeds <high> <value>".
  template <class T>
  SectionBuilder& not_above(std::string low_key, T Cfg::*low, std::string high_key, T Cfg::*high) {
    return check({low_key, high_key}, [=](const Cfg& c) -> std::optional<std::string> {
      if (!(c.*low > c.*high)) return std::nullopt;
      return low_key + " " + format_value(c.*low) + " exceeds " + high_key + " " +
             format_value(c.*high);
    });
  }

  SectionSpec build() { return std::move(spec_); }

 private:
  template <class E>
  static std::string name_of(const std::vector<std::pair<std::string, E>>& named, E value) {
    for (const auto& [name, v] : named)
      if (v == value) return name;
    throw std::invalid_argument("an enum value without a name");
  }
  static std::string format_value(std::int64_t v) { return std::to_string(v); }
  // As fmt's "{:g}": six significant digits, no trailing zeros.
  static std::string format_value(double v) {
    std::string s(32, '\0');
    s.resize(static_cast<std::size_t>(std::snprintf(s.data(), s.size(), "%g", v)));
    return s;
  }

  template <class T, class Field>
  SectionBuilder& add(std::string key, ParamType type, Field field, T def, Range range,
                      ItemCount items, std::vector<std::string> choices, std::string units,
                      std::string doc) {
    ParamSpec p;
    p.info = ParamInfo{std::move(key),
                       type,
                       ParamValue{std::move(def)},
                       range,
                       items,
                       std::move(choices),
                       std::move(units),
                       std::move(doc)};
    p.assign = [field](void* c, const ParamValue& v) {
      static_cast<Cfg*>(c)->*field = std::get<T>(v);
    };
    p.read = [field](const void* c) { return ParamValue{static_cast<const Cfg*>(c)->*field}; };
    spec_.params.push_back(std::move(p));
    return *this;
  }

  SectionSpec spec_;
};

}  // namespace mentorsim::params
