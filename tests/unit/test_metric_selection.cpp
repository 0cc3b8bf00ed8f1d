// --metrics: glob patterns, the headline set, and the selection shared by `run` and `compare`.
#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "output/metric_selection.hpp"
#include "output/summary_format.hpp"

using namespace mentorsim;

namespace {

std::vector<std::string> chosen_names(const std::vector<std::string>& names,
                                      const MetricSelection& selection) {
  std::vector<std::string> out;
  for (const auto& s : select_metrics(names, selection)) out.push_back(names[s.index]);
  return out;
}

std::string input_error_text(const std::vector<std::string>& names, const std::string& spec) {
  try {
    select_metrics(names, parse_metric_selection(spec));
  } catch (const InputError& e) {
    return e.diagnostics().at(0).to_string();
  }
  return "no error";
}

}  // namespace

TEST_CASE("glob patterns: '*' spans any characters, '/' included; '?' one", "[metrics-selection]") {
  CHECK(glob_match("mean_participation", "mean_participation"));
  CHECK_FALSE(glob_match("mean_participation", "mean_participation_by_group"));
  CHECK_FALSE(glob_match("mean_participation", "final_mean_participation"));
  CHECK(glob_match("shock*/knowledge_retained", "shock1/knowledge_retained"));
  CHECK(glob_match("shock*/knowledge_retained", "shock12/knowledge_retained"));
  CHECK_FALSE(glob_match("shock*/knowledge_retained", "shock1/recovery_weeks"));
  CHECK(glob_match("shock1/*", "shock1/recovery_weeks"));
  CHECK(glob_match("*", ""));
  CHECK(glob_match("*_total", "departures_burnout_total"));
  CHECK(glob_match("mean_*_gini", "mean_load_gini"));
  CHECK(glob_match("mean_*_gini", "mean_hours_received_gini"));
  CHECK_FALSE(glob_match("mean_*_gini", "mean_load_gini_x"));
  CHECK(glob_match("shock?/*", "shock2/a/b"));
  CHECK_FALSE(glob_match("shock?/*", "shock12/a"));
  CHECK(glob_match("a*b*c", "aXbYbZc"));
  CHECK_FALSE(glob_match("a*b*c", "aXbYbZ"));
  CHECK_FALSE(glob_match("", "a"));
}

TEST_CASE("metric selections parse: headline, all or a list", "[metrics-selection]") {
  CHECK(parse_metric_selection("headline").kind == MetricSelection::Kind::headline);
  CHECK(parse_metric_selection(" all ").kind == MetricSelection::Kind::all);
  const MetricSelection list = parse_metric_selection("mean_participation, shock*/* ,x");
  CHECK(list.kind == MetricSelection::Kind::list);
  CHECK(list.patterns == std::vector<std::string>{"mean_participation", "shock*/*", "x"});
  CHECK_THROWS_AS(parse_metric_selection(""), InputError);
  CHECK_THROWS_AS(parse_metric_selection("  "), InputError);
  CHECK_THROWS_AS(parse_metric_selection("a,,b"), InputError);
  CHECK_THROWS_AS(parse_metric_selection("a,"), InputError);
  // The tables people read default to the headline set, the ones scripts read to every metric.
  CHECK(default_metric_selection("text").kind == MetricSelection::Kind::headline);
  CHECK(default_metric_selection("markdown").kind == MetricSelection::Kind::headline);
  CHECK(default_metric_selection("csv").kind == MetricSelection::Kind::all);
  CHECK(default_metric_selection("json").kind == MetricSelection::Kind::all);
}

TEST_CASE("the headline set is grouped Reach, Burnout, Resilience, Growth, Input, Equity, Cost",
          "[metrics-selection]") {
  std::vector<std::string> headings, patterns;
  for (const auto& g : headline_groups()) {
    headings.emplace_back(g.heading);
    CHECK_FALSE(g.question.empty());
    for (const auto& e : g.entries) {
      patterns.emplace_back(e.pattern);
      CHECK(e.better != Better::kNeither);
    }
  }
  CHECK(headings == std::vector<std::string>{"Reach", "Burnout", "Resilience", "Growth", "Input",
                                             "Equity", "Cost"});
  // Issue 14: who is served and how soon, who burns out, what survives a shock against its twin,
  // who grows, at what input.
  for (const char* name : {"served_within_4w_share",
                           "served_within_13w_share",
                           "served_within_26w_share",
                           "mean_effective_coverage",
                           "mean_developers_per_learner",
                           "peak_burned_out_load_carrier_share",
                           "departures_burnout_total",
                           "mean_load_gini",
                           "mean_single_developer_share",
                           "isolation_events_total",
                           "shock{shock}/vs_twin/knowledge_lost_52w",
                           "shock{shock}/vs_twin/orphaned_learners_0w",
                           "shock{shock}/vs_twin/orphan_weeks_52w",
                           "shock{shock}/vs_twin/served_learners_lost_13w",
                           "shock{shock}/vs_twin/recovery_weeks",
                           "final_competent_share",
                           "never_competent_share",
                           "competent_within_52w_share",
                           "effective_coverage_weeks_per_senior_hour",
                           "competence_per_100_senior_hours",
                           "mean_access_ratio",
                           "cost_per_covered_practitioner_year"}) {
    INFO(name);
    CHECK(std::find(patterns.begin(), patterns.end(), name) != patterns.end());
  }
  // Participation follows demand and the mentor-only burnout share misses most burnout: neither
  // heads the table any more.
  for (const char* name : {"mean_participation", "peak_burned_out_mentor_share",
                           "shock{shock}/knowledge_retained", "shock{shock}/recovery_weeks"}) {
    INFO(name);
    CHECK(std::find(patterns.begin(), patterns.end(), name) == patterns.end());
  }
}

TEST_CASE("headline selection: group order, patterns expanded, absent names skipped",
          "[metrics-selection]") {
  // In report order, as a run reports them: headline names scattered among others; no cost or
  // time-to-competence metrics (families not recorded yet must simply be skipped).
  const std::vector<std::string> names = {"final_participation",
                                          "mean_effective_coverage",
                                          "mean_load_gini",
                                          "shock2/vs_twin/recovery_weeks",
                                          "shock1/vs_twin/recovery_weeks",
                                          "shock1/vs_twin/knowledge_lost_52w",
                                          "final_competent_share",
                                          "served_within_4w_share",
                                          "mean_access_ratio",
                                          "mean_hours_received_gini"};
  const auto selected = select_metrics(names, parse_metric_selection("headline"));
  std::vector<std::string> got, groups;
  for (const auto& s : selected) {
    got.push_back(names[s.index]);
    groups.push_back(s.group);
  }
  // Within a theme, in the order the metric groups declare them (metrics/catalogue.cpp).
  CHECK(got == std::vector<std::string>{
                   "served_within_4w_share", "mean_effective_coverage", "mean_load_gini",
                   "shock1/vs_twin/knowledge_lost_52w", "shock2/vs_twin/recovery_weeks",
                   "shock1/vs_twin/recovery_weeks", "final_competent_share", "mean_access_ratio"});
  CHECK(groups == std::vector<std::string>{"Reach", "Reach", "Burnout", "Resilience", "Resilience",
                                           "Resilience", "Growth", "Equity"});
  CHECK(selected[0].better == Better::kHigher);  // served within 4 weeks
  CHECK(selected[1].better == Better::kHigher);  // effective coverage
  CHECK(selected[4].better == Better::kLower);   // recovery weeks
  CHECK(select_metrics({"final_participation"}, parse_metric_selection("headline")).empty());
}

TEST_CASE("all and list selections", "[metrics-selection]") {
  const std::vector<std::string> names = {"b", "mean_participation", "shock1/x", "shock1/y", "a"};
  const auto all = select_metrics(names, parse_metric_selection("all"));
  REQUIRE(all.size() == names.size());
  for (size_t i = 0; i < all.size(); ++i) {
    CHECK(all[i].index == i);
    CHECK(all[i].group.empty());
  }
  CHECK(all[1].better == Better::kHigher);   // directions come from the declarations regardless
  CHECK(all[0].better == Better::kNeither);  // undeclared
  // In the order given; each name once, where first selected.
  CHECK(chosen_names(names, parse_metric_selection("a,shock1/*,b,shock1/y")) ==
        std::vector<std::string>{"a", "shock1/x", "shock1/y", "b"});
  CHECK(chosen_names(names, parse_metric_selection("*")) == names);
}

TEST_CASE("an unknown metric name is an input error listing the valid choices",
          "[metrics-selection]") {
  const std::vector<std::string> names = {"mean_participation", "peak_waiting_list"};
  const std::string text = input_error_text(names, "mean_participation,nonsense,shock*/*");
  CHECK(text.find("--metrics") == 0);
  CHECK(text.find("'nonsense', 'shock*/*'") != std::string::npos);
  CHECK(text.find("'headline', 'all'") != std::string::npos);
  CHECK(text.find("mean_participation, peak_waiting_list") != std::string::npos);
  CHECK(input_error_text(names, "mean_participation") == "no error");
  // A misspelt name gets the closest one.
  CHECK(input_error_text(names, "mean_particpation,peak_waiting")
            .find("'mean_particpation' (did you mean 'mean_participation'?), 'peak_waiting' "
                  "(did you mean 'peak_waiting_list'?)") != std::string::npos);
}

TEST_CASE("run summaries take the same selection", "[metrics-selection][output][summary]") {
  std::vector<RunResult> runs(2);
  for (size_t r = 0; r < runs.size(); ++r) {
    runs[r].scenario_name = std::string(1, 's');  // not = "s": GCC 12 warns falsely (-Wrestrict)
    runs[r].replicate = r;
    runs[r].weeks = 4;
    runs[r].summary = {{"final_participation", 0.5, "share", ""},
                       {"mean_load_gini", 0.25 + 0.1 * static_cast<double>(r), "Gini", ""},
                       {"mean_effective_coverage", 0.4, "share", ""}};
  }
  std::vector<std::string> lines;
  std::istringstream text(format_summary(runs, "text", parse_metric_selection("headline")));
  for (std::string line; std::getline(text, line);) lines.push_back(line);
  REQUIRE(lines.size() == 8);  // header, titles, rule, two headings, two metrics, the hint
  CHECK(lines[3] == "== Reach ==");
  CHECK(lines[4].rfind("mean_effective_coverage ", 0) == 0);
  CHECK(lines[5] == "== Burnout ==");
  CHECK(lines[6].rfind("mean_load_gini ", 0) == 0);
  CHECK(lines[7] == "(headline metrics only: --metrics all shows every one)");
  CHECK(format_summary(runs, "csv", parse_metric_selection("final_*")) ==
        "metric,units,mean,sd,ci_low,ci_high,n\nfinal_participation,share,0.5,0,0.5,0.5,2\n");
  CHECK(format_summary(runs, "csv", parse_metric_selection("all")) == format_summary(runs, "csv"));
  CHECK_THROWS_AS(format_summary(runs, "json", parse_metric_selection("nope")), InputError);
}
