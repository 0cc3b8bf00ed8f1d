#include "metrics/cost.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include "state/world.hpp"

namespace mentorsim::metrics {

namespace {
bool is(const Ties& ties, TieRow t, TieKind kind) {
  return ties.kind[t] == static_cast<std::uint8_t>(kind);
}
}  // namespace

HeldHours held_hours(const Ties& ties, const PeerGroups& groups,
                     std::span<const std::uint8_t> flags, Row rows,
                     std::vector<float>& group_hours) {
  HeldHours out;
  group_hours.assign(rows, 0.0f);
  const auto present = [&](Row r, float hours) {
    if (r != kNoRow && r < rows) group_hours[r] = std::max(group_hours[r], hours);
  };
  // The open run of facilitator-tie rows: its key, and the hours of its session if one was held.
  bool in_run = false;
  PractitionerId run_developer = 0;
  std::uint8_t run_programme = 0;
  Week run_start = 0;
  double run_hours = 0;
  const auto close_run = [&] {
    out.facilitator += run_hours;
    in_run = false;
    run_hours = 0;
  };
  for (TieRow t = 0; t < ties.size(); ++t) {
    const bool facilitator = is(ties, t, TieKind::kFacilitator);
    if (in_run && (!facilitator || ties.developer_id[t] != run_developer ||
                   ties.programme[t] != run_programme || ties.start_week[t] != run_start))
      close_run();
    if (facilitator && !in_run) {
      in_run = true;
      run_developer = ties.developer_id[t];
      run_programme = ties.programme[t];
      run_start = ties.start_week[t];
    }
    if (!ties.held[t]) continue;
    const float hours = ties.session_hours[t];
    if (facilitator) {
      run_hours = std::max(run_hours, static_cast<double>(hours));
      present(ties.learner[t], hours);
    } else if (ties.load_weight[t] <= 0.0f) {  // a load-free tie: shared, like a group's
      present(ties.developer[t], hours);
      present(ties.learner[t], hours);
    } else {
      const Row d = ties.developer[t];
      const bool senior = d != kNoRow && d < rows && (flags[d] & flag::kSenior) != 0;
      (senior ? out.senior_developer : out.other_developer) += hours;
      out.learner += hours;
    }
  }
  if (in_run) close_run();
  for (GroupRow g = 0; g < groups.groups(); ++g) {
    if (!groups.held[g]) continue;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m)
      if (groups.present[m]) present(groups.member[m], groups.session_hours[g]);
  }
  for (Row r = 0; r < rows; ++r) out.learner += group_hours[r];
  return out;
}

double fixed_cost_in_week(const ProgrammeCommon& programme, std::int64_t week) {
  const bool running =
      week >= programme.start_week && (programme.end_week < 0 || week < programme.end_week);
  double cost = running ? programme.fixed_cost_per_year / 52.0 : 0.0;
  if (week == programme.start_week) cost += programme.setup_cost;
  return cost;
}

double cost_per_covered_year(double total_cost, double covered_practitioner_weeks) {
  return covered_practitioner_weeks > 0 ? total_cost / (covered_practitioner_weeks / 52.0)
                                        : std::numeric_limits<double>::quiet_NaN();
}

const MetricTable& Cost::declared() {
  static const MetricTable table = [] {
    MetricTable t("cost", "The hours spent in held sessions, priced by [cost], and fixed costs.",
                  Theme::kCost);
    t.series("cost/senior_developer", "{currency}/week",
             "Hours seniors spent developing others in held sessions x senior_developer_rate.");
    t.series("cost/other_developer", "{currency}/week",
             "Hours other developers spent in held sessions x other_developer_rate.");
    t.series("cost/facilitator", "{currency}/week",
             "Hours facilitators spent in held cohort sessions (once per session) x "
             "facilitator_rate.");
    t.series("cost/learner", "{currency}/week",
             "Hours learners spent in held sessions (a group session once per member) x "
             "learner_rate.");
    t.series("cost/fixed", "{currency}/week",
             "Programmes' fixed_cost_per_year / 52 while running, plus setup_cost in start_week.");
    t.series("cost_total", "{currency}/week", "Sum of the cost/ series.");

    t.summary("cost_total", total_of("cost_total"), "{currency}",
              "Cost over the run, every component.");
    for (const char* part :
         {"senior_developer", "other_developer", "facilitator", "learner", "fixed"})
      t.summary(std::string("cost_by_component/") + part, total_of(std::string("cost/") + part),
                "{currency}", std::string("Cost over the run of cost/") + part + ".");
    t.summary("covered_practitioner_years", kComputed, "practitioner-years",
              "Sum over weeks of practitioners with an active learner tie, / 52.")
        .higher()
        .theme(Theme::kReach);
    t.summary("cost_per_covered_practitioner_year", kComputed, "{currency}/practitioner-year",
              "cost_total / covered_practitioner_years (NaN when nobody was covered).")
        .lower()
        .headline();
    t.summary("cost_per_competence_reached", kComputed, "{currency}/practitioner",
              "cost_total / competence_reached_total (NaN when nobody reached competence).")
        .lower();
    return t;
  }();
  return table;
}

void Cost::record(const World& world, Values& week) {
  const WeeklyCost& c = compute(world);
  week.set("cost/senior_developer", c.senior_developer);
  week.set("cost/other_developer", c.other_developer);
  week.set("cost/facilitator", c.facilitator);
  week.set("cost/learner", c.learner);
  week.set("cost/fixed", c.fixed);
  week.set("cost_total", c.total);
  covered_weeks_ += static_cast<double>(c.covered);
}

void Cost::summarize(const SeriesView& series, Values& summary) const {
  const std::vector<double>& weekly = series("cost_total");
  const double total = std::accumulate(weekly.begin(), weekly.end(), 0.0);
  summary.set("covered_practitioner_years", covered_weeks_ / 52.0);
  summary.set("cost_per_covered_practitioner_year", cost_per_covered_year(total, covered_weeks_));
  const std::vector<double>& reached = series("competence_reached");
  const double reached_total = std::accumulate(reached.begin(), reached.end(), 0.0);
  summary.set("cost_per_competence_reached",
              reached_total > 0 ? total / reached_total : std::numeric_limits<double>::quiet_NaN());
}

Cost::Cost(const Scenario& scenario) : rates_(scenario.cost) {
  continue_under(scenario);
}

// Fixed costs follow the programmes' settings from the continuation on.
void Cost::continue_under(const Scenario& next) {
  programmes_.clear();
  for (const auto& p : next.programmes) programmes_.push_back(p.common);
}

const WeeklyCost& Cost::compute(const World& world) {
  const Practitioners& people = world.people;
  const Row n = people.size();
  out_ = WeeklyCost{};
  out_.hours = held_hours(world.ties, world.groups, people.flags, n, group_hours_);
  out_.senior_developer = out_.hours.senior_developer * rates_.senior_developer_rate;
  out_.other_developer = out_.hours.other_developer * rates_.other_developer_rate;
  out_.facilitator = out_.hours.facilitator * rates_.facilitator_rate;
  out_.learner = out_.hours.learner * rates_.learner_rate;
  for (const ProgrammeCommon& p : programmes_) out_.fixed += fixed_cost_in_week(p, world.week());
  out_.total =
      out_.senior_developer + out_.other_developer + out_.facilitator + out_.learner + out_.fixed;
  for (Row r = 0; r < n; ++r) out_.covered += people.learner_ties[r] > 0;
  return out_;
}

}  // namespace mentorsim::metrics
