// schema_json(): the parameter reference as JSON; the layout is documented in schema_markdown().
#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "input/schema_output.hpp"
#include "input/sections.hpp"
#include "input/value_format.hpp"

namespace mentorsim::params {

namespace {

std::string number_or_null(double bound, ParamType type, bool numeric) {
  if (!numeric || !std::isfinite(bound)) return "null";
  return type == ParamType::kInteger ? format_bound(bound, type) : format_real(bound);
}

std::string string_array(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + json_string(items[i]);
  return out + "]";
}

std::string param_json(const ParamInfo& i, const std::string& indent) {
  const bool numeric =
      i.type == ParamType::kReal || i.type == ParamType::kInteger || i.type == ParamType::kRealList;
  const bool list = i.type == ParamType::kRealList || i.type == ParamType::kStringList ||
                    i.type == ParamType::kStringLists;
  const bool max_items = list && i.items.max != std::numeric_limits<std::size_t>::max();
  const std::string in = indent + "  ";
  std::string out = indent + "{\n";
  out += fmt::format("{}\"key\": {},\n", in, json_string(i.key));
  out += fmt::format("{}\"type\": {},\n", in, json_string(type_name(i.type)));
  out += fmt::format("{}\"default\": {},\n", in, json_literal(i.default_value));
  out += fmt::format("{}\"units\": {},\n", in, json_string(i.units));
  out += fmt::format("{}\"doc\": {},\n", in, json_string(i.doc));
  out += fmt::format("{}\"min\": {},\n", in, number_or_null(i.range.min, i.type, numeric));
  out += fmt::format("{}\"max\": {},\n", in, number_or_null(i.range.max, i.type, numeric));
  out += fmt::format("{}\"min_items\": {},\n", in, list ? std::to_string(i.items.min) : "null");
  out +=
      fmt::format("{}\"max_items\": {},\n", in, max_items ? std::to_string(i.items.max) : "null");
  out += fmt::format("{}\"choices\": {}\n", in, string_array(i.choices));
  return out + indent + "}";
}

// A section object; `extra` holds additional members (each "  \"k\": v,\n"-formatted).
std::string section_json(const SectionSpec& spec, const std::string& indent,
                         const std::string& extra = "") {
  const std::string in = indent + "  ";
  std::string out = indent + "{\n";
  out += fmt::format("{}\"name\": {},\n", in, json_string(spec.name));
  out += extra;
  out += fmt::format("{}\"doc\": {},\n", in, json_string(spec.doc));
  out += in + "\"params\": [\n";
  for (std::size_t p = 0; p < spec.params.size(); ++p)
    out += (p ? ",\n" : "") + param_json(spec.params[p].info, in + "  ");
  out += "\n" + in + "],\n" + in + "\"checks\": [";
  for (std::size_t c = 0; c < spec.checks.size(); ++c)
    out += (c ? ", " : "") + string_array(spec.checks[c].keys);
  return out + "]\n" + indent + "}";
}

}  // namespace

std::string schema_json() {
  std::string out = "{\n  \"schema_version\": 1,\n  \"tables\": [\n";
  const auto& tables = scenario_tables();
  for (std::size_t t = 0; t < tables.size(); ++t)
    out += (t ? ",\n" : "") + section_json(tables[t].spec, "    ");
  out += "\n  ],\n  \"programme\": {\n    \"common\":\n";
  out += section_json(programme_common_section(), "    ");
  out += ",\n    \"kinds\": [\n";
  const auto& kinds = programme_kinds();
  for (std::size_t k = 0; k < kinds.size(); ++k) {
    const std::string summary =
        fmt::format("        \"summary\": {},\n", json_string(kinds[k].entry->summary));
    out += (k ? ",\n" : "") + section_json(kinds[k].spec, "      ", summary);
  }
  return out + "\n    ]\n  }\n}\n";
}

}  // namespace mentorsim::params
