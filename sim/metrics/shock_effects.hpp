#pragma once
// A shock's effects against its twin (docs/metrics.md, "Resilience: a shock against its twin").
// The twin of a scenario with [[shock]] entries is the same scenario without them. Replicate r of
// both meets the same random draws (every draw is keyed by seed, replicate, id, week and purpose),
// so up to the shock's week the two runs are identical and every difference after it is the
// shock's doing, paired exactly: a shock that removes nobody gives exactly zero on every effect.
//
// `mentorsim compare` pairs each shock arm with its twin arm and adds these values to the shock
// arm's runs as summaries named shock<i>/vs_twin/...; they are declared here, once, like every
// output, but computed from two runs' weekly series, not by the recorder of one run.
//
// For the shock at week s and each window k of kShockWindows (the value at week s + k, NaN when it
// is beyond the run):
//  - knowledge_lost: share of the twin's knowledge in the tier at risk (skills at or above the
//    competence threshold, expert_knowledge/{zone} summed) that the shock arm lacks, 1 - K /
//    K_twin, in all and per zone (knowledge_lost_<k>w_by_zone/{zone});
//  - orphaned_learners: orphaned learners (effective_reach), shock arm minus twin;
//  - served_learners_lost: practitioners holding a developmental place (participation x active
//    practitioners), twin minus shock arm;
//  - effective_coverage_gap: effective coverage, twin minus shock arm;
// and over the run from s:
//  - orphan_weeks_52w: orphaned learner-weeks in weeks s .. s + 51, shock arm minus twin;
//  - recovery_weeks: the first r >= 0 from which the effective-coverage gap stays within
//    metrics.twin_tolerance for kTwinHoldWeeks weeks running (all inside the run); NaN when it
//    never does (censored at the end of the run), and then recovered = 0.
#include <array>
#include <cstdint>
#include <vector>

#include "metrics/metric_table.hpp"
#include "metrics/run_result.hpp"

namespace mentorsim::metrics {

inline constexpr std::array<std::int64_t, 3> kShockWindows = {0, 13, 52};
inline constexpr std::int64_t kTwinHoldWeeks = 4;

// The declarations (group "shock_effects"); names carry {shock} and, per zone, {zone}.
const MetricTable& shock_effect_table();

// Shock number `shock` (1-based, file order) at week `shock_week`: every effect of `shocked`
// against `twin` (the same replicate of the twin scenario), in declaration order, zones expanded
// over `shocked.zones`. Throws std::invalid_argument when a run lacks a series the effects read.
std::vector<SummaryValue> shock_effects(const RunResult& twin, const RunResult& shocked,
                                        std::size_t shock, std::int64_t shock_week,
                                        double tolerance);

}  // namespace mentorsim::metrics
