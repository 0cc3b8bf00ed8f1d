#include "sensitivity/sobol_sequence.hpp"

#include <boost/random/sobol.hpp>
#include <stdexcept>
#include <string>

namespace mentorsim::sensitivity {

std::size_t sobol_max_dimensions() {
  return boost::random::default_sobol_table::max_dimension;
}

std::vector<double> sobol_points(std::size_t dims, std::size_t count, std::size_t skip) {
  if (dims == 0 || dims > sobol_max_dimensions())
    throw std::invalid_argument("a Sobol' point has 1 to " +
                                std::to_string(sobol_max_dimensions()) + " dimensions, not " +
                                std::to_string(dims));
  // Boost's engine starts after the origin: point n of the sequence is its (n - 1)-th.
  boost::random::sobol engine(dims);
  std::vector<double> out(dims * count);
  std::size_t first = 0;
  if (skip == 0 && count > 0)
    first = dims;  // the origin: zeros
  else if (skip > 0)
    engine.discard(static_cast<boost::uintmax_t>(skip - 1) * dims);
  // The engine yields one coordinate per call, an integer of 64 bits; scaled by 2^-64 it lies in
  // [0, 1). Point n < 2^b is a XOR of the first b direction numbers, whose lowest set bit is at
  // least 2^(64 - b), so it has at most b significant bits: exact in a double for any count a
  // design can afford (b <= 53).
  for (std::size_t i = first; i < out.size(); ++i)
    out[i] = static_cast<double>(engine()) * 0x1.0p-64;
  return out;
}

}  // namespace mentorsim::sensitivity
