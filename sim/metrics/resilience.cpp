#include "metrics/resilience.hpp"

#include <algorithm>
#include <array>
#include <limits>

#include "core/blocks.hpp"
#include "core/zone_count.hpp"

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One block of a row-major table of Z zones: holders[z] as bus_factors, and the block's sum of
// skills, summed zone by zone in row order and then over zones. One running total in row order
// made every cell wait on the last (with the zone count at run time, half the metric's time); the
// zone-by-zone order rounds differently only for skills small enough that a block's sum is not
// exact in double (the bundled scenarios' sums are exact either way).
// `expert` (when not empty) gets, per zone, the block's sum of the skills at or above the
// threshold: the knowledge of the tier at risk.
template <std::size_t Z>
double summarise_block(std::span<const float> skill, double threshold,
                       std::span<std::int64_t> holders, std::span<double> expert) {
  std::array<std::int64_t, Z> held{};
  std::array<double, Z> sum{}, held_sum{};
  for (std::size_t i = 0; i + Z <= skill.size(); i += Z)
    for (std::size_t z = 0; z < Z; ++z) {
      const bool competent = skill[i + z] >= threshold;
      const double value = skill[i + z];
      held[z] += competent;
      sum[z] += value;
      held_sum[z] += value * competent;  // a product, not a select: a select did not vectorize
    }
  std::copy(held.begin(), held.end(), holders.begin());
  if (!expert.empty()) std::copy(held_sum.begin(), held_sum.end(), expert.begin());
  double total = 0;
  for (double s : sum) total += s;
  return total;
}

// summarise_block for the table's zone count.
double summarise_block(std::span<const float> skill, double threshold,
                       std::span<std::int64_t> holders, std::span<double> expert = {}) {
  return with_zone_count(holders.size(), [&]<std::size_t Z> {
    return summarise_block<Z>(skill, threshold, holders, expert);
  });
}
}  // namespace

bool disrupts(EndReason reason) {
  switch (reason) {
    case EndReason::kMentorLeft:
    case EndReason::kBurnout:
    case EndReason::kDissolved:
    case EndReason::kProgrammeEnded:
      return true;
    case EndReason::kNone:
    case EndReason::kCompleted:
    case EndReason::kMenteeLeft:
    case EndReason::kReleased:
    case EndReason::kRematched:
      return false;
  }
  return false;
}

void bus_factors(std::span<const float> skill, double threshold, std::span<std::int64_t> holders) {
  if (holders.empty()) return;
  summarise_block(skill, threshold, holders);
}

double institutional_memory_share(std::span<const std::int64_t> holders) {
  if (holders.empty()) return 0.0;
  const auto held = std::count_if(holders.begin(), holders.end(), [](auto h) { return h >= 2; });
  return static_cast<double>(held) / static_cast<double>(holders.size());
}

std::int64_t isolation_events(const Ties& ties, const PeerGroups& groups,
                              std::span<const std::uint16_t> learner_ties,
                              std::vector<std::uint8_t>& marked) {
  marked.assign(learner_ties.size(), 0);
  std::int64_t events = 0;
  for (TieRow t = 0; t < ties.size(); ++t) {
    const Row l = ties.learner[t];
    if (l == kNoRow || learner_ties[l] > 0 || marked[l]) continue;
    if (!disrupts(static_cast<EndReason>(ties.end_reason[t]))) continue;
    marked[l] = 1;
    ++events;
  }
  for (GroupRow g = 0; g < groups.groups(); ++g) {
    bool disrupted = false;
    for (MembershipRow m = groups.begin(g); m < groups.end(g) && !disrupted; ++m) {
      const auto reason = static_cast<EndReason>(groups.end_reason[m]);
      disrupted = reason == EndReason::kMenteeLeft || disrupts(reason);
    }
    if (!disrupted || groups.end(g) - groups.begin(g) < 2) continue;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      const Row l = groups.member[m];
      if (l == kNoRow || learner_ties[l] > 0 || marked[l]) continue;
      marked[l] = 1;
      ++events;
    }
  }
  return events;
}

const MetricTable& WeeklyResilience::declared() {
  static const MetricTable table = [] {
    MetricTable t("resilience",
                  "What survives the loss of people: isolation, bus factors, "
                  "knowledge, and the outcomes around each [[shock]].",
                  Theme::kResilience);
    t.series("isolation_events", "practitioners/week",
             "Learners still present who lost their last active tie this week, by a disruption.")
        .lower();
    t.series("knowledge_stock", "skill (0-1) x practitioners",
             "Sum over active practitioners and zones of skill (the organisation's knowledge).")
        .higher();
    t.series("institutional_memory_share", "share",
             "Share of zones held at competence_threshold by at least two active practitioners.")
        .higher();
    t.series("bus_factor/{zone}", "practitioners",
             "Active practitioners at or above competence_threshold in zone {zone}.")
        .higher();
    t.series("expert_knowledge/{zone}", "skill (0-1) x practitioners",
             "Knowledge of the tier at risk in zone {zone}: the sum of the skills at or above "
             "competence_threshold.")
        .higher();

    t.summary("isolation_events_total", total_of("isolation_events"), "practitioners",
              "Learners who lost their last tie to a disruption, over the run.")
        .lower()
        .headline();
    t.summary("mean_institutional_memory_share", mean_of("institutional_memory_share"), "share",
              "Share of zones held at competence by two or more, averaged over weeks.")
        .higher();
    t.summary("final_institutional_memory_share", last_of("institutional_memory_share"), "share",
              "Share of zones held at competence by two or more in the last week.")
        .higher();
    t.summary("min_bus_factor/{zone}", min_of("bus_factor/{zone}"), "practitioners",
              "Fewest competent holders of the zone in any week.")
        .higher();
    t.summary("final_bus_factor/{zone}", last_of("bus_factor/{zone}"), "practitioners",
              "Competent holders of the zone in the last week.")
        .higher();
    // Around the i-th [[shock]] in file order: the same names in every scenario with an i-th
    // shock, so that compare pairs them (shock_outcomes below defines each).
    t.summary("shock{shock}/knowledge_retained", kComputed, "ratio",
              "Knowledge stock at the shock week over the week before.")
        .higher();
    t.summary("shock{shock}/knowledge_retained_13w", kComputed, "ratio",
              "Knowledge stock 13 weeks after the shock over the week before it.")
        .higher();
    t.summary("shock{shock}/knowledge_retained_52w", kComputed, "ratio",
              "Knowledge stock 52 weeks after the shock over the week before it.")
        .higher();
    t.summary("shock{shock}/competent_holders_retained", kComputed, "ratio",
              "Competent (practitioner, zone) pairs at the shock week over the week before.")
        .higher();
    t.summary("shock{shock}/participation_drop", kComputed, "share",
              "Participation the week before the shock minus its lowest in the 13 weeks from it.")
        .lower();
    t.summary("shock{shock}/recovery_weeks", kComputed, "weeks",
              "Weeks from the shock until participation is back to the week before (NaN: never).")
        .lower();
    t.summary("shock{shock}/recovered", kComputed, "share",
              "1 when participation returned to its level before the shock within the run, else 0.")
        .higher();
    t.summary("shock{shock}/isolation_events_13w", kComputed, "practitioners",
              "Isolation events in the 13 weeks from the shock week.")
        .lower();
    return t;
  }();
  return table;
}

WeeklyResilience::WeeklyResilience(std::size_t zones, double competence_threshold)
    : threshold_(competence_threshold) {
  out_.bus_factor.assign(zones, 0);
}

WeeklyResilience::WeeklyResilience(const Scenario& scenario)
    : WeeklyResilience(scenario.population.zones.size(), scenario.knowledge.competence_threshold) {
  for (const ShockConfig& shock : scenario.shocks) shock_weeks_.push_back(shock.week);
}

void WeeklyResilience::record(const World& world, Values& week) {
  const ResilienceWeek& r = compute(world);
  week.set("isolation_events", static_cast<double>(r.isolation_events));
  week.set("knowledge_stock", r.knowledge_stock);
  week.set("institutional_memory_share", r.institutional_memory_share);
  for (std::size_t z = 0; z < r.bus_factor.size(); ++z) {
    week.set("bus_factor/{zone}", z, static_cast<double>(r.bus_factor[z]));
    week.set("expert_knowledge/{zone}", z, r.expert_knowledge[z]);
  }
}

void WeeklyResilience::summarize(const SeriesView& series, Values& summary) const {
  // Competent (practitioner, zone) pairs by week: the bus factors added up.
  const std::vector<double>& isolation = series("isolation_events");
  std::vector<double> holders(isolation.size(), 0.0);
  for (std::size_t z = 0; z < out_.bus_factor.size(); ++z) {
    const std::vector<double>& bus = series("bus_factor/{zone}", z);
    for (std::size_t w = 0; w < holders.size(); ++w) holders[w] += bus[w];
  }
  for (std::size_t i = 0; i < shock_weeks_.size(); ++i) {
    const ShockOutcomes so = shock_outcomes(shock_weeks_[i], series("knowledge_stock"), holders,
                                            series("participation"), isolation);
    summary.set("shock{shock}/knowledge_retained", i, so.knowledge_retained);
    summary.set("shock{shock}/knowledge_retained_13w", i, so.knowledge_retained_13w);
    summary.set("shock{shock}/knowledge_retained_52w", i, so.knowledge_retained_52w);
    summary.set("shock{shock}/competent_holders_retained", i, so.competent_holders_retained);
    summary.set("shock{shock}/participation_drop", i, so.participation_drop);
    summary.set("shock{shock}/recovery_weeks", i, so.recovery_weeks);
    summary.set("shock{shock}/recovered", i, so.recovered);
    summary.set("shock{shock}/isolation_events_13w", i, so.isolation_events);
  }
}

const ResilienceWeek& WeeklyResilience::compute(const World& world) {
  const Practitioners& people = world.people;
  const std::size_t cells = static_cast<std::size_t>(people.size()) * out_.bus_factor.size();
  const std::span<const float> skill(people.skill.data(), cells);
  // Fixed blocks of rows side by side, their counts and sums added in block order: the values
  // depend on the block size only, never on the thread count.
  const std::size_t zones = out_.bus_factor.size();
  const std::size_t rows = zones > 0 ? cells / zones : 0;
  const std::size_t blocks = block_count(rows);
  block_holders_.assign(blocks * zones, 0);
  block_expert_.assign(blocks * zones, 0.0);
  block_stock_.assign(blocks, 0.0);
  for_each_block(rows, [&](Block b) {
    block_stock_[b.index] =
        summarise_block(skill.subspan(b.first * zones, (b.last - b.first) * zones), threshold_,
                        std::span(block_holders_).subspan(b.index * zones, zones),
                        std::span(block_expert_).subspan(b.index * zones, zones));
  });
  std::fill(out_.bus_factor.begin(), out_.bus_factor.end(), 0);
  out_.expert_knowledge.assign(zones, 0.0);
  double stock = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    for (std::size_t z = 0; z < zones; ++z) {
      out_.bus_factor[z] += block_holders_[b * zones + z];
      out_.expert_knowledge[z] += block_expert_[b * zones + z];
    }
    stock += block_stock_[b];
  }
  out_.institutional_memory_share = institutional_memory_share(out_.bus_factor);
  out_.knowledge_stock = stock;
  out_.isolation_events = isolation_events(world.ties, world.groups, people.learner_ties, marked_);
  return out_;
}

ShockOutcomes shock_outcomes(std::int64_t shock_week, std::span<const double> knowledge,
                             std::span<const double> competent_holders,
                             std::span<const double> coverage, std::span<const double> isolation) {
  const auto weeks = static_cast<std::int64_t>(coverage.size());
  ShockOutcomes out{kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
  if (shock_week < 0 || shock_week >= weeks) return out;
  const auto s = static_cast<std::size_t>(shock_week);
  const std::size_t window_end =
      std::min<std::size_t>(coverage.size(), s + static_cast<std::size_t>(kShockWindowWeeks));
  out.isolation_events = 0;
  for (std::size_t w = s; w < window_end; ++w) out.isolation_events += isolation[w];
  if (shock_week == 0) return out;  // no recording before the shock

  const std::size_t before = s - 1;
  const auto ratio = [&](std::span<const double> v, std::size_t at) {
    return at < v.size() && v[before] > 0 ? v[at] / v[before] : kNaN;
  };
  out.knowledge_retained = ratio(knowledge, s);
  out.knowledge_retained_13w = ratio(knowledge, s + 13);
  out.knowledge_retained_52w = ratio(knowledge, s + 52);
  out.competent_holders_retained = ratio(competent_holders, s);

  double lowest = coverage[s];
  for (std::size_t w = s; w < window_end; ++w) lowest = std::min(lowest, coverage[w]);
  out.participation_drop = coverage[before] - lowest;
  out.recovered = 0;
  for (std::size_t w = s; w < coverage.size(); ++w)
    if (coverage[w] >= coverage[before]) {
      out.recovery_weeks = static_cast<double>(w - s);
      out.recovered = 1;
      break;
    }
  return out;
}

}  // namespace mentorsim::metrics
