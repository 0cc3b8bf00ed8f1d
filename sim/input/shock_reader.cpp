#include "input/shock_reader.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/did_you_mean.hpp"
#include "input/read_value.hpp"
#include "input/sections.hpp"
#include "mechanisms/shocks/shock.hpp"
#include "scenario/configs.hpp"

namespace mentorsim::params {

namespace {

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Reports `name` at `key` unless it is one of `known` (`what` names the list in the message).
void check_name(const toml::table& entry, const std::string& prefix, const std::string& key,
                const std::string& name, const std::vector<std::string>& known,
                const std::string& what, SectionReader& reader) {
  if (contains(known, name)) return;
  reader.at_first_key(
      entry, {key},
      fmt::format("{}.{}: unknown {} '{}' ({}){}", prefix, key, what, name,
                  known.empty() ? std::string("none defined") : join_names(known, "'", ", "),
                  did_you_mean_suffix(name, known)));
}

// Reports the keys of `entry` that do not apply to its kind, and the required ones it lacks.
void check_kind_keys(const toml::table& entry, const std::string& prefix,
                     const ShockKindEntry& kind, const std::string& kind_name,
                     SectionReader& reader) {
  const std::vector<std::string>& keys = kind.keys;
  for (auto&& [key, node] : entry) {
    const std::string k(key.str());
    if (shock_section().find(k) && !contains(keys, k))
      reader.reporter().at_key(key, node,
                               fmt::format("{}.{}: does not apply to kind '{}' (its keys: {})",
                                           prefix, k, kind_name, join_names(keys, "'", ", ")));
  }
  std::vector<std::string> missing;
  for (const std::string& k : kind.required)
    if (!entry.contains(k)) missing.push_back(k);
  if (!missing.empty())
    reader.reporter().at(entry, fmt::format("{}: kind '{}' requires {}", prefix, kind_name,
                                            join_names(missing, "'", " and ")));
}

// Exactly one of the kind's one_of keys (`share` or `count`): both is reported at the first the
// kind lists (`share`), neither at the entry. Returns whether `count` is the one given.
bool check_one_of(const toml::table& entry, const std::string& prefix, const ShockKindEntry& kind,
                  const std::string& kind_name, SectionReader& reader) {
  if (kind.one_of.empty()) return false;
  std::vector<std::string> given;
  for (const std::string& k : kind.one_of)
    if (entry.contains(k)) given.push_back(k);
  const std::string names = join_names(kind.one_of, "'", " or ");
  if (given.size() > 1)
    reader.at_first_key(entry, given, fmt::format("{}: give {}, not both", prefix, names));
  if (given.empty())
    reader.reporter().at(
        entry, fmt::format("{}: kind '{}' requires {} (exactly one)", prefix, kind_name, names));
  return contains(given, "count");
}

// The names an entry refers to: a layoff's function, an expert tier's zone (other than "", the
// mean over zones), a pause's programme.
void check_names(const toml::table& entry, const std::string& prefix, const ShockConfig& shock,
                 const PopulationConfig& population, const std::vector<ProgrammeConfig>& programmes,
                 SectionReader& reader) {
  auto ok = [&](const std::string& key) {
    return entry.contains(key) && !reader.failed(prefix + "." + key);
  };
  if (shock.kind == ShockKind::kLayoff && ok("function") &&
      !reader.failed("population.function_names"))
    check_name(entry, prefix, "function", shock.function, population.function_names, "function",
               reader);
  if (shock.kind == ShockKind::kExpertTier && ok("zone") && !shock.zone.empty() &&
      !reader.failed("population.zones"))
    check_name(entry, prefix, "zone", shock.zone, population.zones, "zone", reader);
  if (shock.kind == ShockKind::kProgrammePause && ok("programme")) {
    std::vector<std::string> names;
    for (const ProgrammeConfig& p : programmes) names.push_back(p.common.name);
    check_name(entry, prefix, "programme", shock.programme, names, "programme", reader);
  }
}

std::optional<ShockConfig> read_entry(const toml::table& entry, const std::string& prefix,
                                      const ScenarioMeta& meta, const PopulationConfig& population,
                                      const std::vector<ProgrammeConfig>& programmes,
                                      SectionReader& reader) {
  const SectionSpec& spec = shock_section();
  ShockConfig shock;
  spec.apply_defaults(&shock);
  reader.read(entry, {{&spec, &shock}}, prefix, {});
  if (!entry.contains("kind")) {
    reader.reporter().at(entry,
                         fmt::format("{}: missing required key 'kind' (valid kinds: {})", prefix,
                                     join_names(spec.find("kind")->info.choices, "'", " or ")));
    return std::nullopt;
  }
  if (reader.failed(prefix + ".kind")) return std::nullopt;
  const ShockKindEntry& kind = shock_kind(shock.kind);
  const std::string kind_name = std::get<std::string>(spec.find("kind")->read(&shock));
  check_kind_keys(entry, prefix, kind, kind_name, reader);
  shock.by_count = check_one_of(entry, prefix, kind, kind_name, reader);
  if (entry.contains("week") && !reader.failed(prefix + ".week") &&
      !reader.failed("scenario.weeks") && shock.week >= meta.weeks)
    reader.at_first_key(entry, {"week"},
                        fmt::format("{}.week: week {} is not before the end of the run "
                                    "(scenario.weeks = {})",
                                    prefix, shock.week, meta.weeks));
  check_names(entry, prefix, shock, population, programmes, reader);
  return shock;  // any error reported above rejects the whole scenario
}

}  // namespace

std::vector<ShockConfig> read_shocks(const toml::node& node, const ScenarioMeta& meta,
                                     const PopulationConfig& population,
                                     const std::vector<ProgrammeConfig>& programmes,
                                     SectionReader& reader) {
  std::vector<ShockConfig> shocks;
  const auto* array = node.as_array();
  if (!array) {
    report_type(reader.reporter(), node, std::string(kShockTable),
                "an array of tables ([[shock]])");
    return shocks;
  }
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string prefix = fmt::format("{}[{}]", kShockTable, i);
    const auto* entry = (*array)[i].as_table();
    if (!entry) {
      report_type(reader.reporter(), (*array)[i], prefix, "a table ([[shock]])");
      continue;
    }
    if (auto shock = read_entry(*entry, prefix, meta, population, programmes, reader))
      shocks.push_back(std::move(*shock));
  }
  return shocks;
}

}  // namespace mentorsim::params
