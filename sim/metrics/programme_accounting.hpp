#pragma once
// Per-programme capacity accounting for blended ecosystems: what each programme holds this week.
// A practitioner can take part in several programmes (load from all of them adds up); these counts
// say how much of the organisation's developer time and reach each programme accounts for.
#include <cstdint>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/world.hpp"

namespace mentorsim::metrics {

struct ProgrammeCounts {
  std::int64_t ties = 0;        // active relationships of the programme
  std::int64_t learners = 0;    // distinct learners holding one or more of them
  std::int64_t developers = 0;  // distinct developers holding one or more of them
  double developer_hours = 0;   // weekly load hours of its ties (session hours / cadence x weight)
  double senior_hours = 0;      // the part of developer_hours carried by seniors
  std::int64_t waiting = 0;     // its model's waiting count
};

class ProgrammeAccounting final : public MetricGroup {
 public:
  explicit ProgrammeAccounting(const Scenario&) {}
  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;

  // One entry per programme of the world, in programme order. Hours in tie order; people through
  // the indices of World::index_ties, in fixed blocks of rows.
  std::vector<ProgrammeCounts> count(const World& world);

 private:
  // Scratch, reused every week: per block, learners then developers per programme.
  std::vector<std::int64_t> counts_;
};

}  // namespace mentorsim::metrics
