#include "metrics/reach_growth.hpp"

#include <algorithm>
#include <limits>

#include "core/blocks.hpp"
#include "metrics/survival.hpp"
#include "state/model.hpp"

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio_or_nan(double part, double whole) {
  return whole > 0 ? part / whole : kNaN;
}
double share(double part, double whole) {
  return whole > 0 ? part / whole : 0.0;
}
}  // namespace

const MetricTable& ReachGrowth::declared() {
  static const MetricTable table = [] {
    MetricTable t("reach_growth", "Waits, leverage and unmet demand; time to competence.",
                  Theme::kReach);
    t.series("contact_hours_per_senior_hour", "ratio",
             "Session hours learners receive per hour of load carried by seniors (NaN: no senior "
             "hours).")
        .higher();
    t.series("unmet_demand_share", "share",
             "Waiting-list places over waiting-list places plus covered learners (0 when both are "
             "0).")
        .lower();
    t.series("competence_reached", "practitioners/week",
             "Practitioners competent in every zone for the first time this week (at risk before).")
        .higher()
        .theme(Theme::kGrowth);

    t.summary("wait_to_first_match_mean_weeks", kComputed, "weeks",
              "Mean weeks from joining to the first learner tie (NaN: no first match).")
        .lower();
    t.summary("wait_to_first_match_median_weeks", kComputed, "weeks",
              "Median (nearest rank) weeks from joining to the first learner tie.")
        .lower();
    t.summary("wait_to_first_match_p95_weeks", kComputed, "weeks",
              "95th percentile (nearest rank) of weeks from joining to the first learner tie.")
        .lower();
    t.summary("first_matches_total", kComputed, "practitioners",
              "Practitioners who became learners for the first time in the run.")
        .higher();
    t.summary("never_matched_share", kComputed, "share",
              "Share of non-seniors (who left, or present at the end) never a learner.")
        .lower();
    t.summary("contact_hours_per_senior_hour", kComputed, "ratio",
              "Session hours received over senior load hours, run totals (NaN: none).")
        .higher();
    t.summary("unmet_demand_share", kComputed, "share",
              "Waiting places over waiting places plus covered learners, run totals.")
        .lower();
    t.summary("waiting_learner_weeks_total", kComputed, "learner-weeks",
              "Sum over weeks of the waiting list.")
        .lower();
    t.summary("time_to_competence_median_weeks", kComputed, "weeks",
              "Kaplan-Meier median weeks from joining to competence (NaN: not reached).")
        .lower()
        .theme(Theme::kGrowth);
    t.summary("time_to_competence_p90_weeks", kComputed, "weeks",
              "Kaplan-Meier 90th percentile weeks to competence (NaN: not reached).")
        .lower()
        .theme(Theme::kGrowth);
    t.summary("never_competent_share", kComputed, "share",
              "Share of those at risk who left or reached the end without competence.")
        .lower()
        .theme(Theme::kGrowth)
        .headline();
    t.summary("competence_reached_total", kComputed, "practitioners",
              "Practitioners who reached competence in the run.")
        .higher()
        .theme(Theme::kGrowth);
    t.summary("time_to_competence_median_weeks_by_group/{group}", kComputed, "weeks",
              "Kaplan-Meier median weeks to competence in the group (NaN: not reached).")
        .lower()
        .theme(Theme::kEquity);
    t.summary("competent_within_52w_share", kComputed, "share",
              "Kaplan-Meier share competent within 52 weeks of joining (NaN: none followed).")
        .higher()
        .theme(Theme::kGrowth)
        .headline();
    t.summary("competent_within_52w_share_by_group/{group}", kComputed, "share",
              "Kaplan-Meier share of the group competent within 52 weeks of joining.")
        .higher()
        .theme(Theme::kEquity);
    return t;
  }();
  return table;
}

void ReachGrowth::record(const World& world, Values& week) {
  const ReachGrowthWeek& r = compute(world);
  week.set("contact_hours_per_senior_hour", r.contact_hours_per_senior_hour);
  week.set("unmet_demand_share", r.unmet_demand_share);
  week.set("competence_reached", static_cast<double>(r.competence_reached));
}

void ReachGrowth::summarize(const SeriesView&, Values& out) const {
  const ReachGrowthSummary s = summary();
  out.set("wait_to_first_match_mean_weeks", s.wait_mean_weeks);
  out.set("wait_to_first_match_median_weeks", s.wait_median_weeks);
  out.set("wait_to_first_match_p95_weeks", s.wait_p95_weeks);
  out.set("first_matches_total", static_cast<double>(s.first_matches));
  out.set("never_matched_share", s.never_matched_share);
  out.set("contact_hours_per_senior_hour", s.contact_hours_per_senior_hour);
  out.set("unmet_demand_share", s.unmet_demand_share);
  out.set("waiting_learner_weeks_total", s.waiting_learner_weeks);
  out.set("time_to_competence_median_weeks", s.time_to_competence_median_weeks);
  out.set("time_to_competence_p90_weeks", s.time_to_competence_p90_weeks);
  out.set("never_competent_share", s.never_competent_share);
  out.set("competence_reached_total", static_cast<double>(s.competence_reached));
  for (std::size_t g = 0; g < s.time_to_competence_median_by_group.size(); ++g)
    out.set("time_to_competence_median_weeks_by_group/{group}", g,
            s.time_to_competence_median_by_group[g]);
  out.set("competent_within_52w_share", s.competent_within_52w_share);
  for (std::size_t g = 0; g < s.competent_within_52w_share_by_group.size(); ++g)
    out.set("competent_within_52w_share_by_group/{group}", g,
            s.competent_within_52w_share_by_group[g]);
}

ReachGrowth::ReachGrowth(std::size_t groups, std::int64_t weeks)
    : groups_(std::max<std::size_t>(1, groups)) {
  const auto size = static_cast<std::size_t>(std::max<std::int64_t>(1, weeks + 1));
  waits_.assign(size, 0);
  events_.assign(groups_, std::vector<std::int64_t>(size, 0));
  censored_.assign(groups_, std::vector<std::int64_t>(size, 0));
  open_.assign(groups_, std::vector<std::int64_t>(size, 0));
}

const ReachGrowthWeek& ReachGrowth::compute(const World& world) {
  last_week_ = world.week();
  censor_leavers(world);
  const auto [reached, covered] = scan_rows(world);
  const auto [contact_hours, senior_hours] = weekly_hours(world);
  std::int64_t waiting = 0;
  for (const auto& model : world.models())
    waiting += static_cast<std::int64_t>(model->waiting_count());

  week_.contact_hours_per_senior_hour = ratio_or_nan(contact_hours, senior_hours);
  week_.unmet_demand_share =
      share(static_cast<double>(waiting), static_cast<double>(waiting + covered));
  week_.competence_reached = reached;
  contact_hours_total_ += contact_hours;
  senior_hours_total_ += senior_hours;
  waiting_total_ += waiting;
  demand_total_ += waiting + covered;
  competence_total_ += reached;
  return week_;
}

std::size_t ReachGrowth::group_of(std::uint8_t group) const {
  return std::min<std::size_t>(group, groups_ - 1);
}

// This week's leavers: seen last at the previous recording, so an at-risk leaver is censored at the
// duration of that recording, week - 1 - observed_from (>= 0: at risk means recorded).
void ReachGrowth::censor_leavers(const World& world) {
  const Week week = world.week();
  for (const Departed& d : world.departed()) {
    if (d.competent_week == competence::kUnobserved) continue;  // joined and left this week
    if (!d.senior) {
      ++left_non_seniors_;
      left_unmatched_ += d.first_learner_week == kNeverMatched;
    }
    if (d.competent_week == competence::kNotYet) {
      const std::size_t g = group_of(d.group);
      bump(open_[g], d.observed_from, -1);
      bump(censored_[g], week - 1 - d.observed_from);
    }
  }
}

// Rows in fixed blocks side by side: each block counts its rows and lists those with an event
// (first match, competence reached, first recording); the events are then applied in block order,
// which is row order, so the histograms are the ones a single pass makes. Returns (practitioners
// first competent this week, practitioners with an active learner tie).
std::pair<std::int64_t, std::int64_t> ReachGrowth::scan_rows(const World& world) {
  const Practitioners& p = world.people;
  const Week week = world.week();
  rows_.resize(block_count(p.size()));
  for_each_block(p.size(), [&](Block b) {
    RowCounts& k = rows_[b.index];
    k.events.clear();  // keeps its capacity from week to week
    k.covered = k.non_seniors = k.unmatched = 0;
    for (auto r = static_cast<Row>(b.first); r < b.last; ++r) {
      const Week competent = p.competent_week[r];
      if (p.first_learner_week[r] == week || competent == week ||
          (competent == competence::kNotYet && week == observed_from(p.joined_week[r])))
        k.events.push_back(r);
      k.covered += p.learner_ties[r] > 0;
      if (!p.has(r, flag::kSenior)) {
        ++k.non_seniors;
        k.unmatched += p.first_learner_week[r] == kNeverMatched;
      }
    }
  });
  std::int64_t reached = 0, covered = 0;
  present_non_seniors_ = present_unmatched_ = 0;
  for (const RowCounts& k : rows_) {
    covered += k.covered;
    present_non_seniors_ += k.non_seniors;
    present_unmatched_ += k.unmatched;
    for (Row r : k.events) reached += apply_events(p, r, week);
  }
  return {reached, covered};
}

// Row r's events of this week into the histograms; 1 when it reached competence now.
std::int64_t ReachGrowth::apply_events(const Practitioners& p, Row r, Week week) {
  const Week from = observed_from(p.joined_week[r]);
  const std::size_t g = group_of(p.group[r]);
  if (p.first_learner_week[r] == week) bump(waits_, week - from);
  const Week competent = p.competent_week[r];
  if (competent == week) {  // reached competence now (never at the first recording)
    bump(events_[g], week - from);
    bump(open_[g], from, -1);
    return 1;
  }
  if (competent == competence::kNotYet && week == from) bump(open_[g], from);  // at risk
  return 0;
}

// This week's session hours learners receive, and the load hours seniors carry: ties in tie order,
// then peer groups in group order (a group's session reaches each of its members once; load-free,
// so no senior hours).
std::pair<double, double> ReachGrowth::weekly_hours(const World& world) const {
  const Ties& ties = world.ties;
  const Practitioners& p = world.people;
  double contact_hours = 0, senior_hours = 0;
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (!ties.active(t)) continue;
    contact_hours += static_cast<double>(ties.session_hours[t]) / ties.cadence_weeks[t];
    if (p.has(ties.developer[t], flag::kSenior)) senior_hours += ties.weekly_load(t);
  }
  const PeerGroups& groups = world.groups;
  for (GroupRow g = 0; g < groups.groups(); ++g) {
    const std::uint32_t members = groups.active_members(g);
    if (members >= 2)
      contact_hours +=
          members * static_cast<double>(groups.session_hours[g]) / groups.cadence_weeks[g];
  }
  return {contact_hours, senior_hours};
}

ReachGrowthSummary ReachGrowth::summary() const {
  ReachGrowthSummary s;
  s.wait_mean_weeks = histogram_mean(waits_);
  s.wait_median_weeks = histogram_percentile(waits_, 0.5);
  s.wait_p95_weeks = histogram_percentile(waits_, 0.95);
  s.first_matches = histogram_total(waits_);
  s.never_matched_share = share(static_cast<double>(left_unmatched_ + present_unmatched_),
                                static_cast<double>(left_non_seniors_ + present_non_seniors_));
  s.contact_hours_per_senior_hour = ratio_or_nan(contact_hours_total_, senior_hours_total_);
  s.unmet_demand_share =
      share(static_cast<double>(waiting_total_), static_cast<double>(demand_total_));
  s.waiting_learner_weeks = static_cast<double>(waiting_total_);
  s.competence_reached = competence_total_;

  // Those still at risk at the last recording are censored there: duration last_week_ - from.
  const std::size_t size = events_[0].size();
  std::vector<std::int64_t> all_events(size, 0), all_censored(size, 0), censored;
  std::int64_t at_risk = 0, never = 0;
  for (std::size_t g = 0; g < groups_; ++g) {
    censored.assign(censored_[g].begin(), censored_[g].end());
    for (std::size_t from = 0; from < open_[g].size(); ++from)
      if (open_[g][from] > 0) bump(censored, last_week_ - static_cast<Week>(from), open_[g][from]);
    const std::int64_t events = histogram_total(events_[g]);
    const std::int64_t never_g = histogram_total(censored);
    at_risk += events + never_g;
    never += never_g;
    s.competent_within_52w_share_by_group.push_back(1.0 -
                                                    kaplan_meier_at(events_[g], censored, 52));
    s.time_to_competence_median_by_group.push_back(
        kaplan_meier_quantile(events_[g], censored, 0.5));
    for (std::size_t t = 0; t < events_[g].size(); ++t)
      bump(all_events, static_cast<Week>(t), events_[g][t]);
    for (std::size_t t = 0; t < censored.size(); ++t)
      bump(all_censored, static_cast<Week>(t), censored[t]);
  }
  s.time_to_competence_median_weeks = kaplan_meier_quantile(all_events, all_censored, 0.5);
  s.time_to_competence_p90_weeks = kaplan_meier_quantile(all_events, all_censored, 0.9);
  s.competent_within_52w_share = 1.0 - kaplan_meier_at(all_events, all_censored, 52);
  s.never_competent_share = share(static_cast<double>(never), static_cast<double>(at_risk));
  return s;
}

}  // namespace mentorsim::metrics
