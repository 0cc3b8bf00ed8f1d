// Blended ecosystems: several programmes at once, each with its eligible functions (a pilot that
// expands), its priority when developers are short, its levers (volunteering, incentives,
// protected time), and exact per-programme accounting; the bundled ecosystem.toml does not depend
// on threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/run_values.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;

using mentorsim::testing::differences;
using mentorsim::testing::last;
using mentorsim::testing::same_at_one_and_two_threads;
using mentorsim::testing::with_threads;

namespace {

// 500 practitioners, 20 seniors (the only mentors: reciprocity off), no departures, no
// arrivals unless `arrivals`; the programmes are appended by each test.
std::string organisation(double arrivals = 0.0) {
  return "[scenario]\nweeks = 60\nseed = 11\n"
         "[population]\ninitial_size = 500\nsenior_share = 0.04\n"
         "[joining]\narrivals_per_week = " +
         std::to_string(arrivals) +
         "\n[departure]\nenabled = false\n"
         "[reciprocity]\nenabled = false\n";
}

std::string one_on_one(const std::string& name, const std::string& extra = "", int capacity = 2) {
  return "[[programme]]\nkind = \"one_on_one\"\nname = \"" + name +
         "\"\ncapacity = " + std::to_string(capacity) + "\ninitial_seek_share = 0.5\n" + extra;
}

Scenario load(const std::string& text) {
  return params::load_scenario_text(text, "<test>", {});
}

std::int64_t active_ties_of(const World& w, std::uint8_t programme) {
  std::int64_t n = 0;
  for (TieRow t = 0; t < w.ties.size(); ++t)
    n += w.ties.active(t) && w.ties.programme[t] == programme;
  return n;
}

}  // namespace

TEST_CASE("a pilot takes part by function and expands at its expand week", "[ecosystem]") {
  const Scenario scenario =
      load(organisation(5.0) + one_on_one("pilot",
                                          "functions = [\"engineering\"]\nexpand_week = 20\n"
                                          "expand_functions = [\"sales\"]\nseek_share = 0.8\n",
                                          30));  // places for everyone who asks
  // function_names default to engineering, operations, sales.
  constexpr std::uint8_t kEngineering = 0, kOperations = 1, kSales = 2;
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  std::int64_t sales_learners_after = 0;
  for (int week = 0; week < 60; ++week) {
    sim.step();
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!w.ties.active(t)) continue;
      for (const Row r : {w.ties.learner[t], w.ties.developer[t]}) {
        const std::uint8_t f = w.people.function[r];
        CHECK(f != kOperations);
        if (week < 20) CHECK(f == kEngineering);
      }
      sales_learners_after += w.people.function[w.ties.learner[t]] == kSales;
    }
  }
  CHECK(sales_learners_after > 0);
  CHECK(last(sim, "programme/pilot/ties") > 0);
}

TEST_CASE("when developers are short, the programme with higher priority matches first",
          "[ecosystem]") {
  // 20 seniors x capacity 2 = 40 places; each programme has about 250 seekers at week 0.
  const bool b_first = GENERATE(true, false);
  const Scenario scenario =
      load(organisation() + one_on_one("a") + one_on_one("b", b_first ? "priority = 1\n" : ""));
  Simulation sim(scenario, 0);
  sim.step();
  const World& w = sim.world();
  std::int64_t places = 0;
  for (Row r = 0; r < w.people.size(); ++r) places += w.people.has(r, flag::kSenior) ? 2 : 0;
  REQUIRE(places >= 20);
  // The first programme to match takes every place; equal priorities keep file order.
  CHECK(active_ties_of(w, b_first ? 1 : 0) == places);
  CHECK(active_ties_of(w, b_first ? 0 : 1) == 0);
  CHECK(last(sim, b_first ? "programme/a/waiting_list" : "programme/b/waiting_list") > 200);
}

TEST_CASE("only volunteers develop others; incentives add volunteers", "[ecosystem]") {
  SECTION("no volunteers: nobody is matched, learners wait") {
    const Scenario scenario = load(organisation() + one_on_one("p", "volunteer_share = 0\n"));
    Simulation sim(scenario, 0);  // keeps a reference to the scenario
    for (int week = 0; week < 10; ++week) sim.step();
    CHECK(active_ties_of(sim.world(), 0) == 0);
    CHECK(last(sim, "programme/p/waiting_list") > 200);
  }
  SECTION("incentives raise the share, keeping everyone who volunteered without them") {
    const Scenario without = load(organisation() + one_on_one("p", "volunteer_share = 0.5\n"));
    const Scenario with =
        load(organisation() + one_on_one("p",
                                         "volunteer_share = 0.5\nincentives = "
                                         "true\nincentive_volunteer_gain = 0.3\n"));
    Simulation a(without, 0), b(with, 0);
    a.step();
    b.step();
    const World& wa = a.world();
    const World& wb = b.world();
    REQUIRE(wa.people.size() == wb.people.size());
    std::int64_t va = 0, vb = 0;
    for (Row r = 0; r < wa.people.size(); ++r) {
      REQUIRE(wa.people.id[r] == wb.people.id[r]);
      va += wa.volunteers(0, r);
      vb += wb.volunteers(0, r);
      if (wa.volunteers(0, r)) CHECK(wb.volunteers(0, r));
    }
    const double n = static_cast<double>(wa.people.size());
    // Binomial(500, p): 4 standard errors are at most 0.09.
    CHECK(static_cast<double>(va) / n == Approx(0.5).margin(0.09));
    CHECK(static_cast<double>(vb) / n == Approx(0.8).margin(0.08));
    // Non-volunteers hold no ties.
    for (TieRow t = 0; t < wa.ties.size(); ++t)
      if (wa.ties.active(t)) CHECK(wa.volunteers(0, wa.ties.developer[t]));
  }
}

TEST_CASE("incentives raise the attendance of the programme's relationships", "[ecosystem]") {
  const Scenario scenario = load(
      organisation() +
      one_on_one("p", "attendance = 0.9\nincentives = true\nincentive_attendance_gain = 0.05\n") +
      one_on_one("q",
                 "attendance = 0.98\nincentives = true\n"
                 "incentive_attendance_gain = 0.05\n"));
  Simulation sim(scenario, 0);
  sim.step();
  const World& w = sim.world();
  std::int64_t seen = 0;
  for (TieRow t = 0; t < w.ties.size(); ++t) {
    ++seen;
    CHECK(w.ties.attendance[t] == Approx(w.ties.programme[t] == 0 ? 0.95 : 1.0));  // capped at 1
  }
  CHECK(seen > 0);
}

TEST_CASE("a protected-time budget keeps the programme's load from exhausting developers",
          "[ecosystem]") {
  // Two 4-hour sessions a fortnight per mentor (capacity 2): 4 h/week against about 2 available.
  const bool protect = GENERATE(true, false);
  const Scenario scenario =
      load(organisation() +
           one_on_one("p", std::string("session_hours = 4\nattendance = 1\n") +
                               (protect ? "protected_hours = 4\n" : "protected_hours = 0\n")));
  Simulation sim(scenario, 0);
  for (int week = 0; week < 20; ++week) sim.step();
  const World& w = sim.world();
  double loaded = 0, max_exhaustion = 0;
  for (Row r = 0; r < w.people.size(); ++r) {
    loaded += w.people.load_hours[r];
    max_exhaustion = std::max(max_exhaustion, static_cast<double>(w.people.exhaustion[r]));
  }
  CHECK(loaded > 50);  // the load is there either way
  if (protect)
    CHECK(max_exhaustion == 0);
  else
    CHECK(max_exhaustion > 1);
}

TEST_CASE("per-programme accounting is exact in the bundled ecosystem and single models",
          "[ecosystem]") {
  // Three programmes (the general count), and one (counted from the rows' link counters): a
  // model of pairs, and one of peer groups with visiting seniors' ties.
  const std::string name = GENERATE("ecosystem", "one_on_one", "peer_pod");
  const Scenario scenario = testing::bundled(name, 80, {"population.initial_size=600"});
  const std::size_t programmes = scenario.programmes.size();
  REQUIRE(programmes == (name == "ecosystem" ? 3u : 1u));
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  for (int week = 0; week < 80; ++week) {
    sim.step();
    double ties_total = 0;
    for (std::size_t p = 0; p < programmes; ++p) {
      const std::string prefix = "programme/" + scenario.programmes[p].common.name + "/";
      std::set<Row> developers, learners;
      std::int64_t ties = 0;
      double hours = 0, senior_hours = 0;
      for (TieRow t = 0; t < w.ties.size(); ++t) {
        if (!w.ties.active(t) || w.ties.programme[t] != p) continue;
        ++ties;
        developers.insert(w.ties.developer[t]);
        learners.insert(w.ties.learner[t]);
        hours += w.ties.weekly_load(t);
        if (w.people.has(w.ties.developer[t], flag::kSenior)) senior_hours += w.ties.weekly_load(t);
      }
      // Members of a peer group with another member learn from and develop each other.
      for (GroupRow g = 0; g < w.groups.groups(); ++g) {
        if (w.groups.programme[g] != p || w.groups.active_members(g) < 2) continue;
        for (MembershipRow m = w.groups.begin(g); m < w.groups.end(g); ++m)
          if (w.groups.active(m)) {
            developers.insert(w.groups.member[m]);
            learners.insert(w.groups.member[m]);
          }
      }
      CHECK(last(sim, prefix + "ties") == static_cast<double>(ties));
      CHECK(last(sim, prefix + "developers") == static_cast<double>(developers.size()));
      CHECK(last(sim, prefix + "learners") == static_cast<double>(learners.size()));
      CHECK(last(sim, prefix + "developer_hours") == Approx(hours));
      CHECK(last(sim, prefix + "senior_hours") == Approx(senior_hours));
      CHECK(last(sim, prefix + "waiting_list") ==
            static_cast<double>(w.models()[p]->waiting_count()));
      ties_total += last(sim, prefix + "ties");
    }
    CHECK(ties_total == last(sim, "active_ties"));
  }
  if (name != "ecosystem") return;
  // Every programme ran: the pods expanded beyond the engineering pilot, reverse ties started.
  CHECK(sim.recorder().series("programme/reverse/ties")[25] == 0);
  const std::vector<double>& reverse = sim.recorder().series("programme/reverse/ties");
  CHECK(*std::max_element(reverse.begin(), reverse.end()) > 0);
  CHECK(last(sim, "programme/pods/learners") >
        sim.recorder().series("programme/pods/learners")[51]);
}

TEST_CASE("per-programme accounting is exact with a single programme", "[ecosystem]") {
  // One programme takes a shortcut (the per-practitioner tie counts); check it against a recount.
  const Scenario scenario = load(organisation(5.0) + one_on_one("solo", "duration_weeks = 8\n"));
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  int weeks_with_ties = 0;
  for (int week = 0; week < 40; ++week) {
    sim.step();
    std::set<Row> developers, learners;
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!w.ties.active(t)) continue;
      developers.insert(w.ties.developer[t]);
      learners.insert(w.ties.learner[t]);
    }
    weeks_with_ties += !developers.empty();
    CHECK(last(sim, "programme/solo/developers") == static_cast<double>(developers.size()));
    CHECK(last(sim, "programme/solo/learners") == static_cast<double>(learners.size()));
  }
  CHECK(weeks_with_ties > 30);  // every 8th week all ties complete at once, before rematching
}

TEST_CASE("the bundled ecosystem gives the same bits with 1 and 2 threads", "[ecosystem]") {
  const Scenario scenario = testing::bundled("ecosystem", 104, {});
  same_at_one_and_two_threads(scenario);
}

TEST_CASE("the blended benchmark at 20,000 people gives the same bits with 1, 2 and 4 threads",
          "[ecosystem][determinism]") {
  // Large enough that every block-parallel pass (4,096-row blocks in the recorder, 8,192-row
  // scans in the models, 64-group blocks of peer-group sessions) has several blocks, so the
  // blocks really are computed on different threads and combined in block order.
  const Scenario scenario = params::load_scenario_file(
      MENTORSIM_SOURCE_DIR "/scenarios/bench/ecosystem_100k.toml",
      {"population.initial_size=20000", "joining.arrivals_per_week=69", "scenario.weeks=60"});
  const auto run = [&] { return Simulation(scenario, 0).run(); };
  const RunResult one = with_threads(1, run);
  const auto* groups = one.find_series("programme/pods/learners");
  REQUIRE(groups != nullptr);
  CHECK(groups->values.back() > 0);
  CHECK(differences(one, with_threads(2, run)) == 0);
  CHECK(differences(one, with_threads(4, run)) == 0);
}
