// The developmental network as GraphML: its counts, XML escaping (scenario names are restricted to
// identifiers, so the free-text description is what needs it), and the same text on any number of
// threads.
#include <catch2/catch.hpp>
#include <string>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "output/network_graphml.hpp"
#include "support/same_results.hpp"
#include "support/text.hpp"

using namespace mentorsim;
using mentorsim::testing::occurrences;

namespace {

const char* kScenario = R"(
[scenario]
weeks = 20
seed = 4
[population]
initial_size = 400
group_names = ["engineers", "sales"]
group_shares = [0.5, 0.5]
zones = ["technical", "leadership"]
[[programme]]
kind = "constellation"
)";

std::string network_at(Week week) {
  const Scenario s = params::load_scenario_text(kScenario, "test.toml", {});
  Simulation sim(s, 0);
  while (sim.weeks_done() <= week) sim.step();
  return network_graphml(sim.world(), week, "a <test> & more");
}

}  // namespace

TEST_CASE("the GraphML network holds every active practitioner and tie", "[output][network]") {
  const Scenario s = params::load_scenario_text(kScenario, "test.toml", {});
  Simulation sim(s, 0);
  for (int w = 0; w < 12; ++w) sim.step();
  const std::string text = network_graphml(sim.world(), 11, "d");
  std::size_t active = 0;
  for (const auto reason : sim.world().ties.end_reason) active += reason == 0;
  CHECK(occurrences(text, "<node id=") == sim.world().people.size());
  CHECK(occurrences(text, "<edge id=") == active);
  CHECK(active > 0);
  CHECK(occurrences(text, "<data key=\"kind\">guide</data>") == active);
  CHECK(occurrences(text, "<data key=\"group\">engineers</data>") +
            occurrences(text, "<data key=\"group\">sales</data>") ==
        sim.world().people.size());
  CHECK(text.find("<desc>d</desc>") != std::string::npos);
  CHECK(text.rfind("</graphml>\n") == text.size() - 11);
}

TEST_CASE("the network is the same text on 1 and 2 threads", "[output][network][threads]") {
  const std::string one = testing::with_threads(1, [] { return network_at(15); });
  const std::string two = testing::with_threads(2, [] { return network_at(15); });
  CHECK(one == two);
  CHECK(one.find("a &lt;test&gt; &amp; more") != std::string::npos);
}
