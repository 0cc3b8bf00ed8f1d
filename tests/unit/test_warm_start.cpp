// Continuing from a saved state (mentorsim run --save-state / --from-state,
// cli/state_continuation): a run continued from week 104 of a saved run is bit-identical to the
// uninterrupted run, at 1 and 2 threads; changed programme settings act from the saved week on
// only; a state the replay does not reproduce, and changes a continuation cannot take, are refused
// with what and where.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/replicates.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "output/hdf5_util.hpp"
#include "output/state_file.hpp"
#include "output/state_snapshot.hpp"
#include "support/cli.hpp"
#include "support/same_results.hpp"
#include "support/source_tree.hpp"
#include "support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace mentorsim;
using testing::quoted;
using testing::run_cli;

namespace {

// The roster example: 500 people read from a file, 22 relationships running at week 0, 156 weeks.
const std::string kScenario = testing::source_path("scenarios/roster/00_one_on_one.toml");
constexpr Week kSaved = 104;

Scenario roster_scenario(std::vector<std::string> overrides = {}) {
  overrides.emplace_back("scenario.replicates=2");
  return params::load_scenario_file(kScenario, overrides);
}

}  // namespace

TEST_CASE("a run continued from week 104 equals the uninterrupted run at 1 and 2 threads",
          "[engine][warm_start][determinism]") {
  const Scenario s = roster_scenario();
  const auto whole = testing::with_threads(1, [&] { return run_replicates(s, 2); });
  for (const int threads : {1, 2}) {
    INFO("threads: " << threads);
    std::vector<std::string> digests(2);
    const auto continued = testing::with_threads(threads, [&] {
      return run_replicates_from(s, s, 2, kSaved, [&](std::uint64_t r, const Simulation& run) {
        REQUIRE(run.weeks_done() == kSaved);
        digests[r] = snapshot_state(run.world(), r, kSaved).digest;
      });
    });
    for (std::size_t r = 0; r < 2; ++r) CHECK(testing::differences(whole[r], continued[r]) == 0);
    // The state at the saved week does not depend on the thread count either.
    Simulation again(s, 1);
    while (again.weeks_done() < kSaved) again.step();
    CHECK(snapshot_state(again.world(), 1, kSaved).digest == digests[1]);
    CHECK(digests[0] != digests[1]);
  }
}

TEST_CASE("changed programme settings act from the saved week on", "[engine][warm_start]") {
  const Scenario s = roster_scenario();
  const Scenario closed = roster_scenario({"programme.current.seek_share=0"});
  const auto whole = run_replicates(s, 1);
  const auto changed = run_replicates_from(s, closed, 1, kSaved, [](auto, const auto&) {});
  const auto& a = whole[0].weekly;
  const auto& b = changed[0].weekly;
  std::size_t before = 0, after = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    for (std::size_t w = 0; w < a[i].values.size(); ++w)
      if (!testing::same_bits(a[i].values[w], b[i].values[w]))
        ++(static_cast<Week>(w) < kSaved ? before : after);
  CHECK(before == 0);
  CHECK(after > 0);
}

TEST_CASE("mentorsim run saves a state and continues from it as a user does", "[cli][warm_start]") {
  testing::TempDir dir("warm_start");
  const std::string state = (dir.path / "org.week104.state.h5").string();
  const auto run = [&](const std::string& args) {
    const testing::CliResult r = run_cli(args);
    INFO(args << "\n" << r.err);
    REQUIRE(r.status == 0);
    return r.out;
  };
  const std::string whole =
      run(fmt::format("run {} -r 2 -f csv -m all --threads 1 --save-state 104 --out {}",
                      quoted(kScenario), quoted((dir.path / "org.h5").string())));
  REQUIRE(fs::exists(state));  // the default name, beside --out
  const SavedState saved = read_state_file(state);
  CHECK(saved.week == kSaved);
  CHECK(saved.replicates == 2);
  for (const char* threads : {"1", "2"})
    CHECK(run(fmt::format("run --from-state {} -f csv -m all --threads {}", quoted(state),
                          threads)) == whole);
  const std::string closed = run(fmt::format(
      "run --from-state {} -f csv -m all --set programme.current.seek_share=0", quoted(state)));
  CHECK(closed != whole);

  // What a continuation cannot change, and a state it cannot reproduce.
  const testing::CliResult population =
      run_cli(fmt::format("run --from-state {} --set population.initial_size=9", quoted(state)));
  CHECK(population.status == 2);
  CHECK(population.err.find("--set population.initial_size: a continuation changes programme "
                            "settings (programme.NAME.KEY) and scenario.weeks only") !=
        std::string::npos);
  const testing::CliResult start =
      run_cli(fmt::format("run --from-state {} --set scenario.weeks=104", quoted(state)));
  CHECK(start.status == 2);
  CHECK(start.err.find("scenario.weeks = 104: the continuation starts at week 104") !=
        std::string::npos);
  const testing::CliResult not_state =
      run_cli(fmt::format("run --from-state {}", quoted(kScenario)));
  CHECK(not_state.status == 2);
  CHECK(not_state.err.find("cannot read it as a state file") != std::string::npos);
  const testing::CliResult both =
      run_cli(fmt::format("run {} --from-state {}", quoted(kScenario), quoted(state)));
  CHECK(both.status == 2);
  const testing::CliResult late =
      run_cli(fmt::format("run {} --save-state 156 -r 1", quoted(kScenario)));
  CHECK(late.status == 2);
  CHECK(late.err.find("156 is not a week to save after: 1 to 155") != std::string::npos);

  // A state the replay does not reproduce (here its digest is forged; a file from another model
  // version differs in its tables) is refused, naming where.
  const std::string forged = (dir.path / "forged.h5").string();
  fs::copy_file(state, forged);
  {
    h5::Handle file(H5Fopen(forged.c_str(), H5F_ACC_RDWR, H5P_DEFAULT), H5Fclose, "open");
    const h5::Handle group = h5::open_group(file.get(), "replicate_1");
    h5::check_ok(H5Adelete(group.get(), "digest"), "delete");
    h5::string_attr(group.get(), "/replicate_1", "digest", "0");
  }
  const testing::CliResult tampered =
      run_cli(fmt::format("run --from-state {} -q", quoted(forged)));
  CHECK(tampered.status == 2);
  CHECK(tampered.err.find("replicate 1: re-simulated to week 104, the state differs from the saved "
                          "one (first in the digest)") != std::string::npos);
}
