#include "input/scenario_loader.hpp"
#include "input/toml_text.hpp"
#include "scenario/run_estimate.hpp"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/did_you_mean.hpp"
#include "input/overrides.hpp"
#include "input/programme_reader.hpp"
#include "input/read_value.hpp"
#include "input/relationships_reader.hpp"
#include "input/role_reader.hpp"
#include "input/roster_reader.hpp"
#include "input/section_reader.hpp"
#include "input/sections.hpp"
#include "input/shock_reader.hpp"
#include "models/registry.hpp"

namespace mentorsim::params {

namespace {

// Where a top-level key that is not a table belongs, if it is a key of some table.
std::string belongs_hint(const std::string& key) {
  std::vector<std::string> tables;
  for (const auto& t : scenario_tables())
    if (t.spec.find(key)) tables.push_back("[" + t.spec.name + "]");
  if (tables.empty()) return did_you_mean_suffix(key, top_level_names());
  return fmt::format("; '{}' is a key of {}", key, join_names(tables, "", " or "));
}

// Where a key misplaced in top-level table `table` belongs, if it is another table's key.
std::string belongs_in_other_table(std::string_view key, std::string_view table) {
  std::vector<std::string> tables;
  for (const auto& t : scenario_tables())
    if (t.spec.name != table && t.spec.find(key)) tables.push_back("[" + t.spec.name + "]");
  if (tables.empty()) return "";
  return fmt::format("; '{}' belongs in {}", key, join_names(tables, "", " or "));
}

void report_unknown_top_level(const toml::table& root, Reporter& r) {
  for (auto&& [key, node] : root) {
    const std::string k(key.str());
    if (find_table(k) || k == kProgrammeTable || k == kShockTable) continue;
    if (node.is_table())
      r.at_key(key, node,
               fmt::format("unknown table '[{}]'{}", k, did_you_mean_suffix(k, top_level_names())));
    else
      r.at_key(key, node, fmt::format("unknown top-level key '{}'{}", k, belongs_hint(k)));
  }
}

// A population past kMaxPopulation is refused with its estimate, at the key that drives it: the
// initial size when that alone is too large, otherwise the arrivals.
void check_size(const toml::table& root, const Scenario& scenario, SectionReader& reader) {
  const RunEstimate estimate = estimate_run(scenario);
  if (estimate.peak_population <= kMaxPopulation) return;
  const bool initial = static_cast<double>(scenario.population.initial_size) > kMaxPopulation;
  static const toml::table kAbsent;
  const toml::node* table = root.get(initial ? "population" : "joining");
  reader.at_first_key(table && table->is_table() ? *table->as_table() : kAbsent,
                      {initial ? "initial_size" : "arrivals_per_week", "intake_size"},
                      fmt::format("the run would hold {}: more than the {} practitioners a run "
                                  "may hold at once (docs/scenarios.md, \"What a run costs\")",
                                  describe_estimate(estimate), amount_text(kMaxPopulation)));
}

// population.roster: the file, relative to the scenario file's directory, read against the
// population's names. A file that cannot be found is reported at the key; problems inside it go to
// `problems` at the file's own lines. The roster then decides the initial size, and the path is
// stored absolute, so the resolved scenario reloads from anywhere.
void read_population_roster(const toml::table& root, const std::string& source_name,
                            Scenario& scenario, SectionReader& reader,
                            std::vector<Diagnostic>& problems) {
  PopulationConfig& population = scenario.population;
  if (population.roster.empty()) return;
  for (const char* key : {"roster", "zones", "group_names", "function_names"})
    if (reader.failed(std::string("population.") + key)) return;
  namespace fs = std::filesystem;
  const fs::path given(population.roster);
  const fs::path path = given.is_absolute() ? given : fs::path(source_name).parent_path() / given;
  RosterResult result = read_roster(path, path.lexically_normal().string(), population);
  static const toml::table kAbsent;
  const toml::node* table = root.get("population");
  if (!result.roster && result.problems.size() == 1 && result.problems.front().line == 0 &&
      (result.problems.front().message == "no such roster file" ||
       result.problems.front().message == "not a regular file")) {
    reader.at_first_key(table && table->is_table() ? *table->as_table() : kAbsent, {"roster"},
                        fmt::format("population.roster: {}: {}", path.lexically_normal().string(),
                                    result.problems.front().message));
    return;
  }
  problems.insert(problems.end(), result.problems.begin(), result.problems.end());
  if (!result.roster) return;
  population.initial_size = static_cast<std::int64_t>(result.roster->rows());
  population.roster = result.roster->path;
  scenario.roster = std::move(result.roster);
}

// population.relationships: the file, relative to the scenario file's directory, read against the
// roster and the programmes (so after both), reported like the roster.
void read_population_relationships(const toml::table& root, const std::string& source_name,
                                   Scenario& scenario, SectionReader& reader,
                                   std::vector<Diagnostic>& problems) {
  PopulationConfig& population = scenario.population;
  if (population.relationships.empty() || reader.failed("population.relationships")) return;
  static const toml::table kAbsent;
  const toml::node* node = root.get("population");
  const toml::table& table = node && node->is_table() ? *node->as_table() : kAbsent;
  if (population.roster.empty()) {
    reader.at_first_key(table, {"relationships"},
                        "population.relationships: needs population.roster: a relationship "
                        "names its developer and learner by roster id");
    return;
  }
  if (!scenario.roster) return;  // the roster's own problems are reported
  namespace fs = std::filesystem;
  const fs::path given(population.relationships);
  const fs::path path = given.is_absolute() ? given : fs::path(source_name).parent_path() / given;
  RelationshipsResult result = read_relationships(path, path.lexically_normal().string(), scenario);
  if (!result.relationships && result.problems.size() == 1 && result.problems.front().line == 0 &&
      (result.problems.front().message == "no such relationship file" ||
       result.problems.front().message == "not a regular file")) {
    reader.at_first_key(
        table, {"relationships"},
        fmt::format("population.relationships: {}: {}", path.lexically_normal().string(),
                    result.problems.front().message));
    return;
  }
  problems.insert(problems.end(), result.problems.begin(), result.problems.end());
  if (!result.relationships) return;
  population.relationships = result.relationships->path;
  scenario.relationships = std::move(result.relationships);
}

Scenario build(const toml::table& root, const std::string& source_name, Reporter& r,
               std::vector<Diagnostic>& roster_problems) {
  Scenario scenario;
  SectionReader reader(r);
  static const toml::table kAbsent;  // an absent table: every key keeps its default
  for (const auto& t : scenario_tables()) {
    void* config = t.config(scenario);
    t.spec.apply_defaults(config);
    const toml::node* node = root.get(t.spec.name);
    if (node && !node->is_table()) {
      report_type(r, *node, t.spec.name, "a table ([" + t.spec.name + "])");
      continue;
    }
    const toml::table& table = node ? *node->as_table() : kAbsent;
    reader.read(table, {{&t.spec, config}}, t.spec.name, {{}, true, &belongs_in_other_table});
  }
  check_role_zones(root.get("population"), scenario.population, reader);
  read_population_roster(root, source_name, scenario, reader, roster_problems);
  if (const toml::node* node = root.get(kProgrammeTable)) {
    scenario.programmes = read_programmes(*node, scenario.meta, scenario.population, reader);
    // Checks of each programme against the rest of the scenario. Run when every entry read
    // cleanly, so programme i is the array's table i.
    const toml::array* entries = node->as_array();
    if (entries && entries->size() == scenario.programmes.size())
      for (std::size_t i = 0; i < scenario.programmes.size(); ++i) {
        const ModelEntry* model = find_model(scenario.programmes[i].common.kind);
        const toml::table* entry = (*entries)[i].as_table();
        if (!model || !model->check_in_scenario || !entry) continue;
        for (const auto& [key, message] :
             model->check_in_scenario(scenario.programmes[i], scenario))
          reader.at_first_key(*entry, {key},
                              fmt::format("{}[{}].{}: {}", kProgrammeTable, i, key, message));
      }
  }
  // After the programmes, whose names and rules the relationships are read against, and only when
  // every entry read cleanly (a relationship names its programme by index).
  const toml::node* programme_node = root.get(kProgrammeTable);
  const toml::array* programme_entries = programme_node ? programme_node->as_array() : nullptr;
  if (!programme_node ||
      (programme_entries && programme_entries->size() == scenario.programmes.size()))
    read_population_relationships(root, source_name, scenario, reader, roster_problems);
  if (const toml::node* node = root.get(kShockTable))
    scenario.shocks =
        read_shocks(*node, scenario.meta, scenario.population, scenario.programmes, reader);
  report_unknown_top_level(root, r);
  check_size(root, scenario, reader);
  return scenario;
}

}  // namespace

Scenario load_scenario_text(std::string_view text, const std::string& source_name,
                            const std::vector<std::string>& overrides) {
  return load_scenario_table(parse_toml_text(text, source_name), source_name, overrides);
}

Scenario load_scenario_table(toml::table root, const std::string& source_name,
                             const std::vector<std::string>& overrides) {
  Reporter reporter(source_name, overrides);
  apply_overrides(root, overrides, reporter);
  std::vector<Diagnostic> roster_problems;  // at the roster file's own lines
  Scenario scenario = build(root, source_name, reporter, roster_problems);
  if (!reporter.empty() || !roster_problems.empty()) {
    std::vector<Diagnostic> all = reporter.sorted();
    all.insert(all.end(), roster_problems.begin(), roster_problems.end());
    throw InputError(std::move(all));
  }
  scenario.source = source_name;
  scenario.resolved_toml = resolved_toml(scenario);
  return scenario;
}

Diagnostic diagnostic_at_key(const std::filesystem::path& path, std::string_view table,
                             std::string_view key, std::string message) {
  Diagnostic d{path.string(), 0, 0, std::move(message)};
  try {
    const toml::table root = toml::parse_file(path.string());
    if (const toml::node* node = root[table][key].node()) {
      d.line = static_cast<int>(node->source().begin.line);
      d.column = static_cast<int>(node->source().begin.column);
    }
  } catch (const toml::parse_error&) {
    // Loaded once already; a file changed since is reported without a position.
  }
  return d;
}

Scenario load_scenario_file(const std::filesystem::path& path,
                            const std::vector<std::string>& overrides) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec))
    throw InputError(Diagnostic{
        path.string(), 0, 0,
        std::filesystem::exists(path, ec) ? "not a regular file" : "no such scenario file"});
  std::ifstream in(path, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in.is_open() || in.bad())
    throw InputError(Diagnostic{path.string(), 0, 0, "cannot read the scenario file"});
  return load_scenario_text(text, path.string(), overrides);
}

}  // namespace mentorsim::params
