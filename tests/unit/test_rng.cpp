// Counter-based random numbers (core/rng.hpp) and the project's distributions
// (core/distributions.hpp). Statistical checks use |mean - expected| <= 4 SE, each SE stated.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <set>
#include <vector>

#include "core/distributions.hpp"
#include "core/rng.hpp"
#include "support/statistics.hpp"

using mentorsim::bits_to_open01;
using mentorsim::Draws;
using mentorsim::philox_block;
using mentorsim::Purpose;
using mentorsim::StreamKey;
using mentorsim::uniform01;
using mentorsim::weekly_uniform01;
namespace dist = mentorsim::dist;

namespace {

constexpr double kSigmas = 4.0;  // tolerance: 4 standard errors

struct Moments {
  double mean = 0;
  double variance = 0;  // unbiased sample variance
};

Moments moments(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  const double mean = sum / static_cast<double>(xs.size());
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  return {mean, ss / static_cast<double>(xs.size() - 1)};
}

// n Poisson(mean) draws, one Draws stream per sample index.
std::vector<double> poisson_sample(double mean, std::uint64_t n) {
  std::vector<double> xs;
  xs.reserve(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    Draws draws({11, 0}, i, 0, Purpose::kBenchmarkProbe);
    xs.push_back(static_cast<double>(dist::poisson(draws, mean)));
  }
  return xs;
}

// Checks the mean and variance of a Poisson sample.
// SE(mean) = sqrt(lambda / n); SE(sample variance) = sqrt((mu4 - sigma^4) / n) with the Poisson
// fourth central moment mu4 = lambda (1 + 3 lambda), so SE = sqrt((lambda + 2 lambda^2) / n).
void check_poisson(double lambda, std::uint64_t n) {
  const Moments m = moments(poisson_sample(lambda, n));
  const double nd = static_cast<double>(n);
  const double se_mean = std::sqrt(lambda / nd);
  const double se_var = std::sqrt((lambda + 2 * lambda * lambda) / nd);
  INFO("lambda " << lambda << " mean " << m.mean << " (SE " << se_mean << ") variance "
                 << m.variance << " (SE " << se_var << ")");
  CHECK(std::fabs(m.mean - lambda) <= kSigmas * se_mean);
  CHECK(std::fabs(m.variance - lambda) <= kSigmas * se_var);
}

}  // namespace

TEST_CASE("Philox4x64-10 matches the Random123 known-answer vectors", "[rng]") {
  // kat_vectors of Random123: counter (pi digits), key (more pi digits).
  const auto block =
      philox_block({0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL}, 0x243f6a8885a308d3ULL,
                   static_cast<std::int64_t>(0x13198a2e03707344ULL),
                   static_cast<Purpose>(0xa4093822299f31d0ULL), 0x082efa98ec4e6c89ULL);
  CHECK(block.v[0] == 0xa528f45403e61d95ULL);
  CHECK(block.v[1] == 0x38c72dbd566e9788ULL);
  CHECK(block.v[2] == 0xa5a1610e72fd18b5ULL);
  CHECK(block.v[3] == 0x57bd43b5e52b7fe6ULL);
  const auto zero = philox_block({0, 0}, 0, 0, static_cast<Purpose>(0), 0);
  CHECK(zero.v[0] == 0x16554d9eca36314cULL);
  CHECK(zero.v[3] == 0x7e68b68aec7ba23bULL);
}

TEST_CASE("uniform01 is a pure function of (seed, replicate, entity, week, purpose, k)", "[rng]") {
  const StreamKey key{2026, 3};
  const double u = uniform01(key, 42, 17, Purpose::kDeparture, 0);
  CHECK(u == uniform01(key, 42, 17, Purpose::kDeparture, 0));
  CHECK(u == uniform01(key, 42, 17, Purpose::kDeparture));  // k defaults to 0
  CHECK(u == bits_to_open01(philox_block(key, 42, 17, Purpose::kDeparture, 0).v[0]));
  // Changing any single coordinate changes the value.
  CHECK(u != uniform01({2027, 3}, 42, 17, Purpose::kDeparture, 0));
  CHECK(u != uniform01({2026, 4}, 42, 17, Purpose::kDeparture, 0));
  CHECK(u != uniform01(key, 43, 17, Purpose::kDeparture, 0));
  CHECK(u != uniform01(key, 42, 18, Purpose::kDeparture, 0));
  CHECK(u != uniform01(key, 42, 17, Purpose::kAttendance, 0));
  CHECK(u != uniform01(key, 42, 17, Purpose::kDeparture, 1));
  // Seed and replicate are not interchangeable, nor are entity and week.
  CHECK(uniform01({1, 2}, 5, 9, Purpose::kArrivals) != uniform01({2, 1}, 5, 9, Purpose::kArrivals));
  CHECK(uniform01(key, 5, 9, Purpose::kArrivals) != uniform01(key, 9, 5, Purpose::kArrivals));
  // Every purpose value gives its own stream: all distinct for one (entity, week).
  std::set<double> seen;
  for (std::uint64_t p = 0; p < 128; ++p)
    seen.insert(uniform01(key, 1, 1, static_cast<Purpose>(p)));
  CHECK(seen.size() == 128);
}

TEST_CASE("bits_to_open01 stays strictly inside (0, 1)", "[rng]") {
  // The extremes: all bits clear and all bits set, and the largest patterns below all-set.
  const double lo = bits_to_open01(0);
  const double hi = bits_to_open01(~std::uint64_t{0});
  CHECK(lo > 0.0);
  CHECK(lo <= 0x1.0p-52);
  CHECK(hi < 1.0);
  CHECK(hi >= 1.0 - 0x1.0p-52);
  CHECK(std::isfinite(std::log(lo)));
  CHECK(std::isfinite(std::log1p(-hi)));
  for (std::uint64_t below = 0; below < 4096; below += 255)
    CHECK(bits_to_open01(~std::uint64_t{0} - (below << 11)) < 1.0);
  // Halfway bits map to about one half; the lowest 11 bits never matter.
  CHECK(std::fabs(bits_to_open01(std::uint64_t{1} << 63) - 0.5) <= 0x1.0p-52);
  CHECK(bits_to_open01(0x7ff) == lo);
}

TEST_CASE("Draws gives the Philox words in order and is reproducible", "[rng]") {
  const StreamKey key{99, 1};
  Draws a(key, 7, 3, Purpose::kInitialSkill);
  Draws b(key, 7, 3, Purpose::kInitialSkill);
  std::vector<double> first;
  for (int i = 0; i < 10; ++i) {
    first.push_back(a.uniform());
    CHECK(first.back() == b.uniform());
  }
  // Words 0-3 of block k = 0, then block k = 1, then k = 2.
  for (std::uint64_t k = 0; k < 2; ++k) {
    const auto block = philox_block(key, 7, 3, Purpose::kInitialSkill, k);
    for (std::size_t i = 0; i < 4; ++i) CHECK(first[4 * k + i] == bits_to_open01(block.v[i]));
  }
  CHECK(first[0] == uniform01(key, 7, 3, Purpose::kInitialSkill));
  CHECK(first[8] == uniform01(key, 7, 3, Purpose::kInitialSkill, 2));
  // A different entity gives a different sequence.
  Draws c(key, 8, 3, Purpose::kInitialSkill);
  CHECK(c.uniform() != first[0]);
}

TEST_CASE("Draws streams start at k = stream * 2^32", "[rng]") {
  const StreamKey key{99, 1};
  Draws zero(key, 7, 3, Purpose::kSeeksMentor), one(key, 7, 3, Purpose::kSeeksMentor, 1);
  CHECK(zero.uniform() == uniform01(key, 7, 3, Purpose::kSeeksMentor, 0));
  CHECK(one.uniform() == uniform01(key, 7, 3, Purpose::kSeeksMentor, std::uint64_t{1} << 32));
}

TEST_CASE("weekly_uniform01 serves four weeks from one block and stays pure", "[rng]") {
  const StreamKey key{2026, 0};
  for (std::int64_t week : {-9, -5, -4, -1, 0, 1, 3, 4, 7, 8, 1000, 1003}) {
    const std::int64_t block = week >= 0 ? week / 4 : (week - 3) / 4;  // floor(week / 4)
    INFO("week " << week);
    CHECK(block * 4 <= week);
    CHECK(week < block * 4 + 4);
    const auto words = philox_block(key, 42, block, Purpose::kDeparture, 0);
    const double u = weekly_uniform01(key, 42, week, Purpose::kDeparture);
    CHECK(u == bits_to_open01(words.v[static_cast<std::size_t>(week - block * 4)]));
    CHECK(u == weekly_uniform01(key, 42, week, Purpose::kDeparture));
  }
  // Consecutive weeks, entities and purposes differ.
  std::set<double> seen;
  for (std::int64_t week = -8; week < 56; ++week)
    for (std::uint64_t entity = 0; entity < 4; ++entity)
      seen.insert(weekly_uniform01(key, entity, week, Purpose::kDeparture));
  CHECK(seen.size() == 64 * 4);
  CHECK(weekly_uniform01(key, 1, 5, Purpose::kDeparture) !=
        weekly_uniform01(key, 1, 5, Purpose::kAttendance));
}

TEST_CASE("exponential has the requested mean", "[rng][dist]") {
  constexpr std::uint64_t n = 200000;
  const double mean = 39.0;
  std::vector<double> xs;
  for (std::uint64_t i = 0; i < n; ++i)
    xs.push_back(dist::exponential(uniform01({5, 0}, i, 0, Purpose::kBenchmarkProbe), mean));
  const Moments m = moments(xs);
  // SE(mean) = sd / sqrt(n) = mean / sqrt(n) for an exponential.
  CHECK(std::fabs(m.mean - mean) <= kSigmas * mean / std::sqrt(static_cast<double>(n)));
  CHECK(dist::exponential(std::exp(-1.0), mean) == Approx(mean).epsilon(1e-12));
}

TEST_CASE("poisson has mean and variance lambda on both branches", "[rng][dist]") {
  SECTION("inversion (mean < 30)") {
    check_poisson(0.3, 200000);
    check_poisson(3.5, 200000);
    check_poisson(29.9, 100000);
  }
  SECTION("PTRS transformed rejection (mean >= 30)") {
    check_poisson(30.0, 100000);
    check_poisson(100.0, 100000);
    check_poisson(2500.0, 100000);
  }
  SECTION("degenerate means give 0") {
    Draws draws({1, 0}, 0, 0, Purpose::kBenchmarkProbe);
    CHECK(dist::poisson(draws, 0.0) == 0);
    CHECK(dist::poisson(draws, -1.0) == 0);
  }
  SECTION("P(0) = exp(-lambda) for a small mean") {
    // Binomial SE: sqrt(p (1 - p) / n).
    constexpr std::uint64_t n = 200000;
    const double lambda = 1.2, p0 = std::exp(-lambda);
    std::uint64_t zeros = 0;
    for (double x : poisson_sample(lambda, n)) zeros += x == 0.0;
    const double share = static_cast<double>(zeros) / static_cast<double>(n);
    CHECK(std::fabs(share - p0) <= kSigmas * std::sqrt(p0 * (1 - p0) / static_cast<double>(n)));
  }
}

TEST_CASE("standard_normal and truncated_normal", "[rng][dist]") {
  constexpr std::uint64_t n = 200000;
  const double nd = static_cast<double>(n);
  SECTION("standard normal: mean 0, variance 1") {
    std::vector<double> xs;
    for (std::uint64_t i = 0; i < n; ++i) {
      Draws d({3, 0}, i, 0, Purpose::kBenchmarkProbe);
      xs.push_back(dist::standard_normal(d));
    }
    const Moments m = moments(xs);
    // SE(mean) = 1/sqrt(n); SE(variance) = sqrt((mu4 - 1)/n) = sqrt(2/n).
    CHECK(std::fabs(m.mean) <= kSigmas / std::sqrt(nd));
    CHECK(std::fabs(m.variance - 1.0) <= kSigmas * std::sqrt(2.0 / nd));
  }
  SECTION("truncation bounds hold and the mean is the truncated-normal mean") {
    const double mu = 0.25, sd = 0.3, lo = 0.0, hi = 1.0;
    std::vector<double> xs;
    for (std::uint64_t i = 0; i < n; ++i) {
      Draws d({4, 0}, i, 0, Purpose::kBenchmarkProbe);
      const double x = dist::truncated_normal(d, mu, sd, lo, hi);
      REQUIRE(x >= lo);
      REQUIRE(x <= hi);
      xs.push_back(x);
    }
    // E[X] = mu + sd (phi(a) - phi(b)) / (Phi(b) - Phi(a)), a = (lo - mu)/sd, b = (hi - mu)/sd.
    const auto phi = [](double z) {
      return std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi);
    };
    const auto Phi = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
    const double a = (lo - mu) / sd, b = (hi - mu) / sd;
    const double expected = mu + sd * (phi(a) - phi(b)) / (Phi(b) - Phi(a));
    const Moments m = moments(xs);
    // SE(mean) = sample sd / sqrt(n).
    CHECK(std::fabs(m.mean - expected) <= kSigmas * std::sqrt(m.variance / nd));
  }
  SECTION("zero sd gives the clamped mean") {
    Draws d({4, 0}, 0, 0, Purpose::kBenchmarkProbe);
    CHECK(dist::truncated_normal(d, 0.8, 0.0, 0.0, 1.0) == 0.8);
    CHECK(dist::truncated_normal(d, 1.7, 0.0, 0.0, 1.0) == 1.0);
    CHECK(dist::truncated_normal(d, -0.2, 0.0, 0.0, 1.0) == 0.0);
  }
  SECTION("an unreachable window falls back to the clamped mean") {
    Draws d({4, 0}, 1, 0, Purpose::kBenchmarkProbe);
    CHECK(dist::truncated_normal(d, 0.0, 1e-3, 0.5, 1.0) == 0.5);
  }
}

TEST_CASE("categorical picks each index with its share of the weights", "[rng][dist]") {
  const double weights[] = {5.0, 3.0, 0.0, 2.0};  // not normalised; index 2 can never be drawn
  SECTION("boundaries") {
    CHECK(dist::categorical(1e-12, weights, 4) == 0);
    CHECK(dist::categorical(0.4999, weights, 4) == 0);
    CHECK(dist::categorical(0.5001, weights, 4) == 1);
    CHECK(dist::categorical(0.7999, weights, 4) == 1);
    CHECK(dist::categorical(0.8001, weights, 4) == 3);
    CHECK(dist::categorical(1.0 - 1e-12, weights, 4) == 3);
    CHECK(dist::categorical(0.3, weights, 1) == 0);
  }
  SECTION("shares") {
    constexpr std::uint64_t n = 200000;
    std::vector<double> counts(4, 0.0);
    for (std::uint64_t i = 0; i < n; ++i)
      counts[dist::categorical(uniform01({8, 0}, i, 0, Purpose::kBenchmarkProbe), weights, 4)] += 1;
    const double nd = static_cast<double>(n);
    CHECK(counts[2] == 0.0);
    for (std::size_t i = 0; i < 4; ++i) {
      const double p = weights[i] / 10.0;
      INFO("index " << i << " share " << counts[i] / nd << " expected " << p);
      // Binomial SE: sqrt(p (1 - p) / n).
      CHECK(std::fabs(counts[i] / nd - p) <=
            kSigmas * mentorsim::testing::binomial_se(p, nd) + 1e-15);
    }
  }
}

TEST_CASE("bernoulli compares the uniform with p", "[rng][dist]") {
  CHECK(dist::bernoulli(0.2, 0.3));
  CHECK_FALSE(dist::bernoulli(0.3, 0.3));
  CHECK_FALSE(dist::bernoulli(bits_to_open01(0), 0.0));
  CHECK(dist::bernoulli(bits_to_open01(~std::uint64_t{0}), 1.0));
}

TEST_CASE("annual hazards and probabilities convert exactly", "[rng][dist]") {
  for (double h : {0.0, 0.1, 0.18, 0.4, 2.0, 10.0})
    CHECK(dist::weekly_probability_from_annual_hazard(h) ==
          Approx(1.0 - std::exp(-h / 52.0)).epsilon(1e-14).margin(1e-300));
  CHECK(dist::weekly_probability_from_annual_hazard(0.0) == 0.0);
  CHECK(dist::weekly_probability_from_annual_hazard(0.18) == Approx(0.0034556).epsilon(1e-4));
  // A 0.2 probability of leaving within a year is a hazard of -ln 0.8 = 0.2231 per year.
  CHECK(dist::annual_hazard_from_annual_probability(0.2) == Approx(0.22314355131).epsilon(1e-10));
  CHECK(dist::annual_hazard_from_annual_probability(0.0) == 0.0);
  // Round trip: 52 weeks at the weekly probability of hazard h leave with probability P.
  for (double P : {0.05, 0.2, 0.5, 0.9}) {
    const double p_week =
        dist::weekly_probability_from_annual_hazard(dist::annual_hazard_from_annual_probability(P));
    CHECK(1.0 - std::pow(1.0 - p_week, 52) == Approx(P).epsilon(1e-12));
  }
  // Tiny hazards keep full relative precision (expm1, not 1 - exp).
  CHECK(dist::weekly_probability_from_annual_hazard(1e-12) == Approx(1e-12 / 52).epsilon(1e-12));
}

TEST_CASE("the normal quantile inverts the distribution function; truncated normals stay inside",
          "[rng][distributions]") {
  using mentorsim::dist::normal_cdf;
  using mentorsim::dist::normal_quantile;
  using mentorsim::dist::truncated_normal_at;
  // Reference values (e.g. Abramowitz & Stegun table 26.5; R's qnorm).
  CHECK(normal_quantile(0.5) == Approx(0.0).margin(1e-15));
  CHECK(normal_quantile(0.975) == Approx(1.959963984540054).epsilon(1e-14));
  CHECK(normal_quantile(0.001) == Approx(-3.090232306167814).epsilon(1e-14));
  CHECK(normal_quantile(1e-10) == Approx(-6.361340902404056).epsilon(1e-12));
  for (double p = 0.0005; p < 1; p += 0.0131) {
    INFO("p = " << p);
    CHECK(normal_cdf(normal_quantile(p)) == Approx(p).epsilon(1e-13));
  }
  // Truncated to [lo, hi]: the ends at u = 0 and 1, the mean at u = 1/2 when symmetric, and
  // monotone in between.
  CHECK(truncated_normal_at(0.0, 0.5, 0.2, 0.1, 0.9) == 0.1);
  CHECK(truncated_normal_at(1.0, 0.5, 0.2, 0.1, 0.9) == 0.9);
  CHECK(truncated_normal_at(0.5, 0.5, 0.2, 0.1, 0.9) == Approx(0.5).margin(1e-12));
  double last = 0.1;
  for (double u = 0.01; u < 1; u += 0.01) {
    const double x = truncated_normal_at(u, 0.3, 0.05, 0.1, 0.9);
    CHECK(x >= last);
    last = x;
  }
  // Its quantiles: the median of N(0.3, 0.05) cut to [0.1, 0.9] is 0.3 (the cut mass is tiny).
  CHECK(truncated_normal_at(0.5, 0.3, 0.05, 0.1, 0.9) == Approx(0.3).margin(1e-9));
}
