// The developmental network as GraphML: its counts, the attributes Gephi reads (label, weight) and
// the graph's own (scenario, replicate, seed, week), and the same text on any number of threads.
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
name = "test"
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
  return network_graphml(sim.world(), {3, 4, week});
}

}  // namespace

TEST_CASE("the GraphML network holds every active practitioner and tie", "[output][network]") {
  const Scenario s = params::load_scenario_text(kScenario, "test.toml", {});
  Simulation sim(s, 0);
  for (int w = 0; w < 12; ++w) sim.step();
  const std::string text = network_graphml(sim.world(), {0, 4, 11});
  std::size_t active = 0;
  for (const auto reason : sim.world().ties.end_reason) active += reason == 0;
  CHECK(occurrences(text, "<node id=") == sim.world().people.size());
  CHECK(occurrences(text, "<edge id=") == active);
  CHECK(active > 0);
  CHECK(occurrences(text, "<data key=\"kind\">guide</data>") == active);
  CHECK(occurrences(text, "<data key=\"group\">engineers</data>") +
            occurrences(text, "<data key=\"group\">sales</data>") ==
        sim.world().people.size());
  CHECK(occurrences(text, "<data key=\"label\">p") == sim.world().people.size());
  CHECK(occurrences(text, "<data key=\"weight\">") == active);
  CHECK(text.rfind("</graphml>\n") == text.size() - 11);
}

TEST_CASE("the GraphML graph says which run and week it is", "[output][network]") {
  const std::string text = network_at(15);
  CHECK(text.find("<key id=\"seed\" for=\"graph\" attr.name=\"seed\" attr.type=\"long\"/>") !=
        std::string::npos);
  const auto graph = text.find("<graph id=\"week15\"");
  REQUIRE(graph != std::string::npos);
  const auto first_node = text.find("<node", graph);
  for (const char* d : {"<desc>test: replicate 3, seed 4, end of week 15</desc>",
                        "<data key=\"scenario\">test</data>", "<data key=\"replicate\">3</data>",
                        "<data key=\"seed\">4</data>", "<data key=\"week\">15</data>"}) {
    const auto at = text.find(d, graph);
    CHECK(at < first_node);
  }
}

TEST_CASE("the network is the same text on 1 and 2 threads", "[output][network][threads]") {
  const std::string one = testing::with_threads(1, [] { return network_at(15); });
  const std::string two = testing::with_threads(2, [] { return network_at(15); });
  CHECK(one == two);
}
