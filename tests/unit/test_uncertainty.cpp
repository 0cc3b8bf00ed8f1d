// compare --uncertain (sim/uncertainty/, docs/sensitivity.md "Ranking robustness"): standardised
// regression coefficients against a linear function's exact ones, the robustness statistics on
// hand-made draws, and uncertainty files: their checks and their draws.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "output/hdf5_util.hpp"
#include "sensitivity/regression.hpp"
#include "sensitivity/sobol_sequence.hpp"
#include "support/cli.hpp"
#include "support/source_tree.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"
#include "uncertainty/robustness.hpp"
#include "uncertainty/uncertain_spec.hpp"

using namespace mentorsim;
using namespace mentorsim::uncertainty;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The diagnostics of an uncertainty file expected to fail, as "line:col: message".
std::vector<std::string> problems(const std::string& text) {
  try {
    load_uncertain_text(text, "u.toml");
  } catch (const InputError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics())
      out.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + ": " + d.message);
    return out;
  }
  FAIL("expected an InputError");
  return {};
}

constexpr const char* kTwoAxes = R"([uncertainty]
draws = 10
sampling_seed = 7

[[axis]]
key = "knowledge.transfer_rate"
from = 0.05
to = 0.10
why = "learning curves"

[[axis]]
key = "programme.kind:one_on_one.max_mentees"
from = 4
to = 8
)";

}  // namespace

TEST_CASE("SRC: a linear function's coefficients, exactly", "[uncertainty][regression]") {
  // y = 3 x0 - x1 + 0 x2 + 2 on a Sobol' sample: SRC_j = b_j sd(x_j) / sd(y), R^2 = 1.
  const std::size_t n = 64, k = 3;
  const std::vector<double> x = sensitivity::sobol_points(k, n);
  std::vector<double> y(n);
  for (std::size_t r = 0; r < n; ++r) y[r] = 3 * x[r * k] - x[r * k + 1] + 2;
  auto sd = [&](auto at) {
    double m = 0, s = 0;
    for (std::size_t r = 0; r < n; ++r) m += at(r) / n;
    for (std::size_t r = 0; r < n; ++r) s += (at(r) - m) * (at(r) - m);
    return std::sqrt(s / (n - 1));
  };
  const double sy = sd([&](std::size_t r) { return y[r]; });
  const sensitivity::Regression fit = sensitivity::standardized_regression(k, x, y);
  CHECK(fit.r2 == Approx(1.0).margin(1e-12));
  CHECK(fit.src[0] == Approx(3 * sd([&](std::size_t r) { return x[r * k]; }) / sy).epsilon(1e-10));
  CHECK(fit.src[1] ==
        Approx(-1 * sd([&](std::size_t r) { return x[r * k + 1]; }) / sy).epsilon(1e-10));
  CHECK(fit.src[2] == Approx(0.0).margin(1e-10));
  // Undetermined: no more rows than inputs + 1, or an output that does not vary.
  const auto few =
      sensitivity::standardized_regression(k, std::vector<double>(x.begin(), x.begin() + 12),
                                           std::vector<double>(y.begin(), y.begin() + 4));
  CHECK(std::isnan(few.r2));
  CHECK(std::isnan(few.src[0]));
  const auto flat = sensitivity::standardized_regression(k, x, std::vector<double>(n, 1.0));
  CHECK(std::isnan(flat.src[1]));
  // A row with a NaN is left out; a constant input gets NaN and the others are still fitted.
  std::vector<double> x2 = x;
  for (std::size_t r = 0; r < n; ++r) x2[r * k + 2] = 0.5;
  y[5] = kNaN;
  const auto partial = sensitivity::standardized_regression(k, x2, y);
  CHECK(std::isnan(partial.src[2]));
  CHECK(partial.r2 == Approx(1.0).margin(1e-12));
}

TEST_CASE("robustness: rank shares, signs, quantiles, verdicts and drivers",
          "[uncertainty][robustness]") {
  // 10 draws, 3 arms (0 = baseline), one axis. Arm 1 is above the baseline in 9 draws, arm 2 in
  // 5; arm 1's difference grows with the axis, arm 2's does not depend on it.
  const std::size_t draws = 10, arms = 3;
  MetricDraws d;
  d.better = metrics::Better::kHigher;
  std::vector<double> unit;
  for (std::size_t k = 0; k < draws; ++k) {
    const double u = (static_cast<double>(k) + 0.5) / draws;
    unit.push_back(u);
    const double diff1 = k == 0 ? -0.1 : 0.1 * static_cast<double>(k);
    const double diff2 = k % 2 == 0 ? 0.05 : -0.05;
    d.arm_mean.insert(d.arm_mean.end(), {1.0, 1.0 + diff1, 1.0 + diff2});
    d.difference.insert(d.difference.end(), {0.0, diff1, diff2});
    d.noise.insert(d.noise.end(), {kNaN, 0.01, 0.02});
  }
  const MetricRobustness r = assess(d, arms, 1, unit, 0.9);
  REQUIRE(r.arms.size() == 3);
  // Best: arm 1 in draws 1..9, arm 2 in draw 0 (1.05 against arm 1's 0.9).
  CHECK(r.arms[1].p_best == Approx(0.9));
  CHECK(r.arms[2].p_best == Approx(0.1));
  CHECK(r.arms[0].p_best == 0);
  CHECK(r.arms[0].verdict == Verdict::kBaseline);
  CHECK(std::isnan(r.arms[0].p_better));
  CHECK(r.arms[1].p_better == Approx(0.9));
  CHECK(r.arms[1].verdict == Verdict::kRobust);  // 9 of 10 >= 0.9
  CHECK(r.arms[2].p_better == Approx(0.5));
  CHECK(r.arms[2].verdict == Verdict::kDepends);
  CHECK(r.arms[1].noise == Approx(0.01));
  CHECK(r.arms[1].within_noise == 0);  // |0.1 k| > 0.01 in every draw
  CHECK(r.arms[2].within_noise == 0);  // |0.05| > 0.02
  MetricDraws wide = d;
  for (std::size_t k = 0; k < 4; ++k) wide.noise[k * arms + 2] = 0.06;
  CHECK(assess(wide, arms, 1, unit, 0.9).arms[2].within_noise == Approx(0.4));
  // numpy.quantile([-0.1, 0.1, ..., 0.9], [0.05, 0.5, 0.95]) = -0.01, 0.45, 0.855
  CHECK(r.arms[1].q05 == Approx(-0.01));
  CHECK(r.arms[1].median == Approx(0.45));
  CHECK(r.arms[1].q95 == Approx(0.855));
  CHECK(r.arms[1].driver == 0);
  CHECK(r.arms[1].src[0] > 0.9);
  CHECK(std::abs(r.arms[2].src[0]) < 0.4);

  // With 8 of 10 the same sign the threshold 0.9 is missed, 0.8 met.
  MetricDraws e = d;
  e.difference[1 * arms + 1] = -0.1;
  CHECK(assess(e, arms, 1, unit, 0.9).arms[1].verdict == Verdict::kDepends);
  CHECK(assess(e, arms, 1, unit, 0.8).arms[1].verdict == Verdict::kRobust);
  // Lower is better: the shares turn; neither: no rank and no "better", only "higher".
  e = d;
  e.better = metrics::Better::kLower;
  const MetricRobustness lower = assess(e, arms, 1, unit, 0.9);
  // Lowest: arm 1 in draw 0, arm 2 in the odd draws, the baseline in draws 2, 4, 6, 8.
  CHECK(lower.arms[0].p_best == Approx(0.4));
  CHECK(lower.arms[2].p_best == Approx(0.5));
  CHECK(lower.arms[1].p_better == Approx(0.1));
  e.better = metrics::Better::kNeither;
  const MetricRobustness neither = assess(e, arms, 1, unit, 0.9);
  CHECK(std::isnan(neither.arms[1].p_best));
  CHECK(std::isnan(neither.arms[1].p_better));
  CHECK(neither.arms[1].p_higher == Approx(0.9));
  // Zero in every draw; NaN draws are left out; a tie for best shares the draw.
  e = d;
  for (std::size_t k = 0; k < draws; ++k) {
    e.difference[k * arms + 2] = 0;
    e.arm_mean[k * arms + 2] = 1.0;
    e.difference[k * arms + 1] = k < 5 ? kNaN : 0.2;
    e.arm_mean[k * arms + 1] = 1.0;
  }
  const MetricRobustness flat = assess(e, arms, 1, unit, 0.9);
  CHECK(flat.arms[2].verdict == Verdict::kNoDifference);
  CHECK(flat.arms[2].driver == -1);
  CHECK(flat.arms[1].p_higher == Approx(1.0));  // the 5 draws that report it
  CHECK(flat.arms[0].p_best == Approx(1.0 / 3));
  CHECK(quantile({kNaN, 3, 1, 2}, 0.5) == 2);
  CHECK(std::isnan(quantile({kNaN}, 0.5)));
}

TEST_CASE("uncertainty files: read like sweep files, every problem at its place",
          "[uncertainty][spec]") {
  const UncertainSpec spec = load_uncertain_text(kTwoAxes, "dir/assumed.toml");
  CHECK(spec.config.name == "assumed");
  CHECK(spec.config.draws == 10);
  CHECK(spec.config.robust_share == 0.9);
  REQUIRE(spec.axes.size() == 2);
  CHECK(spec.axes[0].why == "learning curves");
  CHECK(spec.axes[1].integer);

  CHECK(problems("[uncertainty]\ndraw = 10\n[[axis]]\nkey = \"a.b\"\nfrom = 1\nto = 2\n") ==
        std::vector<std::string>{"2:1: unknown key 'uncertainty.draw'; did you mean 'draws'?"});
  CHECK(problems("[uncertanty]\n[[axis]]\nkey = \"a.b\"\nfrom = 1\nto = 2\n") ==
        std::vector<std::string>{
            "1:2: unknown table 'uncertanty'; did you mean 'uncertainty'?",
            "0:0: missing the [uncertainty] table (an uncertainty file needs one)"});
  CHECK(problems("[uncertainty]\n") ==
        std::vector<std::string>{
            "0:0: no [[axis]]: an uncertainty file needs at least one uncertain parameter"});
  CHECK(problems("[uncertainty]\nsampling = \"sobol\"\nsampling_seed = 3\n[[axis]]\nkey = "
                 "\"a.b\"\nfrom = 1\nto = 2\n") ==
        std::vector<std::string>{"3:1: uncertainty.sampling_seed: a Sobol' sequence is "
                                 "deterministic and takes no seed"});
  CHECK(problems("[uncertainty]\n[[axis]]\nkey = \"base\"\nvalues = [\"a.toml\"]\n") ==
        std::vector<std::string>{"3:1: axis[0].key: 'base' cannot be uncertain: the compared "
                                 "scenarios are the arms"});
  CHECK(problems("[uncertainty]\nrobust_share = 0.4\n[[axis]]\nkey = \"a.b\"\nfrom = 1\nto = 2\n")
            .size() == 1);
  CHECK(problems("[uncertainty]\n[[axis]]\nkey = \"a.b\"\nvalues = [1, 2]\nrelative = true\n") ==
        std::vector<std::string>{"5:1: axis[0].relative: only for a range (from, to)"});
}

TEST_CASE("uncertainty draws: a pure function of the file, stratified or quasi-random",
          "[uncertainty][spec]") {
  const UncertainSpec spec = load_uncertain_text(kTwoAxes, "u.toml");
  const Draws a = draw_parameters(spec),
              b = draw_parameters(load_uncertain_text(kTwoAxes, "v.toml"));
  REQUIRE(a.points.size() == 10);
  CHECK(a.unit == b.unit);
  // A Latin hypercube: each tenth of each axis's unit interval holds exactly one draw.
  for (std::size_t axis = 0; axis < 2; ++axis) {
    std::set<int> strata;
    for (std::size_t k = 0; k < 10; ++k) strata.insert(static_cast<int>(a.unit[k * 2 + axis] * 10));
    CHECK(strata.size() == 10);
  }
  for (const auto& p : a.points) {
    CHECK(*p[0].number >= 0.05);
    CHECK(*p[0].number <= 0.10);
    CHECK(p[1].toml.find('.') == std::string::npos);  // an integer axis
  }
  // Another sampling seed, another sample; the Sobol' sequence takes none.
  std::string reseeded = kTwoAxes;
  reseeded.replace(reseeded.find("sampling_seed = 7"), 17, "sampling_seed = 8");
  CHECK(draw_parameters(load_uncertain_text(reseeded, "u.toml")).unit != a.unit);
  std::string sobol = kTwoAxes;
  sobol.replace(sobol.find("sampling_seed = 7"), 17, "sampling = \"sobol\"");
  const Draws s = draw_parameters(load_uncertain_text(sobol, "u.toml"));
  CHECK(s.unit == sensitivity::sobol_points(2, 10));
}

TEST_CASE("the bundled uncertainty file reads, gives every range a reason, and draws",
          "[uncertainty][spec]") {
  const UncertainSpec spec = load_uncertain_file(std::string(MENTORSIM_SOURCE_DIR) +
                                                 "/scenarios/uncertainty/assumed.toml");
  CHECK(spec.config.draws == 64);
  CHECK(spec.axes.size() + 1 < static_cast<std::size_t>(spec.config.draws));
  for (const auto& axis : spec.axes) {
    INFO(axis.key);
    CHECK(axis.why.size() > 20);
  }
  CHECK(draw_parameters(spec).points.size() == 64);
}

namespace {

using mentorsim::testing::compare_path;
using mentorsim::testing::run_cli;
using mentorsim::testing::TempDir;

// compare of the bundled one-on-one, peer-pod and ecosystem files shrunk to seconds, with `extra`.
std::string small_compare(const std::string& extra) {
  return fmt::format(
      "compare '{}' '{}' '{}' --set population.initial_size=200 --set scenario.weeks=30 "
      "--set joining.arrivals_per_week=1 -r 2 {}",
      compare_path("00_one_on_one"), compare_path("20_peer_pod"), compare_path("40_ecosystem"),
      extra);
}

constexpr const char* kSmallUncertainty = R"([uncertainty]
draws = 6
sampling_seed = 3

[[axis]]
key = "knowledge.transfer_rate"
from = 0.05
to = 0.10

[[axis]]
key = "programme.kind:one_on_one.max_mentees"
from = 4
to = 8

[[axis]]
key = "programme.kind:one_on_one|peer_pod|group_cohort.seek_share"
relative = true
from = 0.75
to = 1.25
)";

}  // namespace

TEST_CASE("compare --uncertain: the same answer at any thread count, written with the runs",
          "[uncertainty][cli]") {
  const TempDir dir("uncertain");
  const auto file = dir.write("u.toml", kSmallUncertainty);
  const auto one =
      run_cli(small_compare(fmt::format("--uncertain '{}' -f json -t 1", file.string())));
  const auto two =
      run_cli(small_compare(fmt::format("--uncertain '{}' -f json -t 2", file.string())));
  REQUIRE(one.status == 0);
  REQUIRE(two.status == 0);
  CHECK(one.out == two.out);  // every draw's means and differences, in shortest exact form
  CHECK(one.out.find("\"draws\": 6") != std::string::npos);
  CHECK(one.out.find("\"verdict\": \"robust\"") != std::string::npos);

  const auto text = run_cli(small_compare(
      fmt::format("--uncertain '{}' --out '{}'", file.string(), (dir.path / "c.h5").string())));
  REQUIRE(text.status == 0);
  CHECK(text.out.find("Which differences survive the assumptions: 6 draws of 'u'") !=
        std::string::npos);
  CHECK(text.out.find("ranks best:") != std::string::npos);
  const h5::QuietHdf5Errors quiet;
  const h5::Handle f = h5::open_read(dir.path / "c.h5");
  REQUIRE(h5::has_link(f.get(), "uncertainty"));
  const h5::Handle g = h5::open_group(f.get(), "uncertainty");
  CHECK(h5::read_u64_attr(g.get(), "uncertainty", "draws") == 6);
  CHECK(h5::read_string_array_attr(g.get(), "uncertainty", "labels") ==
        std::vector<std::string>{"one_on_one", "peer_pod", "ecosystem"});
  const h5::Matrix unit = h5::read_matrix(g.get(), "unit");
  CHECK(unit.rows == 6);
  CHECK(unit.cols == 3);
  CHECK(h5::read_strings(g.get(), "range")[2] == "x0.75 to x1.25, uniform");
}

TEST_CASE("compare --uncertain: bad input stops before any run, at the file's line",
          "[uncertainty][cli]") {
  const TempDir dir("uncertain-bad");
  // max_mentees below the one-on-one file's capacity 4 in some draws: the problem is the axis's.
  std::string below = kSmallUncertainty;
  below.replace(below.find("from = 4\nto = 8"), 15, "from = 1\nto = 3");
  const auto file = dir.write("below.toml", below);
  const auto out = dir.path / "c.h5";
  auto r = run_cli(
      small_compare(fmt::format("--uncertain '{}' --out '{}'", file.string(), out.string())));
  CHECK(r.status == 2);
  CHECK(r.err.find(file.string() + ":11:7: axis 'programme.kind:one_on_one.max_mentees'") !=
        std::string::npos);
  CHECK(r.err.find("scenario one_on_one") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));
  // A kind no compared scenario has.
  std::string nokind = kSmallUncertainty;
  nokind.replace(nokind.find("kind:one_on_one.max"), 19, "kind:constellation.max");
  r = run_cli(small_compare(fmt::format("--uncertain '{}'", dir.write("k.toml", nokind).string())));
  CHECK(r.status == 2);
  CHECK(r.err.find("k.toml:11:7: axis 'programme.kind:constellation.max_mentees': no compared "
                   "scenario has a programme of kind 'constellation'") != std::string::npos);
  // --draws needs --uncertain.
  r = run_cli(small_compare("--draws 4"));
  CHECK(r.status == 2);
  CHECK(r.err.find("--draws needs --uncertain") != std::string::npos);
}

TEST_CASE(
    "docs/sensitivity.md holds the uncertainty file reference generated from the "
    "declarations",
    "[uncertainty][spec]") {
  // MENTORSIM_UPDATE_DOCS=1 rewrites the block instead of checking it.
  const std::string path = testing::source_path("docs/sensitivity.md");
  std::string doc = testing::file_text(path);
  const std::string begin = "<!-- uncertainty reference: begin -->\n";
  const std::string end = "<!-- uncertainty reference: end -->";
  const auto i = doc.find(begin);
  auto j = doc.find(end);
  REQUIRE(i != std::string::npos);
  REQUIRE(j != std::string::npos);
  const std::string reference = uncertainty_reference_markdown();
  if (std::getenv("MENTORSIM_UPDATE_DOCS")) {
    doc.replace(i + begin.size(), j - i - begin.size(), reference);
    std::ofstream(path, std::ios::binary) << doc;
    j = doc.find(end);
  }
  INFO("docs/sensitivity.md is stale: run this test with MENTORSIM_UPDATE_DOCS=1");
  CHECK(doc.substr(i + begin.size(), j - i - begin.size()) == reference);
}
