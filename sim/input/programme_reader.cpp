#include "input/programme_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "core/did_you_mean.hpp"
#include "input/read_value.hpp"
#include "input/sections.hpp"

namespace mentorsim::params {

bool valid_programme_name(std::string_view name) {
  if (name.empty()) return false;
  auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; };
  if (!letter(name.front())) return false;
  for (char c : name)
    if (!letter(c) && !std::isdigit(static_cast<unsigned char>(c)) && c != '-') return false;
  return true;
}

namespace {

// The kind named by the entry's `kind` key, or null after reporting why there is none.
const ProgrammeKind* read_kind(const toml::table& entry, const std::string& prefix, Reporter& r) {
  const std::string kinds = "valid kinds: " + join_names(programme_kind_names(), "'", " or ");
  const toml::node* node = entry.get("kind");
  if (!node) {
    r.at(entry, fmt::format("{}: missing required key 'kind' ({})", prefix, kinds));
    return nullptr;
  }
  const auto* kind = node->as_string();
  if (!kind) {
    report_type(r, *node, prefix + ".kind", "a string (" + kinds + ")");
    return nullptr;
  }
  if (const ProgrammeKind* found = find_programme_kind(kind->get())) return found;
  r.at(*node, fmt::format("{}.kind: unknown programme kind '{}' ({}){}", prefix, kind->get(), kinds,
                          did_you_mean_suffix(kind->get(), programme_kind_names())));
  return nullptr;
}

// One entry, or nothing when its kind is unusable (its common keys are still checked).
std::optional<ProgrammeConfig> read_entry(const toml::table& entry, const std::string& prefix,
                                          SectionReader& reader) {
  const SectionSpec& common = programme_common_section();
  ProgrammeConfig programme;
  common.apply_defaults(&programme.common);
  const ProgrammeKind* kind = read_kind(entry, prefix, reader.reporter());
  if (!kind) {
    // Without a kind the valid keys are unknown: check the common keys, ignore the rest.
    reader.read(entry, {{&common, &programme.common}}, prefix, {"kind", false});
    return std::nullopt;
  }
  programme.common.kind = kind->entry->kind;
  programme.model = kind->entry->make_config();
  programme.make_model = kind->entry->make_model;
  kind->spec.apply_defaults(programme.model.get());
  reader.read(entry, {{&common, &programme.common}, {&kind->spec, programme.model.get()}}, prefix,
              {"kind", true});
  if (programme.common.name.empty()) programme.common.name = programme.common.kind;
  return programme;
}

// Checks across an entry's keys and the scenario: a usable name, and start/end within the run.
void check_entry(const toml::table& entry, const ProgrammeConfig& p, const std::string& prefix,
                 const ScenarioMeta& meta, const PopulationConfig& population,
                 SectionReader& reader) {
  auto ok = [&](const char* key) { return !reader.failed(prefix + "." + key); };
  const ProgrammeCommon& c = p.common;
  if (ok("name") && !valid_programme_name(c.name))
    reader.at_first_key(entry, {"name"},
                        fmt::format("{}.name: '{}' is not a usable programme name: use letters, "
                                    "digits, '_' and '-', starting with a letter or '_'",
                                    prefix, c.name));
  if (ok("start_week") && !reader.failed("scenario.weeks") && c.start_week >= meta.weeks)
    reader.at_first_key(entry, {"start_week"},
                        fmt::format("{}.start_week: week {} is not before the end of the run "
                                    "(scenario.weeks = {})",
                                    prefix, c.start_week, meta.weeks));
  if (ok("start_week") && ok("end_week") && c.end_week != -1 && c.end_week <= c.start_week)
    reader.at_first_key(entry, {"end_week", "start_week"},
                        fmt::format("{}.end_week and {}.start_week: end_week {} must be after "
                                    "start_week {} (or -1 to run to the end)",
                                    prefix, prefix, c.end_week, c.start_week));
  if (ok("expand_week") && ok("start_week") && c.expand_week != -1 &&
      (c.expand_week <= c.start_week || (c.end_week != -1 && c.expand_week >= c.end_week)))
    reader.at_first_key(
        entry, {"expand_week"},
        fmt::format(
            "{}.expand_week: week {} is not while the programme runs "
            "(after start_week {}{})",
            prefix, c.expand_week, c.start_week,
            c.end_week == -1 ? std::string() : fmt::format(", before end_week {}", c.end_week)));
  if (ok("expand_functions") && c.expand_week == -1 && !c.expand_functions.empty())
    reader.at_first_key(entry, {"expand_functions"},
                        fmt::format("{}.expand_functions: set expand_week too (the week the "
                                    "programme expands to these functions)",
                                    prefix));
  if (reader.failed("population.function_names")) return;
  const std::vector<std::string>& known = population.function_names;
  for (const char* key : {"functions", "expand_functions"}) {
    if (!ok(key)) continue;
    const auto& names = std::string_view(key) == "functions" ? c.functions : c.expand_functions;
    for (const std::string& name : names)
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        reader.at_first_key(entry, {key},
                            fmt::format("{}.{}: unknown function '{}' (population.function_names: "
                                        "{}){}",
                                        prefix, key, name, join_names(known, "'", ", "),
                                        did_you_mean_suffix(name, known)));
        break;
      }
  }
}

}  // namespace

std::vector<ProgrammeConfig> read_programmes(const toml::node& node, const ScenarioMeta& meta,
                                             const PopulationConfig& population,
                                             SectionReader& reader) {
  Reporter& r = reader.reporter();
  std::vector<ProgrammeConfig> programmes;
  const auto* array = node.as_array();
  if (!array) {
    report_type(r, node, std::string(kProgrammeTable), "an array of tables ([[programme]])");
    return programmes;
  }
  // Ties record their programme in 8 bits (sim/state/ties.hpp).
  constexpr std::size_t kMaxProgrammes = 255;
  if (array->size() > kMaxProgrammes)
    r.at((*array)[kMaxProgrammes], fmt::format("{}: at most {} programmes are supported, found {}",
                                               kProgrammeTable, kMaxProgrammes, array->size()));
  std::map<std::string, std::string> first_with_name;  // name -> prefix of the entry using it
  for (std::size_t i = 0; i < array->size(); ++i) {
    const std::string prefix = fmt::format("{}[{}]", kProgrammeTable, i);
    const auto* entry = (*array)[i].as_table();
    if (!entry) {
      report_type(r, (*array)[i], prefix, "a table ([[programme]])");
      continue;
    }
    std::optional<ProgrammeConfig> programme = read_entry(*entry, prefix, reader);
    if (!programme) continue;
    check_entry(*entry, *programme, prefix, meta, population, reader);
    const std::string& name = programme->common.name;
    if (auto [it, fresh] = first_with_name.emplace(name, prefix); !fresh)
      reader.at_first_key(*entry, {"name"},
                          fmt::format("{}.name: duplicate programme name '{}' ({} has it too); "
                                      "names default to the kind, so give each programme of the "
                                      "same kind a name",
                                      prefix, name, it->second));
    programmes.push_back(std::move(*programme));
  }
  return programmes;
}

}  // namespace mentorsim::params
