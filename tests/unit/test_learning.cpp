// Learning outside sessions and by teaching, decay with disuse, and competence in a role's zones
// (docs/model.md §7.3; docs/metrics.md, "Growth"): closed forms checked exactly, against plain
// float twins of the loop, and against hand-built states.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/closed_form_world.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;

namespace {

// Two functions: "eng" needs zone a, "ops" needs a and b. Everyone starts at 0.25 in a and 0.9
// in b; nobody is senior, there is no programme, nothing else moves.
constexpr const char* kRoles = R"(
[scenario]
weeks = 260
[population]
initial_size = 40
zones = ["a", "b"]
group_names = ["all"]
group_shares = [1.0]
function_names = ["eng", "ops"]
function_shares = [0.5, 0.5]
function_zones = [["a"], ["a", "b"]]
skill_mean = [0.25, 0.9]
skill_sd = 0.0
senior_share = 0.0
initial_tenure_max_weeks = 0
)";

Scenario roles(const std::vector<std::string>& overrides) {
  return params::load_scenario_text(std::string(testing::kMechanismsOff) + kRoles,
                                    "<test_learning>", overrides);
}

// One zone, a peer_pod programme (whose groups the tests form by hand), and session transfer with
// alpha 0.1, G 1 and no forgetting; `overrides` switch on what a test checks.
Scenario one_pod(std::vector<std::string> overrides) {
  overrides.insert(overrides.begin(),
                   {"knowledge.enabled=true", "knowledge.transfer_rate=0.1",
                    "knowledge.absorptive_gap=1.0", "knowledge.forgetting_per_month=0.0"});
  return params::load_scenario_text(std::string(testing::kMechanismsOff) + R"(
[population]
initial_size = 0
zones = ["a"]
[[programme]]
kind = "peer_pod"
)",
                                    "<test_learning>", overrides);
}

// Members with these skills in zone a, ids 0, 1, ..., formed into one group this week whose
// every member is always present.
void form_group(World& w, const std::vector<float>& skills, Week planned_end) {
  std::vector<Row> members;
  for (std::size_t i = 0; i < skills.size(); ++i) {
    members.push_back(w.people.append(static_cast<PractitionerId>(i), 0));
    w.people.skill_row(members.back())[0] = skills[i];
  }
  GroupSpec spec;
  spec.planned_end = planned_end;
  spec.quality = 1.0f;
  const std::vector<float> always(skills.size(), 1.0f);
  w.create_group(spec, members, always);
}

}  // namespace

TEST_CASE("experience: without sessions, role skill follows c - (c - s0)(1 - k)^t exactly",
          "[knowledge][learning]") {
  const double half_life = 52, c = 0.68, s0 = 0.25, floor = 0.2;
  const Scenario s =
      roles({"knowledge.enabled=true", "knowledge.experience_half_life_weeks=52",
             "knowledge.experience_ceiling=0.68", "knowledge.forgetting_per_month=0.05",
             "knowledge.forgetting_floor=0.2"});
  const double k = 1 - std::pow(0.5, 1 / half_life);
  CHECK(Knowledge(s).weekly_experience() == Approx(k).epsilon(1e-15));
  const double f = Knowledge(s).weekly_forgetting();
  Simulation sim(s, 0);
  const Practitioners& p = sim.world().people;
  // The plain twin of the per-row update in float, as the loop computes it: s + dK + k (c - s),
  // with no session (dK = 0).
  const auto kf = static_cast<float>(k), cf = static_cast<float>(c);
  float twin = static_cast<float>(s0);
  for (Week t = 1; t <= 260; ++t) {
    sim.step();
    twin = std::min(1.0f, twin + 0.0f + kf * std::max(0.0f, cf - twin));
    // The closed form in double. Each week's float update rounds by at most about 1e-7 (a few
    // half-ulps at 0.5), and the update shrinks older errors by (1 - k): the sum stays below
    // 1e-7 / k ~ 8e-6, so 1e-5 is an honest bound.
    const double closed = c - (c - s0) * std::pow(1 - k, t);
    const double unused = floor + (0.9 - floor) * std::pow(1 - f, t);
    REQUIRE(p.size() == 40);
    int eng = 0, ops = 0;
    for (Row r = 0; r < p.size(); ++r) {
      INFO("week " << t << ", row " << r << ", function " << int(p.function[r]));
      CHECK(p.skill_row(r)[0] == twin);  // bit for bit
      CHECK(p.skill_row(r)[0] == Approx(closed).margin(1e-5));
      if (p.function[r] == 0) {
        ++eng;  // b is not eng's: unused, it decays by the forgetting closed form
        CHECK(p.skill_row(r)[1] == Approx(unused).epsilon(1e-5));
      } else {
        ++ops;  // b is ops's and above the ceiling: used at work, it neither grows nor decays
        CHECK(p.skill_row(r)[1] == 0.9f);
      }
    }
    REQUIRE((eng > 0 && ops > 0));
    if (t == 52) CHECK(c - p.skill_row(0)[0] == Approx((c - s0) / 2).epsilon(1e-4));  // half-life
  }
  CHECK(twin < cf);  // the ceiling is approached, never passed, without mentoring

  SECTION("experience_half_life_weeks = 0 switches experience off; role zones still do not decay") {
    const Scenario off = roles({"knowledge.enabled=true", "knowledge.experience_half_life_weeks=0",
                                "knowledge.forgetting_per_month=0.05"});
    CHECK(Knowledge(off).weekly_experience() == 0.0);
    Simulation idle(off, 0);
    idle.run();
    for (Row r = 0; r < idle.world().people.size(); ++r)
      CHECK(idle.world().people.skill_row(r)[0] == 0.25f);
  }
}

// One senior at 0.8 teaching one learner at 0.2 in weekly sessions always held (alpha 0.1,
// q 0.8, no absorptive limit, no forgetting, no experience), with teaching_share s. With
// g = D - L, each session moves L by aq g and D by s aq g, so g_n = g0 rho^n with
// rho = 1 - aq (1 - s), and D_n = D0 + s g0 (1 - rho^n) / (1 - s).
TEST_CASE("teaching: on a fixed schedule the developer gains teaching_share of the transfer",
          "[knowledge][learning]") {
  const double share = 0.2, aq = 0.1 * 0.8, d0 = 0.8, g0 = 0.6;
  const Scenario s = testing::closed_form_world(
      true, {"population.initial_size=1", "population.senior_share=1.0", "joining.enabled=true",
             "joining.intake_every_weeks=520", "joining.intake_size=1", "knowledge.enabled=true",
             "knowledge.teaching_share=0.2", "scenario.weeks=80"});
  Simulation sim(s, 0);
  const Practitioners& p = sim.world().people;
  // The float twin: the learner's gain as the loop computes it, and the developer's share of it.
  const double q = static_cast<double>(0.8f), taught = share * 0.1 * q;
  float dev = 0.8f, learner = 0.2f;
  const double rho = 1 - aq * (1 - share);
  for (int n = 1; n <= 80; ++n) {
    sim.step();
    REQUIRE(sim.world().ties.size() == 1);
    const double gap = static_cast<double>(dev) - learner;
    const auto learned = static_cast<float>(0.1 * q * std::clamp(gap, 0.0, 1.0));
    const auto gained = static_cast<float>(taught * std::clamp(gap, 0.0, 1.0));
    learner = std::min(1.0f, learner + learned);
    dev = std::min(1.0f, dev + gained);
    INFO("session " << n);
    CHECK(p.skill_row(0)[0] == dev);  // bit for bit
    CHECK(p.skill_row(1)[0] == learner);
    // Closed form; float rounding (about 1e-7 a session, not amplified: rho < 1) stays within
    // 80 x 1e-7.
    CHECK(p.skill_row(0)[0] - p.skill_row(1)[0] == Approx(g0 * std::pow(rho, n)).margin(1e-5));
    CHECK(p.skill_row(0)[0] ==
          Approx(d0 + share * g0 * (1 - std::pow(rho, n)) / (1 - share)).margin(1e-5));
  }
  // Both tend to D0 + s g0 / (1 - s) = 0.95, never to 1.
  CHECK(p.skill_row(0)[0] == Approx(0.95).margin(0.002));

  SECTION("teaching_share = 0: the developer never moves") {
    const Scenario off = testing::closed_form_world(
        true, {"population.initial_size=1", "population.senior_share=1.0", "joining.enabled=true",
               "joining.intake_every_weeks=520", "joining.intake_size=1", "knowledge.enabled=true",
               "scenario.weeks=20"});
    Simulation none(off, 0);
    none.run();
    CHECK(none.world().people.skill_row(0)[0] == 0.8f);
    CHECK(none.world().people.skill_row(1)[0] > 0.2f);
  }
  SECTION("with experience too, mentoring takes the learner above the ceiling") {
    const Scenario both = testing::closed_form_world(
        true, {"population.initial_size=1", "population.senior_share=1.0", "joining.enabled=true",
               "joining.intake_every_weeks=520", "joining.intake_size=2", "knowledge.enabled=true",
               "knowledge.experience_half_life_weeks=52", "programme.0.capacity=1",
               "programme.0.max_mentees=1", "scenario.weeks=80"});
    Simulation run(both, 0);
    run.run();
    const Practitioners& q2 = run.world().people;
    REQUIRE(q2.size() == 3);
    CHECK(q2.skill_row(1)[0] > 0.68f);  // mentored
    CHECK(q2.skill_row(2)[0] < 0.68f);  // waiting all along: experience alone
    CHECK(q2.skill_row(2)[0] > 0.5f);
  }
}

TEST_CASE("teaching in a peer group: each member gains the share of what the others learn from it",
          "[knowledge][learning]") {
  const Scenario s = one_pod({"knowledge.teaching_share=0.5"});
  World w(s, 0);
  form_group(w, {0.2f, 0.5f, 0.8f}, 10);
  Knowledge(s).apply(w);
  REQUIRE(w.groups.held[0]);
  // 0.2 learns 0.1 x (0.3 + 0.6) and teaches nobody; 0.5 learns 0.1 x 0.3 and teaches 0.2
  // (0.5 x 0.1 x 0.3); 0.8 teaches both (0.5 x 0.1 x (0.6 + 0.3)).
  CHECK(w.people.skill_row(0)[0] == Approx(0.2 + 0.09).margin(1e-6));
  CHECK(w.people.skill_row(1)[0] == Approx(0.5 + 0.03 + 0.015).margin(1e-6));
  CHECK(w.people.skill_row(2)[0] == Approx(0.8 + 0.045).margin(1e-6));
}

TEST_CASE(
    "the group's commons: what a leaver knew stays with the group and halves by its half-life",
    "[knowledge][learning][commons]") {
  // Weekly pod sessions, everyone always present, alpha 0.1, G 1, no forgetting or teaching; the
  // group's memory keeps half of the best present skill and halves in 4 weeks.
  const double memory_share = GENERATE(0.0, 0.5);
  const Scenario s = one_pod({"knowledge.group_memory_half_life_weeks=4",
                              "knowledge.group_memory_share=" + std::to_string(memory_share)});
  World w(s, 0);
  form_group(w, {0.2f, 0.2f, 0.8f}, 100);
  const Knowledge knowledge(s);
  knowledge.apply(w);  // week 0: the two learn 0.1 x 0.6 from the expert; the memory keeps 0.4
  REQUIRE(w.groups.held[0]);
  CHECK(w.people.skill_row(0)[0] == Approx(0.26).margin(1e-6));
  CHECK(w.groups.memory_row(0)[0] == Approx(memory_share * 0.8).margin(1e-7));
  w.end_membership(2, EndReason::kMenteeLeft);  // the expert leaves the pod
  // Each week the two equal members learn nothing from each other, and 0.1 (M - K) from the
  // memory M as it stood before the session; M halves every 4 weeks while it stays above half of
  // what they know.
  const double keep = std::pow(0.5, 1.0 / 4.0);
  double K = 0.26, M = memory_share * 0.8;
  for (Week week = 1; week <= 4; ++week) {
    w.set_week(week);
    knowledge.apply(w);
    REQUIRE(w.groups.held[0]);
    K += 0.1 * std::max(0.0, M - K);
    M *= keep;
    INFO("week " << week);
    CHECK(w.people.skill_row(0)[0] == Approx(K).margin(1e-5));
    CHECK(w.people.skill_row(1)[0] == w.people.skill_row(0)[0]);
    CHECK(w.groups.memory_row(0)[0] == Approx(M).margin(1e-6));
  }
  if (memory_share > 0) {
    CHECK(w.groups.memory_row(0)[0] == Approx(0.2).margin(1e-6));  // half of 0.4 in 4 weeks
    CHECK(w.people.skill_row(0)[0] > 0.28f);                       // they kept learning
  } else {
    CHECK(w.people.skill_row(0)[0] == Approx(0.26).margin(1e-6));  // nothing left to learn from
  }
}

TEST_CASE("role competence: competent in every zone of the role, and per zone beside it",
          "[knowledge][learning][metrics]") {
  const Scenario s = params::load_scenario_text(std::string(testing::kMechanismsOff) + R"(
[population]
initial_size = 0
zones = ["a", "b", "c"]
function_names = ["f0", "f1"]
function_shares = [0.5, 0.5]
function_zones = [["a"], ["a", "b"]]
)",
                                                "<test_learning>", {});
  World w(s, 0);
  // Row: function, skills in a, b, c.
  const std::vector<std::pair<int, std::vector<float>>> rows{
      {0, {0.7f, 0.1f, 0.1f}},   // f0 needs a: competent (b, c do not count)
      {0, {0.5f, 0.9f, 0.9f}},   // below in a: not competent
      {1, {0.6f, 0.6f, 0.0f}},   // f1 needs a, b: competent (c does not count)
      {1, {0.9f, 0.59f, 0.9f}},  // below in b: not competent
  };
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const Row r = w.people.append(static_cast<PractitionerId>(i), 0);
    w.people.function[r] = static_cast<std::uint8_t>(rows[i].first);
    std::copy(rows[i].second.begin(), rows[i].second.end(), w.people.skill_row(r));
  }
  CHECK(w.role_zones(0) == 0b001);
  CHECK(w.role_zones(2) == 0b011);
  CHECK_FALSE(w.below_competence(0));
  CHECK(w.below_competence(1));
  CHECK_FALSE(w.below_competence(2));
  CHECK(w.below_competence(3));
  w.note_competence();
  CHECK(w.people.competent_week[0] == competence::kOnArrival);
  CHECK(w.people.competent_week[1] == competence::kNotYet);
  CHECK(w.people.competent_week[2] == competence::kOnArrival);
  CHECK(w.people.competent_week[3] == competence::kNotYet);

  w.index_ties();
  Recorder recorder(s);
  recorder.record(w);
  CHECK(recorder.series("competent_share")[0] == 0.5);  // rows 0 and 2; in every zone: nobody
  CHECK(recorder.series("competent_share_by_zone/a")[0] == 0.75);      // 3 of the 4 who need a
  CHECK(recorder.series("competent_share_by_zone/b")[0] == 0.5);       // 1 of the 2 who need b
  CHECK(std::isnan(recorder.series("competent_share_by_zone/c")[0]));  // no role needs c
  // Bus factor stays what it was: holders of the zone at the threshold, whatever their role.
  CHECK(recorder.series("bus_factor/c")[0] == 2);
}

TEST_CASE("function_zones: default every zone, and validation", "[params][learning]") {
  const Scenario plain = roles({"population.function_zones=[]"});
  const std::vector<ZoneMask> all = role_zone_masks(plain.population);
  CHECK(all == std::vector<ZoneMask>{0b11, 0b11});
  const Scenario s = roles({});
  CHECK(role_zone_masks(s.population) == std::vector<ZoneMask>{0b01, 0b11});
  // The resolved scenario reads back to the same roles.
  const Scenario again = params::load_scenario_text(s.resolved_toml, "<resolved>", {});
  CHECK(again.population.function_zones == s.population.function_zones);
  // (The suggestion is checked in scenarios/invalid/population_function_zones_unknown_zone.toml.)
  CHECK_THROWS_WITH(roles({"population.function_zones=[[\"a\"], [\"bb\"]]"}),
                    Catch::Contains("population.function_zones[1][0]: unknown zone 'bb' "
                                    "(population.zones: 'a', 'b')"));
  CHECK_THROWS_WITH(roles({"population.function_zones=[[\"a\"]]"}),
                    Catch::Contains("function_zones has 1 lists but function_names has 2"));
}

TEST_CASE("learning with roles and teaching is bit-identical at 1 and 2 threads",
          "[knowledge][learning][determinism]") {
  // More rows than one block (core/blocks.hpp), roles that leave zones unused at work.
  const Scenario s =
      testing::bundled("ecosystem", 40,
                       {"population.initial_size=6000",
                        "population.function_zones=[[\"technical\", \"digital\"], [\"leadership\", "
                        "\"navigation\"], [\"navigation\"]]",
                        "knowledge.forgetting_per_month=0.05"});
  testing::same_at_one_and_two_threads(s);
}
