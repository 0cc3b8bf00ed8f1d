// Every bundled scenario of the quick start's comparison (a shock in each, every model, the blended
// ecosystem), shortened, is bit-identical at 1, 2 and 4 threads: every weekly value and every
// summary, NaNs included (one canonical NaN, whatever computed it).
#include <catch2/catch.hpp>

#include "support/same_results.hpp"

#include <cmath>
#include <string>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"

using namespace mentorsim;

using mentorsim::testing::differences;
using mentorsim::testing::with_threads;

TEST_CASE("the bundled comparison's scenarios are bit-identical for 1, 2 and 4 threads",
          "[determinism]") {
  const std::string file =
      GENERATE("01_one_on_one_shock", "11_group_cohort_shock", "21_peer_pod_shock",
               "31_constellation_shock", "41_ecosystem_shock");
  INFO(file);
  // Three years of a fifth of the organisation: every mechanism and the shock (week 130) happen.
  const Scenario s = params::load_scenario_file(
      std::string(MENTORSIM_SOURCE_DIR) + "/scenarios/compare/" + file + ".toml",
      {"scenario.weeks=156", "population.initial_size=400", "joining.arrivals_per_week=1.4"});
  const RunResult one = with_threads(1, [&] { return Simulation(s, 1).run(); });
  bool any_nan = false;
  for (const auto& v : one.summary) any_nan = any_nan || std::isnan(v.value);
  for (const auto& series : one.weekly)
    for (double v : series.values) any_nan = any_nan || std::isnan(v);
  CHECK(any_nan);  // undefined values are part of what must agree
  CHECK(differences(one, with_threads(2, [&] { return Simulation(s, 1).run(); })) == 0);
  CHECK(differences(one, with_threads(4, [&] { return Simulation(s, 1).run(); })) == 0);
}
