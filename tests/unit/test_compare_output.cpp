// `mentorsim compare`'s HDF5 file (grouped by scenario, read back with the C API) and its command
// line: bad input exits 2 and writes nothing; the printed table does not depend on --threads.
#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "output/hdf5_util.hpp"
#include "output/hdf5_writer.hpp"
#include "support/cli.hpp"
#include "support/source_tree.hpp"
#include "support/temp_dir.hpp"
#include "support/text.hpp"

namespace fs = std::filesystem;
using namespace mentorsim;
using mentorsim::testing::CliResult;
using mentorsim::testing::model_path;
using mentorsim::testing::quoted;
using mentorsim::testing::run_cli;
using mentorsim::testing::source_path;
using mentorsim::testing::TempDir;

namespace {

RunResult run_of(const std::string& scenario, std::uint64_t replicate, double coverage) {
  RunResult r;
  r.run_id = "r000" + std::to_string(replicate);
  r.scenario_name = scenario;
  r.scenario_source = scenario + ".toml";
  r.resolved_scenario_toml = "[scenario]\nname = \"" + scenario + "\"\n";
  r.seed = 42;
  r.replicate = replicate;
  r.weeks = 3;
  r.weekly = {{"participation", "share", "Share mentored", {0.1, 0.2, coverage}}};
  r.summary = {{"final_participation", coverage, "share", "Share mentored at the end"}};
  return r;
}

ScenarioGroup group_of(const std::string& label, const std::vector<double>& coverage) {
  ScenarioGroup g{label, label + ".toml", "[scenario]\nname = \"" + label + "\"\n", {}};
  for (size_t r = 0; r < coverage.size(); ++r) g.runs.push_back(run_of(label, r, coverage[r]));
  return g;
}

InvocationInfo info() {
  return {"0.1.0", "abc123", "2024-05-01T12:00:00Z", "mentorsim compare a.toml b.toml", 2};
}

// A bundled scenario's path, quoted for the command line.
std::string model(const std::string& name) {
  return quoted(model_path(name));
}

}  // namespace

TEST_CASE("write_comparison_hdf5 groups runs by scenario", "[compare][hdf5]") {
  TempDir dir;
  const fs::path out = dir.path / "compare.h5";
  write_comparison_hdf5(out, info(), {group_of("one", {0.5, 0.6}), group_of("two", {0.7, 0.8})},
                        false);
  CHECK(dir.entries().size() == 1);  // no temporary left
  const h5::Handle file = h5::open_read(out);
  const hid_t root = file.get();
  CHECK(h5::read_string_attr(root, "/", "format") == "mentorsim-compare");
  CHECK(h5::read_string_attr(root, "/", "command_line") == "mentorsim compare a.toml b.toml");
  CHECK(h5::read_string_attr(root, "/", "baseline") == "one");
  CHECK(h5::read_string_array_attr(root, "/", "scenarios") ==
        std::vector<std::string>{"one", "two"});
  const h5::Handle two = h5::open_group(root, "/scenarios/two");
  CHECK(h5::read_string_attr(two.get(), "two", "scenario_source") == "two.toml");
  CHECK(h5::read_string_attr(two.get(), "two", "resolved_scenario") ==
        "[scenario]\nname = \"two\"\n");
  // Each scenario is an arm: its runs as arrays, a row per replicate.
  CHECK(h5::read_string_attr(two.get(), "two", "scenario_name") == "two");
  CHECK(h5::read_doubles(root, "/scenarios/one/summary/final_participation") ==
        std::vector<double>{0.5, 0.6});
  CHECK(h5::read_doubles(root, "/scenarios/two/summary/final_participation") ==
        std::vector<double>{0.7, 0.8});
  CHECK(h5::read_strings(root, "/scenarios/two/run_id") ==
        std::vector<std::string>{"r0000", "r0001"});
  const h5::Matrix weekly = h5::read_matrix(root, "/scenarios/two/weekly/participation");
  CHECK((weekly.rows == 2 && weekly.cols == 3));
  CHECK(weekly.values == std::vector<double>{0.1, 0.2, 0.7, 0.1, 0.2, 0.8});
  CHECK_FALSE(h5::has_link(root, "/runs"));
  CHECK_FALSE(h5::has_link(root, "/scenarios/two/runs"));
}

TEST_CASE("write_comparison_hdf5 refuses bad labels and existing files", "[compare][hdf5]") {
  TempDir dir;
  const fs::path out = dir.path / "compare.h5";
  CHECK_THROWS_AS(
      write_comparison_hdf5(out, info(), {group_of("a", {1}), group_of("a", {2})}, false),
      RunError);
  CHECK_THROWS_AS(write_comparison_hdf5(out, info(), {group_of("a/b", {1})}, false), RunError);
  CHECK(dir.entries().empty());
  std::ofstream(out) << "keep";
  CHECK_THROWS_AS(write_comparison_hdf5(out, info(), {group_of("a", {1})}, false), InputError);
  CHECK(testing::file_text(out) == "keep");
}

TEST_CASE("mentorsim compare: bad input exits 2 and writes nothing", "[compare][cli]") {
  TempDir dir;
  const std::string out = " --out " + quoted((dir.path / "c.h5").string());
  CliResult r = run_cli("compare " + model("one_on_one") + out);
  CHECK(r.status == 2);
  CHECK(r.err.find("needs a BASELINE and at least one other scenario") != std::string::npos);
  r = run_cli("compare");
  CHECK(r.status == 2);
  r = run_cli("compare " + model("one_on_one") + " " +
              quoted((dir.path / "missing.toml").string()) + out);
  CHECK(r.status == 2);
  CHECK(r.err.find("missing.toml") != std::string::npos);
  CHECK(r.out.empty());
  r = run_cli("compare " + model("one_on_one") + " " +
              quoted(source_path("scenarios/invalid/several_errors.toml")) + out);
  CHECK(r.status == 2);
  CHECK(r.err.find("several_errors.toml:7:9:") != std::string::npos);
  CHECK(run_cli("compare a.toml b.toml --format yaml").status == 2);
  CHECK(dir.entries().empty());
}

TEST_CASE("mentorsim compare prints the same table at 1 and 2 threads", "[compare][cli]") {
  TempDir dir;
  const std::string args = "compare " + model("one_on_one") + " " + model("peer_pod") +
                           " --quiet --replicates 2 --set scenario.weeks=8 --format csv";
  const CliResult one = run_cli(args + " --threads 1");
  REQUIRE(one.status == 0);
  const std::string common = "compare " + model("one_on_one") + " " + model("peer_pod") +
                             " --replicates 2 --set scenario.weeks=8 --format csv";
  const CliResult a = run_cli(common + " --threads 1");
  const CliResult b =
      run_cli(common + " --threads 2 --out " + quoted((dir.path / "c.h5").string()));
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  CHECK(a.out == b.out);
  CHECK(a.out.rfind("metric,scenario,mean,", 0) == 0);
  CHECK(one.out.empty());  // --quiet
  const h5::Handle file = h5::open_read(dir.path / "c.h5");
  CHECK(h5::read_string_array_attr(file.get(), "/", "scenarios") ==
        std::vector<std::string>{"one_on_one", "peer_pod"});
}
