// Effective coverage and orphaned learners (docs/metrics.md, "Reach: effective coverage" and
// "Resilience: orphaned learners") on hand-built states whose values are worked out below: who is
// led, by a tie or a peer group, in which zones; who is orphaned when a developer leaves, for how
// long, and when it ends.
#include <catch2/catch.hpp>

#include <cstdint>
#include <initializer_list>
#include <utility>
#include <vector>

#include "input/scenario_loader.hpp"
#include "metrics/effective_reach.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

namespace {

// Two zones, competence at 0.6, lead margin 0.1.
const char* kTwoZones = R"(
[scenario]
name = "effective_reach"
weeks = 10
[population]
initial_size = 0
zones = ["a", "b"]
[knowledge]
competence_threshold = 0.6
[metrics]
lead_margin = 0.1
[[programme]]
kind = "one_on_one"
)";

Scenario two_zones() {
  return params::load_scenario_text(kTwoZones, "<test_metrics_effective_reach>", {});
}

// Appends practitioner `id` with skills (a, b).
Row add(World& w, PractitionerId id, float a, float b) {
  const Row r = w.people.append(id, 0);
  w.people.skill_row(r)[0] = a;
  w.people.skill_row(r)[1] = b;
  return r;
}

TieRow tie(World& w, Row developer, Row learner, std::int8_t zone = kAllZones) {
  TieSpec s;
  s.developer = developer;
  s.learner = learner;
  s.zone = zone;
  s.planned_end = 100;
  return w.create_tie(s);
}

struct Person {
  PractitionerId id;
  float a, b;  // skills in the two zones
};

// Sets `w` to week `week` with `people` (rows in this order) and ties developer -> learner (rows,
// every zone).
void fill(World& w, Week week, std::initializer_list<Person> people,
          std::initializer_list<std::pair<Row, Row>> ties) {
  w.set_week(week);
  for (const Person& p : people) add(w, p.id, p.a, p.b);
  for (const auto& [developer, learner] : ties) tie(w, developer, learner);
}

// What the departure phase does when row `r` leaves (mechanisms/departure.cpp), but for telling
// a programme (this world has no models): its ties end, it is noted, its row removed.
void leave(World& w, Row r) {
  for (TieRow t = 0; t < w.ties.size(); ++t) {
    if (!w.ties.active(t) || (w.ties.developer[t] != r && w.ties.learner[t] != r)) continue;
    const bool developer = w.ties.developer[t] == r;
    w.ties.end_reason[t] =
        static_cast<std::uint8_t>(developer ? EndReason::kMentorLeft : EndReason::kMenteeLeft);
    --w.people.developer_ties[w.ties.developer[t]];
    --w.people.learner_ties[w.ties.learner[t]];
  }
  const std::vector<Row> leaving{r};
  w.people.flags[r] |= flag::kLeaving;
  w.note_leavers(leaving);
  w.ties.remap_rows(w.people.compact_leavers(leaving));
}

}  // namespace

TEST_CASE("a developer leads in the zones a learner develops, by the margin", "[metrics]") {
  const Scenario scenario = two_zones();
  World w(scenario, 0);
  const Row mentor = add(w, 0, 0.8f, 0.65f);
  const Row learner = add(w, 1, 0.3f, 0.56f);
  const Row peer = add(w, 2, 0.35f, 0.7f);
  // Zone a: 0.8 - 0.3 = 0.5 >= 0.1. Zone b: 0.65 - 0.56 = 0.09 < 0.1.
  CHECK(led_zones(w.people, mentor, learner, kAllZones, 0.1, 0.6) == 0b01);
  CHECK(led_zones(w.people, mentor, learner, 1, 0.1, 0.6) == 0);
  CHECK(led_zones(w.people, mentor, learner, 0, 0.1, 0.6) == 0b01);
  // Zone b: 0.7 - 0.56 = 0.14 leads; zone a: 0.35 - 0.3 = 0.05 does not.
  CHECK(led_zones(w.people, peer, learner, kAllZones, 0.1, 0.6) == 0b10);
  // A learner competent in a zone does not develop it: the mentor leads nobody in b for the peer.
  CHECK(led_zones(w.people, mentor, peer, kAllZones, 0.1, 0.6) == 0b01);
  CHECK(led_zones(w.people, peer, mentor, kAllZones, 0.1, 0.6) == 0);
}

TEST_CASE("effective coverage counts ties and peer groups on a hand-built state", "[metrics]") {
  const Scenario scenario = two_zones();
  World w(scenario, 0);
  // Rows = ids 0..6.
  add(w, 0, 0.9f, 0.9f);   // senior
  add(w, 1, 0.2f, 0.2f);   // led by 0 in both zones (tie, every zone)
  add(w, 2, 0.2f, 0.95f);  // tie with 0 for zone b only: competent in b, so not led
  add(w, 3, 0.55f, 0.3f);  // tie with 5 (0.6, 0.35): gaps 0.05: placed but not led
  add(w, 4, 0.3f, 0.3f);   // peer group {4, 5, 6}: best other in a is 6 (0.5): led in a
  add(w, 5, 0.6f, 0.35f);  // in the group: best other in b is 6 (0.32 < 0.35): not led
  add(w, 6, 0.5f, 0.32f);  // in the group: best other in a is 5 (0.6 - 0.5 = 0.1): led in a
  tie(w, 0, 1);
  tie(w, 0, 2, 1);
  tie(w, 5, 3);
  GroupSpec spec;
  spec.planned_end = 100;
  w.create_group(spec, std::vector<Row>{4, 5, 6}, std::vector<float>(3, 1.0f));
  w.index_ties();

  EffectiveReach reach(0.1, 0.6);
  const EffectiveReachWeek& week = reach.compute(w);
  CHECK(reach.led() == std::vector<std::uint8_t>{0, 0b11, 0, 0, 0b01, 0, 0b01});
  CHECK(week.effectively_covered == 3);  // 1, 4 and 6
  CHECK(week.effective_coverage == Approx(3.0 / 7));
  CHECK(week.orphaned == 0);
  CHECK(week.newly_orphaned == 0);
}

TEST_CASE("a learner is orphaned when a leading developer leaves, until led again", "[metrics]") {
  const Scenario scenario = two_zones();
  EffectiveReach reach(0.1, 0.6);
  // Week 0: 1 is led by 0 (both zones); 3 by 2 in zone a only; 4 by 0 (both) and by 2 (a).
  World w(scenario, 0);
  add(w, 0, 0.9f, 0.9f);
  add(w, 1, 0.2f, 0.2f);
  add(w, 2, 0.8f, 0.25f);
  add(w, 3, 0.3f, 0.3f);
  add(w, 4, 0.3f, 0.3f);
  tie(w, 0, 1);
  tie(w, 0, 4);
  tie(w, 2, 3);
  tie(w, 2, 4);
  w.index_ties();
  CHECK(reach.compute(w).orphaned == 0);

  // Week 1: 0 leaves (its ties end `mentor_left`, its row is removed). 1 loses both zones' lead:
  // orphaned. 4 is still led in a by 2, but loses b: orphaned in b. 3 lost nobody.
  World w1(scenario, 0);
  fill(w1, 1,
       {{0, 0.9f, 0.9f}, {1, 0.2f, 0.2f}, {2, 0.8f, 0.25f}, {3, 0.3f, 0.3f}, {4, 0.3f, 0.3f}},
       {{0, 1}, {0, 4}, {2, 3}, {2, 4}});
  leave(w1, 0);
  w1.index_ties();
  const EffectiveReachWeek& one = reach.compute(w1);
  CHECK(reach.led() == std::vector<std::uint8_t>{0, 0, 0b01, 0b01});  // rows = ids 1..4
  CHECK(one.orphaned == 2);                                           // ids 1 and 4
  CHECK(one.newly_orphaned == 2);

  // Week 2: nothing changes: both stay orphaned, none newly.
  World w2(scenario, 0);
  fill(w2, 2, {{1, 0.2f, 0.2f}, {2, 0.8f, 0.25f}, {3, 0.3f, 0.3f}, {4, 0.3f, 0.3f}},
       {{1, 2}, {1, 3}});
  w2.index_ties();
  const EffectiveReachWeek& two = reach.compute(w2);
  CHECK(two.orphaned == 2);
  CHECK(two.newly_orphaned == 0);

  // Week 3: id 4 reaches competence in b (stops developing it): no longer orphaned. Id 1 gets a
  // new developer (id 2, row 1) who leads it in a only: b stays orphaned, so 1 still counts.
  World w3(scenario, 0);
  fill(w3, 3, {{1, 0.2f, 0.2f}, {2, 0.8f, 0.25f}, {3, 0.3f, 0.3f}, {4, 0.3f, 0.6f}},
       {{1, 0}, {1, 2}, {1, 3}});
  w3.index_ties();
  const EffectiveReachWeek& three = reach.compute(w3);
  CHECK(three.orphaned == 1);
  CHECK(three.newly_orphaned == 0);

  // Week 4: id 1 is led in b too (a peer group with 0.9 in b): the orphan is over.
  World w4(scenario, 0);
  fill(w4, 4, {{1, 0.2f, 0.2f}, {2, 0.8f, 0.25f}, {5, 0.2f, 0.9f}}, {});
  GroupSpec spec;
  spec.planned_end = 100;
  w4.create_group(spec, std::vector<Row>{0, 2}, std::vector<float>(2, 1.0f));
  w4.index_ties();
  const EffectiveReachWeek& four = reach.compute(w4);
  CHECK(four.orphaned == 0);
  CHECK(four.effectively_covered == 1);
}

TEST_CASE("losing a lead without a departure does not orphan", "[metrics]") {
  // The lead goes because the developer's tie completed (not a departure): no orphan.
  const Scenario scenario = two_zones();
  EffectiveReach reach(0.1, 0.6);
  World w(scenario, 0);
  add(w, 0, 0.9f, 0.9f);
  add(w, 1, 0.2f, 0.2f);
  tie(w, 0, 1);
  w.index_ties();
  CHECK(reach.compute(w).effectively_covered == 1);

  World w1(scenario, 0);
  w1.set_week(1);
  add(w1, 0, 0.9f, 0.9f);
  add(w1, 1, 0.2f, 0.2f);
  const TieRow t = tie(w1, 0, 1);
  w1.ties.end_reason[t] = static_cast<std::uint8_t>(EndReason::kCompleted);
  --w1.people.learner_ties[1];
  --w1.people.developer_ties[0];
  w1.index_ties();
  const EffectiveReachWeek& one = reach.compute(w1);
  CHECK(one.effectively_covered == 0);
  CHECK(one.orphaned == 0);
}
