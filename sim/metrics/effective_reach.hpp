#pragma once
// Effective reach (docs/metrics.md, "Reach: effective coverage" and "Resilience: orphaned
// learners"). A developer of a learner (the developer of an active learner tie, or another active
// member of an active peer group of two or more) *leads* the learner in zone z when their skill
// there exceeds the learner's by at least metrics.lead_margin; the learner *develops* z while
// below knowledge.competence_threshold there (a tie for one zone counts in that zone only).
//  - effective coverage: share of active practitioners led in at least one zone they develop;
//  - orphaned learners: in a week a developer of theirs left the organisation (a tie ended
//    `mentor_left`, or a co-member of one of their peer groups left), the zones a learner was led
//    in at the last recording and is not led in now, while still developing them, are orphaned;
//    a zone stays orphaned until the learner is led in it again or stops developing it, and the
//    learner is orphaned while any zone is.
//
// Masks of zones (bit z) per practitioner, computed per row in fixed blocks side by side (each
// block writes its own rows), with the zone count known at compile time; a row stops at the first
// ties that lead it in every zone it develops, and each membership's led zones are found once per
// group, for the groups of the rows ties leave short. The orphans are few, so they are kept as a
// list by id; last week's led masks are kept by row, and a learner who lost a developer this week
// finds their row of last week from this week's leavers. Values never depend on threads. Cost per
// week: O(population x zones) plus the ties and co-members a learner looks at before every
// developed zone is led.
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim::metrics {

struct EffectiveReachWeek {
  std::int64_t effectively_covered = 0;  // practitioners led in a zone they develop
  double effective_coverage = 0;         // over active practitioners (0 with none)
  std::int64_t orphaned = 0;             // practitioners with an orphaned zone now
  std::int64_t newly_orphaned = 0;       // of those, orphaned now but not at the last recording
};

// Zones (bit z) of learner row `l` in which `developer` leads them by `margin` and which they
// develop (below `threshold`); `zone` restricts to one zone (kAllZones: every zone).
std::uint8_t led_zones(const Practitioners& people, Row developer, Row l, std::int8_t zone,
                       double margin, double threshold);

class EffectiveReach final : public MetricGroup {
 public:
  EffectiveReach(double lead_margin, double competence_threshold);
  explicit EffectiveReach(const Scenario& scenario)
      : EffectiveReach(scenario.metrics.lead_margin, scenario.knowledge.competence_threshold) {}

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;
  void summarize(const SeriesView& series, Values& summary) const override;

  // This week's values; call once per recorded week, in order.
  const EffectiveReachWeek& compute(const World& world);
  // This week's led zones by row (valid after compute, until the next call).
  const std::vector<std::uint8_t>& led() const { return led_; }

 private:
  template <std::size_t Z>
  void group_led_masks(const World& world, std::span<const GroupRow> needed);
  void lead_masks(const World& world);
  void mark_lost_developers(const World& world);
  void update_orphans(const World& world);
  std::uint8_t developing(const Practitioners& people, Row r) const;

  double margin_, threshold_;
  EffectiveReachWeek week_;
  std::vector<std::uint8_t> led_;             // by row: zones led in now
  std::vector<Row> lost_;                     // rows whose developer left this week, increasing
  std::vector<std::uint8_t> member_led_;      // by membership row: zones led in by a co-member
  std::vector<std::vector<Row>> short_rows_;  // by block: rows a tie leaves short, with groups
  std::vector<std::uint8_t> group_needed_;    // by group row: one of those rows is in it (scratch)
  std::vector<GroupRow> needed_groups_;       // those rows' groups, increasing (scratch)
  std::vector<std::uint8_t> last_led_;        // by row at the last recording: zones led in
  std::vector<PractitionerId> departed_ids_;  // this week's leavers, in id order (scratch)
  // By id: orphaned zones, last recording's and this week's being built.
  std::vector<std::pair<PractitionerId, std::uint8_t>> orphans_, next_orphans_, new_orphans_;
  std::vector<std::int64_t> block_counts_;  // scratch: per block of rows
};

}  // namespace mentorsim::metrics
