// `mentorsim compare`'s HDF5 file (grouped by scenario, read back with the C API) and its command
// line: bad input exits 2 and writes nothing; the printed table does not depend on --threads.
#include <hdf5.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "output/hdf5_writer.hpp"

namespace fs = std::filesystem;
using namespace mentorsim;

namespace {

// A fresh directory, removed with its contents at the end.
struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("mentorsim-cmptest-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
  size_t entries() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(path), {}));
  }
};

struct Id {
  hid_t id;
  herr_t (*closer)(hid_t);
  Id(hid_t i, herr_t (*c)(hid_t)) : id(i), closer(c) { REQUIRE(id >= 0); }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  ~Id() { closer(id); }
};

std::string string_attr(hid_t obj, const char* name) {
  const Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  const Id type(H5Aget_type(attr.id), H5Tclose);
  char* text = nullptr;
  REQUIRE(H5Aread(attr.id, type.id, &text) >= 0);
  std::string value = text != nullptr ? text : "";
  H5free_memory(text);
  return value;
}

std::vector<std::string> string_array_attr(hid_t obj, const char* name) {
  const Id attr(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  const Id type(H5Aget_type(attr.id), H5Tclose);
  const Id space(H5Aget_space(attr.id), H5Sclose);
  std::vector<char*> texts(static_cast<size_t>(H5Sget_simple_extent_npoints(space.id)));
  if (!texts.empty()) REQUIRE(H5Aread(attr.id, type.id, texts.data()) >= 0);
  std::vector<std::string> values;
  for (char* t : texts) {
    values.emplace_back(t);
    H5free_memory(t);
  }
  return values;
}

double scalar(hid_t file, const std::string& path) {
  const Id dset(H5Dopen2(file, path.c_str(), H5P_DEFAULT), H5Dclose);
  double value = 0;
  REQUIRE(H5Dread(dset.id, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &value) >= 0);
  return value;
}

RunResult run_of(const std::string& scenario, std::uint64_t replicate, double coverage) {
  RunResult r;
  r.run_id = "r000" + std::to_string(replicate);
  r.scenario_name = scenario;
  r.scenario_source = scenario + ".toml";
  r.resolved_scenario_toml = "[scenario]\nname = \"" + scenario + "\"\n";
  r.seed = 42;
  r.replicate = replicate;
  r.weeks = 3;
  r.weekly = {{"coverage", "share", "Share mentored", {0.1, 0.2, coverage}}};
  r.summary = {{"final_coverage", coverage, "share", "Share mentored at the end"}};
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

struct Result {
  int status;
  std::string out, err;
};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs the mentorsim binary with `args` (already shell-quoted where needed); output files go to
// `dir`, so a test can check nothing else was written there.
Result run(const std::string& args, const fs::path& streams_dir) {
  const fs::path out = streams_dir / "stdout", err = streams_dir / "stderr";
  // fmt rather than "'" + std::string(...): GCC 12 warns falsely (-Wrestrict) on the latter.
  const std::string command =
      fmt::format("'{}' {} >'{}' 2>'{}'", MENTORSIM_BINARY, args, out.string(), err.string());
  const int raw = std::system(command.c_str());
  Result r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
  fs::remove(out);
  fs::remove(err);
  return r;
}

std::string model(const std::string& name) {
  return fmt::format("'{}/scenarios/models/{}.toml'", MENTORSIM_SOURCE_DIR, name);
}

}  // namespace

TEST_CASE("write_comparison_hdf5 groups runs by scenario", "[compare][hdf5]") {
  TempDir dir;
  const fs::path out = dir.path / "compare.h5";
  write_comparison_hdf5(out, info(), {group_of("one", {0.5, 0.6}), group_of("two", {0.7, 0.8})},
                        false);
  CHECK(dir.entries() == 1);  // no temporary left
  const Id file(H5Fopen(out.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  CHECK(string_attr(file.id, "format") == "mentorsim-compare");
  CHECK(string_attr(file.id, "command_line") == "mentorsim compare a.toml b.toml");
  CHECK(string_attr(file.id, "baseline") == "one");
  CHECK(string_array_attr(file.id, "scenarios") == std::vector<std::string>{"one", "two"});
  const Id two(H5Gopen2(file.id, "/scenarios/two", H5P_DEFAULT), H5Gclose);
  CHECK(string_attr(two.id, "scenario_source") == "two.toml");
  CHECK(string_attr(two.id, "resolved_scenario") == "[scenario]\nname = \"two\"\n");
  const Id run(H5Gopen2(file.id, "/scenarios/two/runs/r0001", H5P_DEFAULT), H5Gclose);
  CHECK(string_attr(run.id, "scenario_name") == "two");  // the single-run group attributes
  CHECK(scalar(file.id, "/scenarios/one/runs/r0000/summary/final_coverage") == 0.5);
  CHECK(scalar(file.id, "/scenarios/two/runs/r0001/summary/final_coverage") == 0.8);
  CHECK(H5Lexists(file.id, "/scenarios/two/runs/r0001/weekly/coverage", H5P_DEFAULT) > 0);
  CHECK(H5Lexists(file.id, "/runs", H5P_DEFAULT) == 0);
}

TEST_CASE("write_comparison_hdf5 refuses bad labels and existing files", "[compare][hdf5]") {
  TempDir dir;
  const fs::path out = dir.path / "compare.h5";
  CHECK_THROWS_AS(
      write_comparison_hdf5(out, info(), {group_of("a", {1}), group_of("a", {2})}, false),
      RunError);
  CHECK_THROWS_AS(write_comparison_hdf5(out, info(), {group_of("a/b", {1})}, false), RunError);
  CHECK(dir.entries() == 0);
  std::ofstream(out) << "keep";
  CHECK_THROWS_AS(write_comparison_hdf5(out, info(), {group_of("a", {1})}, false), InputError);
  CHECK(slurp(out) == "keep");
}

TEST_CASE("mentorsim compare: bad input exits 2 and writes nothing", "[compare][cli]") {
  TempDir dir, streams;
  const std::string out = " --out '" + (dir.path / "c.h5").string() + "'";
  Result r = run("compare " + model("one_on_one") + out, streams.path);
  CHECK(r.status == 2);
  CHECK(r.err.find("needs a BASELINE and at least one other scenario") != std::string::npos);
  r = run("compare", streams.path);
  CHECK(r.status == 2);
  r = run(
      "compare " + model("one_on_one") + " '" + (dir.path / "missing.toml").string() + "'" + out,
      streams.path);
  CHECK(r.status == 2);
  CHECK(r.err.find("missing.toml") != std::string::npos);
  CHECK(r.out.empty());
  r = run("compare " + model("one_on_one") + " '" + std::string(MENTORSIM_SOURCE_DIR) +
              "/scenarios/invalid/several_errors.toml'" + out,
          streams.path);
  CHECK(r.status == 2);
  CHECK(r.err.find("several_errors.toml:7:9:") != std::string::npos);
  CHECK(run("compare a.toml b.toml --format yaml", streams.path).status == 2);
  CHECK(dir.entries() == 0);
}

TEST_CASE("mentorsim compare prints the same table at 1 and 2 threads", "[compare][cli]") {
  TempDir dir, streams;
  const std::string args = "compare " + model("one_on_one") + " " + model("peer_pod") +
                           " --quiet --replicates 2 --set scenario.weeks=8 --format csv";
  const Result one = run(args + " --threads 1", streams.path);
  REQUIRE(one.status == 0);
  const std::string common = "compare " + model("one_on_one") + " " + model("peer_pod") +
                             " --replicates 2 --set scenario.weeks=8 --format csv";
  const Result a = run(common + " --threads 1", streams.path);
  const Result b =
      run(common + " --threads 2 --out '" + (dir.path / "c.h5").string() + "'", streams.path);
  REQUIRE(a.status == 0);
  REQUIRE(b.status == 0);
  CHECK(a.out == b.out);
  CHECK(a.out.rfind("metric,scenario,mean,", 0) == 0);
  CHECK(one.out.empty());  // --quiet
  const Id file(H5Fopen((dir.path / "c.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  CHECK(string_array_attr(file.id, "scenarios") ==
        std::vector<std::string>{"one_on_one", "peer_pod"});
}
