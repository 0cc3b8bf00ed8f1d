// Sweep files: the broken files of scenarios/invalid/sweeps, grid order and ranges, Latin-hypercube
// strata, and what the plan resolves (seed, replicates, ids, hashes).
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <numbers>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/sha256.hpp"
#include "sensitivity/morris.hpp"
#include "sensitivity/saltelli.hpp"
#include "support/expectations.hpp"
#include "support/source_tree.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"
#include "sweep/points.hpp"
#include "sweep/sweep_plan.hpp"

namespace fs = std::filesystem;
using namespace mentorsim;
using namespace mentorsim::sweep;

namespace {

// A small scenario inline, so the plan loads quickly; `axes` follow.
std::string sweep_text(const std::string& sweep_keys, const std::string& axes) {
  return "[sweep]\n" + sweep_keys +
         "\n[base.scenario]\nweeks = 8\nseed = 11\nreplicates = 3\n"
         "[base.population]\ninitial_size = 40\n"
         "[[base.programme]]\nkind = \"one_on_one\"\n\n" +
         axes;
}

using mentorsim::testing::expectations;

std::vector<double> numbers(const std::vector<Point>& points, std::size_t axis) {
  std::vector<double> out;
  for (const auto& p : points) out.push_back(*p[axis].number);
  return out;
}

}  // namespace

TEST_CASE("every invalid sweep file reports exactly its expected diagnostics", "[sweep][invalid]") {
  std::vector<fs::path> files;
  for (const auto& e :
       fs::directory_iterator(fs::path(MENTORSIM_SOURCE_DIR) / "scenarios/invalid/sweeps"))
    if (e.path().extension() == ".toml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 10);
  for (const auto& file : files) {
    INFO(file.string());
    const auto expected = expectations(file);
    REQUIRE_FALSE(expected.empty());
    std::vector<std::string> got;
    try {
      SweepPlan plan(load_sweep_file(file));
      FAIL("no error");
    } catch (const InputError& e) {
      for (const auto& d : e.diagnostics()) {
        const std::string text = d.to_string();
        REQUIRE(text.rfind(file.string(), 0) == 0);  // reported in the sweep file itself
        got.push_back(text.substr(file.string().size()));
      }
    }
    REQUIRE(got.size() == expected.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      INFO(got[i]);
      CHECK(got[i].rfind(expected[i], 0) == 0);
    }
  }
}

TEST_CASE("a grid takes every combination, the first axis slowest", "[sweep]") {
  testing::TempDir dir("sweep");
  const auto file =
      dir.write("grid.toml",
                sweep_text("",
                           "[[axis]]\nkey = \"departure.annual_rate\"\nvalues = [0.1, 0.2]\n"
                           "[[axis]]\nkey = \"joining.arrivals_per_week\"\nfrom = 1.0\nto = 2.0\n"
                           "steps = 3\n"));
  const SweepPlan plan(load_sweep_file(file));
  REQUIRE(plan.points().size() == 6);
  std::vector<std::string> got;
  for (const auto& p : plan.points()) got.push_back(p.values[0].toml + " " + p.values[1].toml);
  CHECK(got ==
        std::vector<std::string>{"0.1 1.0", "0.1 1.5", "0.1 2.0", "0.2 1.0", "0.2 1.5", "0.2 2.0"});
  // The sweep's seed and replicates default to the base scenario's, and every point shares them.
  CHECK(plan.seed() == 11);
  CHECK(plan.replicates() == 3);
  CHECK(plan.run_count() == 18);
  CHECK(plan.run_id(0) == "p000000_r0000");
  CHECK(plan.run_id(17) == "p000005_r0002");
  CHECK(plan.point_of(7) == 2);
  CHECK(plan.replicate_of(7) == 1);
  // The point's scenario carries its values, and its hash is that of its resolved text.
  const Scenario s = plan.scenario_of(4);
  CHECK(s.departure.annual_rate == 0.2);
  CHECK(s.joining.arrivals_per_week == 1.5);
  CHECK(s.meta.seed == 11);
  CHECK(plan.points()[4].scenario_hash == sha256_hex(s.resolved_toml));
  std::set<std::string> hashes;
  for (const auto& p : plan.points()) hashes.insert(p.scenario_hash);
  CHECK(hashes.size() == 6);
}

TEST_CASE("ranges: log spacing, exact ends, integers rounded", "[sweep]") {
  testing::TempDir dir("sweep");
  const auto file = dir.write(
      "ranges.toml",
      sweep_text(
          "replicates = 2\nseed = 5\n",
          "[[axis]]\nkey = \"joining.arrivals_per_week\"\nfrom = 0.5\nto = 50.0\n"
          "steps = 3\nscale = \"log\"\n"
          "[[axis]]\nkey = \"programme.one_on_one.capacity\"\nfrom = 2\nto = 6\nsteps = 3\n"));
  const SweepPlan plan(load_sweep_file(file));
  REQUIRE(plan.points().size() == 9);
  std::vector<double> arrivals, capacity;
  for (std::size_t p = 0; p < 9; p += 3) arrivals.push_back(*plan.points()[p].values[0].number);
  for (std::size_t p = 0; p < 3; ++p) capacity.push_back(*plan.points()[p].values[1].number);
  CHECK(arrivals[0] == 0.5);
  CHECK(arrivals[1] == Approx(5.0).epsilon(1e-12));
  CHECK(arrivals[2] == 50.0);  // the far end exactly, not exp(log(50))
  CHECK(capacity == std::vector<double>{2, 4, 6});
  CHECK(plan.points()[1].values[1].toml == "4");  // an integer key gets an integer
  CHECK(plan.seed() == 5);
  CHECK(plan.replicates() == 2);
  CHECK(plan.scenario_of(8).programmes.size() == 1);
}

TEST_CASE("a Latin hypercube uses each stratum of each axis once, reproducibly", "[sweep]") {
  testing::TempDir dir("sweep");
  const std::string axes =
      "[[axis]]\nkey = \"departure.annual_rate\"\nfrom = 0.1\nto = 0.3\n"
      "[[axis]]\nkey = \"joining.arrivals_per_week\"\nfrom = 1.0\nto = 100.0\nscale = \"log\"\n"
      "[[axis]]\nkey = \"programme.one_on_one.matching\"\nvalues = [\"fifo\", \"random\"]\n";
  const auto a = load_sweep_file(dir.write(
      "a.toml",
      sweep_text("sampling = \"latin_hypercube\"\npoints = 40\nsampling_seed = 3\n", axes)));
  const auto b = load_sweep_file(dir.write(
      "b.toml",
      sweep_text("sampling = \"latin_hypercube\"\npoints = 40\nsampling_seed = 4\n", axes)));
  REQUIRE(count_points(a) == 40);
  const auto points = expand_points(a);
  REQUIRE(points.size() == 40);
  const auto rate = numbers(points, 0);
  const auto arrivals = numbers(points, 1);
  std::set<int> rate_strata, arrival_strata;
  for (std::size_t p = 0; p < 40; ++p) {
    rate_strata.insert(static_cast<int>(std::floor((rate[p] - 0.1) / 0.2 * 40)));
    arrival_strata.insert(
        static_cast<int>(std::floor(std::log(arrivals[p] / 1.0) / std::log(100.0) * 40)));
  }
  CHECK(rate_strata.size() == 40);  // one point in each of the 40 strata
  CHECK(*rate_strata.begin() == 0);
  CHECK(*rate_strata.rbegin() == 39);
  CHECK(arrival_strata.size() == 40);
  std::size_t fifo = 0;
  for (const auto& p : points) fifo += p[2].toml == "\"fifo\"";
  CHECK(fifo == 20);  // a listed axis: each value takes an equal share of the strata
  CHECK(numbers(expand_points(a), 0) == rate);  // a pure function of the file
  CHECK(numbers(expand_points(b), 0) != rate);  // and of its sampling seed
  // The runs of one point are not sampled: they share the sweep's seed.
  const SweepPlan plan(a);
  CHECK(plan.run_count() == 120);
}

TEST_CASE("Morris and Sobol' sweeps: the sensitivity designs mapped onto the axes", "[sweep]") {
  testing::TempDir dir("sweep");
  const std::string axes =
      "[[axis]]\nkey = \"departure.annual_rate\"\nfrom = 0.1\nto = 0.3\n"
      "[[axis]]\nkey = \"joining.arrivals_per_week\"\nfrom = 1.0\nto = 100.0\nscale = \"log\"\n"
      "[[axis]]\nkey = \"programme.one_on_one.capacity\"\nfrom = 1\nto = 7\n";
  const std::size_t k = 3;
  const auto morris = load_sweep_file(dir.write(
      "m.toml", sweep_text("sampling = \"morris\"\ntrajectories = 6\nsampling_seed = 5\n", axes)));
  CHECK(morris.config.levels == 4);  // the declared default
  REQUIRE(count_points(morris) == 6 * (k + 1));
  const std::vector<double> unit = unit_points(morris);
  CHECK(unit == sensitivity::morris_points(k, 6, 4, 5));
  const auto points = expand_points(morris);
  REQUIRE(points.size() == count_points(morris));
  for (std::size_t p = 0; p < points.size(); ++p) {
    // Linear, logarithmic and rounded integer mappings of the unit coordinates.
    CHECK(*points[p][0].number == Approx(0.1 + 0.2 * unit[p * k]));
    CHECK(*points[p][1].number == Approx(std::pow(100.0, unit[p * k + 1])));
    CHECK(*points[p][2].number == std::round(1 + 6 * unit[p * k + 2]));
    CHECK(points[p][2].toml.find('.') == std::string::npos);
  }
  const auto sobol = load_sweep_file(
      dir.write("s.toml", sweep_text("sampling = \"sobol\"\nbase_samples = 8\n", axes)));
  REQUIRE(count_points(sobol) == 8 * (k + 2));
  CHECK(unit_points(sobol) == sensitivity::saltelli_points(k, 8));
  const auto first = expand_points(sobol);
  CHECK(first.size() == 8 * (k + 2));
  CHECK(*first[0][0].number == Approx(0.1 + 0.2 * unit_points(sobol)[0]));
  // The same file gives the same points (the plan numbers runs by them).
  const auto again = expand_points(load_sweep_file(
      dir.write("s2.toml", sweep_text("sampling = \"sobol\"\nbase_samples = 8\n", axes))));
  for (std::size_t p = 0; p < first.size(); ++p)
    for (std::size_t a = 0; a < k; ++a) CHECK(first[p][a].toml == again[p][a].toml);
}

TEST_CASE("a truncated-normal axis: a Latin hypercube reproduces its mean and sd", "[sweep]") {
  // N(0.2, 0.05) cut to [0.1, 0.35]: alpha = -2, beta = 3, Z = Phi(3) - Phi(-2).
  testing::TempDir dir("sweep");
  const auto spec = load_sweep_file(dir.write(
      "t.toml", sweep_text("sampling = \"latin_hypercube\"\npoints = 2000\n",
                           "[[axis]]\nkey = \"departure.annual_rate\"\nfrom = 0.1\nto = 0.35\n"
                           "distribution = \"truncated_normal\"\nmean = 0.2\nsd = 0.05\n")));
  const std::vector<double> x = numbers(expand_points(spec), 0);
  const auto phi = [](double z) { return std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi); };
  const auto Phi = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
  const double a = -2, b = 3, z = Phi(b) - Phi(a);
  const double mean = 0.2 + 0.05 * (phi(a) - phi(b)) / z;
  const double var =
      0.05 * 0.05 * (1 + (a * phi(a) - b * phi(b)) / z - std::pow((phi(a) - phi(b)) / z, 2));
  double sum = 0, squares = 0;
  for (double v : x) {
    CHECK(v >= 0.1);
    CHECK(v <= 0.35);
    sum += v;
  }
  const double m = sum / static_cast<double>(x.size());
  for (double v : x) squares += (v - m) * (v - m);
  CHECK(m == Approx(mean).epsilon(1e-3));
  CHECK(std::sqrt(squares / static_cast<double>(x.size() - 1)) ==
        Approx(std::sqrt(var)).epsilon(5e-3));
}

TEST_CASE("a base axis chooses the scenario file of each point", "[sweep]") {
  const fs::path compare = fs::path(MENTORSIM_SOURCE_DIR) / "scenarios/compare";
  testing::TempDir dir("sweep");
  const auto file = dir.write(
      "models.toml", "[sweep]\nreplicates = 1\n[[axis]]\nkey = \"base\"\nvalues = [\"" +
                         (compare / "00_one_on_one.toml").string() + "\", \"" +
                         (compare / "20_peer_pod.toml").string() +
                         "\"]\n[[axis]]\nkey = \"departure.annual_rate\"\nvalues = [0.1, 0.3]\n");
  const SweepPlan plan(load_sweep_file(file));
  REQUIRE(plan.points().size() == 4);
  CHECK(plan.scenario_of(0).programmes.at(0).common.kind == "one_on_one");
  CHECK(plan.scenario_of(3).programmes.at(0).common.kind == "peer_pod");
  CHECK(plan.scenario_of(3).departure.annual_rate == 0.3);
  CHECK(plan.scenario_of(3).meta.seed == plan.scenario_of(0).meta.seed);  // common random numbers
}

TEST_CASE("SHA-256 matches the FIPS 180-4 test vectors", "[sweep]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("docs/sweeps.md holds the reference generated from the declarations", "[sweep]") {
  const std::string doc = testing::file_text(testing::source_path("docs/sweeps.md"));
  const std::string reference = sweep_reference_markdown();
  const auto split = reference.find("\n\n");
  REQUIRE(split != std::string::npos);
  INFO("docs/sweeps.md is stale: copy sweep_reference_markdown()'s two tables into its Reference");
  CHECK(doc.find(reference.substr(0, split + 1)) != std::string::npos);
  CHECK(doc.find(reference.substr(split + 2)) != std::string::npos);
}

TEST_CASE("a grid's point count saturates instead of wrapping past 2^64", "[sweep][limits]") {
  // 65 axes of 2 values each: 2^65 points, once counted as 0 (and 2^64 + 230 as 230).
  SweepSpec spec;
  for (int a = 0; a < 65; ++a) {
    Axis axis;
    axis.key = "k" + std::to_string(a);
    axis.values = {AxisValue{"1", 1.0, {}}, AxisValue{"2", 2.0, {}}};
    spec.axes.push_back(axis);
  }
  CHECK(count_points(spec) == std::numeric_limits<std::size_t>::max());
  spec.axes.resize(10);
  CHECK(count_points(spec) == 1024);
}
