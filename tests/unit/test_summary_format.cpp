// Summary statistics and their text / JSON / CSV renderings.
#include <catch2/catch.hpp>
#include <cctype>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "output/summary_format.hpp"
#include "support/text.hpp"

using namespace mentorsim;
using mentorsim::testing::lines_of;

namespace {

// A strict JSON (RFC 8259) recognizer: enough to show the output parses, without a JSON library.
class JsonChecker {
 public:
  explicit JsonChecker(std::string_view s) : s_(s) {}
  bool valid() {
    ws();
    if (!value()) return false;
    ws();
    return i_ == s_.size();
  }

 private:
  std::string_view s_;
  size_t i_ = 0;
  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void ws() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t'))
      ++i_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  bool digits() {
    const size_t start = i_;
    while (std::isdigit(static_cast<unsigned char>(peek()))) ++i_;
    return i_ > start;
  }
  bool number() {
    if (peek() == '-') ++i_;
    if (peek() == '0') {
      ++i_;
    } else if (!digits()) {
      return false;
    }
    if (peek() == '.' && (++i_, !digits())) return false;
    if (peek() == 'e' || peek() == 'E') {
      ++i_;
      if (peek() == '+' || peek() == '-') ++i_;
      if (!digits()) return false;
    }
    return true;
  }
  bool string() {
    if (!literal("\"")) return false;
    while (i_ < s_.size()) {
      const char c = s_[i_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') continue;
      const char e = peek();
      ++i_;
      if (e == 'u') {
        for (int k = 0; k < 4; ++k, ++i_)
          if (!std::isxdigit(static_cast<unsigned char>(peek()))) return false;
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        return false;
      }
    }
    return false;
  }
  template <typename Item>
  bool sequence(char open, char close, Item item) {
    if (!literal(std::string_view(&open, 1))) return false;
    ws();
    if (peek() == close) return ++i_, true;
    while (true) {
      ws();
      if (!item()) return false;
      ws();
      if (peek() == close) return ++i_, true;
      if (!literal(",")) return false;
    }
  }
  bool value() {
    switch (peek()) {
      case '{':
        return sequence('{', '}',
                        [this] { return string() && (ws(), literal(":")) && (ws(), value()); });
      case '[':
        return sequence('[', ']', [this] { return value(); });
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }
};

RunResult run_with(std::vector<SummaryValue> summary, std::uint64_t replicate = 0) {
  RunResult r;
  r.run_id = "r000" + std::to_string(replicate);
  r.scenario_name = "baseline";
  r.scenario_source = "scenarios/models/one_on_one.toml";
  r.seed = 42;
  r.replicate = replicate;
  r.weeks = 520;
  r.summary = std::move(summary);
  return r;
}

// Four replicates whose "participation" is 1, 2, 3, 4.
std::vector<RunResult> one_to_four() {
  std::vector<RunResult> runs;
  for (std::uint64_t k = 0; k < 4; ++k)
    runs.push_back(
        run_with({{"participation", static_cast<double>(k + 1), "share", "Share mentored"}}, k));
  return runs;
}

}  // namespace

TEST_CASE("t quantiles match Student's t distribution", "[output][summary]") {
  CHECK(t_quantile_975(1) == Approx(12.7062047361747).epsilon(1e-12));
  CHECK(t_quantile_975(3) == Approx(3.18244630528371).epsilon(1e-12));
  CHECK(t_quantile_975(30) == Approx(2.042272456301238).epsilon(1e-12));
  // Beyond the table, the expansion: reference values from the incomplete beta function.
  CHECK(t_quantile_975(31) == Approx(2.039513446396408).epsilon(1e-7));
  CHECK(t_quantile_975(40) == Approx(2.021075390306273).epsilon(1e-8));
  CHECK(t_quantile_975(1000) == Approx(1.962339080826407).epsilon(1e-12));
  CHECK(std::isnan(t_quantile_975(0)));
}

TEST_CASE("mean, sd and confidence interval across replicates", "[output][summary]") {
  const auto stats = summarize(one_to_four());
  REQUIRE(stats.size() == 1);
  const auto& m = stats[0];
  CHECK(m.values == std::vector<double>{1, 2, 3, 4});
  CHECK(m.mean == 2.5);
  CHECK(m.sd == Approx(std::sqrt(5.0 / 3.0)).epsilon(1e-14));
  const double half = 3.18244630528371 * std::sqrt(5.0 / 3.0) / 2;  // t(3) sd / sqrt(n)
  CHECK(m.ci_low == Approx(2.5 - half).epsilon(1e-12));
  CHECK(m.ci_high == Approx(2.5 + half).epsilon(1e-12));

  SECTION("one replicate has no sd or interval") {
    const auto single = summarize({run_with({{"participation", 0.5, "share", ""}})});
    CHECK(single[0].mean == 0.5);
    CHECK(std::isnan(single[0].sd));
    CHECK(std::isnan(single[0].ci_low));
  }
  SECTION("a metric missing from a replicate counts only where present, in first-seen order") {
    auto runs = one_to_four();
    runs[2].summary.push_back({"extra", 7, "people", ""});
    runs[3].summary.push_back({"extra", 9, "people", ""});
    const auto s = summarize(runs);
    REQUIRE(s.size() == 2);
    CHECK(s[1].name == "extra");
    CHECK(s[1].values == std::vector<double>{7, 9});
    CHECK(s[1].mean == 8);
  }
}

TEST_CASE("JSON summary is valid and escapes strings", "[output][summary]") {
  auto runs = one_to_four();
  const std::string tricky = "quote\" backslash\\ newline\n tab\t bell\x01 caf\xC3\xA9";
  for (auto& r : runs) {
    r.scenario_name = tricky;
    r.summary.push_back({"nan_metric", std::nan(""), "", "never finite"});
  }
  const std::string json = format_summary(runs, "json");
  CHECK(JsonChecker(json).valid());
  CHECK_THAT(json,
             Catch::Contains(R"("scenario": "quote\" backslash\\ newline\n tab\t bell\u0001 caf)"));
  CHECK_THAT(json, Catch::Contains(R"("replicates": 4)"));
  CHECK_THAT(json, Catch::Contains(R"("weeks": 520)"));
  CHECK_THAT(json, Catch::Contains(R"("seed": 42)"));
  CHECK_THAT(json, Catch::Contains(R"("participation": {"mean": 2.5, "sd": )"));
  CHECK_THAT(json, Catch::Contains(R"("values": [1, 2, 3, 4])"));
  CHECK_THAT(json, Catch::Contains(R"("mean": null, "sd": null)"));  // NaN is not JSON
  CHECK_THAT(json, Catch::Contains(R"("values": [null, null, null, null])"));

  const std::string single = format_summary({run_with({{"x", 1, "u", "d"}})}, "json");
  CHECK(JsonChecker(single).valid());
  CHECK_THAT(single, Catch::Contains(R"("ci_low": null, "ci_high": null)"));
  CHECK(JsonChecker(format_summary({run_with({})}, "json")).valid());
  CHECK_FALSE(JsonChecker(R"({"a": "raw
newline"})")
                  .valid());  // the checker itself rejects what must be escaped
}

TEST_CASE("CSV summary quotes fields that need it", "[output][summary]") {
  std::vector<RunResult> runs = {run_with({{"share,mentored", 0.5, "say \"hi\"", ""}}, 0),
                                 run_with({{"share,mentored", 0.7, "say \"hi\"", ""}}, 1)};
  const auto lines = lines_of(format_summary(runs, "csv"));
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "metric,units,mean,sd,ci_low,ci_high,n");
  CHECK_THAT(lines[1], Catch::StartsWith(R"("share,mentored","say ""hi""",0.6,)"));
  CHECK_THAT(lines[1], Catch::EndsWith(",2"));

  const auto single = lines_of(format_summary({run_with({{"x", 1.5, "u", ""}})}, "csv"));
  CHECK(single[1] == "x,u,1.5,,,,1");  // no sd or interval from one replicate
}

TEST_CASE("text summary is an aligned table within 100 columns", "[output][summary]") {
  auto runs = one_to_four();
  for (auto& r : runs) {
    r.summary.push_back(
        {"a_rather_long_metric_name_that_goes_on_and_on_forever", -1234567.0, "people", ""});
    r.summary.push_back({"w", 1e-9, std::string(200, 'u'), ""});
  }
  const auto lines = lines_of(format_summary(runs, "text"));
  REQUIRE(lines.size() == 6);  // header, column titles, rule, three metrics
  CHECK_THAT(lines[0], Catch::StartsWith("scenario baseline: 4 replicates, 520 weeks"));
  const size_t mean_end = lines[1].find("mean") + 4;
  for (size_t i = 1; i < lines.size(); ++i) {
    INFO(lines[i]);
    CHECK(lines[i].size() <= 100);
    CHECK(lines[i][mean_end] == ' ');  // every mean is right-aligned to the title's end
    CHECK(lines[i][mean_end - 1] != ' ');
  }
  CHECK_THAT(lines[3], Catch::StartsWith("participation "));
  CHECK_THAT(lines[3],
             Catch::Contains("2.5") && Catch::Contains("[0.445") && Catch::EndsWith("share"));
  CHECK_THAT(lines[4], Catch::StartsWith("a_rather_long_metric_name_that_goes_o..."));
  CHECK_THAT(lines[5], Catch::EndsWith("uuu..."));
  const auto single = lines_of(format_summary({run_with({{"x", 1, "u", ""}})}, "text"));
  CHECK_THAT(single[0], Catch::Contains("1 replicate,"));
  CHECK_THAT(single[3], Catch::Contains(" - ") && Catch::EndsWith(" u"));
}

TEST_CASE("unknown summary formats are input errors", "[output][summary]") {
  CHECK_THROWS_AS(format_summary(one_to_four(), "yaml"), InputError);
  CHECK_THROWS_AS(format_summary({}, "text"), RunError);
}

TEST_CASE("weekly CSV has a week column and one column per series", "[output][summary]") {
  RunResult r = run_with({});
  r.weekly = {{"joins", "people/week", "", {3, 4, 5}},
              {"mean_skill/a,b", "skill", "", {0.25, std::nan("")}}};
  const auto lines = lines_of(format_weekly_csv(r));
  REQUIRE(lines.size() == 4);
  CHECK(lines[0] == R"(week,joins,"mean_skill/a,b")");
  CHECK(lines[1] == "0,3,0.25");
  CHECK(lines[2] == "1,4,");  // NaN and missing weeks are empty cells
  CHECK(lines[3] == "2,5,");
}

TEST_CASE("the interval's lower end is clipped at 0 only when no replicate is negative",
          "[output][summary]") {
  const auto runs_of = [](std::vector<double> values) {
    std::vector<RunResult> runs;
    for (double v : values) runs.push_back(run_with({{"burned_out_share", v, "share", ""}}));
    return runs;
  };
  const auto mostly_zero = summarize(runs_of({0, 0, 0, 1}));
  CHECK(mostly_zero[0].mean == 0.25);
  CHECK(mostly_zero[0].ci_low == 0.0);  // the t interval alone would reach below 0
  CHECK(mostly_zero[0].ci_high > 0.25);
  const auto signed_values = summarize(runs_of({-1, 0, 0, 1}));
  CHECK(signed_values[0].ci_low < 0.0);
}

TEST_CASE("a share's interval ends at 1 only when no replicate exceeds 1", "[output][summary]") {
  // The aggregation is the summary's declaration's (metrics/metric_table.hpp): a share for
  // shock1/recovered, a plain mean for shock1/knowledge_retained (a ratio) and undeclared names.
  REQUIRE(aggregate_of("shock1/recovered") == metrics::Aggregate::kShare);
  REQUIRE(aggregate_of("shock1/knowledge_retained") == metrics::Aggregate::kMean);
  REQUIRE(aggregate_of("not_a_metric") == metrics::Aggregate::kMean);
  const auto runs_of = [](std::vector<double> values, const char* name) {
    std::vector<RunResult> runs;
    for (double v : values) runs.push_back(run_with({{name, v, "", ""}}));
    return runs;
  };
  const auto mostly_one = summarize(runs_of({1, 1, 1, 0}, "shock1/recovered"));
  CHECK(mostly_one[0].mean == 0.75);
  CHECK(mostly_one[0].ci_high == 1.0);  // the t interval alone would reach above 1
  CHECK(mostly_one[0].ci_low < 0.75);
  // A ratio may exceed 1.
  CHECK(summarize(runs_of({1, 1, 1, 0}, "shock1/knowledge_retained"))[0].ci_high > 1.0);
  // Not a share after all.
  CHECK(summarize(runs_of({2, 1, 1, 0}, "shock1/recovered"))[0].ci_high > 1.0);
}
