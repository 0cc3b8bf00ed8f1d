#include "input/json_schema.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "input/sections.hpp"
#include "input/value_format.hpp"
#include "mechanisms/shocks/shock.hpp"

namespace mentorsim::params {

namespace {

using json::Value;

// A bound as JSON: integers without a decimal point.
Value bound(double b, ParamType type) {
  return Value::literal(type == ParamType::kInteger ? format_bound(b, type) : format_real(b));
}

// minimum/maximum of a number (or of each number of a list) where the declaration bounds it.
void add_range(Value& schema, const Range& range, ParamType type) {
  if (std::isfinite(range.min)) schema.set("minimum", bound(range.min, type));
  if (std::isfinite(range.max)) schema.set("maximum", bound(range.max, type));
}

void add_items(Value& schema, const ItemCount& items) {
  if (items.min > 0) schema.set("minItems", static_cast<std::int64_t>(items.min));
  if (items.max != std::numeric_limits<std::size_t>::max())
    schema.set("maxItems", static_cast<std::int64_t>(items.max));
}

Value typed(const char* type) {
  return Value::object().set("type", type);
}

Value array_of(Value items) {
  return typed("array").set("items", std::move(items));
}

std::string description(const ParamInfo& info) {
  return info.units.empty() ? info.doc : info.doc + " [" + info.units + "]";
}

// The name of a shock kind as a file writes it (the `kind` choice's name for it).
std::string shock_kind_name(const ShockKindEntry& kind) {
  ShockConfig shock{};
  shock.kind = kind.kind;
  return std::get<std::string>(shock_section().find("kind")->read(&shock));
}

// `if` the entry's kind is `kind` `then` it takes only `properties` and requires `required`.
Value kind_case(const std::string& kind, Value properties, const std::vector<std::string>& required,
                Value extra = Value::object()) {
  Value then = typed("object").set("properties", std::move(properties));
  if (!required.empty()) then.set("required", Value::strings(required));
  then.set("additionalProperties", false);
  if (!extra.empty()) then.set("oneOf", std::move(extra));
  return Value::object()
      .set("if",
           Value::object()
               .set("properties", Value::object().set("kind", Value::object().set("const", kind)))
               .set("required", Value::strings({"kind"})))
      .set("then", std::move(then));
}

Value programme_entry() {
  const SectionSpec& common = programme_common_section();
  Value entry = typed("object").set("description", common.doc);
  entry.set("required", Value::strings({"kind"}));
  entry.set("properties",
            Value::object().set("kind", Value::object()
                                            .set("enum", Value::strings(programme_kind_names()))
                                            .set("description", common.find("kind")->info.doc)));
  Value cases = Value::array();
  for (const ProgrammeKind& kind : programme_kinds()) {
    Value properties = Value::object();
    for (const auto* spec : {&common, &kind.spec})
      for (const auto& p : spec->params) {
        // `kind` is required and `name` defaults to the kind: no fixed default for either.
        const bool fixed = spec != &common || (p.info.key != "kind" && p.info.key != "name");
        properties.set(p.info.key, param_schema(p.info, fixed));
      }
    properties.set("kind", Value::object()
                               .set("const", std::string(kind.entry->kind))
                               .set("description", std::string(kind.entry->summary)));
    cases.push(kind_case(kind.spec.name, std::move(properties), {"kind"}));
  }
  entry.set("allOf", std::move(cases));
  return entry;
}

Value shock_entry() {
  const SectionSpec& shock = shock_section();
  Value entry = typed("object").set("description", shock.doc);
  entry.set("required", Value::strings({"kind", "week"}));
  std::vector<std::string> names;
  for (const ShockKindEntry& kind : shock_kinds()) names.push_back(shock_kind_name(kind));
  entry.set("properties",
            Value::object().set("kind", Value::object().set("enum", Value::strings(names))));
  Value cases = Value::array();
  for (const ShockKindEntry& kind : shock_kinds()) {
    Value properties = Value::object();
    for (const std::string& key : kind.keys) {
      const ParamSpec* p = shock.find(key);
      properties.set(key, param_schema(p->info, key != "kind" && key != "week"));
    }
    properties.set("kind", Value::object()
                               .set("const", shock_kind_name(kind))
                               .set("description", std::string(kind.summary)));
    // Of the kind's one_of keys (share or count), exactly one.
    Value one_of = Value::array();
    for (const std::string& key : kind.one_of)
      one_of.push(Value::object().set("required", Value::strings({key})));
    cases.push(
        kind_case(shock_kind_name(kind), std::move(properties), kind.required, std::move(one_of)));
  }
  entry.set("allOf", std::move(cases));
  return entry;
}

}  // namespace

Value param_schema(const ParamInfo& i, bool with_default) {
  Value s;
  switch (i.type) {
    case ParamType::kReal:
    case ParamType::kInteger:
      s = typed(i.type == ParamType::kReal ? "number" : "integer");
      add_range(s, i.range, i.type);
      break;
    case ParamType::kBool:
      s = typed("boolean");
      break;
    case ParamType::kChoice:
      s = typed("string").set("enum", Value::strings(i.choices));
      break;
    case ParamType::kString:
      s = typed("string");
      break;
    case ParamType::kRealList: {
      Value each = typed("number");
      add_range(each, i.range, ParamType::kReal);
      s = array_of(std::move(each));
      add_items(s, i.items);
      break;
    }
    case ParamType::kStringList:
      s = array_of(typed("string"));
      add_items(s, i.items);
      break;
    case ParamType::kStringLists:
      s = array_of(array_of(typed("string")));
      add_items(s, i.items);
      break;
  }
  s.set("description", description(i));
  // A default of inf or nan has no JSON form; it is in the description's reference instead.
  const std::string def = json_literal(i.default_value);
  if (with_default && def.find("null") == std::string::npos) s.set("default", Value::literal(def));
  return s;
}

Value table_schema(const SectionSpec& spec) {
  Value properties = Value::object();
  for (const auto& p : spec.params) properties.set(p.info.key, param_schema(p.info));
  return typed("object")
      .set("description", spec.doc)
      .set("properties", std::move(properties))
      .set("additionalProperties", false);
}

Value override_key_schema() {
  std::vector<std::string> keys;
  for (const ScenarioTable& table : scenario_tables())
    for (const auto& p : table.spec.params) keys.push_back(table.spec.name + "." + p.info.key);
  // Any programme key: the common ones and every kind's (the entry addressed decides which apply).
  std::vector<std::string> programme_keys;
  auto add = [&](const SectionSpec& spec) {
    for (const auto& p : spec.params)
      if (std::find(programme_keys.begin(), programme_keys.end(), p.info.key) ==
          programme_keys.end())
        programme_keys.push_back(p.info.key);
  };
  add(programme_common_section());
  for (const ProgrammeKind& kind : programme_kinds()) add(kind.spec);
  // programme.<name, index or kind:k>.<key>
  const std::string pattern = fmt::format("^{}\\.(kind:[a-z_|]+|[A-Za-z0-9_-]+)\\.({})$",
                                          kProgrammeTable, fmt::join(programme_keys, "|"));
  return Value::object().set("anyOf", Value::array()
                                          .push(Value::object().set("enum", Value::strings(keys)))
                                          .push(Value::object().set("pattern", pattern)));
}

Value scenario_schema() {
  Value properties = Value::object();
  for (const ScenarioTable& table : scenario_tables())
    properties.set(table.spec.name, table_schema(table.spec));
  properties.set(kProgrammeTable, array_of(programme_entry())
                                      .set("description",
                                           "The mentoring programmes, each a [[programme]] entry "
                                           "with its kind (docs/parameters.md)."));
  properties.set(kShockTable, array_of(shock_entry())
                                  .set("description",
                                       "Things that happen to the organisation in one week, "
                                       "each a [[shock]] entry with its kind."));
  return typed("object")
      .set("description", "A Mentorsim scenario (docs/scenarios.md, docs/parameters.md).")
      .set("properties", std::move(properties))
      .set("additionalProperties", false);
}

}  // namespace mentorsim::params
