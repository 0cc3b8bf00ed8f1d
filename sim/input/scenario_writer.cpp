#include "input/scenario_writer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/sha256.hpp"
#include "input/scenario_loader.hpp"
#include "input/sections.hpp"
#include "input/value_format.hpp"
#include "mechanisms/shocks/shock.hpp"
#include "scenario/configs.hpp"

namespace mentorsim::params {

namespace {

// The default as shown in comments; the programme keys whose default is not a plain value say so.
std::string default_text(const SectionSpec& spec, const ParamInfo& info) {
  if (&spec == &programme_common_section()) {
    if (info.key == "kind") return "required";
    if (info.key == "name") return "default: the kind";
  }
  if (&spec == &shock_section() && (info.key == "kind" || info.key == "week")) return "required";
  return "default: " + toml_literal(info.default_value);
}

void write_key(std::string& out, const SectionSpec& spec, const ParamSpec& param,
               const void* config, TomlStyle style) {
  const ParamInfo& info = param.info;
  if (style == TomlStyle::kResolved) {
    out += "# " + info.doc;
    if (!info.units.empty()) out += " [" + info.units + "]";
    out += " (" + default_text(spec, info) + ")\n";
  } else {
    out += "# " + info.doc + "\n# " + type_name(info.type);
    const std::string allowed = allowed_text(info, "");
    if (!allowed.empty()) out += info.type == ParamType::kChoice ? ": " + allowed : ", " + allowed;
    if (!info.units.empty()) out += "; units: " + info.units;
    if (&spec == &programme_common_section() && info.key == "kind")
      out += "; required, one of: " + join_names(programme_kind_names(), "", ", ");
    out += "\n";
  }
  out += info.key + " = " + toml_literal(param.read(config)) + "\n";
}

void write_section(std::string& out, const SectionSpec& spec, const void* config, TomlStyle style) {
  for (const auto& p : spec.params) write_key(out, spec, p, config, style);
}

// Only the keys of the shock's kind (the others are errors in a scenario file), and of its one_of
// keys only the one given (`count` when by_count, else `share`).
void write_shock(std::string& out, const ShockConfig& shock, TomlStyle style) {
  const SectionSpec& spec = shock_section();
  const ShockKindEntry& kind = shock_kind(shock.kind);
  const std::string given = shock.by_count ? "count" : "share";
  out += fmt::format("\n# {}\n[[{}]]\n", spec.doc, kShockTable);
  for (const std::string& key : kind.keys) {
    const bool one_of = std::find(kind.one_of.begin(), kind.one_of.end(), key) != kind.one_of.end();
    if (one_of && key != given) continue;
    write_key(out, spec, *spec.find(key), &shock, style);
  }
}

}  // namespace

std::string write_scenario_toml(const Scenario& scenario, TomlStyle style) {
  std::string out;
  for (const auto& t : scenario_tables()) {
    out += fmt::format("\n# {}\n[{}]\n", t.spec.doc, t.spec.name);
    write_section(out, t.spec, t.const_config(scenario), style);
  }
  if (scenario.programmes.empty())
    out += "\n# No [[programme]] entries: no mentoring programme runs.\n";
  for (const auto& p : scenario.programmes) {
    out += fmt::format("\n# {}\n[[{}]]\n", programme_common_section().doc, kProgrammeTable);
    write_section(out, programme_common_section(), &p.common, style);
    const ProgrammeKind* kind = find_programme_kind(p.common.kind);
    if (!kind || !p.model) continue;  // not a loaded scenario; nothing more to print
    out += fmt::format("# {}: {}\n", kind->spec.name, kind->spec.doc);
    write_section(out, kind->spec, p.model.get(), style);
  }
  for (const ShockConfig& shock : scenario.shocks) write_shock(out, shock, style);
  return out;
}

std::string resolved_toml(const Scenario& scenario) {
  std::string out =
      "# Resolved scenario: every key with its value, defaults filled in. Loading this file\n"
      "# gives the same scenario.\n";
  // Which roster, by a digest of its contents: a changed roster is a changed scenario (a sweep
  // refuses to resume on it). Not the roster's own hash, which salts the ids in outputs.
  if (const Roster* roster = scenario.roster.get())
    out += fmt::format("# population.roster: {} rows, content digest {}\n", roster->rows(),
                       sha256_hex("mentorsim-roster-record:" + roster->sha256));
  if (const Relationships* ties = scenario.relationships.get())
    out += fmt::format("# population.relationships: {} relationships, content digest {}\n",
                       ties->ties.size(), ties->sha256);
  return out + write_scenario_toml(scenario, TomlStyle::kResolved);
}

}  // namespace mentorsim::params
