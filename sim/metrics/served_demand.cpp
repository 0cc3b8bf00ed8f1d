#include "metrics/served_demand.hpp"

#include <fmt/format.h>

#include <limits>

#include "core/blocks.hpp"
#include "metrics/survival.hpp"

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// ++counts[index], growing the histogram only if the run outlasts the size given at construction.
void bump(std::vector<std::int64_t>& counts, Week index) {
  const auto i = static_cast<std::size_t>(index);
  if (i >= counts.size()) counts.resize(i + 1, 0);
  ++counts[i];
}

// Whether a practitioner who first asked in `requested` and first became a learner in `matched`
// counts as a seeker: they asked, and were not a learner before they asked.
bool seeker(Week requested, Week matched) {
  return requested != kNeverRequested && (matched == kNeverMatched || matched >= requested);
}

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

// Leavers who asked this week were never seen at a recording: their request counts here.
void ServedDemand::count_leavers(const World& world) {
  const Week week = world.week();
  for (const Departed& d : world.departed())
    if (d.first_request_week == week && seeker(d.first_request_week, d.first_learner_week)) {
      bump(requests_, week);
      ++week_.new_seekers;
    }
}

const ServedDemandWeek& ServedDemand::compute(const World& world) {
  const Practitioners& p = world.people;
  const Week week = world.week();
  last_week_ = week;
  week_ = ServedDemandWeek{};
  count_leavers(world);
  // Fixed blocks side by side list their events; the events are applied in block (row) order.
  blocks_.resize(block_count(p.size()));
  for_each_block(p.size(), [&](Block b) {
    BlockEvents& e = blocks_[b.index];
    e.requests.clear();
    e.served.clear();
    e.waiting = 0;
    for (auto r = static_cast<Row>(b.first); r < b.last; ++r) {
      const Week asked = p.first_request_week[r], matched = p.first_learner_week[r];
      if (!seeker(asked, matched)) continue;
      if (asked == week) e.requests.push_back(asked);
      if (matched == week) e.served.push_back(asked);
      e.waiting += matched == kNeverMatched;
    }
  });
  for (const BlockEvents& e : blocks_) {
    for (Week asked : e.requests) bump(requests_, asked);
    for (Week asked : e.served) {
      const Week wait = week - asked;
      bump(waits_, wait);
      for (std::size_t k = 0; k < kServedWithinWeeks.size(); ++k)
        if (wait <= kServedWithinWeeks[k]) bump(served_within_[k], asked);
    }
    week_.new_seekers += static_cast<std::int64_t>(e.requests.size());
    week_.seekers_served += static_cast<std::int64_t>(e.served.size());
    week_.seekers_waiting += e.waiting;
  }
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
