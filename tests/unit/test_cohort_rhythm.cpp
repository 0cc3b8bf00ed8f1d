// A group cohort's rhythm (models/cohort_rhythm.hpp): the held probability and the rhythm's update
// are the stated formulas, and iterating the expected rhythm converges to the closed-form fixed
// point R*, from above (a new cohort) and from below (a cohort recovering once its facilitator's
// burnout is over).
#include <catch2/catch.hpp>

#include <cmath>

#include "models/cohort_rhythm.hpp"

using namespace mentorsim::group_cohort;

namespace {
// E[R'] = (1 - w) E[R] + w P(held | E[R]): exact, since P(held) is linear in R.
double expected_after(const RhythmRule& rule, double rhythm, bool burned_out, int sessions) {
  for (int i = 0; i < sessions; ++i)
    rhythm =
        (1.0 - rule.weight) * rhythm + rule.weight * held_probability(rule, rhythm, burned_out);
  return rhythm;
}
}  // namespace

TEST_CASE("a session is held with (1 - s)(1 - c(1 - R))(1 - b)", "[group_cohort][rhythm]") {
  const RhythmRule rule{0.1, 0.5, 0.25, 0.3};
  CHECK(held_probability(rule, 1.0, false) == Approx(0.9));
  CHECK(held_probability(rule, 0.6, false) == Approx(0.9 * (1 - 0.5 * 0.4)));
  CHECK(held_probability(rule, 0.6, true) == Approx(0.9 * 0.8 * 0.7));
  CHECK(held_probability(RhythmRule{0, 0.9, 0.25, 0.3}, 1.0, false) == 1.0);  // never slips
  CHECK(next_rhythm(rule, 0.6, true) == Approx(0.75 * 0.6 + 0.25));
  CHECK(next_rhythm(rule, 0.6, false) == Approx(0.75 * 0.6));
}

TEST_CASE("the expected rhythm converges to R* = (1-s)(1-b)(1-c) / (1 - c(1-s)(1-b))",
          "[group_cohort][rhythm]") {
  const RhythmRule rule{0.1, 0.5, 0.25, 0.3};
  const double calm = 0.9 * 0.5 / (1 - 0.5 * 0.9);
  const double strained = 0.9 * 0.7 * 0.5 / (1 - 0.5 * 0.9 * 0.7);
  CHECK(stationary_rhythm(rule, false) == Approx(calm));
  CHECK(stationary_rhythm(rule, true) == Approx(strained));
  // A new cohort starts in full rhythm and drifts down to R*.
  CHECK(expected_after(rule, 1.0, false, 400) == Approx(calm).epsilon(1e-12));
  // Burnout drags it to the lower fixed point; once the facilitator recovers it climbs back.
  const double low = expected_after(rule, 1.0, true, 400);
  CHECK(low == Approx(strained).epsilon(1e-12));
  CHECK(expected_after(rule, low, false, 400) == Approx(calm).epsilon(1e-12));
}

TEST_CASE("with full contagion any slip chance decays every cohort; without it none is lost",
          "[group_cohort][rhythm]") {
  CHECK(stationary_rhythm(RhythmRule{0.05, 1.0, 0.25, 0.0}, false) == 0.0);
  CHECK(expected_after(RhythmRule{0.05, 1.0, 0.25, 0.0}, 1.0, false, 2000) < 1e-6);
  CHECK(stationary_rhythm(RhythmRule{0.0, 1.0, 0.25, 0.0}, false) == 1.0);
  CHECK(stationary_rhythm(RhythmRule{0.2, 0.0, 0.25, 0.0}, false) == Approx(0.8));  // c = 0
}
