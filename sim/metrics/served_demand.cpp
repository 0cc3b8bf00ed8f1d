#include "metrics/served_demand.hpp"

#include <fmt/format.h>

#include <limits>

#include "metrics/survival.hpp"

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string within_name(std::size_t k) {
  return fmt::format("served_within_{}w_share", kServedWithinWeeks[k]);
}
}  // namespace

const MetricTable& ServedDemand::declared() {
  static const MetricTable table = [] {
    MetricTable t("served_demand",
                  "Of those who asked a programme for development, who was given a developer, "
                  "and how soon.",
                  Theme::kReach);
    t.series("new_seekers", "practitioners/week",
             "Practitioners asking a programme for development for the first time this week.");
    t.series("seekers_served", "practitioners/week",
             "Seekers given their first developer (learner tie or peer-group place) this week.")
        .higher();
    t.series("seekers_waiting", "practitioners",
             "Seekers present who have never been given a developer.")
        .lower();

    for (std::size_t k = 0; k < kServedWithinWeeks.size(); ++k)
      t.summary(within_name(k), kComputed, "share",
                fmt::format("Share of seekers given a first developer within {} weeks of asking "
                            "(of those who asked at least {} weeks before the end).",
                            kServedWithinWeeks[k], kServedWithinWeeks[k]))
          .higher()
          .headline();
    t.summary("seekers_total", kComputed, "practitioners",
              "Practitioners who asked a programme for development in the run.");
    t.summary("served_wait_mean_weeks", kComputed, "weeks",
              "Mean weeks from first asking to the first developer, over the served (NaN: none).")
        .lower();
    t.summary("served_wait_median_weeks", kComputed, "weeks",
              "Median (nearest rank) weeks from first asking to the first developer, over the "
              "served (NaN: none).")
        .lower();
    t.summary("never_served_share", kComputed, "share",
              "Share of seekers never given a developer: they left, or were still waiting at "
              "the end.")
        .lower();
    return t;
  }();
  return table;
}

ServedDemand::ServedDemand(std::int64_t weeks) {
  const auto size = static_cast<std::size_t>(std::max<std::int64_t>(1, weeks + 1));
  requests_.assign(size, 0);
  for (auto& counts : served_within_) counts.assign(size, 0);
  waits_.assign(size, 0);
}

void ServedDemand::record(const World& world, Values& week) {
  const ServedDemandWeek& w = compute(world);
  week.set("new_seekers", static_cast<double>(w.new_seekers));
  week.set("seekers_served", static_cast<double>(w.seekers_served));
  week.set("seekers_waiting", static_cast<double>(w.seekers_waiting));
}

void ServedDemand::summarize(const SeriesView&, Values& out) const {
  const ServedDemandSummary s = summary();
  for (std::size_t k = 0; k < kServedWithinWeeks.size(); ++k)
    out.set(within_name(k), s.served_within_share[k]);
  out.set("seekers_total", static_cast<double>(s.seekers));
  out.set("served_wait_mean_weeks", s.served_wait_mean_weeks);
  out.set("served_wait_median_weeks", s.served_wait_median_weeks);
  out.set("never_served_share", s.never_served_share);
}

const ServedDemandWeek& ServedDemand::compute(const World& world) {
  const Week week = world.week();
  const WeekCounters& c = world.counters;
  last_week_ = week;
  week_ = ServedDemandWeek{};
  week_.new_seekers = c.new_seekers;
  if (c.new_seekers > 0) bump(requests_, week, c.new_seekers);
  for (Week asked : c.seekers_served) {
    const Week wait = week - asked;
    bump(waits_, wait);
    for (std::size_t k = 0; k < kServedWithinWeeks.size(); ++k)
      if (wait <= kServedWithinWeeks[k]) bump(served_within_[k], asked);
  }
  week_.seekers_served = static_cast<std::int64_t>(c.seekers_served.size());
  std::int64_t left_unserved = 0;
  for (const Departed& d : world.departed())
    left_unserved +=
        d.first_request_week != kNeverRequested && d.first_learner_week == kNeverMatched;
  waiting_ += week_.new_seekers - week_.seekers_served - left_unserved;
  week_.seekers_waiting = waiting_;
  return week_;
}

ServedDemandSummary ServedDemand::summary() const {
  ServedDemandSummary s;
  s.seekers = histogram_total(requests_);
  for (std::size_t k = 0; k < kServedWithinWeeks.size(); ++k) {
    // Seekers who asked in weeks 0 .. last_week_ - k: their horizon lies inside the run.
    std::int64_t asked = 0, served = 0;
    for (Week q = 0; q + kServedWithinWeeks[k] <= last_week_; ++q) {
      const auto i = static_cast<std::size_t>(q);
      asked += i < requests_.size() ? requests_[i] : 0;
      served += i < served_within_[k].size() ? served_within_[k][i] : 0;
    }
    s.served_within_share[k] =
        asked > 0 ? static_cast<double>(served) / static_cast<double>(asked) : kNaN;
  }
  const std::int64_t served = histogram_total(waits_);
  s.served_wait_mean_weeks = histogram_mean(waits_);
  s.served_wait_median_weeks = histogram_percentile(waits_, 0.5);
  s.never_served_share =
      s.seekers > 0 ? 1.0 - static_cast<double>(served) / static_cast<double>(s.seekers) : 0.0;
  return s;
}

}  // namespace mentorsim::metrics
