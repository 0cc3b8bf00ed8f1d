// The one list of metric groups. To add a group: write sim/metrics/<group>.{hpp,cpp} (a
// MetricGroup with its table) and add one entry here, where its outputs should come.
#include "metrics/catalogue.hpp"

#include "metrics/basics.hpp"
#include "metrics/cost.hpp"
#include "metrics/effective_reach.hpp"
#include "metrics/load_carriers.hpp"
#include "metrics/programme_accounting.hpp"
#include "metrics/reach_growth.hpp"
#include "metrics/resilience.hpp"
#include "metrics/served_demand.hpp"
#include "metrics/shock_effects.hpp"
#include "metrics/signs_of_life.hpp"
#include "metrics/weekly_outcomes.hpp"

namespace mentorsim::metrics {

namespace {
template <class Group>
MetricGroupEntry entry() {
  return {&Group::declared, [](const Scenario& s) -> std::unique_ptr<MetricGroup> {
            return std::make_unique<Group>(s);
          }};
}
}  // namespace

const std::vector<MetricGroupEntry>& metric_groups() {
  // Within a theme the headline follows this order: served demand and effective coverage lead
  // Reach; the load carriers' burnout comes right after the departures in Burnout. The last entry
  // is compare's: a shock arm's effects against its twin, computed from the two runs.
  static const std::vector<MetricGroupEntry> groups = {
      entry<Basics>(),           entry<ProgrammeAccounting>(),   entry<ServedDemand>(),
      entry<EffectiveReach>(),   entry<LoadCarriers>(),          entry<WeeklyOutcomes>(),
      entry<WeeklyResilience>(), entry<ReachGrowth>(),           entry<Cost>(),
      entry<SignsOfLife>(),      {&shock_effect_table, nullptr},
  };
  return groups;
}

ExpansionLists expansion_lists(const Scenario& scenario) {
  ExpansionLists lists;
  lists.zones = scenario.population.zones;
  lists.groups = scenario.population.group_names;
  for (const ProgrammeConfig& p : scenario.programmes) lists.programmes.push_back(p.common.name);
  for (std::size_t i = 0; i < scenario.shocks.size(); ++i)
    lists.shocks.push_back(std::to_string(i + 1));
  lists.currency = scenario.cost.currency;
  return lists;
}

namespace {
const MetricDecl* find(std::string_view name, bool summaries) {
  for (const MetricGroupEntry& g : metric_groups())
    for (const MetricDecl& d : summaries ? g.table().summaries() : g.table().series())
      if (instance_of(d.name, name)) return &d;
  return nullptr;
}
}  // namespace

const MetricDecl* find_series(std::string_view name) {
  return find(name, false);
}
const MetricDecl* find_summary(std::string_view name) {
  return find(name, true);
}

int headline_rank(const MetricDecl& decl) {
  if (!decl.headline) return 0;
  int rank = 0;
  for (const Theme theme : kThemes)
    for (const MetricGroupEntry& g : metric_groups())
      for (const MetricDecl& d : g.table().summaries()) {
        if (!d.headline || d.theme != theme) continue;
        ++rank;
        if (&d == &decl) return rank;
      }
  return 0;
}

}  // namespace mentorsim::metrics
