#pragma once
// Loops over a row's zones with their count known at compile time. population.zones has 1-8
// entries (scenario validation); a loop of fixed length keeps its sums and counts in registers and
// lets the compiler vectorize a row. With the count only known at run time, each row's sums went
// through memory and every row waited on the last one's stores.
#include <cstddef>
#include <stdexcept>

namespace mentorsim {

// Returns f.template operator()<Z>() for Z = zones; throws std::invalid_argument outside 1-8.
template <class F>
decltype(auto) with_zone_count(std::size_t zones, F&& f) {
  switch (zones) {
    case 1:
      return f.template operator()<1>();
    case 2:
      return f.template operator()<2>();
    case 3:
      return f.template operator()<3>();
    case 4:
      return f.template operator()<4>();
    case 5:
      return f.template operator()<5>();
    case 6:
      return f.template operator()<6>();
    case 7:
      return f.template operator()<7>();
    case 8:
      return f.template operator()<8>();
    default:
      throw std::invalid_argument("with_zone_count: population.zones has 1-8 entries");
  }
}

}  // namespace mentorsim
