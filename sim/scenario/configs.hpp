#pragma once
// Configuration of the population-level mechanisms, one struct per scenario table. Fields have no
// defaults here: every default, range and unit lives in the declaration
// (scenario/declarations.cpp).
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/param_spec.hpp"

namespace mentorsim {

// [scenario]
struct ScenarioMeta {
  std::string name;
  std::string description;
  std::int64_t weeks;       // simulated weeks
  std::int64_t seed;        // base seed; a run's stream is (seed, replicate)
  std::int64_t replicates;  // default replicate count for `mentorsim run`
  std::string twin;         // compare: this scenario without its [[shock]] entries ("": look)
};

// [population]: who is there at week 0 and what every practitioner looks like.
struct PopulationConfig {
  std::int64_t initial_size;
  std::vector<std::string> zones;  // development zones, 1–8
  std::vector<std::string> group_names;
  std::vector<double> group_shares;
  std::vector<std::string> function_names;
  std::vector<double> function_shares;
  // Per function (parallel to function_names), the zones its role needs and practises at work;
  // empty: every function needs every zone (scenario/roles.hpp).
  params::StringLists function_zones;
  std::vector<double> skill_mean;  // per zone (one value applies to every zone); 0..1
  double skill_sd;
  double senior_share;  // share of the initial population who are seniors (mentors from week 0)
  std::int64_t senior_count;  // exact number of initial seniors; -1: senior_share decides
  std::vector<double> senior_skill_mean;  // per zone (one value applies to every zone); 0..1
  std::int64_t initial_tenure_max_weeks;  // initial tenures uniform on [0, this]
  std::string roster;  // CSV of the people at week 0 (input/roster_reader.hpp); "" draws them
  std::string relationships;  // CSV of relationships running at week 0; "" none
  bool keep_roster_ids;       // write roster ids into outputs as given, not hashed
};

// [joining]
struct JoiningConfig {
  bool enabled;
  double arrivals_per_week;         // Poisson mean
  std::int64_t intake_every_weeks;  // 0: no scheduled intakes
  std::int64_t intake_first_week;
  std::int64_t intake_size;
  double newcomer_senior_share;  // share of newcomers arriving as seniors
};

// [departure]
// How departure.annual_rate is read: a hazard (events per year) or the share leaving in a year.
enum class AnnualRate : std::uint8_t { kHazard, kProbability };

struct DepartureConfig {
  bool enabled;
  double annual_rate;
  AnnualRate rate_is;
  double burnout_hazard_ratio;
  double mentored_hazard_ratio;
};

// [knowledge]
struct KnowledgeConfig {
  bool enabled;
  double transfer_rate;   // alpha: share of the gap closed per attended session at quality 1
  double absorptive_gap;  // largest gap a learner can work on; larger gaps transfer as this one
  double forgetting_per_month;  // relative loss of unpractised skill above the floor, per month
  double forgetting_floor;      // unused skill decays towards this, not to 0
  double competence_threshold;
  double relationships_before_dilution;  // K: more relationships than this dilute their quality
  // Experience: in a zone of their role, a practitioner closes a share k of the gap to
  // experience_ceiling every week, k = 1 - 0.5^(1 / experience_half_life_weeks); 0 weeks: off.
  double experience_half_life_weeks;
  double experience_ceiling;  // skill that experience alone approaches
  double teaching_share;      // share of a held session's transfer that its developer gains
  // The group's commons (cohorts and pods): after each held session a group's memory in a zone
  // is at least group_memory_share x the best present member's skill there; it halves every
  // group_memory_half_life_weeks, and present members learn from it as from one more member.
  double group_memory_share;
  double group_memory_half_life_weeks;
};

// [burnout]
struct BurnoutConfig {
  bool enabled;
  double available_hours_mean;  // mentoring hours per week a practitioner can give
  double available_hours_sd;
  double rise_per_week;       // exhaustion gained per week per unit of overload above 1
  double recovery_per_week;   // exhaustion lost per week per unit of spare capacity below 1
  double threshold;           // burned out at or above (0–6 scale)
  double recovery_threshold;  // no longer burned out below
  double capacity_factor;     // capacity multiplier while burned out
  double skip_probability;    // extra chance a burned-out developer skips a session
};

// [reciprocity]
// Who qualifies to develop others: either criterion (tenure, skill), or both.
enum class EligibilityRule : std::uint8_t { kAny, kAll };

struct ReciprocityConfig {
  bool enabled;
  std::int64_t tenure_weeks;  // 0: tenure does not qualify
  double skill_threshold;     // mean skill over zones
  EligibilityRule rule;
};

// [cost]: prices of the hours spent in held sessions (docs/metrics.md, "Cost"). Every rate
// defaults to 1 and the currency to "hours", so that by default a cost is the hours spent.
struct CostConfig {
  double senior_developer_rate;  // per hour a senior developer spends in a held session
  double other_developer_rate;   // per hour a non-senior developer (peer, reciprocity) spends
  double facilitator_rate;       // per hour a cohort facilitator spends in a held group session
  double learner_rate;           // per hour a learner spends in a held session
  std::string currency;          // label of the unit of every cost
};

// [metrics]: the stated thresholds of outcome metrics (docs/metrics.md) that are judgements, not
// mechanisms: they change what is measured, never what is simulated.
struct MetricsConfig {
  double lead_margin;     // skill gap by which a developer leads a learner in a zone
  double twin_tolerance;  // effective-coverage gap to the twin counted as closed (share)
};

namespace declarations {
params::SectionSpec scenario_meta();
params::SectionSpec population();
params::SectionSpec joining();
params::SectionSpec departure();
params::SectionSpec knowledge();
params::SectionSpec burnout();
params::SectionSpec reciprocity();
params::SectionSpec cost();
params::SectionSpec metrics();
params::SectionSpec programme_common();
}  // namespace declarations

}  // namespace mentorsim
