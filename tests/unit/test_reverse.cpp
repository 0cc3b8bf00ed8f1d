// The reverse mentoring model on its bundled scenario (scenarios/models/reverse.toml): ties run
// junior -> senior in the covered zone only, capacity and load weights hold, seniors learn the zone
// while juniors lose nothing by teaching, departures end ties, and runs do not depend on threads.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "support/run_values.hpp"
#include "support/same_results.hpp"
#include "support/scenarios.hpp"

using namespace mentorsim;

using mentorsim::testing::same_at_one_and_two_threads;
using mentorsim::testing::series_total;

namespace {

constexpr std::int8_t kDigital = 3;  // zones = technical, leadership, navigation, digital

Scenario reverse(const std::vector<std::string>& overrides) {
  return testing::bundled("reverse", 104, overrides);
}

bool junior(const World& w, Row r) {
  return !w.people.has(r, flag::kSenior) && w.week() - w.people.joined_week[r] < 104;
}

// Mean skill in `zone` of the seniors present at week 0 who are still active.
double initial_seniors_mean(const World& w, const std::vector<PractitionerId>& seniors, int zone) {
  double total = 0;
  int n = 0;
  for (PractitionerId id : seniors) {
    const Row r = w.people.find(id);
    if (r == kNoRow) continue;
    total += w.people.skill_row(r)[zone];
    ++n;
  }
  return n == 0 ? 0.0 : total / n;
}

}  // namespace

TEST_CASE("reverse ties run junior to senior in the covered zone, within capacity", "[reverse]") {
  const bool protect = GENERATE(true, false);
  const Scenario scenario =
      reverse({protect ? "programme.0.protected_time=true" : "programme.0.protected_time=false"});
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  const float weight = protect ? 0.75f : 1.5f;
  std::int64_t created = 0;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    for (Row r = 0; r < w.people.size(); ++r) CHECK(w.people.developer_ties[r] <= 1);
    for (TieRow t = 0; t < w.ties.size(); ++t) {
      if (!w.ties.active(t)) continue;
      const Row dev = w.ties.developer[t];
      const Row learner = w.ties.learner[t];
      CHECK(w.ties.kind[t] == static_cast<std::uint8_t>(TieKind::kReverse));
      CHECK(w.ties.zone[t] == kDigital);
      CHECK_FALSE(w.people.has(dev, flag::kSenior));
      CHECK(w.people.has(learner, flag::kSenior));
      CHECK(w.ties.load_weight[t] == weight);
      if (w.ties.start_week[t] != w.week()) continue;
      ++created;
      // Created this week: the junior qualified (lead >= min_lead = 0.1 at matching; the first
      // session, this week, closed at most alpha * quality = 6.4% of it), and this tie is their
      // whole load.
      CHECK(junior(w, dev));
      CHECK(w.people.skill_row(dev)[kDigital] >= w.people.skill_row(learner)[kDigital] + 0.09f);
      CHECK(w.people.load_hours[dev] == Approx(1.0 / 4.0 * weight));
    }
  }
  CHECK(created > 10);
}

TEST_CASE("seniors learn the covered zone; juniors lose nothing by teaching", "[reverse]") {
  // No forgetting, no experience at work, no learning by teaching (test_learning.cpp checks it)
  // and no other programme: only the reverse ties' transfer changes anyone's skill.
  const Scenario scenario =
      reverse({"knowledge.forgetting_per_month=0", "knowledge.experience_half_life_weeks=0",
               "knowledge.teaching_share=0"});
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  sim.step();
  std::vector<PractitionerId> seniors;
  for (Row r = 0; r < w.people.size(); ++r)
    if (w.people.has(r, flag::kSenior)) seniors.push_back(w.people.id[r]);
  REQUIRE(seniors.size() >= 10);
  const double start_digital = initial_seniors_mean(w, seniors, kDigital);
  std::map<PractitionerId, std::vector<float>> non_senior_skill;
  for (Row r = 0; r < w.people.size(); ++r)
    if (!w.people.has(r, flag::kSenior))
      non_senior_skill[w.people.id[r]].assign(w.people.skill_row(r), w.people.skill_row(r) + 4);
  for (int week = 1; week < 104; ++week) sim.step();
  const double end_digital = initial_seniors_mean(w, seniors, kDigital);
  INFO("initial seniors' mean digital skill " << start_digital << " -> " << end_digital);
  CHECK(end_digital > start_digital + 0.1);
  // Every non-senior present at week 0 and still here keeps exactly their skill.
  std::size_t checked = 0;
  for (const auto& [id, before] : non_senior_skill) {
    const Row r = w.people.find(id);
    if (r == kNoRow) continue;
    ++checked;
    for (int z = 0; z < 4; ++z)
      CHECK(w.people.skill_row(r)[z] == before[static_cast<std::size_t>(z)]);
  }
  CHECK(checked > 100);
}

TEST_CASE("seniors' skill outside the covered zone does not move without forgetting", "[reverse]") {
  // Session learning only: experience at work would move every zone below the ceiling.
  const Scenario scenario =
      reverse({"knowledge.forgetting_per_month=0", "knowledge.experience_half_life_weeks=0",
               "knowledge.teaching_share=0"});
  Simulation sim(scenario, 0);
  const World& w = sim.world();
  sim.step();
  std::map<PractitionerId, std::vector<float>> before;
  for (Row r = 0; r < w.people.size(); ++r)
    if (w.people.has(r, flag::kSenior))
      before[w.people.id[r]].assign(w.people.skill_row(r), w.people.skill_row(r) + 3);
  for (int week = 1; week < 104; ++week) sim.step();
  for (const auto& [id, skill] : before) {
    const Row r = w.people.find(id);
    if (r == kNoRow) continue;
    for (int z = 0; z < 3; ++z)
      CHECK(w.people.skill_row(r)[z] == skill[static_cast<std::size_t>(z)]);
  }
}

TEST_CASE("departures end reverse ties as mentor_left or mentee_left", "[reverse]") {
  const Scenario scenario = reverse({"departure.annual_rate=2.0"});
  Simulation sim(scenario, 0);
  std::int64_t mentor_left = 0, mentee_left = 0;
  for (int week = 0; week < 104; ++week) {
    sim.step();
    const World& w = sim.world();
    mentor_left += w.counters.ties_ended[static_cast<int>(EndReason::kMentorLeft)];
    mentee_left += w.counters.ties_ended[static_cast<int>(EndReason::kMenteeLeft)];
    for (TieRow t = 0; t < w.ties.size(); ++t) {  // no active tie keeps a leaver
      REQUIRE(w.ties.developer[t] != kNoRow);
      REQUIRE(w.ties.learner[t] != kNoRow);
    }
  }
  CHECK(mentor_left > 0);
  CHECK(mentee_left > 0);
}

TEST_CASE("a zone the population does not have is an input error when loading", "[reverse]") {
  // Caught by the loader (ModelEntry::check_in_scenario), so `mentorsim check` reports it too.
  CHECK_THROWS_AS(reverse({"programme.0.zones=[\"digitl\"]"}), InputError);
  CHECK_THROWS_WITH(reverse({"programme.0.zones=[\"digitl\"]"}),
                    Catch::Contains("programme[0].zones: unknown zone 'digitl'"));
}

TEST_CASE("reverse runs are bit-identical for 1 and 2 threads", "[reverse][determinism]") {
  const std::string policy = GENERATE(as<std::string>{}, "best_score", "fifo", "batch_optimal");
  const Scenario s = reverse({"programme.0.matching=" + policy});
  const RunResult one = same_at_one_and_two_threads(s);
  CHECK(series_total(one, "matches") > 0);
}
