#pragma once
// Resilience metrics (docs/metrics.md, "Resilience"): isolation events, the bus factor of each
// zone, institutional memory, the organisation's knowledge stock, and what happens around each
// [[shock]] (knowledge retained, coverage drop and recovery, isolation after it).
//
// The weekly values are computed by WeeklyResilience at recording, sequentially in row order and
// then tie order, so they never depend on the thread count; the scratch vector is a member, reused
// from week to week. Cost: O(population x zones + ties in the table). The shock outcomes are a
// pure function of the weekly series, computed once for the run summary.
#include <cstdint>
#include <span>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim::metrics {

// Whether a tie that ended for `reason` was taken from its learner by a disruption: its developer
// left, burned out and shed it, its programme dissolved it or ended. Planned completion, release
// at a check-in, rematching and the learner's own departure are not disruptions.
bool disrupts(EndReason reason);

// Bus factor of each zone from a row-major table of `rows` x holders.size() skills: holders[z] =
// the number of rows whose skill in zone z is at or above `threshold`. That is the fewest people
// whose departure drops the zone's best-held skill below the threshold (0 when nobody holds it).
// holders.size() is the zone count, 1-8 (population.zones; std::invalid_argument otherwise).
void bus_factors(std::span<const float> skill, double threshold, std::span<std::int64_t> holders);

// Share of zones held at competence by at least two people (bus factor >= 2); 0 with no zones.
double institutional_memory_share(std::span<const std::int64_t> holders);

// Isolation events of one week, from the tie table at recording (ties ended this week are still
// in it, with their end reason): the practitioners still present (learner row != kNoRow) who hold
// no active learner tie (learner_ties[row] == 0) and whose ties ended this week include at least
// one that disrupts(). Each learner counts once. `marked` is scratch (sized to learner_ties).
// A peer group's pairs count as ties (learner_ties includes them): a member still present loses a
// pair by disruption when another member left this week (for the member, a developer left) or when
// a membership of the group ended this week for a reason that disrupts() (the group dissolved or
// its programme ended).
std::int64_t isolation_events(const Ties& ties, const PeerGroups& groups,
                              std::span<const std::uint16_t> learner_ties,
                              std::vector<std::uint8_t>& marked);

struct ResilienceWeek {
  std::int64_t isolation_events = 0;
  double knowledge_stock = 0;            // sum of every active practitioner's skill over every zone
  std::vector<std::int64_t> bus_factor;  // by zone
  std::vector<double> expert_knowledge;  // by zone: sum of skills at or above the threshold
  double institutional_memory_share = 0;
};

class WeeklyResilience final : public MetricGroup {
 public:
  WeeklyResilience(std::size_t zones, double competence_threshold);
  explicit WeeklyResilience(const Scenario& scenario);

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;
  // The resilience summaries, and the outcomes around each [[shock]] (shock_outcomes below).
  void summarize(const SeriesView& series, Values& summary) const override;

  // This week's values; the reference stays valid until the next call.
  const ResilienceWeek& compute(const World& world);

 private:
  double threshold_;
  std::vector<std::int64_t> shock_weeks_;  // [[shock]] weeks, in file order
  ResilienceWeek out_;
  std::vector<std::uint8_t> marked_;         // scratch: learner rows already counted as isolated
  std::vector<std::int64_t> block_holders_;  // scratch: per block of rows and zone
  std::vector<double> block_expert_;         // scratch: per block of rows and zone
  std::vector<double> block_stock_;          // scratch: per block of rows
};

// Outcomes around one shock at week `shock_week`, from the weekly series of the run (index =
// week). "Before" is the recording of week s - 1, just before the shock's departure phase.
struct ShockOutcomes {
  double knowledge_retained = 0;          // knowledge(s) / knowledge(s - 1)
  double knowledge_retained_13w = 0;      // knowledge(s + 13) / knowledge(s - 1)
  double knowledge_retained_52w = 0;      // knowledge(s + 52) / knowledge(s - 1)
  double competent_holders_retained = 0;  // holders(s) / holders(s - 1)
  double participation_drop = 0;          // coverage(s - 1) - min coverage over weeks s .. s + 12
  double recovery_weeks = 0;              // first r >= 0 with coverage(s + r) >= coverage(s - 1)
  double recovered = 0;                   // 1 when that r exists within the run, else 0
  double isolation_events = 0;            // sum of isolation events over weeks s .. s + 12
};
inline constexpr int kShockWindowWeeks = 13;  // weeks s .. s + 12 for drop and isolation

// NaN where a value is undefined: every value when s < 0 or s is not a recorded week; every
// value but isolation_events when s = 0 (no recording before it); a ratio whose horizon is beyond
// the run or whose reference is 0; recovery_weeks when coverage does not return within the run.
// Windows are clipped to the run. Every span has one value per recorded week (index = week).
ShockOutcomes shock_outcomes(std::int64_t shock_week, std::span<const double> knowledge,
                             std::span<const double> competent_holders,
                             std::span<const double> coverage, std::span<const double> isolation);

}  // namespace mentorsim::metrics
