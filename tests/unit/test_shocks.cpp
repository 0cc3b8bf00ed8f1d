// Shocks ([[shock]] entries, docs/model.md §7.15): who leaves and when for each kind, how their
// ties end and how they are counted, programme pauses and hiring surges, a shock that removes
// nobody changes nothing, the bundled one_on_one_shock.toml is thread-independent, and the
// resolved scenario prints the shocks. Who exactly each kind picks: test_shock_targets.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/run_values.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;

using mentorsim::testing::at;
using mentorsim::testing::differences_beside_shocks;
using mentorsim::testing::same_at_one_and_two_threads;
using mentorsim::testing::series_total;

namespace {

// 600 practitioners, 30 seniors, one one-on-one programme in which half of everyone seeks a
// mentor; no arrivals unless `arrivals`, no ordinary departures unless `departures`. Shocks are
// appended.
std::string organisation(const std::string& shocks, double arrivals = 0.0,
                         bool departures = false) {
  return "[scenario]\nweeks = 40\nseed = 7\n"
         "[population]\ninitial_size = 600\nsenior_share = 0.05\n"
         "[joining]\narrivals_per_week = " +
         std::to_string(arrivals) + "\n[departure]\nenabled = " + (departures ? "true" : "false") +
         "\n"
         "[[programme]]\nkind = \"one_on_one\"\nname = \"mentoring\"\ncapacity = 3\n"
         "initial_seek_share = 0.5\n" +
         shocks;
}

Scenario load(const std::string& text) {
  return params::load_scenario_text(text, "<test>", {});
}

void run_weeks(Simulation& sim, Week weeks) {
  for (Week w = 0; w < weeks; ++w) sim.step();
}

std::set<PractitionerId> ids(const World& w) {
  return {w.people.id.begin(), w.people.id.end()};
}

// Ties ending with mentor_left and mentee_left when `leaving` leave now.
std::pair<std::int64_t, std::int64_t> ties_of(const World& w,
                                              const std::set<PractitionerId>& leaving) {
  std::int64_t mentor = 0, mentee = 0;
  for (TieRow t = 0; t < w.ties.size(); ++t) {
    if (!w.ties.active(t)) continue;
    if (leaving.count(w.people.id[w.ties.developer[t]]))
      ++mentor;
    else if (leaving.count(w.people.id[w.ties.learner[t]]))
      ++mentee;
  }
  return {mentor, mentee};
}

}  // namespace

TEST_CASE("top_mentors removes exactly the k highest-ranked developers, ties broken by id",
          "[shocks]") {
  const std::string by = GENERATE(as<std::string>{}, "load", "skill", "ties");
  INFO("by = " << by);
  constexpr Week kWeek = 20;
  const Scenario s =
      load(organisation("[[shock]]\nkind = \"top_mentors\"\nweek = 20\ncount = 3\n"
                        "by = \"" +
                        by + "\"\n"));
  Simulation sim(s, 1);
  run_weeks(sim, kWeek);
  const World& w = sim.world();
  // Expected: rank everyone able to mentor or developing someone by the measure, highest first,
  // then by lower id. (No newcomers join: arrivals are off.)
  std::vector<std::tuple<double, PractitionerId>> ranked;
  for (Row r = 0; r < w.people.size(); ++r) {
    if (!w.people.has(r, flag::kCanMentor) && w.people.developer_ties[r] == 0) continue;
    const double m = by == "load"    ? static_cast<double>(w.people.load_hours[r])
                     : by == "skill" ? w.people.mean_skill(r)
                                     : static_cast<double>(w.people.developer_ties[r]);
    ranked.emplace_back(-m, w.people.id[r]);
  }
  std::sort(ranked.begin(), ranked.end());
  REQUIRE(ranked.size() > 3);
  std::set<PractitionerId> expected;
  for (int i = 0; i < 3; ++i) expected.insert(std::get<1>(ranked[i]));
  if (by != "skill") CHECK(std::get<0>(ranked[2]) < 0);  // the leavers really carry load
  const auto [mentor_left, mentee_left] = ties_of(w, expected);
  CHECK(mentor_left > 0);
  std::set<PractitionerId> before = ids(w);

  sim.step();  // week 20
  std::set<PractitionerId> after = ids(sim.world());
  std::set<PractitionerId> gone;
  std::set_difference(before.begin(), before.end(), after.begin(), after.end(),
                      std::inserter(gone, gone.end()));
  CHECK(gone == expected);
  CHECK(at(sim, "departures_shock", kWeek) == 3.0);
  CHECK(at(sim, "departures", kWeek) == 3.0);
  const auto& ended = sim.world().counters.ties_ended;
  CHECK(ended[static_cast<std::size_t>(EndReason::kMentorLeft)] == mentor_left);
  CHECK(ended[static_cast<std::size_t>(EndReason::kMenteeLeft)] == mentee_left);
  // No other week has shock departures.
  for (Week wk = 0; wk < kWeek; ++wk) CHECK(at(sim, "departures_shock", wk) == 0.0);
}

TEST_CASE("a layoff removes only its function", "[shocks]") {
  constexpr Week kWeek = 12;
  const Scenario s =
      load(organisation("[[shock]]\nkind = \"layoff\"\nweek = 12\nfunction = \"sales\"\n"
                        "share = 1\n"));
  Simulation sim(s, 1);
  run_weeks(sim, kWeek);
  std::set<PractitionerId> others, sales;
  for (Row r = 0; r < sim.world().people.size(); ++r)
    (sim.world().people.function[r] == 2 ? sales : others).insert(sim.world().people.id[r]);
  REQUIRE(sales.size() > 50);
  const auto [mentor_left, mentee_left] = ties_of(sim.world(), sales);
  sim.step();
  CHECK(ids(sim.world()) == others);
  CHECK(at(sim, "departures_shock", kWeek) == static_cast<double>(sales.size()));
  const auto& ended = sim.world().counters.ties_ended;
  CHECK(ended[static_cast<std::size_t>(EndReason::kMentorLeft)] == mentor_left);
  CHECK(ended[static_cast<std::size_t>(EndReason::kMenteeLeft)] == mentee_left);
  CHECK(mentor_left + mentee_left > 0);
}

TEST_CASE("random shares leave within binomial error", "[shocks]") {
  SECTION("random_departure of everyone") {
    const Scenario s =
        load(organisation("[[shock]]\nkind = \"random_departure\"\nweek = 5\nshare = 0.2\n"
                          "[[shock]]\nkind = \"random_departure\"\nweek = 5\nshare = 0.1\n"));
    Simulation sim(s, 1);
    run_weeks(sim, 6);
    // 600 people: the first shock takes 20%, the second 10% of those left.
    const double first_expected = 600 * 0.2, sd1 = std::sqrt(600 * 0.2 * 0.8);
    const double left = at(sim, "departures_shock", 5);
    CHECK(std::fabs(left - (first_expected + (600 - first_expected) * 0.1)) <
          4 * (sd1 + std::sqrt(480 * 0.1 * 0.9)));
    CHECK(sim.world().people.size() == static_cast<Row>(600 - left));
  }
  SECTION("a partial layoff") {
    const Scenario s = load(organisation(
        "[[shock]]\nkind = \"layoff\"\nweek = 3\nfunction = \"engineering\"\nshare = 0.5\n"));
    Simulation sim(s, 1);
    run_weeks(sim, 3);
    std::int64_t engineers = 0;
    for (Row r = 0; r < sim.world().people.size(); ++r)
      engineers += sim.world().people.function[r] == 0;
    const Row before = sim.world().people.size();
    sim.step();
    const double left = at(sim, "departures_shock", 3);
    const double n = static_cast<double>(engineers);
    CHECK(std::fabs(left - n * 0.5) < 4 * std::sqrt(n * 0.25));
    CHECK(sim.world().people.size() == static_cast<Row>(before - static_cast<Row>(left)));
    std::int64_t still = 0;
    for (Row r = 0; r < sim.world().people.size(); ++r)
      still += sim.world().people.function[r] == 0;
    CHECK(still == engineers - static_cast<std::int64_t>(left));
  }
}

TEST_CASE("a hiring surge adds exactly its count that week", "[shocks]") {
  const std::string surge = "[[shock]]\nkind = \"hiring_surge\"\nweek = 8\ncount = 40\n";
  SECTION("without other arrivals") {
    const Scenario s = load(organisation(surge));
    Simulation sim(s, 1);
    run_weeks(sim, 12);
    for (Week w = 0; w < 12; ++w) CHECK(at(sim, "joins", w) == (w == 8 ? 40.0 : 0.0));
    CHECK(sim.world().people.size() == 640);
  }
  SECTION("on top of the same arrivals") {
    const Scenario with = load(organisation(surge, 5.0));
    const Scenario without = load(organisation("", 5.0));
    Simulation a(with, 1), b(without, 1);
    run_weeks(a, 9);
    run_weeks(b, 9);
    for (Week w = 0; w < 9; ++w)
      CHECK(at(a, "joins", w) - at(b, "joins", w) == (w == 8 ? 40.0 : 0.0));
  }
}

TEST_CASE("a paused programme makes no new matches, keeps its ties and resumes", "[shocks]") {
  const Scenario s = load(organisation(
      "[[shock]]\nkind = \"programme_pause\"\nweek = 0\nweeks = 4\nprogramme = \"mentoring\"\n"
      "[[shock]]\nkind = \"programme_pause\"\nweek = 10\nweeks = 3\nprogramme = \"mentoring\"\n"));
  Simulation sim(s, 1);
  run_weeks(sim, 16);
  for (Week w : {0, 1, 2, 3, 10, 11, 12}) CHECK(at(sim, "matches", w) == 0.0);
  CHECK(at(sim, "matches", 4) > 0.0);
  CHECK(at(sim, "active_ties", 11) > 0.0);  // existing ties continue through the pause
  // Without the pauses the programme matches in week 0.
  const Scenario base = load(organisation(""));
  Simulation unpaused(base, 1);
  unpaused.step();
  CHECK(at(unpaused, "matches", 0) > 0.0);
  for (TieRow t = 0; t < sim.world().ties.size(); ++t) {
    const Week start = sim.world().ties.start_week[t];
    CHECK_FALSE(((start >= 0 && start < 4) || (start >= 10 && start < 13)));
  }
}

TEST_CASE("one_on_one_shock.toml: the two busiest mentors leave in week 104, on any thread count",
          "[shocks][determinism]") {
  const Scenario s = testing::bundled("one_on_one_shock", 110, {});
  const RunResult one = same_at_one_and_two_threads(s);
  const auto& shock = one.find_series("departures_shock")->values;
  for (std::size_t w = 0; w < shock.size(); ++w) CHECK(shock[w] == (w == 104 ? 2.0 : 0.0));
}

TEST_CASE("the resolved scenario prints the shocks and loads back the same", "[shocks][params]") {
  const Scenario s = params::load_scenario_file(testing::model_path("one_on_one_shock"), {});
  REQUIRE(s.shocks.size() == 1);
  CHECK(s.shocks[0].kind == ShockKind::kTopMentors);
  CHECK(s.shocks[0].count == 2);
  CHECK(s.resolved_toml.find("[[shock]]") != std::string::npos);
  const std::string shock = s.resolved_toml.substr(s.resolved_toml.find("[[shock]]"));
  CHECK(shock.find("\nby = \"load\"") != std::string::npos);
  CHECK(shock.find("\nfunction =") == std::string::npos);  // only the keys of the kind
  const Scenario again = params::load_scenario_text(s.resolved_toml, "<resolved>", {});
  CHECK(again.resolved_toml == s.resolved_toml);
}

TEST_CASE("a shock that removes nobody leaves the run bit-identical", "[shocks]") {
  const std::string keys = GENERATE(
      as<std::string>{}, "kind = \"expert_tier\"\nshare = 0", "kind = \"expert_tier\"\ncount = 0",
      "kind = \"load_carriers\"\nshare = 0", "kind = \"load_carriers\"\ncount = 0",
      "kind = \"random_departure\"\nshare = 0", "kind = \"random_departure\"\ncount = 0",
      "kind = \"layoff\"\nfunction = \"sales\"\ncount = 0", "kind = \"top_mentors\"\ncount = 0");
  INFO(keys);
  // Arrivals and ordinary departures on, so that anything the shock disturbed would show.
  const std::string base = organisation("", 3.0, true);
  const Scenario without = load(base);
  const Scenario with = load(base + "[[shock]]\nweek = 20\n" + keys + "\n");
  const RunResult a = Simulation(without, 2).run();
  const RunResult b = Simulation(with, 2).run();
  CHECK(series_total(b, "departures") > 0);
  CHECK(differences_beside_shocks(a, b) == 0);
}

TEST_CASE("the resolved scenario gives `share` or `count`, whichever the file gave", "[shocks]") {
  const std::string amount = GENERATE(as<std::string>{}, "share = 0.25", "count = 3");
  const Scenario s = load(organisation("[[shock]]\nkind = \"expert_tier\"\nweek = 20\n" + amount +
                                       "\nzone = \"technical\"\n"));
  const std::string shock = s.resolved_toml.substr(s.resolved_toml.find("[[shock]]"));
  const bool by_count = amount[0] == 'c';
  CHECK(s.shocks[0].by_count == by_count);
  CHECK(shock.find("\n" + amount + "\n") != std::string::npos);
  CHECK(shock.find(by_count ? "\nshare =" : "\ncount =") == std::string::npos);
  CHECK(shock.find("\nzone = \"technical\"") != std::string::npos);
  const Scenario again = params::load_scenario_text(s.resolved_toml, "<resolved>", {});
  CHECK(again.resolved_toml == s.resolved_toml);
  CHECK(again.shocks[0].by_count == by_count);
}
