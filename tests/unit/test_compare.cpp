// `mentorsim compare`'s statistics and tables: paired differences against hand-computed values,
// common random numbers (identical arms differ by exactly 0), and thread independence.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "engine/replicates.hpp"
#include "input/scenario_loader.hpp"
#include "output/comparison.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"
#include "support/text.hpp"

using namespace mentorsim;
using mentorsim::testing::lines_of;

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
  return testing::bundled(model, 26, {"scenario.replicates=3"});
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
    // A summary undefined in a replicate (NaN, e.g. a Kaplan-Meier median the run never reaches)
    // has no difference; the two arms must still agree value for value, NaN for NaN.
    const std::vector<double>& base = m.arms[0].stats.values;
    if (std::any_of(base.begin(), base.end(), [](double v) { return std::isnan(v); })) {
      const std::vector<double>& other = b.stats.values;
      REQUIRE(other.size() == base.size());
      for (std::size_t i = 0; i < base.size(); ++i)
        CHECK((std::isnan(base[i]) ? std::isnan(other[i]) : other[i] == base[i]));
      CHECK_FALSE(b.significant);
      continue;
    }
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

namespace {

// Replicate r reports every (name, values[r]) of `metrics`; units "share".
std::vector<RunResult> runs_of(
    const std::vector<std::pair<std::string, std::vector<double>>>& metrics, size_t replicates) {
  std::vector<RunResult> runs = runs_with("unused", std::vector<double>(replicates, 0));
  for (size_t r = 0; r < replicates; ++r) {
    runs[r].summary.clear();
    for (const auto& [name, values] : metrics)
      runs[r].summary.push_back({name, values[r], "share", "What " + name + " measures."});
  }
  return runs;
}

// The lines of the block titled `name ...`, up to the next blank line.
std::vector<std::string> block(const std::vector<std::string>& lines, const std::string& name) {
  std::vector<std::string> out;
  bool in = false;
  for (const auto& line : lines) {
    if (!in && line.rfind(name + " [", 0) == 0) in = true;
    if (in && line.empty()) break;
    if (in) out.push_back(line);
  }
  return out;
}

// A baseline without a shock and two arms with one: effective coverage up (better) and burnout
// up (worse) in "up", a shock metric only in the shock arms, and an unlisted metric.
Comparison shocked_comparison() {
  const auto base = runs_of({{"final_participation", {1, 1, 1, 1}},
                             {"mean_effective_coverage", {0.1, 0.2, 0.3, 0.4}},
                             {"peak_burned_out_load_carrier_share", {10, 20, 30, 40}}},
                            4);
  const auto up = runs_of({{"final_participation", {1, 1, 1, 1}},
                           {"mean_effective_coverage", {0.2, 0.4, 0.5, 0.6}},
                           {"peak_burned_out_load_carrier_share", {12, 23, 33, 43}},
                           {"shock1/vs_twin/knowledge_lost_52w", {0.9, 0.8, 0.85, 0.95}}},
                          4);
  const auto same = runs_of({{"final_participation", {1, 1, 1, 1}},
                             {"mean_effective_coverage", {0.1, 0.2, 0.3, 0.4}},
                             {"peak_burned_out_load_carrier_share", {10, 20, 30, 40}},
                             {"shock1/vs_twin/knowledge_lost_52w", {0.5, 0.6, 0.7, 0.8}}},
                            4);
  return compare_arms({{"base", "base.toml", base},
                       {"up_shock", "up.toml", up},
                       {"same_shock", "same.toml", same}});
}

}  // namespace

TEST_CASE("selecting metrics keeps their statistics and sets group and direction",
          "[compare][metrics-selection]") {
  const Comparison all = shocked_comparison();
  REQUIRE(all.metrics.size() == 4);
  const Comparison headline = select_comparison(all, parse_metric_selection("headline"));
  std::vector<std::string> names, groups;
  for (const auto& m : headline.metrics) {
    names.push_back(m.name);
    groups.push_back(m.group);
  }
  CHECK(names == std::vector<std::string>{"mean_effective_coverage",
                                          "peak_burned_out_load_carrier_share",
                                          "shock1/vs_twin/knowledge_lost_52w"});
  CHECK(groups == std::vector<std::string>{"Reach", "Burnout", "Resilience"});
  CHECK(headline.metrics[0].better == Better::kHigher);
  CHECK(headline.metrics[0].arms[1].difference.mean == all.metrics[1].arms[1].difference.mean);
  CHECK(headline.labels == all.labels);
  const Comparison listed = select_comparison(all, parse_metric_selection("shock*/*,final_*"));
  REQUIRE(listed.metrics.size() == 2);
  CHECK(listed.metrics[0].name == "shock1/vs_twin/knowledge_lost_52w");
  CHECK(listed.metrics[0].group.empty());
  CHECK(listed.metrics[1].name == "final_participation");
  CHECK_THROWS_AS(select_comparison(all, parse_metric_selection("final_participation,nope")),
                  InputError);
}

TEST_CASE("the headline text table: group headings, directions, better and worse",
          "[compare][metrics-selection]") {
  const Comparison c = select_comparison(shocked_comparison(), parse_metric_selection("headline"));
  const auto lines = lines_of(format_comparison(c, "text"));
  for (const auto& line : lines) CHECK(line.size() <= 100);
  CHECK(std::find(lines.begin(), lines.end(), "== Reach: who is served, and how soon ==") !=
        lines.end());
  CHECK(std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
          return l.rfind("headline metrics only: --metrics all", 0) == 0;
        }) != lines.end());
  const auto coverage = block(lines, "mean_effective_coverage");
  REQUIRE(coverage.size() == 5);  // title, column titles, three scenarios
  CHECK_THAT(coverage[0],
             Catch::StartsWith("mean_effective_coverage [share; higher is better]: What"));
  CHECK_THAT(coverage[3], Catch::StartsWith("  up_shock ") && Catch::EndsWith(" * better"));
  CHECK_THAT(coverage[4], Catch::StartsWith("  same_shock ") && Catch::EndsWith("]"));
  const auto waiting = block(lines, "peak_burned_out_load_carrier_share");
  REQUIRE(waiting.size() == 5);
  CHECK_THAT(waiting[0],
             Catch::StartsWith("peak_burned_out_load_carrier_share [share; lower is better]"));
  CHECK_THAT(waiting[3], Catch::EndsWith(" * worse"));
  // Reported only by the shock arms: their values, no differences, and a note saying why.
  const auto shock = block(lines, "shock1/vs_twin/knowledge_lost_52w");
  REQUIRE(shock.size() == 6);
  CHECK_THAT(shock[2], Catch::StartsWith("  up_shock ") && Catch::Contains(" 0.875 ") &&
                           Catch::EndsWith("]"));
  CHECK_THAT(shock[3], Catch::StartsWith("  same_shock ") && Catch::Contains(" 0.65 ") &&
                           Catch::EndsWith("]"));
  CHECK(shock[4] == "  no diff: the baseline base does not report this metric");
  CHECK(shock[5] == "  not reported by base");
  // Every block lines up: the mean column ends at the same place.
  const size_t mean_end = coverage[1].find("mean") + 4;
  for (const auto* b : {&coverage, &waiting, &shock})
    for (size_t i = 1; i < b->size() && (*b)[i].rfind("  no diff", 0) != 0 &&
                       (*b)[i].rfind("  not reported", 0) != 0;
         ++i) {
      INFO((*b)[i]);
      CHECK((*b)[i][mean_end] == ' ');
      CHECK((*b)[i][mean_end - 1] != ' ');
    }
}

TEST_CASE("markdown tables are grouped for the headline set; csv and json keep their shape",
          "[compare][metrics-selection]") {
  const Comparison c = select_comparison(shocked_comparison(), parse_metric_selection("headline"));
  const std::string md = format_comparison(c, "markdown");
  CHECK(md.find("**Reach** — who is served, and how soon\n\n| metric |") != std::string::npos);
  CHECK(md.find("**Resilience**") != std::string::npos);
  CHECK(md.find("| mean_effective_coverage | share; higher is better | up_shock |") !=
        std::string::npos);
  CHECK(md.find("| * better |") != std::string::npos);
  const size_t shock_row = md.find(
      "| shock1/vs_twin/knowledge_lost_52w | share; lower is better | up_shock | 0.875 | [");
  REQUIRE(shock_row != std::string::npos);
  const std::string row = md.substr(shock_row, md.find('\n', shock_row) - shock_row);
  CHECK_THAT(row, Catch::EndsWith("] |  |  |  |"));  // no diff, no interval, no mark
  const std::string csv = format_comparison(c, "csv");
  CHECK(csv.find("final_participation") == std::string::npos);
  CHECK(csv.find("shock1/vs_twin/knowledge_lost_52w,up_shock,0.875,") != std::string::npos);
}

TEST_CASE("with worst-case numbers and long labels the text table still fits 100 columns",
          "[compare][metrics-selection]") {
  const auto base = runs_of({{"mean_participation", {-1234567, 1e-300, 2, 3}}}, 4);
  const auto other = runs_of({{"mean_participation", {-7654321, 5e9, 7e9, 9e9}}}, 4);
  const Comparison c =
      select_comparison(compare_arms({{"a_scenario_label_that_is_long", "a.toml", base},
                                      {"another_long_scenario_label_here", "b.toml", other}}),
                        parse_metric_selection("headline"));
  for (const auto& line : lines_of(format_comparison(c, "text"))) {
    INFO(line);
    CHECK(line.size() <= 100);
  }
}

TEST_CASE("a metric without any value is one line, not a block of dashes",
          "[compare][metrics-selection]") {
  const double nan = std::nan("");
  const Comparison c =
      compare_arms({{"base", "b", runs_of({{"time_to_competence_median_weeks", {nan, nan}}}, 2)},
                    {"other", "o", runs_of({{"time_to_competence_median_weeks", {nan, nan}}}, 2)}});
  const auto lines = lines_of(format_comparison(c, "text"));
  const auto b = block(lines, "time_to_competence_median_weeks");
  REQUIRE(b.size() == 2);
  CHECK(b[1] == "  no value in any scenario or replicate");
}

TEST_CASE("interval ends get more digits only when three would print them alike",
          "[compare][metrics-selection]") {
  const Comparison c =
      compare_arms({{"base", "b", runs_of({{"m", {1.001, 1.002, 1.003, 1.002}}}, 4)},
                    {"other", "o", runs_of({{"m", {0.25, 0.5, 0.75, 0.5}}}, 4)}});
  const auto b = block(lines_of(format_comparison(c, "text")), "m");
  REQUIRE(b.size() == 4);
  CHECK_THAT(b[2], Catch::Contains("[1.001, 1.003]"));  // not "[1, 1]"
  CHECK_THAT(b[3], Catch::Contains("[0.175, 0.825]"));
}
