#pragma once
// A fully resolved scenario: every table's config with defaults applied, overrides applied and
// validated. Produced by input/scenario_loader; consumed by the engine.
#include <memory>
#include <string>
#include <vector>

#include "scenario/configs.hpp"
#include "scenario/programme.hpp"
#include "scenario/relationships.hpp"
#include "scenario/roster.hpp"
#include "scenario/shock.hpp"

namespace mentorsim {

struct Scenario {
  std::string source;         // path of the file, or a label such as "<string>"
  std::string resolved_toml;  // every key with its value, as printed by `mentorsim check`
  ScenarioMeta meta;
  PopulationConfig population;
  JoiningConfig joining;
  DepartureConfig departure;
  KnowledgeConfig knowledge;
  BurnoutConfig burnout;
  ReciprocityConfig reciprocity;
  CostConfig cost;        // [cost]: prices of hours spent (docs/metrics.md, Cost)
  MetricsConfig metrics;  // [metrics]: thresholds of outcome metrics (docs/metrics.md)
  std::vector<ProgrammeConfig> programmes;
  std::vector<ShockConfig> shocks;  // [[shock]] entries in file order (docs/model.md §7.15)
  // The people at week 0 when population.roster names a file; shared, not copied, by the arms of
  // a comparison and the points of a sweep.
  std::shared_ptr<const Roster> roster;
  // The relationships running at week 0 when population.relationships names a file (needs the
  // roster); shared like it.
  std::shared_ptr<const Relationships> relationships;
};

}  // namespace mentorsim
