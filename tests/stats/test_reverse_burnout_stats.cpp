// Target pattern (docs/model.md §7.10; constellation seed §5: "Reverse mentoring, if not done with
// care, can burden junior people with invisible labour"; seed 002: reverse mentoring "must be
// protected time"): where seniors outnumber the juniors who can teach them, the juniors' invisible
// labour burns them out unless their time is protected. The bundled organisation has about one
// senior per hundred practitioners and reverse mentoring costs its juniors almost nothing there;
// this test takes an organisation with many seniors (30%), juniors of under a year's tenure as
// the only teachers, each teaching up to three seniors weekly, and switches protected time on and
// off with the same draws (common random numbers), replicate by replicate.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "engine/replicates.hpp"
#include "support/run_values.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;
using mentorsim::testing::summary_value;

TEST_CASE("reverse-mentoring juniors burn out without protected time, hardly with it",
          "[stats][reverse][pattern]") {
  const auto peaks = [](const std::string& protected_time) {
    const Scenario s = testing::bundled(
        "reverse", 156,
        {"population.senior_share=0.3", "joining.newcomer_senior_share=0.3",
         "programme.0.junior_max_tenure_weeks=52", "programme.0.capacity=3",
         "programme.0.cadence_weeks=1", "programme.0.protected_time=" + protected_time});
    std::vector<double> out;
    for (const RunResult& run : run_replicates(s, 4)) {
      out.push_back(summary_value(run, "peak_burned_out_share/reverse_junior"));
      CHECK(summary_value(run, "mean_reverse_junior_hours") > 50);  // the labour is visible
    }
    return out;
  };
  const std::vector<double> bare = peaks("false"), guarded = peaks("true");
  double mean_bare = 0, mean_guarded = 0;
  for (std::size_t r = 0; r < bare.size(); ++r) {
    INFO("replicate " << r << ": peak burned-out share of reverse juniors " << bare[r]
                      << " without protected time, " << guarded[r] << " with it");
    CHECK(bare[r] > guarded[r]);
    mean_bare += bare[r] / static_cast<double>(bare.size());
    mean_guarded += guarded[r] / static_cast<double>(guarded.size());
  }
  INFO("means: " << mean_bare << " without, " << mean_guarded << " with");
  CHECK(mean_bare > 0.2);
  CHECK(mean_guarded < 0.1);
}
