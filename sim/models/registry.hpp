#pragma once
// Mentoring models by scenario `kind`. The list is explicit (models/registry.cpp), not built by
// static initialisation, so the set of models is visible in one place and link order cannot change
// it.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/param_spec.hpp"
#include "scenario/programme.hpp"
#include "scenario/relationships.hpp"
#include "state/model.hpp"

namespace mentorsim {

struct ProgrammeConfig;
struct Scenario;

struct ModelEntry {
  std::string kind;     // scenario key, e.g. "one_on_one"
  std::string summary;  // one line for `mentorsim schema`
  // The model's parameters (its SectionSpec's name is the kind).
  std::function<params::SectionSpec()> section;
  // A config object with no values set; the loader fills it from the section's defaults and the
  // file.
  std::function<std::unique_ptr<ModelConfig>()> make_config;
  // The running model for one programme of a scenario.
  // The running model for one programme of a scenario; the loader copies it into the programme's
  // config (ProgrammeConfig::make_model), which is how the engine builds it.
  ModelFactory make_model;
  // Optional: checks of the programme's values against the rest of the scenario (e.g. zone names
  // against population.zones), run by the loader once every table is read, so `mentorsim check`
  // reports them with the other problems. Returns (key, message) pairs; empty when all is well.
  std::function<std::vector<std::pair<std::string, std::string>>(const ProgrammeConfig& programme,
                                                                 const Scenario& scenario)>
      check_in_scenario;
  // How the kind takes over relationships already running at week 0 (population.relationships,
  // input/relationships_reader.hpp). Absent: a relationship naming a programme of this kind is an
  // error (a kind of groups cannot be described pair by pair).
  struct ExistingTieRules {
    bool zoned = false;  // each relationship works on one zone, named in the file
    // Most relationships one developer may hold in the programme, and the keys that say so.
    std::function<std::int64_t(const ProgrammeConfig&)> developer_capacity;
    const char* capacity_keys = "";
    // Most developers one learner may have in the programme (in each zone, for a zoned kind), and
    // the key that says so; one unless the kind gives several (constellation guides).
    std::function<std::int64_t(const ProgrammeConfig&)> developers_per_learner;
    const char* per_learner_keys = "";
    // What else makes one relationship impossible for the programme, or "" (e.g. a reverse
    // mentor who is not a junior). Runs once the line's ids, programme and zone are known.
    std::function<std::string(const ProgrammeConfig&, const Scenario&, const ExistingTie&)> check;
  };
  std::optional<ExistingTieRules> existing_ties;
};

const std::vector<ModelEntry>& model_registry();
const ModelEntry* find_model(std::string_view kind);

}  // namespace mentorsim
