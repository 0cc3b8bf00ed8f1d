// What a run costs (scenario/run_estimate.hpp), against the balance of joining and departure it
// assumes, and the population limit the loader enforces with it.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <cmath>
#include <string>

#include "core/error.hpp"
#include "input/scenario_loader.hpp"
#include "scenario/run_estimate.hpp"

using namespace mentorsim;

namespace {

Scenario scenario(const std::string& extra) {
  return params::load_scenario_text("[scenario]\nweeks = 100\n" + extra, "s.toml", {});
}

}  // namespace

TEST_CASE("the estimate follows the expected population week by week", "[estimate]") {
  // No departures: N_w = N_0 + A (w + 1); the sum over 100 weeks is 100 N_0 + A 5050.
  RunEstimate e =
      estimate_run(scenario("[population]\ninitial_size = 1000\n[joining]\narrivals_per_week = 10\n"
                            "[departure]\nenabled = false\n"));
  CHECK(e.peak_population == Approx(2000));
  CHECK(e.practitioner_weeks == Approx(100 * 1000 + 10 * 5050));
  CHECK(e.memory_bytes == Approx(kBaseBytes + kBytesPerPractitioner * 2000));
  // At the balance A / p the population stays where it is.
  const double p = -std::expm1(-0.18 / 52);
  e =
      estimate_run(scenario(fmt::format("[population]\ninitial_size = 1000\n[joining]\n"
                                        "arrivals_per_week = {}\n[departure]\nannual_rate = 0.18\n",
                                        1000 * p)));
  CHECK(e.practitioner_weeks == Approx(100 * 1000).epsilon(1e-9));
  // Intakes count spread over their interval: 520 every 52 weeks is 10 a week.
  const RunEstimate intakes = estimate_run(
      scenario("[population]\ninitial_size = 1000\n[joining]\narrivals_per_week = 0\n"
               "intake_every_weeks = 52\nintake_size = 520\n[departure]\nenabled = false\n"));
  CHECK(intakes.practitioner_weeks == Approx(100 * 1000 + 10 * 5050));
  CHECK(describe_estimate(intakes).rfind("about 2,000 practitioners at most, 150,500 ", 0) == 0);
  CHECK(amount_text(25.7e9) == "25.7 billion");
  CHECK(amount_text(1234567) == "1.23 million");
  CHECK(amount_text(999) == "999");
}

TEST_CASE("a population past the limit is refused at the key that drives it", "[estimate]") {
  try {
    scenario(
        "[population]\ninitial_size = 1000\n[joining]\narrivals_per_week = 1000000\n"
        "[departure]\nenabled = false\n");
    FAIL("expected an InputError");
  } catch (const InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    const Diagnostic& d = e.diagnostics().front();
    CHECK(d.line == 6);  // arrivals_per_week
    CHECK(d.message.find("about 100 million practitioners at most") != std::string::npos);
    CHECK(d.message.find("more than the 100 million practitioners a run may hold") !=
          std::string::npos);
  }
  CHECK_NOTHROW(
      scenario("[population]\ninitial_size = 1000\n[joining]\n"
               "arrivals_per_week = 100000\n"));
}
