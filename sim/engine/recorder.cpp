#include "engine/recorder.hpp"

#include <fmt/format.h>

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

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
      groups_(scenario.population.group_names.size()) {
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
  add("active_ties", "ties", "Active developmental relationships.");
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

  // Sums over fixed blocks of rows in parallel, then the blocks in order: the result depends on
  // the block size only, never on the thread count.
  struct Partial {
    std::int64_t covered = 0, mentors = 0, burned_out_mentors = 0, competent = 0;
    double mentor_exhaustion = 0;
    std::array<double, 8> skill{};  // zones are 1-8
  };
  constexpr Row kBlock = 4096;
  std::vector<Partial> partials((n + kBlock - 1) / kBlock);
  tbb::parallel_for(std::size_t{0}, partials.size(), [&](std::size_t b) {
    Partial& p = partials[b];
    const Row end = std::min<Row>(n, static_cast<Row>((b + 1) * kBlock));
    for (Row r = static_cast<Row>(b * kBlock); r < end; ++r) {
      p.covered += people.learner_ties[r] > 0;
      if (people.has(r, flag::kCanMentor)) {
        ++p.mentors;
        p.burned_out_mentors += people.has(r, flag::kBurnedOut);
        p.mentor_exhaustion += people.exhaustion[r];
      }
      const float* s = people.skill_row(r);
      bool all_competent = true;
      for (int z = 0; z < zones; ++z) {
        p.skill[z] += s[z];
        all_competent = all_competent && s[z] >= competence_threshold_;
      }
      p.competent += all_competent;
    }
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
  std::int64_t active_ties = 0;
  for (TieRow t = 0; t < world.ties.size(); ++t) active_ties += world.ties.active(t);

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
  for (const ProgrammeCounts& p : accounting_.count(world)) {
    push(next++, static_cast<double>(p.ties));
    push(next++, static_cast<double>(p.learners));
    push(next++, static_cast<double>(p.developers));
    push(next++, p.developer_hours);
    push(next++, p.senior_hours);
    push(next++, static_cast<double>(p.waiting));
  }
  const metrics::Outcomes& o = outcomes_.compute(world);
  next = outcomes_first_;
  for (const double value : {o.load_p95_hours, o.load_max_hours, o.load_gini,
                             o.developers_per_learner, o.learners_who_mentor_share})
    push(next++, value);
  for (const double value : o.coverage_by_group) push(next++, value);
  push(next++, o.access_ratio);
  push(next++, o.homophily);
  for (const double value : o.homophily_by_group) push(next++, value);
  push(next++, o.developer_diversity);
  push(next++, o.hours_received_gini);

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
  for (std::size_t g = 0; g < groups_; ++g)
    s.push_back({"mean_coverage_by_group/" + scenario.population.group_names[g], mean(o + 5 + g),
                 "share", "Coverage of the group, averaged over weeks."});
  const std::size_t access = o + 5 + groups_;
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
  return out;
}

}  // namespace mentorsim
