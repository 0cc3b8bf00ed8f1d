// sort_positive (metrics/radix_sort.hpp) against std::sort as the reference: the same
// sorted values, bit for bit, for the recorder's kinds of input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "metrics/inequality.hpp"
#include "metrics/radix_sort.hpp"

TEST_CASE("sort_positive equals std::sort on positive doubles", "[metrics]") {
  std::mt19937_64 gen(7);  // test data only, not a model draw
  std::vector<double> scratch;
  for (const std::size_t n : {0u, 1u, 5u, 255u, 256u, 1000u, 50000u}) {
    std::vector<double> values(n);
    for (std::size_t i = 0; i < n; ++i) switch (i % 3) {
        case 0:  // a few session lengths summed: many equal values
          values[i] = 0.25 * static_cast<double>(1 + gen() % 12);
          break;
        case 1:  // float loads widened to double
          values[i] = static_cast<double>(
              static_cast<float>(std::ldexp(1.0 + static_cast<double>(gen() % 1000), -6)));
          break;
        default:  // anything positive, tiny to large
          values[i] = std::ldexp(1.0 + static_cast<double>(gen() % 1000000) / 1e6,
                                 static_cast<int>(gen() % 80) - 40);
      }
    std::vector<double> expected = values;
    std::sort(expected.begin(), expected.end());
    mentorsim::metrics::sort_positive(values, scratch);
    REQUIRE(values == expected);
  }
}

TEST_CASE("gini with a scratch buffer equals gini without", "[metrics]") {
  std::mt19937_64 gen(11);
  std::vector<double> a(20000), scratch;
  for (std::size_t i = 0; i < a.size(); ++i)
    a[i] = i % 4 == 0 ? 0.0 : 0.5 * static_cast<double>(gen() % 9);
  std::vector<double> b = a;
  REQUIRE(mentorsim::metrics::gini(a) == mentorsim::metrics::gini(b, scratch));
}
