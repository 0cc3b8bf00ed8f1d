#include "input/sections.hpp"

#include "scenario/configs.hpp"
#include "scenario/shock.hpp"

namespace mentorsim::params {

namespace {
// Binds a table's declarations to the Scenario member it fills.
template <auto Member>
ScenarioTable bind(SectionSpec spec) {
  return {std::move(spec), [](Scenario& s) -> void* { return &(s.*Member); },
          [](const Scenario& s) -> const void* { return &(s.*Member); }};
}
}  // namespace

const std::vector<ScenarioTable>& scenario_tables() {
  static const std::vector<ScenarioTable> tables = [] {
    std::vector<ScenarioTable> t;
    t.push_back(bind<&Scenario::meta>(declarations::scenario_meta()));
    t.push_back(bind<&Scenario::population>(declarations::population()));
    t.push_back(bind<&Scenario::joining>(declarations::joining()));
    t.push_back(bind<&Scenario::departure>(declarations::departure()));
    t.push_back(bind<&Scenario::knowledge>(declarations::knowledge()));
    t.push_back(bind<&Scenario::burnout>(declarations::burnout()));
    t.push_back(bind<&Scenario::reciprocity>(declarations::reciprocity()));
    t.push_back(bind<&Scenario::cost>(declarations::cost()));
    t.push_back(bind<&Scenario::metrics>(declarations::metrics()));
    return t;
  }();
  return tables;
}

const ScenarioTable* find_table(std::string_view name) {
  for (const auto& t : scenario_tables())
    if (t.spec.name == name) return &t;
  return nullptr;
}

std::vector<std::string> top_level_names() {
  std::vector<std::string> names;
  for (const auto& t : scenario_tables()) names.push_back(t.spec.name);
  names.emplace_back(kProgrammeTable);
  names.emplace_back(kShockTable);
  return names;
}

const SectionSpec& shock_section() {
  static const SectionSpec spec = declarations::shock();
  return spec;
}

const SectionSpec& programme_common_section() {
  static const SectionSpec spec = declarations::programme_common();
  return spec;
}

const std::vector<ProgrammeKind>& programme_kinds() {
  static const std::vector<ProgrammeKind> kinds = [] {
    std::vector<ProgrammeKind> k;
    for (const auto& e : model_registry()) k.push_back({&e, e.section()});
    return k;
  }();
  return kinds;
}

const ProgrammeKind* find_programme_kind(std::string_view kind) {
  for (const auto& k : programme_kinds())
    if (k.entry->kind == kind) return &k;
  return nullptr;
}

std::vector<std::string> programme_kind_names() {
  std::vector<std::string> names;
  for (const auto& k : programme_kinds()) names.push_back(k.entry->kind);
  return names;
}

std::vector<std::string> programme_keys(const ProgrammeKind& kind) {
  std::vector<std::string> keys;
  for (const auto& p : programme_common_section().params) keys.push_back(p.info.key);
  for (const auto& p : kind.spec.params) keys.push_back(p.info.key);
  return keys;
}

std::string join_names(const std::vector<std::string>& names, std::string_view quote,
                       std::string_view last) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? last : ", ";
    out.append(quote).append(names[i]).append(quote);
  }
  return out;
}

}  // namespace mentorsim::params
