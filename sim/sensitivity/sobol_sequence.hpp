#pragma once
// The Sobol' low-discrepancy sequence in the unit cube, the base of Saltelli's sensitivity design
// (docs/sensitivity.md). Direction numbers are Joe & Kuo's (2008, "new-joe-kuo-6.21201"), as
// Boost.Random ships them (boost/random/sobol.hpp, up to 3,667 dimensions); points come in
// Gray-code order. The sequence is deterministic: the same dims and count give the same points on
// every machine.
#include <cstddef>
#include <vector>

namespace mentorsim::sensitivity {

// The most dimensions a Sobol' point may have here (Boost's table).
std::size_t sobol_max_dimensions();

// `count` points of `dims` coordinates in [0, 1), row-major, starting after the first `skip`
// points of the sequence. The first point is the origin, a corner every dimension shares; designs
// skip it (skip = 1), as Saltelli-scheme samplers commonly do.
std::vector<double> sobol_points(std::size_t dims, std::size_t count, std::size_t skip = 1);

}  // namespace mentorsim::sensitivity
