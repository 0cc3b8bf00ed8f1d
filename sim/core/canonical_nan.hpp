#pragma once
// One NaN for every undefined value the simulator reports. x86 gives 0/0 and other invalid
// operations a NaN with the sign bit set, std::numeric_limits<double>::quiet_NaN() one without;
// which one a value gets can depend on the path that computed it, so results would differ in their
// bits where they agree in meaning. Outputs pass every value through canonical().
#include <cmath>
#include <limits>

namespace mentorsim {

inline double canonical(double value) {
  return std::isnan(value) ? std::numeric_limits<double>::quiet_NaN() : value;
}

}  // namespace mentorsim
