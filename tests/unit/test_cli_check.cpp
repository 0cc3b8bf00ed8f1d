// `mentorsim check` and `mentorsim schema` as a user runs them: output streams and exit status.
#include <catch2/catch.hpp>

#include <string>

#include "input/scenario_loader.hpp"
#include "input/schema_output.hpp"
#include "scenario/run_estimate.hpp"
#include "support/cli.hpp"
#include "support/source_tree.hpp"

using mentorsim::testing::CliResult;
using mentorsim::testing::model_path;
using mentorsim::testing::run_cli;
using mentorsim::testing::source_path;

TEST_CASE("mentorsim check prints the resolved scenario and exits 0", "[cli]") {
  const std::string path = model_path("one_on_one");
  const CliResult r = run_cli("check '" + path + "' --set departure.annual_rate=0.25");
  CHECK(r.status == 0);
  CHECK(r.err.empty());
  const mentorsim::Scenario s =
      mentorsim::params::load_scenario_file(path, {"departure.annual_rate=0.25"});
  // The resolved scenario, then the estimate of a run's cost as a comment: still a scenario file.
  CHECK(r.out == s.resolved_toml + "\n# estimated: " +
                     mentorsim::describe_estimate(mentorsim::estimate_run(s)) + "\n");
  CHECK(r.out.find("# estimated: about 2,") != std::string::npos);
  CHECK(mentorsim::params::load_scenario_text(r.out, "check output", {}).resolved_toml ==
        s.resolved_toml);
}

TEST_CASE("mentorsim check lists every problem and exits 2", "[cli]") {
  const std::string path = source_path("scenarios/invalid/several_errors.toml");
  const CliResult r = run_cli("check '" + path + "'");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find(path + ":7:9: scenario.weeks: 0 is out of range [1, 5200]\n") !=
        std::string::npos);
  CHECK(r.err.find("\nmentorsim: 4 problems in " + path + "\n") != std::string::npos);
}

TEST_CASE("mentorsim check and schema reject bad command lines with exit 2", "[cli]") {
  CHECK(run_cli("check").status == 2);
  CHECK(run_cli("check --bogus x.toml").status == 2);
  CHECK(run_cli("schema --format xml").status == 2);
  const CliResult help = run_cli("check --help");
  CHECK(help.status == 0);
  CHECK(help.out.find("Usage: mentorsim check SCENARIO") != std::string::npos);
}

TEST_CASE("mentorsim schema prints each format", "[cli]") {
  CHECK(run_cli("schema").out == mentorsim::params::schema_markdown());
  CHECK(run_cli("schema --format toml").out == mentorsim::params::schema_toml());
  CHECK(run_cli("schema --format json").out == mentorsim::params::schema_json());
}
