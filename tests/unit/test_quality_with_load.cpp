// Quality falls with load (docs/model.md §7.3; group-models seed §2: "Each mentor can hold maybe
// 3–5 meaningful relationships before attention fractures"). One mentor of fixed skill 0.8 with n
// learners at 0.2, weekly sessions always held, alpha = 0.1, q = 0.8 (tests/support/
// closed_form_world.hpp): with relationships_before_dilution = K, each learner's gap closes as
// 0.6 (1 - alpha q min(1, K / n))^k after k sessions — exactly geometric, since the mentor's load
// does not change.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "engine/simulation.hpp"
#include "support/closed_form_world.hpp"

using namespace mentorsim;

namespace {
// Every learner's gap after `weeks` weekly sessions with `learners` learners and dilution at K.
std::vector<double> gaps(int learners, double K, Week weeks) {
  const Scenario s = testing::closed_form_world(
      true, {"population.initial_size=1", "population.senior_share=1.0", "joining.enabled=true",
             "joining.intake_every_weeks=520", "joining.intake_size=" + std::to_string(learners),
             "knowledge.enabled=true", "programme.0.capacity=" + std::to_string(learners),
             "programme.0.max_mentees=" + std::to_string(learners),
             "knowledge.relationships_before_dilution=" + std::to_string(K),
             "scenario.weeks=" + std::to_string(weeks)});
  Simulation sim(s, 0);
  sim.run();
  const World& w = sim.world();
  std::vector<double> out;
  for (TieRow t = 0; t < w.ties.size(); ++t)
    out.push_back(0.8 - w.people.skill_row(w.ties.learner[t])[0]);
  return out;
}
}  // namespace

TEST_CASE("a mentor past relationships_before_dilution gives each relationship K / n of quality",
          "[knowledge][load]") {
  const double aq = 0.1 * 0.8;
  const Week weeks = 30;
  const auto [learners, K, factor] = GENERATE(table<int, double, double>({
      {8, 4.0, 0.5},   // twice the relationships a mentor holds well: half the quality
      {4, 4.0, 1.0},   // at the limit: full quality
      {3, 5.0, 1.0},   // below it
      {10, 5.0, 0.5},  // the default K
      {8, 0.0, 1.0},   // switched off
  }));
  INFO(learners << " learners, K = " << K);
  const std::vector<double> g = gaps(learners, K, weeks);
  REQUIRE(g.size() == static_cast<std::size_t>(learners));
  for (double gap : g) CHECK(gap == Approx(0.6 * std::pow(1 - aq * factor, weeks)).margin(1e-5));
}
