#include "metrics/recorder.hpp"

#include <fmt/format.h>

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include "core/zone_count.hpp"

namespace mentorsim {

namespace {
// Indices of the fixed series, in the order they are added in the constructor.
enum S : std::size_t {
  kActive,
  kJoins,
  kDepartures,
  kDeparturesTurnover,
  kDeparturesBurnout,
  kDeparturesShock,
  kCoverage,
  kWaiting,
  kWaitMean,
  kMatches,
  kActiveTies,
  kMentors,
  kOverCapacity,
  kBurnedOutShare,
  kMeanExhaustion,
  kSessionsScheduled,
  kSessionsHeld,
  kCompetentShare,
  kEndedCompleted,
  kEndedMentorLeft,
  kEndedMenteeLeft,
  kEndedBurnout,
  kEndedDissolved,
  kFixedCount
};
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

Recorder::Recorder(const Scenario& scenario)
    : competence_threshold_(scenario.knowledge.competence_threshold),
      outcomes_(scenario.population.group_names.size()),
      groups_(scenario.population.group_names.size()),
      resilience_(scenario.population.zones.size(), scenario.knowledge.competence_threshold),
      cost_(scenario) {
  add("active_practitioners", "practitioners",
      "Practitioners in the organisation at the end of the week.");
  add("joins", "practitioners/week", "Newcomers this week (arrivals and intakes).");
  add("departures", "practitioners/week", "Practitioners who left this week, for any reason.");
  add("departures_turnover", "practitioners/week", "Departures at the baseline hazard.");
  add("departures_burnout", "practitioners/week", "Departures attributable to burnout.");
  add("departures_shock", "practitioners/week", "Departures caused by [[shock]] entries.");
  add("coverage", "share",
      "Share of practitioners who are learners in at least one active developmental relationship.");
  add("waiting_list", "practitioners", "Learners waiting for a match, over all programmes.");
  add("wait_weeks_mean", "weeks", "Mean wait of the matches made this week (NaN when none).");
  add("matches", "learners/week",
      "Learners matched this week: given a relationship, or a place in a group.");
  add("active_ties", "ties",
      "Active developmental relationships (ties; a peer group's pairs are not counted).");
  add("mentors", "practitioners",
      "Practitioners able to develop others (seniors and those qualified by reciprocity).");
  add("mentors_over_capacity", "practitioners",
      "Developers holding more relationships than their programme's nominal capacity.");
  add("burned_out_mentor_share", "share",
      "Share of mentors (able to develop others) who are burned out.");
  add("mean_mentor_exhaustion", "exhaustion (0-6)", "Mean exhaustion of mentors.");
  add("sessions_scheduled", "sessions/week", "Sessions scheduled this week.");
  add("sessions_held", "sessions/week", "Sessions that took place this week.");
  add("competent_share", "share",
      "Share of practitioners at or above competence_threshold in every zone.");
  add("ties_ended_completed", "ties/week", "Relationships that reached their planned end.");
  add("ties_ended_mentor_left", "ties/week", "Relationships ended because the developer left.");
  add("ties_ended_mentee_left", "ties/week", "Relationships ended because the learner left.");
  add("ties_ended_burnout", "ties/week", "Relationships shed by a developer burning out.");
  add("ties_ended_dissolved", "ties/week",
      "Relationships ended early by their programme (e.g. cross-group ties, homophily).");
  zones_first_ = series_.size();
  for (const auto& zone : scenario.population.zones)
    add("mean_skill/" + zone, "skill (0-1)",
        "Mean skill of active practitioners in zone " + zone + ".");
  programmes_first_ = series_.size();
  for (const auto& programme : scenario.programmes) {
    const std::string prefix = "programme/" + programme.common.name + "/";
    const std::string of = " of programme " + programme.common.name + ".";
    add(prefix + "ties", "ties", "Active relationships" + of);
    add(prefix + "learners", "practitioners", "Learners with an active relationship" + of);
    add(prefix + "developers", "practitioners", "Developers with an active relationship" + of);
    add(prefix + "developer_hours", "hours/week", "Weekly developer load hours" + of);
    add(prefix + "senior_hours", "hours/week", "Weekly load hours carried by seniors" + of);
    add(prefix + "waiting_list", "practitioners", "Learners waiting" + of);
  }
  // Outcome metrics (docs/metrics.md); record() pushes them in this order.
  outcomes_first_ = series_.size();
  add("load_p95_hours", "hours/week",
      "95th percentile (nearest rank) of load_hours over developers (load_hours > 0).");
  add("load_max_hours", "hours/week", "Largest load_hours of any developer.");
  add("load_gini", "Gini (0-1)", "Gini coefficient of load_hours over developers.");
  add("developers_per_learner", "practitioners",
      "Mean number of distinct developers of learners with at least one active tie.");
  add("learners_who_mentor_share", "share",
      "Share of learners (at least one learner tie) who also develop someone (reciprocity).");
  add("single_developer_share", "share",
      "Share of learners whose active ties are all with one developer (single-person dependence).");
  for (const auto& group : scenario.population.group_names)
    add("coverage_by_group/" + group, "share",
        "Share of practitioners of group " + group + " with at least one active learner tie.");
  add("access_ratio", "ratio (0-1)",
      "Lowest coverage of a non-empty group divided by the highest (1 when none is covered).");
  add("homophily_coleman", "index (-1 to 1)",
      "Coleman's homophily index of active ties by group, tie-weighted mean over groups.");
  for (const auto& group : scenario.population.group_names)
    add("homophily_coleman_by_group/" + group, "index (-1 to 1)",
        "Coleman's homophily index of the ties of learners of group " + group + ".");
  add("developer_diversity_blau", "index (0-1)",
      "Mean over learners of the Blau diversity of their distinct developers' groups.");
  add("hours_received_gini", "Gini (0-1)",
      "Gini coefficient over practitioners of mentoring hours received per week.");
  // Resilience metrics (docs/metrics.md, "Resilience"); record() pushes them in this order.
  resilience_first_ = series_.size();
  add("isolation_events", "practitioners/week",
      "Learners still present who lost their last active tie this week, by a disruption.");
  add("knowledge_stock", "skill (0-1) x practitioners",
      "Sum over active practitioners and zones of skill (the organisation's knowledge).");
  add("institutional_memory_share", "share",
      "Share of zones held at competence_threshold by at least two active practitioners.");
  for (const auto& zone : scenario.population.zones)
    add("bus_factor/" + zone, "practitioners",
        "Active practitioners at or above competence_threshold in zone " + zone + ".");
  // Reach and growth (docs/metrics.md); record() pushes them in this order.
  reach_growth_ = metrics::ReachGrowth(scenario.population.group_names.size(), scenario.meta.weeks);
  reach_first_ = series_.size();
  add("contact_hours_per_senior_hour", "ratio",
      "Session hours learners receive per hour of load carried by seniors (NaN: no senior hours).");
  add("unmet_demand_share", "share",
      "Waiting-list places over waiting-list places plus covered learners (0 when both are 0).");
  add("competence_reached", "practitioners/week",
      "Practitioners competent in every zone for the first time this week (at risk before).");
  // Cost (docs/metrics.md, "Cost"); record() pushes them in this order.
  const std::string per_week = scenario.cost.currency + "/week";
  cost_first_ = series_.size();
  add("cost/senior_developer", per_week,
      "Hours seniors spent developing others in held sessions x senior_developer_rate.");
  add("cost/other_developer", per_week,
      "Hours other developers spent in held sessions x other_developer_rate.");
  add("cost/facilitator", per_week,
      "Hours facilitators spent in held cohort sessions (once per session) x facilitator_rate.");
  add("cost/learner", per_week,
      "Hours learners spent in held sessions (a group session once per member) x learner_rate.");
  add("cost/fixed", per_week,
      "Programmes' fixed_cost_per_year / 52 while running, plus setup_cost in start_week.");
  add("cost_total", per_week, "Sum of the cost/ series.");
  // Signs of life and decay (docs/metrics.md); record() pushes them in this order.
  signs_first_ = series_.size();
  add("ties_completed_share", "share",
      "Of ties ended this week (learner departures aside), the share reaching their planned end "
      "(NaN when none ended).");
  add("ties_ended_early_share", "share",
      "Of ties ended this week (learner departures aside), the share ending early "
      "(NaN when none ended).");
  add("roster_changed_share", "share",
      "Share of learners whose set of developers changed this week (gained or lost one).");
  add("group_attendance", "share",
      "Members' attendance of group sessions: held / scheduled (NaN when none scheduled).");
  add("group_attendance_by_kind/facilitator", "share",
      "Held / scheduled of cohort facilitator ties (NaN when none scheduled).");
  add("group_attendance_by_kind/peer", "share",
      "Present / scheduled members of cohorts' and pods' peer groups (NaN when none scheduled).");
}

std::size_t Recorder::add(std::string name, std::string units, std::string doc) {
  series_.push_back({std::move(name), std::move(units), std::move(doc), {}});
  return series_.size() - 1;
}

const std::vector<double>& Recorder::series(const std::string& name) const {
  for (const auto& s : series_)
    if (s.name == name) return s.values;
  throw std::out_of_range("no series " + name);
}

void Recorder::record(const World& world) {
  const Practitioners& people = world.people;
  const WeekCounters& c = world.counters;
  const Row n = people.size();
  const int zones = people.zones();

  // The metric groups only read the world and each writes only its own state, so they run side
  // by side; each is the same sequential computation at any thread count. Their values are pushed
  // below in series order.
  std::vector<ProgrammeCounts> programme_counts;
  const metrics::Outcomes* outcomes = nullptr;
  const metrics::ResilienceWeek* resilience = nullptr;
  const metrics::ReachGrowthWeek* reach = nullptr;
  const metrics::WeeklyCost* cost = nullptr;
  const metrics::Signs* signs = nullptr;
  tbb::parallel_invoke([&] { outcomes = &outcomes_.compute(world); },
                       [&] { programme_counts = accounting_.count(world); },
                       [&] { signs = &signs_.compute(world); },
                       [&] {
                         cost = &cost_.compute(world);
                         resilience = &resilience_.compute(world);
                         reach = &reach_growth_.record(world);
                       });

  // Sums over fixed blocks of rows in parallel, then the blocks in order: the result depends on
  // the block size only, never on the thread count.
  struct Partial {
    std::int64_t covered = 0, mentors = 0, burned_out_mentors = 0, competent = 0;
    double mentor_exhaustion = 0;
    std::array<double, 8> skill{};  // zones are 1-8
  };
  constexpr Row kBlock = 4096;
  std::vector<Partial> partials((n + kBlock - 1) / kBlock);
  // Z zones at compile time (core/zone_count.hpp), and the sums in locals: through the Partial
  // in memory (which the byte-wide flags may alias) every row waited on the last one's stores.
  const auto sum_block = [&]<int Z>(std::size_t b) {
    std::int64_t covered = 0, mentors = 0, burned_out = 0, competent = 0;
    double exhaustion = 0;
    std::array<double, Z> skill{};
    const Row end = std::min<Row>(n, static_cast<Row>((b + 1) * kBlock));
    for (Row r = static_cast<Row>(b * kBlock); r < end; ++r) {
      covered += people.learner_ties[r] > 0;
      if (people.has(r, flag::kCanMentor)) {
        ++mentors;
        burned_out += people.has(r, flag::kBurnedOut);
        exhaustion += people.exhaustion[r];
      }
      const float* s = people.skill_row(r);
      bool all_competent = true;
      for (int z = 0; z < Z; ++z) {
        skill[z] += s[z];
        all_competent = all_competent && s[z] >= competence_threshold_;
      }
      competent += all_competent;
    }
    Partial& p = partials[b];
    p.covered = covered;
    p.mentors = mentors;
    p.burned_out_mentors = burned_out;
    p.mentor_exhaustion = exhaustion;
    p.competent = competent;
    std::copy(skill.begin(), skill.end(), p.skill.begin());
  };
  tbb::parallel_for(std::size_t{0}, partials.size(), [&](std::size_t b) {
    with_zone_count(static_cast<std::size_t>(zones),
                    [&]<std::size_t Z> { sum_block.template operator()<static_cast<int>(Z)>(b); });
  });
  std::int64_t covered = 0, mentors = 0, burned_out_mentors = 0, competent = 0;
  double mentor_exhaustion = 0;
  std::vector<double> skill_sum(static_cast<std::size_t>(zones), 0.0);
  for (const Partial& p : partials) {
    covered += p.covered;
    mentors += p.mentors;
    burned_out_mentors += p.burned_out_mentors;
    competent += p.competent;
    mentor_exhaustion += p.mentor_exhaustion;
    for (int z = 0; z < zones; ++z) skill_sum[z] += p.skill[z];
  }
  std::size_t waiting = 0, over = 0;
  for (const auto& model : world.models()) waiting += model->waiting_count();
  if (!world.models().empty()) {
    over_capacity_.assign(n, 0);
    for (const auto& model : world.models()) model->mark_over_capacity(world, over_capacity_);
    over = static_cast<std::size_t>(std::count(over_capacity_.begin(), over_capacity_.end(), 1));
  }
  // Every active tie is listed once under its learner in the index rebuilt for the recording.
  const auto active_ties = static_cast<std::int64_t>(world.by_learner.rows.size());

  const auto share = [](double part, double whole) { return whole > 0 ? part / whole : 0.0; };
  push(kActive, n);
  push(kJoins, static_cast<double>(c.joins));
  push(kDepartures, static_cast<double>(std::accumulate(c.departures.begin(), c.departures.end(),
                                                        std::int64_t{0})));
  push(kDeparturesTurnover,
       static_cast<double>(c.departures[static_cast<int>(DepartureReason::kTurnover)]));
  push(kDeparturesBurnout,
       static_cast<double>(c.departures[static_cast<int>(DepartureReason::kBurnout)]));
  push(kDeparturesShock,
       static_cast<double>(c.departures[static_cast<int>(DepartureReason::kShock)]));
  push(kCoverage, share(static_cast<double>(covered), n));
  push(kWaiting, static_cast<double>(waiting));
  push(kWaitMean, c.matches > 0 ? c.match_wait_weeks_total / static_cast<double>(c.matches) : kNaN);
  push(kMatches, static_cast<double>(c.matches));
  push(kActiveTies, static_cast<double>(active_ties));
  push(kMentors, static_cast<double>(mentors));
  push(kOverCapacity, static_cast<double>(over));
  push(kBurnedOutShare,
       share(static_cast<double>(burned_out_mentors), static_cast<double>(mentors)));
  push(kMeanExhaustion, share(mentor_exhaustion, static_cast<double>(mentors)));
  push(kSessionsScheduled, static_cast<double>(c.sessions_scheduled));
  push(kSessionsHeld, static_cast<double>(c.sessions_held));
  push(kCompetentShare, share(static_cast<double>(competent), n));
  push(kEndedCompleted, static_cast<double>(c.ties_ended[static_cast<int>(EndReason::kCompleted)]));
  push(kEndedMentorLeft,
       static_cast<double>(c.ties_ended[static_cast<int>(EndReason::kMentorLeft)]));
  push(kEndedMenteeLeft,
       static_cast<double>(c.ties_ended[static_cast<int>(EndReason::kMenteeLeft)]));
  push(kEndedBurnout, static_cast<double>(c.ties_ended[static_cast<int>(EndReason::kBurnout)]));
  push(kEndedDissolved, static_cast<double>(c.ties_ended[static_cast<int>(EndReason::kDissolved)]));
  for (int z = 0; z < zones; ++z) push(zones_first_ + z, share(skill_sum[z], n));
  std::size_t next = programmes_first_;
  for (const ProgrammeCounts& p : programme_counts) {
    push(next++, static_cast<double>(p.ties));
    push(next++, static_cast<double>(p.learners));
    push(next++, static_cast<double>(p.developers));
    push(next++, p.developer_hours);
    push(next++, p.senior_hours);
    push(next++, static_cast<double>(p.waiting));
  }
  const metrics::Outcomes& o = *outcomes;
  next = outcomes_first_;
  for (const double value :
       {o.load_p95_hours, o.load_max_hours, o.load_gini, o.developers_per_learner,
        o.learners_who_mentor_share, o.single_developer_share})
    push(next++, value);
  for (const double value : o.coverage_by_group) push(next++, value);
  push(next++, o.access_ratio);
  push(next++, o.homophily);
  for (const double value : o.homophily_by_group) push(next++, value);
  push(next++, o.developer_diversity);
  push(next++, o.hours_received_gini);
  next = resilience_first_;
  push(next++, static_cast<double>(resilience->isolation_events));
  push(next++, resilience->knowledge_stock);
  push(next++, resilience->institutional_memory_share);
  for (const std::int64_t holders : resilience->bus_factor)
    push(next++, static_cast<double>(holders));

  std::size_t reach_at = reach_first_;
  push(reach_at++, reach->contact_hours_per_senior_hour);
  push(reach_at++, reach->unmet_demand_share);
  push(reach_at++, static_cast<double>(reach->competence_reached));
  next = cost_first_;
  for (const double value : {cost->senior_developer, cost->other_developer, cost->facilitator,
                             cost->learner, cost->fixed, cost->total})
    push(next++, value);
  covered_weeks_ += static_cast<double>(cost->covered);
  next = signs_first_;
  for (const double value : {signs->completed_share, signs->early_share, signs->roster.share(),
                             signs->attendance.members.rate(), signs->attendance.facilitator.rate(),
                             signs->attendance.peer.rate()})
    push(next++, value);
  endings_total_.completed += signs->endings.completed;
  endings_total_.early += signs->endings.early;

  matches_total_ += c.matches;
  wait_total_ += c.match_wait_weeks_total;
}

RunResult Recorder::result(const Scenario& scenario, std::uint64_t replicate) const {
  RunResult out;
  out.run_id = fmt::format("r{:04}", replicate);
  out.scenario_name = scenario.meta.name;
  out.scenario_source = scenario.source;
  out.resolved_scenario_toml = scenario.resolved_toml;
  out.seed = static_cast<std::uint64_t>(scenario.meta.seed);
  out.replicate = replicate;
  out.weeks = static_cast<std::int64_t>(series_[kActive].values.size());
  out.zones = scenario.population.zones;
  out.weekly = series_;

  const auto& v = [&](std::size_t i) -> const std::vector<double>& { return series_[i].values; };
  const auto last = [&](std::size_t i) { return v(i).empty() ? 0.0 : v(i).back(); };
  const auto peak = [&](std::size_t i) {
    return v(i).empty() ? 0.0 : *std::max_element(v(i).begin(), v(i).end());
  };
  const auto mean = [&](std::size_t i) {
    return v(i).empty()
               ? 0.0
               : std::accumulate(v(i).begin(), v(i).end(), 0.0) / static_cast<double>(v(i).size());
  };
  const auto total = [&](std::size_t i) { return std::accumulate(v(i).begin(), v(i).end(), 0.0); };
  double final_skill = 0;
  for (std::size_t z = 0; z < scenario.population.zones.size(); ++z)
    final_skill += last(zones_first_ + z);
  final_skill /= static_cast<double>(std::max<std::size_t>(1, scenario.population.zones.size()));

  auto& s = out.summary;
  s.push_back(
      {"final_active_practitioners", last(kActive), "practitioners", "Practitioners at the end."});
  s.push_back({"mean_coverage", mean(kCoverage), "share", "Coverage averaged over all weeks."});
  s.push_back({"final_coverage", last(kCoverage), "share", "Coverage in the last week."});
  s.push_back({"peak_waiting_list", peak(kWaiting), "practitioners", "Largest waiting list."});
  s.push_back(
      {"final_waiting_list", last(kWaiting), "practitioners", "Waiting list in the last week."});
  s.push_back({"mean_wait_weeks",
               matches_total_ > 0 ? wait_total_ / static_cast<double>(matches_total_) : kNaN,
               "weeks", "Mean wait of all matches made in the run."});
  s.push_back({"matches_total", static_cast<double>(matches_total_), "learners",
               "Learners matched over the run."});
  s.push_back({"mean_mentors_over_capacity", mean(kOverCapacity), "practitioners",
               "Developers over nominal capacity, averaged over weeks."});
  s.push_back({"peak_burned_out_mentor_share", peak(kBurnedOutShare), "share",
               "Largest share of mentors burned out."});
  s.push_back({"final_burned_out_mentor_share", last(kBurnedOutShare), "share",
               "Share of mentors burned out in the last week."});
  s.push_back(
      {"departures_total", total(kDepartures), "practitioners", "Departures over the run."});
  s.push_back({"departures_burnout_total", total(kDeparturesBurnout), "practitioners",
               "Departures attributable to burnout over the run."});
  s.push_back({"ties_ended_burnout_total", total(kEndedBurnout), "ties",
               "Relationships shed by burned-out developers over the run."});
  s.push_back({"final_competent_share", last(kCompetentShare), "share",
               "Share of practitioners competent in every zone in the last week."});
  s.push_back(
      {"final_mean_skill", final_skill, "skill (0-1)", "Mean skill over zones in the last week."});
  // Outcome metrics (docs/metrics.md), in the order of their series.
  const std::size_t o = outcomes_first_;
  s.push_back({"mean_load_p95_hours", mean(o), "hours/week",
               "95th percentile of developers' load, averaged over weeks."});
  s.push_back({"peak_load_max_hours", peak(o + 1), "hours/week", "Largest load of any developer."});
  s.push_back({"mean_load_gini", mean(o + 2), "Gini (0-1)",
               "Gini of developers' load, averaged over weeks."});
  s.push_back({"mean_developers_per_learner", mean(o + 3), "practitioners",
               "Distinct developers per learner, averaged over weeks."});
  s.push_back({"mean_learners_who_mentor_share", mean(o + 4), "share",
               "Share of learners who also develop someone, averaged over weeks."});
  s.push_back({"mean_single_developer_share", mean(o + 5), "share",
               "Share of learners depending on one developer, averaged over weeks."});
  for (std::size_t g = 0; g < groups_; ++g)
    s.push_back({"mean_coverage_by_group/" + scenario.population.group_names[g], mean(o + 6 + g),
                 "share", "Coverage of the group, averaged over weeks."});
  const std::size_t access = o + 6 + groups_;
  s.push_back({"mean_access_ratio", mean(access), "ratio (0-1)",
               "Lowest group coverage over highest, averaged over weeks."});
  s.push_back({"final_access_ratio", last(access), "ratio (0-1)",
               "Lowest group coverage over highest in the last week."});
  s.push_back({"mean_homophily_coleman", mean(access + 1), "index (-1 to 1)",
               "Coleman's homophily index of ties, averaged over weeks."});
  s.push_back({"mean_developer_diversity_blau", mean(access + 2 + groups_), "index (0-1)",
               "Blau diversity of learners' developers, averaged over weeks."});
  s.push_back({"mean_hours_received_gini", mean(access + 3 + groups_), "Gini (0-1)",
               "Gini of mentoring hours received, averaged over weeks."});
  // Resilience metrics (docs/metrics.md, "Resilience"), in the order of their series, then the
  // outcomes around each [[shock]] in file order (shock<i>/..., the same names in every scenario
  // with an i-th shock, so that compare pairs them).
  const std::size_t r0 = resilience_first_;
  const std::size_t zone_count = scenario.population.zones.size();
  s.push_back({"isolation_events_total", total(r0), "practitioners",
               "Learners who lost their last tie to a disruption, over the run."});
  s.push_back({"mean_institutional_memory_share", mean(r0 + 2), "share",
               "Share of zones held at competence by two or more, averaged over weeks."});
  s.push_back({"final_institutional_memory_share", last(r0 + 2), "share",
               "Share of zones held at competence by two or more in the last week."});
  for (std::size_t z = 0; z < zone_count; ++z) {
    const std::vector<double>& bus = v(r0 + 3 + z);
    const std::string& zone = scenario.population.zones[z];
    const double fewest = bus.empty() ? 0.0 : *std::min_element(bus.begin(), bus.end());
    s.push_back({"min_bus_factor/" + zone, fewest, "practitioners",
                 "Fewest competent holders of the zone in any week."});
    s.push_back({"final_bus_factor/" + zone, last(r0 + 3 + z), "practitioners",
                 "Competent holders of the zone in the last week."});
  }
  std::vector<double> holders(v(r0).size(), 0.0);  // competent (practitioner, zone) pairs
  for (std::size_t z = 0; z < zone_count; ++z)
    for (std::size_t w = 0; w < holders.size(); ++w) holders[w] += v(r0 + 3 + z)[w];
  for (std::size_t i = 0; i < scenario.shocks.size(); ++i) {
    const metrics::ShockOutcomes so =
        metrics::shock_outcomes(scenario.shocks[i].week, v(r0 + 1), holders, v(kCoverage), v(r0));
    const std::string p = "shock" + std::to_string(i + 1) + "/";
    s.push_back({p + "knowledge_retained", so.knowledge_retained, "ratio",
                 "Knowledge stock at the shock week over the week before."});
    s.push_back({p + "knowledge_retained_13w", so.knowledge_retained_13w, "ratio",
                 "Knowledge stock 13 weeks after the shock over the week before it."});
    s.push_back({p + "knowledge_retained_52w", so.knowledge_retained_52w, "ratio",
                 "Knowledge stock 52 weeks after the shock over the week before it."});
    s.push_back({p + "competent_holders_retained", so.competent_holders_retained, "ratio",
                 "Competent (practitioner, zone) pairs at the shock week over the week before."});
    s.push_back({p + "coverage_drop", so.coverage_drop, "share",
                 "Coverage the week before the shock minus its lowest in the 13 weeks from it."});
    s.push_back({p + "recovery_weeks", so.recovery_weeks, "weeks",
                 "Weeks from the shock until coverage is back to the week before (NaN: never)."});
    s.push_back({p + "recovered", so.recovered, "share",
                 "1 when coverage returned to its level before the shock within the run, else 0."});
    s.push_back({p + "isolation_events_13w", so.isolation_events, "practitioners",
                 "Isolation events in the 13 weeks from the shock week."});
  }
  // Reach and growth (docs/metrics.md).
  const metrics::ReachGrowthSummary rg = reach_growth_.summary();
  s.push_back({"wait_to_first_match_mean_weeks", rg.wait_mean_weeks, "weeks",
               "Mean weeks from joining to the first learner tie (NaN: no first match)."});
  s.push_back({"wait_to_first_match_median_weeks", rg.wait_median_weeks, "weeks",
               "Median (nearest rank) weeks from joining to the first learner tie."});
  s.push_back({"wait_to_first_match_p95_weeks", rg.wait_p95_weeks, "weeks",
               "95th percentile (nearest rank) of weeks from joining to the first learner tie."});
  s.push_back({"first_matches_total", static_cast<double>(rg.first_matches), "practitioners",
               "Practitioners who became learners for the first time in the run."});
  s.push_back({"never_matched_share", rg.never_matched_share, "share",
               "Share of non-seniors (who left, or present at the end) never a learner."});
  s.push_back({"contact_hours_per_senior_hour", rg.contact_hours_per_senior_hour, "ratio",
               "Session hours received over senior load hours, run totals (NaN: none)."});
  s.push_back({"unmet_demand_share", rg.unmet_demand_share, "share",
               "Waiting places over waiting places plus covered learners, run totals."});
  s.push_back({"waiting_learner_weeks_total", rg.waiting_learner_weeks, "learner-weeks",
               "Sum over weeks of the waiting list."});
  s.push_back({"time_to_competence_median_weeks", rg.time_to_competence_median_weeks, "weeks",
               "Kaplan-Meier median weeks from joining to competence (NaN: not reached)."});
  s.push_back({"time_to_competence_p90_weeks", rg.time_to_competence_p90_weeks, "weeks",
               "Kaplan-Meier 90th percentile weeks to competence (NaN: not reached)."});
  s.push_back({"never_competent_share", rg.never_competent_share, "share",
               "Share of those at risk who left or reached the end without competence."});
  s.push_back({"competence_reached_total", static_cast<double>(rg.competence_reached),
               "practitioners", "Practitioners who reached competence in the run."});
  for (std::size_t g = 0; g < scenario.population.group_names.size(); ++g)
    s.push_back({"time_to_competence_median_weeks_by_group/" + scenario.population.group_names[g],
                 rg.time_to_competence_median_by_group[g], "weeks",
                 "Kaplan-Meier median weeks to competence in the group (NaN: not reached)."});
  s.push_back({"competent_within_52w_share", rg.competent_within_52w_share, "share",
               "Kaplan-Meier share competent within 52 weeks of joining (NaN: none followed)."});
  for (std::size_t g = 0; g < scenario.population.group_names.size(); ++g)
    s.push_back({"competent_within_52w_share_by_group/" + scenario.population.group_names[g],
                 rg.competent_within_52w_share_by_group[g], "share",
                 "Kaplan-Meier share of the group competent within 52 weeks of joining."});
  // Cost (docs/metrics.md, "Cost"), in the [cost] currency.
  const std::string& currency = scenario.cost.currency;
  const double cost_total = total(cost_first_ + 5);
  s.push_back({"cost_total", cost_total, currency, "Cost over the run, every component."});
  const char* const components[] = {"senior_developer", "other_developer", "facilitator", "learner",
                                    "fixed"};
  for (std::size_t i = 0; i < 5; ++i)
    s.push_back({std::string("cost_by_component/") + components[i], total(cost_first_ + i),
                 currency, std::string("Cost over the run of cost/") + components[i] + "."});
  s.push_back({"covered_practitioner_years", covered_weeks_ / 52.0, "practitioner-years",
               "Sum over weeks of practitioners with an active learner tie, / 52."});
  s.push_back({"cost_per_covered_practitioner_year",
               metrics::cost_per_covered_year(cost_total, covered_weeks_),
               currency + "/practitioner-year",
               "cost_total / covered_practitioner_years (NaN when nobody was covered)."});
  const std::vector<double>& reached = series("competence_reached");
  const double reached_total = std::accumulate(reached.begin(), reached.end(), 0.0);
  s.push_back({"cost_per_competence_reached", reached_total > 0 ? cost_total / reached_total : kNaN,
               currency + "/practitioner",
               "cost_total / competence_reached_total (NaN when nobody reached competence)."});
  // Signs of life and decay (docs/metrics.md).
  s.push_back({"ties_completed_share_total", metrics::completed_share(endings_total_), "share",
               "Of ties ended in the run (learner departures aside), the share completed."});
  s.push_back({"ties_ended_early_total", static_cast<double>(endings_total_.early), "ties",
               "Ties ended early over the run (mentor left, burnout, released, rematched, "
               "programme ended, dissolved)."});
  s.push_back({"mean_roster_changed_share", mean(signs_first_ + 2), "share",
               "Share of learners whose developers changed, averaged over weeks."});
  const std::vector<double>& attendance = v(signs_first_ + 3);
  double attendance_sum = 0, attendance_weeks = 0, lively_weeks = 0;
  for (const double a : attendance) {
    if (std::isnan(a)) continue;
    attendance_sum += a;
    ++attendance_weeks;
    lively_weeks += a >= 0.8;
  }
  s.push_back({"mean_group_attendance",
               attendance_weeks > 0 ? attendance_sum / attendance_weeks : kNaN, "share",
               "group_attendance averaged over weeks with group sessions (NaN: none)."});
  s.push_back({"group_attendance_weeks_at_least_0_8_share",
               attendance_weeks > 0 ? lively_weeks / attendance_weeks : kNaN, "share",
               "Share of weeks with group sessions whose attendance is >= 0.8 (seed 001)."});
  return out;
}

}  // namespace mentorsim
