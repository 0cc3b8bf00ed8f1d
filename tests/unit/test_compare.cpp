// `mentorsim compare`'s statistics and tables: paired differences against hand-computed values,
// common random numbers (identical arms differ by exactly 0), and thread independence.
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "engine/replicates.hpp"
#include "output/comparison.hpp"
#include "params/scenario_loader.hpp"
#include "support/same_results.hpp"

using namespace mentorsim;

namespace {

// One run per value: replicate r reports `metric` = values[r].
std::vector<RunResult> runs_with(const std::string& metric, const std::vector<double>& values) {
  std::vector<RunResult> runs;
  for (size_t r = 0; r < values.size(); ++r) {
    RunResult run;
    run.run_id = "r000" + std::to_string(r);
    run.scenario_name = "synthetic";
    run.seed = 7;
    run.replicate = r;
    run.weeks = 10;
    run.summary = {{metric, values[r], "people", "A test metric"}};
    runs.push_back(run);
  }
  return runs;
}

const ArmMetric& arm_of(const Comparison& c, size_t arm) {
  REQUIRE(c.metrics.size() == 1);
  REQUIRE(c.metrics[0].arms.size() > arm);
  return c.metrics[0].arms[arm];
}

constexpr double kT3 = 3.18244630528371;  // t(0.975, 3 degrees of freedom)

Scenario bundled(const std::string& model) {
  return params::load_scenario_file(
      std::string(MENTORSIM_SOURCE_DIR) + "/scenarios/models/" + model + ".toml",
      {"scenario.weeks=26", "scenario.replicates=3"});
}

}  // namespace

TEST_CASE("paired differences match hand-computed values", "[compare]") {
  // Differences 1, 2, 2, 2: mean 1.75, sd 0.5, half-width t(3) * 0.5 / sqrt(4).
  const Comparison c = compare_arms({{"base", "b.toml", runs_with("m", {1, 2, 3, 4})},
                                     {"other", "o.toml", runs_with("m", {2, 4, 5, 6})}});
  const ArmMetric& base = arm_of(c, 0);
  CHECK(base.is_baseline);
  CHECK(base.stats.mean == Approx(2.5));
  CHECK(base.stats.ci_high == Approx(2.5 + kT3 * std::sqrt(5.0 / 3.0) / 2));
  CHECK(std::isnan(base.difference.mean));
  const ArmMetric& other = arm_of(c, 1);
  CHECK_FALSE(other.is_baseline);
  CHECK(other.n_paired == 4);
  CHECK(other.stats.mean == Approx(4.25));
  CHECK(other.difference.mean == Approx(1.75));
  CHECK(other.difference.sd == Approx(0.5));
  CHECK(other.difference.low == Approx(1.75 - kT3 * 0.25));
  CHECK(other.difference.high == Approx(1.75 + kT3 * 0.25));
  CHECK(other.significant);
  CHECK(c.seed == 7);
  CHECK(c.replicates == 4);
}

TEST_CASE("an interval that contains 0 is not significant, and is not clipped", "[compare]") {
  // Differences -1, 1, -1, 2: mean 0.25, sd 1.5.
  const Comparison c = compare_arms({{"base", "b.toml", runs_with("m", {1, 2, 3, 4})},
                                     {"other", "o.toml", runs_with("m", {0, 3, 2, 6})}});
  const ArmMetric& other = arm_of(c, 1);
  CHECK(other.difference.mean == Approx(0.25));
  CHECK(other.difference.low == Approx(0.25 - kT3 * 0.75));  // negative: differences can be
  CHECK(other.difference.high == Approx(0.25 + kT3 * 0.75));
  CHECK_FALSE(other.significant);
}

TEST_CASE("significance needs an interval that excludes 0", "[compare]") {
  const double nan = std::nan("");
  CHECK(interval_excludes_zero({1, 1, 0.1, 2}));
  CHECK(interval_excludes_zero({-1, 1, -2, -0.1}));
  CHECK_FALSE(interval_excludes_zero({0, 1, -1, 1}));
  CHECK_FALSE(interval_excludes_zero({0, 0, 0, 0}));        // identical arms
  CHECK_FALSE(interval_excludes_zero({1, nan, nan, nan}));  // one replicate: no interval
}

TEST_CASE("differences are paired by replicate index, not by position", "[compare]") {
  auto other = runs_with("m", {10, 20, 30});
  std::swap(other[0], other[2]);  // replicates 2, 1, 0
  const Comparison c =
      compare_arms({{"base", "b", runs_with("m", {1, 2, 3})}, {"other", "o", other}});
  CHECK(arm_of(c, 1).difference.mean == Approx((9 + 18 + 27) / 3.0));
  CHECK(arm_of(c, 1).difference.sd == Approx(9));
}

TEST_CASE("one replicate gives means but no intervals", "[compare]") {
  const Comparison c =
      compare_arms({{"base", "b", runs_with("m", {1})}, {"other", "o", runs_with("m", {3})}});
  CHECK(arm_of(c, 1).difference.mean == 2);
  CHECK(std::isnan(arm_of(c, 1).difference.low));
  CHECK_FALSE(arm_of(c, 1).significant);
  std::istringstream text(format_comparison(c, "text"));
  std::vector<std::string> cells;  // of the row "  other  3  -  +2  -"
  for (std::string line; std::getline(text, line);) {
    if (line.rfind("  other ", 0) != 0) continue;
    std::istringstream row(line);
    for (std::string cell; row >> cell;) cells.push_back(cell);
  }
  CHECK(cells == std::vector<std::string>{"other", "3", "-", "+2", "-"});
  CHECK(format_comparison(c, "csv") ==
        "metric,scenario,mean,ci_low,ci_high,diff,diff_low,diff_high,significant\n"
        "m,base,1,,,,,,\nm,other,3,,,2,,,false\n");
}

TEST_CASE("a metric one arm does not report is shown as missing", "[compare]") {
  const Comparison c =
      compare_arms({{"base", "b", runs_with("m", {1, 2})}, {"other", "o", runs_with("x", {3, 4})}});
  REQUIRE(c.metrics.size() == 2);
  CHECK(c.metrics[0].name == "m");
  CHECK(c.metrics[1].name == "x");
  CHECK(c.metrics[0].arms[1].n_paired == 0);
  CHECK(std::isnan(c.metrics[0].arms[1].stats.mean));
  CHECK(std::isnan(c.metrics[1].arms[0].stats.mean));
  CHECK(format_comparison(c, "json").find("\"n\": 0") != std::string::npos);
}

TEST_CASE("scenario labels are unique single HDF5 link names", "[compare]") {
  CHECK(unique_scenario_labels({"a", "b", "a", "a", "a/b", "", ".", "a-2"}) ==
        std::vector<std::string>{"a", "b", "a-2", "a-3", "a_b", "scenario", "scenario-2", "a-2-2"});
}

TEST_CASE("every format renders; the text table fits 100 columns", "[compare]") {
  const Comparison c =
      compare_arms({{"baseline-with-a-very-long-label", "b.toml", runs_with("m", {1, 2, 3, 4})},
                    {"other", "o.toml", runs_with("m", {-1234567, 4, 5, 6})}});
  std::istringstream text(format_comparison(c, "text"));
  for (std::string line; std::getline(text, line);) CHECK(line.size() <= 100);
  CHECK(format_comparison(c, "markdown").find("| m | people | other |") != std::string::npos);
  const std::string json = format_comparison(c, "json");
  CHECK(json.find("\"baseline\": \"baseline-with-a-very-long-label\"") != std::string::npos);
  CHECK(json.find("\"differences\": {\n        \"other\": {\"mean\": ") != std::string::npos);
  CHECK_THROWS_AS(format_comparison(c, "yaml"), InputError);
}

TEST_CASE("two arms with the same scenario differ by exactly 0 (common random numbers)",
          "[compare]") {
  const Scenario scenario = bundled("one_on_one");
  const auto runs = run_replicates(scenario, 3);
  const Comparison c = compare_arms({{"a", "a", runs}, {"b", "b", run_replicates(scenario, 3)}});
  REQUIRE(c.metrics.size() > 5);
  for (const auto& m : c.metrics) {
    INFO(m.name);
    const ArmMetric& b = m.arms[1];
    CHECK(b.n_paired == 3);
    CHECK(b.difference.mean == 0);
    CHECK(b.difference.low == 0);
    CHECK(b.difference.high == 0);
    CHECK_FALSE(b.significant);
  }
}

TEST_CASE("the comparison does not depend on the thread count", "[compare][threads]") {
  const std::vector<Scenario> scenarios = {bundled("one_on_one"), bundled("peer_pod")};
  auto compare_at = [&](int threads) {
    return testing::with_threads(threads, [&] {
      std::vector<ComparisonArm> arms;
      for (const auto& s : scenarios) arms.push_back({s.meta.name, s.source, run_replicates(s, 3)});
      return arms;
    });
  };
  const auto one = compare_at(1), two = compare_at(2);
  for (size_t a = 0; a < one.size(); ++a)
    for (size_t r = 0; r < one[a].runs.size(); ++r)
      CHECK(testing::differences(one[a].runs[r], two[a].runs[r]) == 0);
  for (const char* format : {"text", "markdown", "csv", "json"})
    CHECK(format_comparison(compare_arms(one), format) ==
          format_comparison(compare_arms(two), format));
}
