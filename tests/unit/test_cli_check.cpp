// `mentorsim check` and `mentorsim schema` as a user runs them: output streams and exit status.
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "input/scenario_loader.hpp"
#include "input/schema_output.hpp"

namespace fs = std::filesystem;

namespace {

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

// Runs the mentorsim binary with `args` (already shell-quoted where needed).
Result run(const std::string& args) {
  const fs::path dir = fs::temp_directory_path();
  // Unique per process: ctest runs test cases in parallel processes.
  const std::string stem = "mentorsim_cli_test_" + std::to_string(::getpid());
  const fs::path out = dir / (stem + ".out"), err = dir / (stem + ".err");
  const std::string command = "'" + std::string(MENTORSIM_BINARY) + "' " + args + " >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int raw = std::system(command.c_str());
  Result r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(out), slurp(err)};
  fs::remove(out);
  fs::remove(err);
  return r;
}

std::string source(const std::string& relative) {
  return std::string(MENTORSIM_SOURCE_DIR) + "/" + relative;
}

}  // namespace

TEST_CASE("mentorsim check prints the resolved scenario and exits 0", "[cli]") {
  const std::string path = source("scenarios/models/one_on_one.toml");
  const Result r = run("check '" + path + "' --set departure.annual_rate=0.25");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  CHECK(r.out ==
        mentorsim::params::load_scenario_file(path, {"departure.annual_rate=0.25"}).resolved_toml);
}

TEST_CASE("mentorsim check lists every problem and exits 2", "[cli]") {
  const std::string path = source("scenarios/invalid/several_errors.toml");
  const Result r = run("check '" + path + "'");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(path + ":7:9: scenario.weeks: 0 is out of range [1, 5200]\n") !=
        std::string::npos);
  CHECK(r.err.find("\nmentorsim: 4 problems in " + path + "\n") != std::string::npos);
}

TEST_CASE("mentorsim check and schema reject bad command lines with exit 2", "[cli]") {
  CHECK(run("check").status == 2);
  CHECK(run("check --bogus x.toml").status == 2);
  CHECK(run("schema --format xml").status == 2);
  const Result help = run("check --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("Usage: mentorsim check SCENARIO") != std::string::npos);
}

TEST_CASE("mentorsim schema prints each format", "[cli]") {
  CHECK(run("schema").out == mentorsim::params::schema_markdown());
  CHECK(run("schema --format toml").out == mentorsim::params::schema_toml());
  CHECK(run("schema --format json").out == mentorsim::params::schema_json());
}
