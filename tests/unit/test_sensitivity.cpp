// The sensitivity library (sim/sensitivity/, docs/sensitivity.md) against closed forms: the Sobol'
// sequence's stratification, Sobol' indices of the Ishigami function and of Sobol's G-function
// (analytic values), and elementary effects of a linear function (exact) and of the G-function
// (the order its coefficients imply).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <vector>

#include "sensitivity/morris.hpp"
#include "sensitivity/saltelli.hpp"
#include "sensitivity/sobol_sequence.hpp"

using namespace mentorsim::sensitivity;

namespace {

// f over the rows of `points` (row-major, `factors` columns).
template <class F>
std::vector<double> evaluate(const std::vector<double>& points, std::size_t factors, F f) {
  std::vector<double> out(points.size() / factors);
  for (std::size_t r = 0; r < out.size(); ++r) out[r] = f(points.data() + r * factors);
  return out;
}

// Ishigami & Homma (1990): sin x1 + a sin^2 x2 + b x3^4 sin x1 on [-pi, pi]^3, here a = 7,
// b = 0.1, from the unit cube.
double ishigami(const double* u) {
  const double pi = std::numbers::pi;
  const double x1 = -pi + 2 * pi * u[0], x2 = -pi + 2 * pi * u[1], x3 = -pi + 2 * pi * u[2];
  return std::sin(x1) + 7 * std::sin(x2) * std::sin(x2) + 0.1 * std::pow(x3, 4) * std::sin(x1);
}

// Sobol's G-function: prod (|4 x_i - 2| + a_i) / (1 + a_i) on [0, 1]^k.
const std::vector<double> kG = {0, 1, 4.5, 9, 99, 99};
double g_function(const double* u) {
  double y = 1;
  for (std::size_t i = 0; i < kG.size(); ++i) y *= (std::abs(4 * u[i] - 2) + kG[i]) / (1 + kG[i]);
  return y;
}

// Its indices: V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1, S_i = V_i / V and
// ST_i = V_i prod_{j != i} (1 + V_j) / V.
void g_indices(std::vector<double>& first, std::vector<double>& total) {
  std::vector<double> v;
  double product = 1;
  for (double a : kG) {
    v.push_back(1 / (3 * (1 + a) * (1 + a)));
    product *= 1 + v.back();
  }
  const double variance = product - 1;
  for (double vi : v) {
    first.push_back(vi / variance);
    total.push_back(vi * product / (1 + vi) / variance);
  }
}

void check_index(const Interval& estimate, double truth, const char* what, std::size_t i) {
  INFO(what << " of factor " << i + 1 << ": " << estimate.estimate << " [" << estimate.low << ", "
            << estimate.high << "], analytic " << truth);
  CHECK(std::abs(estimate.estimate - truth) < 0.02);
  CHECK(estimate.low <= truth);
  CHECK(truth <= estimate.high);
}

}  // namespace

TEST_CASE("Sobol' points: every coordinate of the first 2^m points is stratified exactly",
          "[sensitivity]") {
  const std::size_t dims = 12, count = 1024;
  const std::vector<double> p = sobol_points(dims, count, 0);
  for (std::size_t d = 0; d < dims; ++d) {
    std::set<double> seen;
    for (std::size_t n = 0; n < count; ++n) {
      const double x = p[n * dims + d];
      REQUIRE(x >= 0.0);
      REQUIRE(x < 1.0);
      seen.insert(std::floor(x * count));  // one point in each of the 1,024 cells
    }
    INFO("dimension " << d);
    CHECK(seen.size() == count);
  }
  // The sequence itself: after the origin come (1/2, 1/2), (3/4, 1/4), (1/4, 3/4).
  const std::vector<double> two = sobol_points(2, 3);
  CHECK(two == std::vector<double>{0.5, 0.5, 0.75, 0.25, 0.25, 0.75});
  CHECK(sobol_points(5, 64, 3) == sobol_points(5, 64, 3));
  CHECK_THROWS_AS(sobol_points(0, 1), std::invalid_argument);
  CHECK_THROWS_AS(sobol_points(sobol_max_dimensions() + 1, 1), std::invalid_argument);
}

TEST_CASE("Saltelli design: A, AB_i and B rows in their layout", "[sensitivity]") {
  const std::size_t k = 3, n = 16;
  const std::vector<double> p = saltelli_points(k, n);
  const std::vector<double> ab = sobol_points(2 * k, n);
  REQUIRE(p.size() == n * (k + 2) * k);
  for (std::size_t j = 0; j < n; ++j) {
    const double* block = p.data() + j * (k + 2) * k;
    for (std::size_t c = 0; c < k; ++c) {
      CHECK(block[c] == ab[j * 2 * k + c]);                    // A
      CHECK(block[(k + 1) * k + c] == ab[j * 2 * k + k + c]);  // B
      for (std::size_t i = 0; i < k; ++i)                      // AB_i: column i from B
        CHECK(block[(1 + i) * k + c] == (c == i ? ab[j * 2 * k + k + c] : ab[j * 2 * k + c]));
    }
  }
}

TEST_CASE("Sobol' indices of the Ishigami function equal the analytic values",
          "[sensitivity][ishigami]") {
  // a = 7, b = 0.1: V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2; S1 = (1/2)(1 + b pi^4/5)^2 / V,
  // S2 = (a^2/8) / V, S3 = 0; ST1 = S1 + (8 b^2 pi^8/225) / V, ST2 = S2, ST3 = (8 b^2 pi^8/225)/V.
  const double pi4 = std::pow(std::numbers::pi, 4), pi8 = pi4 * pi4, a = 7, b = 0.1;
  const double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
  const double v1 = 0.5 * (1 + b * pi4 / 5) * (1 + b * pi4 / 5), v2 = a * a / 8,
               v13 = 8 * b * b * pi8 / 225;
  const std::vector<double> first = {v1 / v, v2 / v, 0}, total = {(v1 + v13) / v, v2 / v, v13 / v};
  CHECK(first[0] == Approx(0.3139).margin(1e-4));
  CHECK(total[2] == Approx(0.2437).margin(1e-4));
  const std::size_t k = 3;
  const std::vector<double> points = saltelli_points(k, 8192);
  const SobolIndices s = sobol_indices(k, evaluate(points, k, ishigami), 500, 7);
  CHECK(s.base_used == 8192);
  CHECK(s.variance == Approx(v).epsilon(0.02));
  for (std::size_t i = 0; i < k; ++i) {
    check_index(s.first[i], first[i], "S", i);
    check_index(s.total[i], total[i], "ST", i);
  }
}

TEST_CASE("Sobol' indices of the G-function equal the analytic values", "[sensitivity]") {
  std::vector<double> first, total;
  g_indices(first, total);
  const std::size_t k = kG.size();
  const std::vector<double> points = saltelli_points(k, 8192);
  const SobolIndices s = sobol_indices(k, evaluate(points, k, g_function), 500, 11);
  for (std::size_t i = 0; i < k; ++i) {
    check_index(s.first[i], first[i], "S", i);
    check_index(s.total[i], total[i], "ST", i);
  }
  // The same outputs and seed give the same intervals; NaN outputs drop their base sample whole.
  std::vector<double> y = evaluate(points, k, g_function);
  const SobolIndices again = sobol_indices(k, y, 500, 11);
  CHECK(again.first[0].low == s.first[0].low);
  y[3] = std::nan("");
  CHECK(sobol_indices(k, y, 50, 11).base_used == 8191);
}

TEST_CASE("Morris design: one factor moves by the step at a time, on the grid",
          "[sensitivity][morris]") {
  const std::size_t k = 5, r = 40, p = 4;
  const std::vector<double> x = morris_points(k, r, p, 3);
  REQUIRE(x.size() == r * (k + 1) * k);
  const double step = static_cast<double>(p) / (2.0 * (p - 1));
  for (std::size_t t = 0; t < r; ++t) {
    std::vector<int> moved(k, 0);
    for (std::size_t m = 0; m <= k; ++m)
      for (std::size_t i = 0; i < k; ++i) {
        const double v = x[(t * (k + 1) + m) * k + i];
        CHECK(v >= 0.0);
        CHECK(v <= 1.0);
        CHECK(std::abs(v * (p - 1) - std::round(v * (p - 1))) < 1e-12);  // on the grid
        if (m > 0 && v != x[(t * (k + 1) + m - 1) * k + i]) {
          ++moved[i];
          CHECK(std::abs(v - x[(t * (k + 1) + m - 1) * k + i]) == Approx(step));
        }
      }
    CHECK(std::all_of(moved.begin(), moved.end(), [](int n) { return n == 1; }));
  }
  CHECK(morris_points(k, r, p, 3) == x);
  CHECK(morris_points(k, r, p, 4) != x);
  CHECK_THROWS_AS(morris_points(k, r, 3, 1), std::invalid_argument);
}

TEST_CASE(
    "elementary effects of a linear function are its coefficients, of the G-function "
    "in the order of its coefficients",
    "[sensitivity][morris]") {
  const std::vector<double> c = {3, -2, 0.5, 0};
  const std::size_t k = c.size(), r = 20;
  const std::vector<double> x = morris_points(k, r, 4, 5);
  const auto linear = [&](const double* u) {
    double y = 1;
    for (std::size_t i = 0; i < k; ++i) y += c[i] * u[i];
    return y;
  };
  const ElementaryEffects e = elementary_effects(k, x, evaluate(x, k, linear), 200, 1);
  CHECK(e.trajectories_used == r);
  for (std::size_t i = 0; i < k; ++i) {
    CHECK(e.mu[i] == Approx(c[i]).margin(1e-12));
    CHECK(e.mu_star[i].estimate == Approx(std::abs(c[i])).margin(1e-12));
    CHECK(e.sigma[i] == Approx(0).margin(1e-9));
  }
  const std::size_t g = kG.size();
  const std::vector<double> xg = morris_points(g, 200, 4, 9);
  const ElementaryEffects eg = elementary_effects(g, xg, evaluate(xg, g, g_function), 200, 1);
  for (std::size_t i = 0; i + 2 < g; ++i) {
    INFO("mu* of factor " << i + 1 << " " << eg.mu_star[i].estimate << ", of factor " << i + 2
                          << " " << eg.mu_star[i + 1].estimate);
    CHECK(eg.mu_star[i].estimate > eg.mu_star[i + 1].estimate);  // smaller a_i matters more
  }
}

TEST_CASE("second-order Sobol' indices of the Ishigami function: only x1 and x3 interact",
          "[sensitivity][ishigami]") {
  // S13 = V13 / V = (8 b^2 pi^8 / 225) / V = ST3; S12 = S23 = 0.
  const double pi4 = std::pow(std::numbers::pi, 4), pi8 = pi4 * pi4, a = 7, b = 0.1;
  const double v = a * a / 8 + b * pi4 / 5 + b * b * pi8 / 18 + 0.5;
  const double s13 = 8 * b * b * pi8 / 225 / v;
  const std::size_t k = 3, n = 8192;
  const std::vector<double> points = saltelli_points(k, n, true);
  REQUIRE(points.size() == n * (2 * k + 2) * k);
  // The layout: A, AB_1..AB_k, BA_1..BA_k, B; BA_i is B with column i from A.
  const double* block = points.data() + 5 * (2 * k + 2) * k;
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t c = 0; c < k; ++c)
      CHECK(block[(1 + k + i) * k + c] == (c == i ? block[c] : block[(2 * k + 1) * k + c]));
  const SobolIndices s = sobol_indices(k, evaluate(points, k, ishigami), 500, 7, 0.95, true);
  REQUIRE(s.second.size() == 3);
  CHECK(pair_index(k, 0, 1) == 0);
  CHECK(pair_index(k, 0, 2) == 1);
  CHECK(pair_index(k, 1, 2) == 2);
  const double truth[] = {0, s13, 0};
  for (std::size_t p = 0; p < 3; ++p) {
    INFO("pair " << p << ": " << s.second[p].estimate << " [" << s.second[p].low << ", "
                 << s.second[p].high << "], analytic " << truth[p]);
    CHECK(std::abs(s.second[p].estimate - truth[p]) < 0.03);
    CHECK(s.second[p].low <= truth[p]);
    CHECK(truth[p] <= s.second[p].high);
  }
  // The first-order and total indices are those of the design without BA_i, up to its points.
  const SobolIndices plain = sobol_indices(k, evaluate(saltelli_points(k, n), k, ishigami), 500, 7);
  for (std::size_t i = 0; i < k; ++i) CHECK(s.first[i].estimate == plain.first[i].estimate);
}
