#pragma once
// A sweep made concrete: its points, each point's scenario checked before anything runs, and the
// numbering of runs. Run k is replicate k mod R of point k div R (R replicates per point), so its
// identity — and its results — depend only on the sweep file, never on who runs it or when.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "scenario/run_estimate.hpp"
#include "scenario/scenario.hpp"
#include "sweep/points.hpp"
#include "sweep/sweep_spec.hpp"

namespace mentorsim::sweep {

// "p000012_r0003": widths fixed by the sweep's size (at least 6 and 4 digits), so ids sort in run
// order.
std::string format_run_id(std::uint64_t point, std::uint64_t replicate, std::uint64_t points,
                          std::uint64_t replicates);

// A point's scenario problems in the sweep file's terms: a problem with an axis's value is
// reported at that value in the file ("axis 'k' = v (WHICH): ..."); others keep their place and
// gain "(at WHICH: k = v, ...)". `which` names the point, e.g. "point 4".
std::vector<Diagnostic> point_diagnostics(const SweepSpec& spec, const Point& point,
                                          const std::string& which, const InputError& error);

struct PlannedPoint {
  Point values;                        // one per axis
  std::filesystem::path base;          // the base scenario file; empty for an inline [base]
  std::vector<std::string> overrides;  // key=value, as --set takes them
  std::string scenario_name;
  std::string scenario_hash;  // SHA-256 of the resolved scenario (provenance)
  RunEstimate estimate;       // of one replicate (scenario/run_estimate.hpp)
};

class SweepPlan {
 public:
  // Expands the points and loads every point's scenario; throws InputError listing the problems
  // (at the sweep file's axis values where an axis value is at fault).
  explicit SweepPlan(SweepSpec spec);

  const SweepSpec& spec() const { return spec_; }
  const std::vector<PlannedPoint>& points() const { return points_; }
  std::uint64_t replicates() const { return replicates_; }
  std::uint64_t seed() const { return seed_; }
  std::uint64_t run_count() const { return points_.size() * replicates_; }
  std::uint64_t point_of(std::uint64_t run) const { return run / replicates_; }
  std::uint64_t replicate_of(std::uint64_t run) const { return run % replicates_; }
  std::string run_id(std::uint64_t run) const {
    return format_run_id(point_of(run), replicate_of(run), points_.size(), replicates_);
  }
  // SHA-256 of the sweep file's text: a resumed sweep must be the same sweep.
  const std::string& sweep_hash() const { return sweep_hash_; }

  // The scenario of a point, loaded again (points are not kept loaded: memory stays flat).
  Scenario scenario_of(std::uint64_t point) const;
  std::vector<std::string> axis_keys() const;

 private:
  Scenario load(const PlannedPoint& point) const;

  SweepSpec spec_;
  std::vector<PlannedPoint> points_;
  std::map<std::filesystem::path, toml::table> bases_;  // parsed base files
  std::uint64_t replicates_ = 0;
  std::uint64_t seed_ = 0;
  std::string sweep_hash_;
};

}  // namespace mentorsim::sweep
