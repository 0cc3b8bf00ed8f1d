// Who the shocks that remove people choose (docs/model.md §7.15), on hand-built worlds: the expert
// tier by mean skill or by a zone's skill with `share` or `count`, the load carriers, and a random
// `count` of everyone or of one function; how a share of the tier rounds; and that every random
// choice depends only on the people's ids, not on who else is in the world.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/rng.hpp"
#include "input/scenario_loader.hpp"
#include "mechanisms/shocks.hpp"
#include "mechanisms/shocks/pick.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;

namespace {

constexpr Week kWeek = 10;

// No mechanism moves; nobody at week 0; zones technical, leadership, navigation; functions
// engineering, operations, sales. `shocks` are appended.
Scenario with_shocks(const std::string& shocks) {
  return params::load_scenario_text(std::string(testing::kMechanismsOff) +
                                        "[scenario]\nweeks = 20\nseed = 11\n"
                                        "[population]\ninitial_size = 0\n" +
                                        shocks,
                                    "<test_shock_targets>", {});
}

std::string shock(const std::string& kind, const std::string& keys) {
  return "[[shock]]\nkind = \"" + kind + "\"\nweek = 10\n" + keys + "\n";
}

// One practitioner per row, id = row: skill per zone, senior or not, load (hours/week), function.
struct Person {
  std::vector<float> skill;
  bool senior = false;
  float load = 0.0f;
  std::uint8_t function = 0;
};

// Twelve people. Seniors 1, 3, 4, 6, 8, 10; by mean skill 1 = 4 (0.9) > 8 > 6 > 3 > 10; by
// navigation 6 first, by leadership 10 first. 0 is more skilled than any senior and can mentor,
// but arrived a beginner: not in the expert tier. Load carriers: 1, 2, 5, 7, 9. Sales: 2, 5, 9, 11.
std::vector<Person> people() {
  std::vector<Person> p(12, Person{{0.2f, 0.2f, 0.2f}});
  p[0].skill = {1.0f, 1.0f, 1.0f};
  p[1] = {{0.9f, 0.9f, 0.9f}, true, 2.0f};
  p[3] = {{0.6f, 0.6f, 0.6f}, true};
  p[4] = {{0.9f, 0.9f, 0.9f}, true};
  p[6] = {{0.5f, 0.5f, 0.95f}, true};
  p[8] = {{0.7f, 0.7f, 0.7f}, true};
  p[10] = {{0.3f, 0.99f, 0.3f}, true};
  p[2].load = 0.5f;
  p[5].load = 1.0f;
  p[7].load = 0.25f;
  p[9].load = 3.0f;
  for (int r : {2, 5, 9, 11}) p[static_cast<std::size_t>(r)].function = 2;
  return p;
}

// A world at week kWeek holding those of `everyone` whose ids are in `keep` (all when empty).
World world_of(const Scenario& s, const std::vector<Person>& everyone,
               const std::set<PractitionerId>& keep = {}) {
  World w(s, 0);
  w.set_week(kWeek);
  for (std::size_t i = 0; i < everyone.size(); ++i) {
    if (!keep.empty() && !keep.count(i)) continue;
    const Person& p = everyone[i];
    const Row r = w.people.append(i, 0);
    std::copy(p.skill.begin(), p.skill.end(), w.people.skill_row(r));
    if (p.senior) w.people.flags[r] = flag::kSenior | flag::kCanMentor;
    if (i == 0) w.people.flags[r] = flag::kCanMentor;
    w.people.load_hours[r] = p.load;
    w.people.function[r] = p.function;
  }
  return w;
}

// The ids shock `index` of `s` removes from `w`.
std::set<PractitionerId> leaving(const Scenario& s, const World& w, std::size_t index = 0) {
  std::set<PractitionerId> ids;
  for (Row r : Shocks(s).leavers(w, index)) ids.insert(w.people.id[r]);
  return ids;
}

std::set<PractitionerId> leaving(const std::string& kind, const std::string& keys) {
  const Scenario s = with_shocks(shock(kind, keys));
  return leaving(s, world_of(s, people()));
}

// The `k` of `ids` with the smallest draws of shock `index` at kWeek (ties: lower id).
std::set<PractitionerId> smallest_draws(const World& w, const std::vector<PractitionerId>& ids,
                                        std::size_t k, std::size_t index = 0) {
  std::vector<std::pair<double, PractitionerId>> drawn;
  for (PractitionerId id : ids)
    drawn.emplace_back(uniform01(w.key(), id, kWeek, Purpose::kShock, index), id);
  std::sort(drawn.begin(), drawn.end());
  std::set<PractitionerId> out;
  for (std::size_t i = 0; i < k && i < drawn.size(); ++i) out.insert(drawn[i].second);
  return out;
}

using Ids = std::set<PractitionerId>;

}  // namespace

TEST_CASE("a share of people rounds to the nearest person, halves up", "[shocks]") {
  CHECK(people_in_share(0.25, 20) == 5);
  CHECK(people_in_share(0.25, 10) == 3);  // 2.5
  CHECK(people_in_share(0.1, 25) == 3);   // 2.5
  CHECK(people_in_share(0.15, 10) == 2);  // 1.5, with 0.15 below its decimal value in binary
  CHECK(people_in_share(0.35, 10) == 4);
  CHECK(people_in_share(0.2, 6) == 1);
  CHECK(people_in_share(0.49, 1) == 0);
  CHECK(people_in_share(0.5, 1) == 1);
  CHECK(people_in_share(1.0, 7) == 7);
  CHECK(people_in_share(0.0, 20) == 0);
  CHECK(people_in_share(0.3, 0) == 0);
}

TEST_CASE("expert_tier removes the most skilled seniors, ties by lower id", "[shocks]") {
  SECTION("by mean skill, with a share of the six") {
    CHECK(leaving("expert_tier", "share = 0.25") == Ids{1, 4});  // 1.5 -> 2; 1 and 4 tie
    CHECK(leaving("expert_tier", "share = 0.5") == Ids{1, 4, 8});
    CHECK(leaving("expert_tier", "share = 0.2") == Ids{1});  // 1.2 -> 1
    CHECK(leaving("expert_tier", "share = 1") == Ids{1, 3, 4, 6, 8, 10});
    CHECK(leaving("expert_tier", "share = 0").empty());
  }
  SECTION("by mean skill, with a count") {
    CHECK(leaving("expert_tier", "count = 4") == Ids{1, 4, 6, 8});
    CHECK(leaving("expert_tier", "count = 1") == Ids{1});
    CHECK(leaving("expert_tier", "count = 100") == Ids{1, 3, 4, 6, 8, 10});
    CHECK(leaving("expert_tier", "count = 0").empty());
  }
  SECTION("by the skill in one zone") {
    CHECK(leaving("expert_tier", "count = 1\nzone = \"navigation\"") == Ids{6});
    CHECK(leaving("expert_tier", "share = 0.25\nzone = \"leadership\"") == Ids{1, 10});
    CHECK(leaving("expert_tier", "count = 3\nzone = \"technical\"") == Ids{1, 4, 8});
    CHECK(leaving("expert_tier", "count = 3\nzone = \"\"") == Ids{1, 4, 8});  // the mean
  }
  SECTION("the tier is the seniors present, whoever else is there") {
    const Scenario s = with_shocks(shock("expert_tier", "share = 0.5"));
    CHECK(leaving(s, world_of(s, people(), {0, 3, 6, 10, 11})) == Ids{6, 3});  // 1.5 -> 2
  }
}

TEST_CASE("load_carriers removes developers carrying load, by share or count", "[shocks]") {
  const Scenario s =
      with_shocks(shock("load_carriers", "share = 1") + shock("load_carriers", "share = 0.5") +
                  shock("load_carriers", "count = 2") + shock("load_carriers", "count = 0") +
                  shock("load_carriers", "share = 0"));
  const World w = world_of(s, people());
  const std::vector<PractitionerId> carriers = {1, 2, 5, 7, 9};
  CHECK(leaving(s, w, 0) == Ids(carriers.begin(), carriers.end()));
  Ids half;
  for (PractitionerId id : carriers)
    if (uniform01(w.key(), id, kWeek, Purpose::kShock, 1) < 0.5) half.insert(id);
  CHECK(leaving(s, w, 1) == half);
  const Ids two = smallest_draws(w, carriers, 2, 2);
  REQUIRE(two.size() == 2);
  CHECK(leaving(s, w, 2) == two);
  CHECK(leaving(s, w, 3).empty());
  CHECK(leaving(s, w, 4).empty());
  // The same people whoever else is in the world: the draws are keyed by id.
  const World carriers_only = world_of(s, people(), Ids(carriers.begin(), carriers.end()));
  for (std::size_t i = 0; i < 5; ++i) CHECK(leaving(s, carriers_only, i) == leaving(s, w, i));
}

TEST_CASE("random_departure and layoff remove exactly `count` at random", "[shocks]") {
  const Scenario s = with_shocks(
      shock("random_departure", "count = 3") + shock("layoff", "function = \"sales\"\ncount = 2") +
      shock("layoff", "function = \"sales\"\ncount = 9") + shock("random_departure", "count = 0"));
  const World w = world_of(s, people());
  std::vector<PractitionerId> everyone;
  for (PractitionerId id = 0; id < 12; ++id) everyone.push_back(id);
  const Ids three = smallest_draws(w, everyone, 3, 0);
  REQUIRE(three.size() == 3);
  CHECK(leaving(s, w, 0) == three);
  const Ids two = smallest_draws(w, {2, 5, 9, 11}, 2, 1);
  CHECK(leaving(s, w, 1) == two);
  CHECK(leaving(s, w, 2) == Ids{2, 5, 9, 11});  // more than the function has: all of it
  CHECK(leaving(s, w, 3).empty());
  const World sales_only = world_of(s, people(), {2, 5, 9, 11});
  CHECK(leaving(s, sales_only, 1) == two);
}

TEST_CASE("a share keeps the Bernoulli rule of random_departure and layoff", "[shocks]") {
  const Scenario s = with_shocks(shock("random_departure", "share = 0.4") +
                                 shock("layoff", "function = \"sales\"\nshare = 0.6"));
  const World w = world_of(s, people());
  Ids everyone, sales;
  for (PractitionerId id = 0; id < 12; ++id) {
    if (uniform01(w.key(), id, kWeek, Purpose::kShock, 0) < 0.4) everyone.insert(id);
    if (people()[id].function == 2 && uniform01(w.key(), id, kWeek, Purpose::kShock, 1) < 0.6)
      sales.insert(id);
  }
  CHECK(leaving(s, w, 0) == everyone);
  CHECK(leaving(s, w, 1) == sales);
}
