// Every population-level parameter, declared once. Defaults follow ../shared/MODEL-BRIEF.md; the
// source of each is in docs/model.md. Assumed values (no empirical source) say so in their doc.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "scenario/configs.hpp"
#include "scenario/programme.hpp"

namespace mentorsim::declarations {

using params::ItemCount;
using params::Range;
using params::SectionBuilder;

namespace {
constexpr double kInf = std::numeric_limits<double>::infinity();

std::optional<std::string> shares_match(const std::vector<std::string>& names,
                                        const std::vector<double>& shares, const char* what) {
  if (names.size() != shares.size())
    return fmt::format("{}_names has {} entries but {}_shares has {}", what, names.size(), what,
                       shares.size());
  double total = 0;
  for (double s : shares) total += s;
  if (std::fabs(total - 1.0) > 1e-6)
    return fmt::format("{}_shares must sum to 1, not {:g}", what, total);
  return std::nullopt;
}
// Names become HDF5 dataset names (mean_skill/<zone>) and column headers: unique, non-empty,
// a letter or '_' first, then letters, digits, '_' or '-'.
std::optional<std::string> names_valid(const std::vector<std::string>& names, const char* key) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& name = names[i];
    const bool ok = !name.empty() &&
                    (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_') &&
                    std::all_of(name.begin(), name.end(), [](char c) {
                      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
                    });
    if (!ok)
      return fmt::format(
          "{} entry \"{}\" must start with a letter or '_' and use only letters, "
          "digits, '_' and '-'",
          key, name);
    for (std::size_t j = 0; j < i; ++j)
      if (names[j] == name) return fmt::format("{} lists \"{}\" twice", key, name);
  }
  return std::nullopt;
}
// Each role lists at least one zone, and no zone twice. (Unknown zone names are reported by the
// loader, at the name, with a suggestion.)
std::optional<std::string> roles_valid(const PopulationConfig& c) {
  for (std::size_t f = 0; f < c.function_zones.size(); ++f) {
    const std::vector<std::string>& zones = c.function_zones[f];
    const std::string function =
        f < c.function_names.size() ? fmt::format(" ({})", c.function_names[f]) : "";
    if (zones.empty())
      return fmt::format("function_zones[{}]{} is empty; list the zones the function needs", f,
                         function);
    for (std::size_t i = 0; i < zones.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (zones[i] == zones[j])
          return fmt::format("function_zones[{}]{} lists \"{}\" twice", f, function, zones[i]);
  }
  return std::nullopt;
}
}  // namespace

params::SectionSpec scenario_meta() {
  return SectionBuilder<ScenarioMeta>("scenario", "What the scenario is and how long it runs.")
      .text("name", &ScenarioMeta::name, "unnamed",
            "Short name shown in summaries and output files (no control characters; where it "
            "names a file, '/', '\\' and a leading '.' become '_').")
      .check({"name"},
             [](const ScenarioMeta& m) -> std::optional<std::string> {
               for (const char c : m.name)
                 if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                   return "scenario.name: a control character (NUL, tab, line break, ...) cannot "
                          "be part of a name shown in tables and file names";
               return std::nullopt;
             })
      .text("description", &ScenarioMeta::description, "", "Free text describing the scenario.")
      .integer("weeks", &ScenarioMeta::weeks, 260, {1, 5200}, "weeks", "Number of simulated weeks.")
      .integer("seed", &ScenarioMeta::seed, 1, {0, 9.0e15}, "",
               "Base random seed; replicate r of a run uses the stream (seed, r).")
      .integer("replicates", &ScenarioMeta::replicates, 1, {1, 100000}, "",
               "Replicates run by `mentorsim run` unless --replicates is given.")
      .text("twin", &ScenarioMeta::twin, "",
            "The scenario file (relative to this one) identical to this one but for its "
            "[[shock]] entries: `mentorsim compare` measures the shocks against it, and stops "
            "with an error if it differs in anything else. Empty: compare looks for such a "
            "scenario among those compared (docs/compare.md).")
      .build();
}

params::SectionSpec population() {
  return SectionBuilder<PopulationConfig>(
             "population", "The practitioners present at week 0 and their attributes.")
      .integer("initial_size", &PopulationConfig::initial_size, 2000, {0, 1e8}, "practitioners",
               "Practitioners present at week 0.")
      .string_list("zones", &PopulationConfig::zones, {"technical", "leadership", "navigation"},
                   {1, 8},
                   "Development zones (skills) tracked for everyone (constellation seed §4).")
      .string_list("group_names", &PopulationConfig::group_names, {"majority", "minority"}, {1, 16},
                   "Demographic groups, for equity and homophily.")
      .real_list("group_shares", &PopulationConfig::group_shares, {0.7, 0.3}, {0, 1}, {1, 16}, "",
                 "Share of practitioners in each group; sums to 1.")
      .string_list("function_names", &PopulationConfig::function_names,
                   {"engineering", "operations", "sales"}, {1, 16},
                   "Functions (departments), for cross-function matching and pilots.")
      .real_list("function_shares", &PopulationConfig::function_shares, {0.5, 0.3, 0.2}, {0, 1},
                 {1, 16}, "", "Share of practitioners in each function; sums to 1.")
      .string_lists(
          "function_zones", &PopulationConfig::function_zones, {}, {0, 16},
          "The zones each function's role needs, one list of population.zones names per entry of "
          "function_names (e.g. [[\"technical\", \"navigation\"], [\"leadership\"]]). A role's "
          "zones are practised at work every week (experience, no forgetting) and are the zones "
          "in which competence is judged. Empty: every function needs every zone (design choice; "
          "docs/model.md §7.3).")
      .real_list(
          "skill_mean", &PopulationConfig::skill_mean, {0.25}, {0, 1}, {1, 8}, "skill",
          "Mean initial skill of non-seniors, per zone (a single value applies to every zone).")
      .real("skill_sd", &PopulationConfig::skill_sd, 0.1, {0, 1}, "skill",
            "Standard deviation of initial skill (normal, truncated to [0, 1]).")
      .real("senior_share", &PopulationConfig::senior_share, 0.01, {0, 1}, "",
            "Share of the initial population who are seniors: skilled and able to mentor at once. "
            "Each practitioner is drawn on their own, so a small population may get none; "
            "senior_count gives an exact number.")
      .integer("senior_count", &PopulationConfig::senior_count, -1, {-1, 1e8}, "practitioners",
               "Exact number of seniors in the initial population, in every replicate (-1: "
               "senior_share decides instead). They are the practitioners with the lowest "
               "seniority draws, so the same people are seniors in every arm of a comparison.")
      .real_list("senior_skill_mean", &PopulationConfig::senior_skill_mean, {0.8}, {0, 1}, {1, 8},
                 "skill",
                 "Mean initial skill of seniors, per zone (a single value applies to every zone).")
      .integer("initial_tenure_max_weeks", &PopulationConfig::initial_tenure_max_weeks, 260,
               {0, 5200}, "weeks", "Initial tenures are uniform on [0, this] weeks.")
      .text("roster", &PopulationConfig::roster, "",
            "A CSV file of the people at week 0, one row each (path relative to the scenario "
            "file; columns: docs/parameters.md, \"Roster files\"). It replaces the drawn initial "
            "population: initial_size becomes its number of rows, and what a row leaves out is "
            "drawn as for a drawn population. Empty: the population is drawn.")
      .text("relationships", &PopulationConfig::relationships, "",
            "A CSV file of the relationships already running at week 0, one line per developer "
            "and learner of a named programme (path relative to the scenario file; columns: "
            "docs/parameters.md, \"Relationship files\"). Needs a roster, whose ids it names. "
            "Each programme takes over its own at week 0 under its rules. Empty: none.")
      .flag("keep_roster_ids", &PopulationConfig::keep_roster_ids, false,
            "Write the roster's ids into outputs as given (network export). By default they are "
            "replaced by a hash, so a shared output names nobody (docs/scenarios.md).")
      .check({"zones"}, [](const PopulationConfig& c) { return names_valid(c.zones, "zones"); })
      .check({"group_names"},
             [](const PopulationConfig& c) { return names_valid(c.group_names, "group_names"); })
      .check(
          {"function_names"},
          [](const PopulationConfig& c) { return names_valid(c.function_names, "function_names"); })
      .check({"group_shares", "group_names"},
             [](const PopulationConfig& c) {
               return shares_match(c.group_names, c.group_shares, "group");
             })
      .check({"function_shares", "function_names"},
             [](const PopulationConfig& c) {
               return shares_match(c.function_names, c.function_shares, "function");
             })
      .check({"function_zones", "function_names"},
             [](const PopulationConfig& c) -> std::optional<std::string> {
               if (c.function_zones.empty() || c.function_zones.size() == c.function_names.size())
                 return std::nullopt;
               return fmt::format(
                   "function_zones has {} lists but function_names has {} entries; give one list "
                   "of zones per function, or none (every function needs every zone)",
                   c.function_zones.size(), c.function_names.size());
             })
      .check({"function_zones"}, [](const PopulationConfig& c) { return roles_valid(c); })
      .check({"skill_mean", "zones"},
             [](const PopulationConfig& c) -> std::optional<std::string> {
               if (c.skill_mean.size() != 1 && c.skill_mean.size() != c.zones.size())
                 return fmt::format("skill_mean has {} values; give one, or one per zone ({})",
                                    c.skill_mean.size(), c.zones.size());
               return std::nullopt;
             })
      .check({"senior_count", "initial_size"},
             [](const PopulationConfig& c) -> std::optional<std::string> {
               if (c.senior_count <= c.initial_size) return std::nullopt;
               return fmt::format("senior_count {} exceeds initial_size {}", c.senior_count,
                                  c.initial_size);
             })
      .check({"senior_skill_mean", "zones"},
             [](const PopulationConfig& c) -> std::optional<std::string> {
               if (c.senior_skill_mean.size() != 1 && c.senior_skill_mean.size() != c.zones.size())
                 return fmt::format(
                     "senior_skill_mean has {} values; give one, or one per zone ({})",
                     c.senior_skill_mean.size(), c.zones.size());
               return std::nullopt;
             })
      .build();
}

params::SectionSpec joining() {
  return SectionBuilder<JoiningConfig>("joining",
                                       "Newcomers: Poisson arrivals and scheduled intakes.")
      .flag("enabled", &JoiningConfig::enabled, true, "Switch joining on or off.")
      .real("arrivals_per_week", &JoiningConfig::arrivals_per_week, 7.5, {0, 1e6},
            "practitioners/week", "Mean of the Poisson number of newcomers each week.")
      .integer("intake_every_weeks", &JoiningConfig::intake_every_weeks, 0, {0, 520}, "weeks",
               "Period of scheduled intakes (e.g. a graduate cohort); 0 for none.")
      .integer("intake_first_week", &JoiningConfig::intake_first_week, 0, {0, 5200}, "week",
               "Week of the first scheduled intake.")
      .integer("intake_size", &JoiningConfig::intake_size, 0, {0, 1e7}, "practitioners",
               "Newcomers in each scheduled intake.")
      .real("newcomer_senior_share", &JoiningConfig::newcomer_senior_share, 0.0, {0, 1}, "",
            "Share of newcomers who arrive as seniors (experienced hires).")
      .build();
}

params::SectionSpec departure() {
  return SectionBuilder<DepartureConfig>(
             "departure",
             "Leaving the organisation: a constant hazard scaled by burnout and mentoring.")
      .flag("enabled", &DepartureConfig::enabled, true, "Switch departure on or off.")
      .real(
          "annual_rate", &DepartureConfig::annual_rate, 0.18, {0, 10}, "1/year",
          "Baseline departure rate per year (BLS 2024: median tenure 3.9 years; range 0.10-0.40).")
      .choice("rate_is", &DepartureConfig::rate_is,
              {{"hazard", AnnualRate::kHazard}, {"probability", AnnualRate::kProbability}},
              AnnualRate::kHazard,
              "Read annual_rate as a hazard h (weekly p = 1 - exp(-h/52)) or as the probability of "
              "leaving within a year P (h = -ln(1 - P)).")
      .real("burnout_hazard_ratio", &DepartureConfig::burnout_hazard_ratio, 2.0, {0, 100}, "",
            "Hazard multiplier while burned out (assumed; JD-R model).")
      .real("mentored_hazard_ratio", &DepartureConfig::mentored_hazard_ratio, 0.85, {0, 100}, "",
            "Hazard multiplier while the practitioner has an active developmental relationship as "
            "learner (assumed; Allen et al. 2004 report small effects).")
      .check({"annual_rate", "rate_is"},
             [](const DepartureConfig& c) -> std::optional<std::string> {
               if (c.rate_is == AnnualRate::kProbability && c.annual_rate >= 1.0)
                 return fmt::format("annual_rate {:g} read as a probability must be below 1",
                                    c.annual_rate);
               return std::nullopt;
             })
      .build();
}

params::SectionSpec knowledge() {
  return SectionBuilder<KnowledgeConfig>(
             "knowledge",
             "Skill per zone: experience at work, gap-closing transfer in sessions, learning by "
             "teaching, and forgetting with disuse.")
      .flag("enabled", &KnowledgeConfig::enabled, true,
            "Switch every change of skill on or off: experience, transfer, teaching and "
            "forgetting.")
      .real("transfer_rate", &KnowledgeConfig::transfer_rate, 0.08, {0, 1}, "1/session",
            "alpha: share of the skill gap closed by one attended session at quality 1 (assumed "
            "0.05-0.10; exponential learning curves, Heathcote et al. 2000).")
      .real("absorptive_gap", &KnowledgeConfig::absorptive_gap, 0.5, {0, 1}, "skill",
            "Absorptive capacity: a gap larger than this transfers as if it were this large "
            "(assumed).")
      .real("forgetting_per_month", &KnowledgeConfig::forgetting_per_month, 0.01, {0, 1}, "1/month",
            "Relative loss per month of the skill above forgetting_floor in a zone used neither at "
            "work (the role's zones, population.function_zones) nor in a session that week "
            "(assumed; decay with disuse, Arthur et al. 1998; Argote et al. 1990).")
      .real("forgetting_floor", &KnowledgeConfig::forgetting_floor, 0.2, {0, 1}, "skill",
            "Unused skill decays towards this, not to 0 (assumed).")
      .real("competence_threshold", &KnowledgeConfig::competence_threshold, 0.6, {0, 1}, "skill",
            "Skill at which a practitioner counts as competent in a zone; competent overall means "
            "in every zone of their role.")
      .real("experience_half_life_weeks", &KnowledgeConfig::experience_half_life_weeks, 52.0,
            {0, 5200}, "weeks",
            "Experience: in each zone of their role a practitioner closes half the remaining gap "
            "to experience_ceiling in this many weeks of work (weekly share k = 1 - 0.5^(1/this)); "
            "0 switches experience off. Assumed: job knowledge grows mostly over the first 2-3 "
            "years, then levels off (Schmidt, Hunter & Outerbridge 1986; McDaniel, Schmidt & "
            "Hunter 1988; Quiñones, Ford & Teachout 1995).")
      .real("experience_ceiling", &KnowledgeConfig::experience_ceiling, 0.68, {0, 1}, "skill",
            "Skill that experience alone approaches in a role's zones; only sessions take anyone "
            "above it. Assumed: above competence_threshold (0.6), below the expert level (0.7) "
            "that makes a mentor in the bundled comparison.")
      .real("teaching_share", &KnowledgeConfig::teaching_share, 0.2, {0, 1}, "",
            "Learning by teaching: a developer gains this share of what each held session "
            "transfers to the learner, in the zones taught (peer groups: of what each present "
            "member learns from them); 0 switches it off. Assumed (Roscoe & Chi 2007; Fiorella & "
            "Mayer 2013; constellation seed §3: 'When you mentor someone, you consolidate your own "
            "knowledge').")
      .real("group_memory_share", &KnowledgeConfig::group_memory_share, 0.5, {0, 1}, "",
            "The group's commons: after each held session of a cohort or pod, the group's memory "
            "in each zone is at least this share of the best present member's skill there, and "
            "every present member learns from the memory as from one more member, so part of "
            "what a leaver knew stays with the group. 0 switches it off. Group-models seed §5: "
            "'when someone leaves, the knowledge remains distributed across the group'; the "
            "share is assumed.")
      .real("group_memory_half_life_weeks", &KnowledgeConfig::group_memory_half_life_weeks, 52.0,
            {0, 5200}, "weeks",
            "The group's memory halves in this many weeks (it decays every week, met or not); 0: "
            "it does not outlast the week, which switches it off. Assumed: organisational "
            "knowledge depreciates (Argote, Beckman & Epple 1990) at rates that differ widely "
            "between settings; a year is a middle value.")
      .real("relationships_before_dilution", &KnowledgeConfig::relationships_before_dilution, 5.0,
            {0, 100}, "relationships",
            "Quality falls with load: a developer holding R relationships (a pair counts 1; a "
            "cohort's facilitation or a pod's visits count 1 in all) with R above this gives each "
            "this / R of full quality, every kind of developer alike; 0 switches it off. Group-"
            "models seed §2: 'Each mentor can hold maybe 3–5 meaningful relationships before "
            "attention fractures'; the "
            "upper end, assumed.")
      .build();
}

params::SectionSpec burnout() {
  return SectionBuilder<BurnoutConfig>(
             "burnout",
             "Load and exhaustion (0-6, MBI-GS scale): overload raises it, spare time lowers it.")
      .flag("enabled", &BurnoutConfig::enabled, true, "Switch the burnout mechanism on or off.")
      .real("available_hours_mean", &BurnoutConfig::available_hours_mean, 2.0, {0, 40},
            "hours/week",
            "Mean mentoring time a practitioner can give per week (assumed; 4 mentees biweekly "
            "1 h = 2 h/week).")
      .real("available_hours_sd", &BurnoutConfig::available_hours_sd, 0.5, {0, 40}, "hours/week",
            "Spread of available hours between people (normal, truncated to [0.25, 4 x mean]).")
      .real("rise_per_week", &BurnoutConfig::rise_per_week, 0.25, {0, 6}, "exhaustion/week",
            "Exhaustion gained per week for each unit of load/available above 1 (assumed).")
      .real("recovery_per_week", &BurnoutConfig::recovery_per_week, 0.1, {0, 6}, "exhaustion/week",
            "Exhaustion lost per week for each unit of spare capacity below 1 (assumed).")
      .real("threshold", &BurnoutConfig::threshold, 3.5, {0, 6}, "exhaustion",
            "Burned out at or above this exhaustion (MBI-GS weighted score).")
      .real("recovery_threshold", &BurnoutConfig::recovery_threshold, 2.5, {0, 6}, "exhaustion",
            "A burned-out practitioner recovers below this exhaustion.")
      .real(
          "capacity_factor", &BurnoutConfig::capacity_factor, 0.5, {0, 1}, "",
          "While burned out, capacity for new matches is floor(capacity x factor); on burning out "
          "a developer keeps the oldest floor(n x factor) of their n relationships and ends the "
          "rest.")
      .real("skip_probability", &BurnoutConfig::skip_probability, 0.3, {0, 1}, "",
            "Extra probability that a burned-out developer skips a scheduled session.")
      .check({"recovery_threshold", "threshold"},
             [](const BurnoutConfig& c) -> std::optional<std::string> {
               if (c.recovery_threshold > c.threshold)
                 return fmt::format("recovery_threshold {:g} must not exceed threshold {:g}",
                                    c.recovery_threshold, c.threshold);
               return std::nullopt;
             })
      .build();
}

params::SectionSpec reciprocity() {
  return SectionBuilder<ReciprocityConfig>("reciprocity",
                                           "Learners become eligible to mentor (constellation seed "
                                           "§4: 'Who will you mentor? Now.').")
      .flag("enabled", &ReciprocityConfig::enabled, true, "When off, only seniors ever mentor.")
      .integer("tenure_weeks", &ReciprocityConfig::tenure_weeks, 0, {0, 5200}, "weeks",
               "Tenure that qualifies a practitioner to mentor; 0 (the default) switches the "
               "tenure criterion off (rule any: only skill qualifies; rule all: only skill is "
               "required). Time served alone makes no mentor: docs/model.md 7.5.")
      .real("skill_threshold", &ReciprocityConfig::skill_threshold, 0.7, {0, 1}, "skill",
            "Mean skill over zones that qualifies a practitioner to mentor: the expert level, "
            "above experience_ceiling, so that one becomes a mentor by learning from others "
            "(assumed; docs/model.md 7.5).")
      .choice("rule", &ReciprocityConfig::rule,
              {{"any", EligibilityRule::kAny}, {"all", EligibilityRule::kAll}},
              EligibilityRule::kAny, "Qualify on either criterion (any) or only on both (all).")
      .build();
}

params::SectionSpec cost() {
  const char* rate_units = "currency/hour";
  return SectionBuilder<CostConfig>(
             "cost",
             "Prices of the hours spent in held sessions (docs/metrics.md, Cost). Every rate "
             "defaults to 1 and the currency to \"hours\", so that by default a cost is the "
             "hours spent; set the rates (and the currency) to get money.")
      .real("senior_developer_rate", &CostConfig::senior_developer_rate, 1.0, {0, 1e6}, rate_units,
            "Price of an hour a senior developer spends in a held session (one-on-one, guide, "
            "pod visit, office hours, any session a senior develops someone in).")
      .real("other_developer_rate", &CostConfig::other_developer_rate, 1.0, {0, 1e6}, rate_units,
            "Price of an hour a developer who is not a senior (a peer, a mentor qualified by "
            "reciprocity) spends in a held session.")
      .real("facilitator_rate", &CostConfig::facilitator_rate, 1.0, {0, 1e6}, rate_units,
            "Price of an hour a cohort facilitator spends in a held cohort session (once per "
            "session, whatever the number of members present).")
      .real("learner_rate", &CostConfig::learner_rate, 1.0, {0, 1e6}, rate_units,
            "Price of an hour a learner spends in a held session (a group session counts once "
            "per member present).")
      .text("currency", &CostConfig::currency, "hours",
            "Label of the unit of every cost and of the programmes' fixed costs, e.g. \"EUR\".")
      .check({"currency"},
             [](const CostConfig& c) -> std::optional<std::string> {
               if (c.currency.empty()) return "currency must not be empty";
               return std::nullopt;
             })
      .build();
}

params::SectionSpec metrics() {
  return SectionBuilder<MetricsConfig>(
             "metrics",
             "Stated thresholds of outcome metrics (docs/metrics.md): they change what is "
             "measured, never what is simulated.")
      .real("lead_margin", &MetricsConfig::lead_margin, 0.1, {0.001, 1}, "skill",
            "A developer leads a learner in a zone when their skill there exceeds the learner's "
            "by at least this (effective coverage, orphaned learners). Assumed: a tenth of the "
            "skill scale, about a third of the gap between a newcomer's classic-zone skill "
            "(0.25) and competence (0.6) in the bundled scenarios.")
      .real("twin_tolerance", &MetricsConfig::twin_tolerance, 0.01, {0, 1}, "share",
            "compare: a shock's effect has closed once the effective coverage of its arm is "
            "within this of its twin's for 4 weeks running (assumed: one percentage point).")
      .build();
}

params::SectionSpec programme_common() {
  return SectionBuilder<ProgrammeCommon>("programme", "Keys every [[programme]] entry has.")
      .text("kind", &ProgrammeCommon::kind, "one_on_one",
            "The mentoring model; see the kinds below.")
      .text("name", &ProgrammeCommon::name, "",
            "Name used in output and in --set programme.<name>.<key>; defaults to the kind.")
      .integer("start_week", &ProgrammeCommon::start_week, 0, {0, 5200}, "week",
               "First week the programme runs.")
      .integer("end_week", &ProgrammeCommon::end_week, -1, {-1, 5200}, "week",
               "Week the programme ends (its relationships end with it); -1 runs to the end.")
      .string_list("functions", &ProgrammeCommon::functions, {}, {0, 16},
                   "Functions (population.function_names) whose practitioners take part, as "
                   "learners and as developers; empty: every function (seed 002: 'Begin with a "
                   "pilot').")
      .integer("expand_week", &ProgrammeCommon::expand_week, -1, {-1, 5200}, "week",
               "Week the programme expands to expand_functions (seed 002: 'expand the scope to "
               "include more departments'); -1: never.")
      .string_list("expand_functions", &ProgrammeCommon::expand_functions, {}, {0, 16},
                   "Functions that join at expand_week; empty: every function.")
      .integer("priority", &ProgrammeCommon::priority, 0, {-1000, 1000}, "",
               "When developers are short, programmes with higher priority match first each week "
               "(equal priorities: file order) (seed 002: 'identify priority cohorts').")
      .real("volunteer_share", &ProgrammeCommon::volunteer_share, 1.0, {0, 1}, "",
            "Share of practitioners able to develop others who volunteer for this programme, "
            "drawn once per practitioner and programme.")
      .flag("incentives", &ProgrammeCommon::incentives, false,
            "Recognition, skill badges, review credit (seed 002: 'Each role requires tailored "
            "incentives, such as recognition, skill badges, or opportunities for advancement, "
            "ensuring sustained participation').")
      .real("incentive_volunteer_gain", &ProgrammeCommon::incentive_volunteer_gain, 0.2, {0, 1}, "",
            "With incentives, added to volunteer_share, capped at 1 (assumed).")
      .real("incentive_attendance_gain", &ProgrammeCommon::incentive_attendance_gain, 0.05, {0, 1},
            "",
            "With incentives, added to the attendance of the programme's new relationships, "
            "capped at 1 (assumed).")
      .real("protected_hours", &ProgrammeCommon::protected_hours, 0.0, {0, 168}, "hours/week",
            "Protected-time budget per developer: up to this many hours a week of the "
            "programme's load do not count against available hours (seed 002: 'ensuring "
            "mentors have dedicated time'; 'must be protected time').")
      .real("fixed_cost_per_year", &ProgrammeCommon::fixed_cost_per_year, 0.0, {0, 1e12},
            "currency/year",
            "Fixed cost of running the programme ([cost] currency), spread evenly over the "
            "weeks it runs (1/52 a week): administration, licences, coordinator time.")
      .real("setup_cost", &ProgrammeCommon::setup_cost, 0.0, {0, 1e12}, "currency",
            "One-off cost ([cost] currency) counted in the programme's start_week.")
      .check({"functions"},
             [](const ProgrammeCommon& c) { return names_valid(c.functions, "functions"); })
      .check({"expand_functions"},
             [](const ProgrammeCommon& c) {
               return names_valid(c.expand_functions, "expand_functions");
             })
      .build();
}

}  // namespace mentorsim::declarations
