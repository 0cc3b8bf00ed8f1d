#pragma once
// Cost (docs/metrics.md, "Cost"): the hours people actually spent in this week's held sessions,
// by role, priced by the [cost] rates, plus the programmes' fixed costs. Held sessions, not
// committed load: a skipped session costs nobody's time, and load weights (invisible labour of
// reverse mentors, a facilitator's share per member) are burdens, not hours. Sequential, in tie
// and row order, so values never depend on threads; the scratch is reused week to week, so a week
// costs O(active population + ties in the table) and allocates nothing once it has peaked.
#include <cstdint>
#include <span>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/peer_groups.hpp"
#include "state/ties.hpp"

namespace mentorsim {
class World;
}

namespace mentorsim::metrics {

// Hours spent in the week's held sessions, by role.
struct HeldHours {
  double senior_developer = 0;  // developers flagged senior, in load-carrying ties
  double other_developer = 0;   // every other developer of load-carrying ties
  double facilitator = 0;       // cohort facilitators, once per cohort session held
  double learner = 0;           // learners of load-carrying ties, plus group members present
};

// Counts the hours of the ties held this week (Ties::held, written by the sessions phase; ties
// ended later in the week keep it until the recording phase compacts them):
//  - a load-carrying tie (load_weight > 0 and not a facilitator tie: one-on-one, guide, reverse,
//    office hours, pod rotation, pod visit) costs session_hours to its developer (senior or
//    other, by `flags` of the developer row) and session_hours to its learner;
//  - group sessions (facilitator ties, and the peer groups of cohorts and pods) are one shared
//    session: each practitioner touched by a held facilitator tie or present at a held peer-group
//    session counts the longest such session_hours once, as learner hours; a
//    cohort's facilitator counts session_hours once per cohort session held, a cohort session
//    being a run of consecutive facilitator-tie rows with the same developer, programme and
//    start week (a cohort's facilitator ties are created together, so their ids are adjacent).
// `group_hours` is scratch (resized to `rows`, the practitioner rows).
HeldHours held_hours(const Ties& ties, const PeerGroups& groups,
                     std::span<const std::uint8_t> flags, Row rows,
                     std::vector<float>& group_hours);

// The fixed cost a programme adds in `week`: fixed_cost_per_year / 52 while it runs
// ([start_week, end_week), end_week -1 meaning to the end), plus setup_cost in start_week.
double fixed_cost_in_week(const ProgrammeCommon& programme, std::int64_t week);

// total cost / (sum over weeks of covered practitioners / 52); NaN without covered weeks.
double cost_per_covered_year(double total_cost, double covered_practitioner_weeks);

// This week's costs, in the [cost] currency.
struct WeeklyCost {
  HeldHours hours;
  double senior_developer = 0, other_developer = 0, facilitator = 0, learner = 0, fixed = 0;
  double total = 0;
  std::int64_t covered = 0;  // practitioners with at least one active learner tie
};

class Cost final : public MetricGroup {
 public:
  explicit Cost(const Scenario& scenario);

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;
  void summarize(const SeriesView& series, Values& summary) const override;
  void continue_under(const Scenario& next) override;

  // Computes this week's values; the reference stays valid until the next call.
  const WeeklyCost& compute(const World& world);

 private:
  CostConfig rates_;
  std::vector<ProgrammeCommon> programmes_;
  WeeklyCost out_;
  std::vector<float> group_hours_;  // scratch: by practitioner row
  double covered_weeks_ = 0;        // sum over weeks of covered practitioners
};

}  // namespace mentorsim::metrics
