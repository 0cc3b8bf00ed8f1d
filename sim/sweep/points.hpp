#pragma once
// The points of a sweep: every combination of the axes' values (grid), or a Latin-hypercube sample
// of their ranges. A point is one value per axis, in axis order.
#include <vector>

#include "sweep/sweep_spec.hpp"

namespace mentorsim::sweep {

using Point = std::vector<AxisValue>;

// Grid: the first axis varies slowest (point = Σ index_a × Π_{b>a} size_b). Morris and sobol:
// the points of sensitivity::morris_points and sensitivity::saltelli_points over the axes, in
// their order (docs/sensitivity.md). Latin hypercube:
// `points` points; each axis's unit interval is cut into that many equal strata, each used by
// exactly one point (McKay, Beckman & Conover 1979), with the strata's order and the place inside
// each stratum drawn from Philox keyed by sampling_seed, so the sample is a pure function of the
// sweep file. A range maps the unit value linearly or in logarithm and rounds an integer axis; a
// list of values is indexed by ⌊u × size⌋.
std::vector<Point> expand_points(const SweepSpec& spec);

// How many points expand_points gives, without building them.
std::size_t count_points(const SweepSpec& spec);

// A Latin hypercube's points in the unit cube (row-major, one column per axis): what
// expand_points maps onto the axes for sampling = "latin_hypercube".
std::vector<double> latin_hypercube_unit(const SweepSpec& spec);

// Unit-cube points (row-major, one column per axis) mapped onto the axes as every sampled design
// maps them.
std::vector<Point> points_from_unit(const SweepSpec& spec, const std::vector<double>& unit);

// Morris and Sobol' sweeps: the design's points in the unit cube (row-major, one column per axis,
// in point order), which `mentorsim sensitivity` pairs with the points' outputs; empty for the
// other samplings. Morris trajectories are keyed by sampling_seed; a Sobol' design needs no seed.
std::vector<double> unit_points(const SweepSpec& spec);

}  // namespace mentorsim::sweep
