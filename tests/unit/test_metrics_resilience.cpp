// Resilience metrics (docs/metrics.md, "Resilience"): bus factor and institutional memory on
// hand-built skill tables, isolation on a hand-built tie table and on a tiny scenario whose only
// free developer is removed by a top_mentors shock, and the outcomes around a shock checked against
// an independent recount from the world and the weekly series.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "metrics/resilience.hpp"
#include "support/run_values.hpp"
#include "support/tie_table.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

using mentorsim::testing::has_summary;
using mentorsim::testing::summary_value;
using mentorsim::testing::TieTable;

namespace {

Scenario load(const std::string& text) {
  return params::load_scenario_text(text, "<test>", {});
}

}  // namespace

TEST_CASE("bus factor counts the holders at or above the threshold per zone", "[metrics]") {
  // Four people x three zones, threshold 0.6.
  const std::vector<float> skill{
      0.9f, 0.1f, 0.6f,  //
      0.7f, 0.2f, 0.5f,  //
      0.3f, 0.3f, 0.2f,  //
      0.6f, 0.5f, 0.1f,  //
  };
  std::vector<std::int64_t> holders(3, -1);
  bus_factors(skill, 0.6, holders);
  CHECK(holders == std::vector<std::int64_t>{3, 0, 1});  // 0.6f counts: at the threshold
  CHECK(institutional_memory_share(holders) == Approx(1.0 / 3.0));

  bus_factors(skill, 0.95, holders);
  CHECK(holders == std::vector<std::int64_t>{0, 0, 0});
  CHECK(institutional_memory_share(holders) == 0.0);

  bus_factors(skill, 0.0, holders);  // everyone holds everything
  CHECK(holders == std::vector<std::int64_t>{4, 4, 4});
  CHECK(institutional_memory_share(holders) == 1.0);

  bus_factors(std::span<const float>{}, 0.6, holders);  // nobody present
  CHECK(holders == std::vector<std::int64_t>{0, 0, 0});
  CHECK(institutional_memory_share(std::span<const std::int64_t>{}) == 0.0);  // no zones
  const std::vector<std::int64_t> two_of_four{2, 1, 5, 0};
  CHECK(institutional_memory_share(two_of_four) == 0.5);
}

TEST_CASE("which end reasons are disruptions", "[metrics]") {
  CHECK(disrupts(EndReason::kMentorLeft));
  CHECK(disrupts(EndReason::kBurnout));
  CHECK(disrupts(EndReason::kDissolved));
  CHECK(disrupts(EndReason::kProgrammeEnded));
  CHECK_FALSE(disrupts(EndReason::kNone));
  CHECK_FALSE(disrupts(EndReason::kCompleted));
  CHECK_FALSE(disrupts(EndReason::kMenteeLeft));
  CHECK_FALSE(disrupts(EndReason::kReleased));
  CHECK_FALSE(disrupts(EndReason::kRematched));
}

TEST_CASE("isolation events on a hand-built tie table", "[metrics]") {
  // Rows 0-1 develop; learners 2..9. learner_ties holds each row's active learner ties.
  TieTable tb;
  const auto tie = [&](Row developer, Row learner, EndReason reason) {
    tb.add(developer, learner, 0, TieKind::kOneOnOne, reason);
  };
  std::vector<std::uint16_t> learner_ties(10, 0);
  tie(0, 2, EndReason::kMentorLeft);  // 2: its only tie, developer left -> isolated
  tie(0, 3, EndReason::kMentorLeft);  // 3: lost one, keeps an active one -> not isolated
  tie(1, 3, EndReason::kNone);
  learner_ties[3] = 1;
  tie(0, 4, EndReason::kCompleted);  // 4: planned completion only -> not isolated
  tie(0, 5, EndReason::kReleased);   // 5: released at a check-in -> not isolated
  tie(0, 6, EndReason::kBurnout);    // 6: two disrupted ties, counted once
  tie(1, 6, EndReason::kDissolved);
  tie(1, 7, EndReason::kCompleted);  // 7: one completed, one programme ended -> isolated
  tie(0, 7, EndReason::kProgrammeEnded);
  tie(1, kNoRow, EndReason::kMentorLeft);  // the learner left too: not counted
  tie(1, 8, EndReason::kMenteeLeft);       // 8: not a disruption
  tie(1, 9, EndReason::kNone);             // 9: active
  learner_ties[9] = 1;
  std::vector<std::uint8_t> scratch;
  const PeerGroups no_groups;
  CHECK(isolation_events(tb.ties, no_groups, learner_ties, scratch) == 3);  // learners 2, 6, 7
  // Rematched the same week (a new active tie): no longer isolated.
  learner_ties[2] = 1;
  CHECK(isolation_events(tb.ties, no_groups, learner_ties, scratch) == 2);
  Ties empty;
  CHECK(isolation_events(empty, no_groups, learner_ties, scratch) == 0);
}

TEST_CASE("isolation events in peer groups", "[metrics]") {
  // Rows 0..6; learner_ties counts each row's remaining pair links (and ties).
  std::vector<std::uint16_t> learner_ties(7, 0);
  TieTable tb;  // groups 0, 1, ... begun in week 0
  // A pod of three: one left (row gone), 1 is left alone -> isolated.
  tb.group(0, {kNoRow, 1}, {EndReason::kMenteeLeft, EndReason::kNone});
  // One left, 2 and 3 keep each other -> not isolated.
  tb.group(0, {kNoRow, 2, 3}, {EndReason::kMenteeLeft, EndReason::kNone, EndReason::kNone});
  learner_ties[2] = learner_ties[3] = 1;
  // Graduated together -> not a disruption.
  tb.group(0, {4, 5}, {EndReason::kCompleted, EndReason::kCompleted});
  // Dissolved -> both isolated, unless one holds another tie.
  tb.group(0, {6, 0}, {EndReason::kDissolved, EndReason::kDissolved});
  learner_ties[0] = 1;
  std::vector<std::uint8_t> scratch;
  CHECK(isolation_events(Ties{}, tb.groups, learner_ties, scratch) == 2);  // rows 1 and 6
}

TEST_CASE("shock outcomes from hand-built weekly series", "[metrics]") {
  // Shock at week 2.
  const std::vector<double> knowledge{10, 10, 8, 9, 10, 11};
  const std::vector<double> holders{4, 4, 3, 3, 4, 4};
  const std::vector<double> coverage{0.5, 0.5, 0.3, 0.4, 0.5, 0.6};
  const std::vector<double> isolation{0, 1, 5, 2, 0, 1};
  const ShockOutcomes a = shock_outcomes(2, knowledge, holders, coverage, isolation);
  CHECK(a.knowledge_retained == Approx(0.8));
  CHECK(std::isnan(a.knowledge_retained_13w));  // week 15 is beyond the run
  CHECK(std::isnan(a.knowledge_retained_52w));
  CHECK(a.competent_holders_retained == Approx(0.75));
  CHECK(a.participation_drop == Approx(0.2));
  CHECK(a.recovery_weeks == 2);  // back to 0.5 at week 4
  CHECK(a.recovered == 1);
  CHECK(a.isolation_events == 8);  // weeks 2..5 (the 13-week window clipped to the run)

  // Coverage never returns: NaN recovery, recovered 0.
  const std::vector<double> falling{0.5, 0.5, 0.3, 0.4, 0.45, 0.49};
  const ShockOutcomes b = shock_outcomes(2, knowledge, holders, falling, isolation);
  CHECK(std::isnan(b.recovery_weeks));
  CHECK(b.recovered == 0);
  CHECK(b.participation_drop == Approx(0.2));

  // A shock that lowers nothing recovers at once.
  const ShockOutcomes c = shock_outcomes(5, knowledge, holders, coverage, isolation);
  CHECK(c.recovery_weeks == 0);
  CHECK(c.participation_drop == Approx(-0.1));  // signed: coverage rose (0.5 before, 0.6 after)
  CHECK(c.knowledge_retained == Approx(1.1));

  // Week 0 has no "before": only the isolation window is defined.
  const ShockOutcomes d = shock_outcomes(0, knowledge, holders, coverage, isolation);
  CHECK(d.isolation_events == 9);
  CHECK(std::isnan(d.knowledge_retained));
  CHECK(std::isnan(d.competent_holders_retained));
  CHECK(std::isnan(d.participation_drop));
  CHECK(std::isnan(d.recovery_weeks));
  CHECK(std::isnan(d.recovered));

  // Beyond the run: nothing is defined. A zero reference gives NaN ratios.
  const ShockOutcomes e = shock_outcomes(6, knowledge, holders, coverage, isolation);
  CHECK(std::isnan(e.isolation_events));
  CHECK(std::isnan(e.knowledge_retained));
  const std::vector<double> zeros(6, 0.0);
  const ShockOutcomes f = shock_outcomes(2, zeros, zeros, coverage, isolation);
  CHECK(std::isnan(f.knowledge_retained));
  CHECK(std::isnan(f.competent_holders_retained));

  // The 13- and 52-week horizons on a long series.
  std::vector<double> long_knowledge(70, 100.0), long_other(70, 0.0);
  long_knowledge[15] = 90;
  long_knowledge[62] = 120;
  const ShockOutcomes g = shock_outcomes(10, long_knowledge, long_other, long_other, long_other);
  CHECK(g.knowledge_retained == 1.0);
  CHECK(g.knowledge_retained_13w == 1.0);
  CHECK(g.knowledge_retained_52w == Approx(1.2));
  CHECK(shock_outcomes(2, long_knowledge, long_other, long_other, long_other)
            .knowledge_retained_13w == Approx(0.9));  // week 15 over week 1
}

namespace {

// Two seniors (40 x 0.05), each at capacity 3 with six of the 19 seekers; no departures,
// arrivals, burnout, reciprocity or dissolution, ties of 200 weeks. The busier senior (the lower
// id on equal load) leaves at week 6; nobody has room for their three learners.
const char* const kTwoSeniors = R"(
[scenario]
weeks = 12
seed = 11
[population]
initial_size = 40
senior_share = 0.05
[joining]
arrivals_per_week = 0.0
[departure]
enabled = false
[burnout]
enabled = false
[reciprocity]
enabled = false
[[programme]]
kind = "one_on_one"
name = "mentoring"
capacity = 3
max_mentees = 3
initial_seek_share = 0.5
duration_weeks = 200
[[shock]]
kind = "top_mentors"
week = 6
count = 1
)";

}  // namespace

TEST_CASE("a top_mentors shock isolates exactly the leaver's learners", "[metrics]") {
  const Scenario s = load(kTwoSeniors);
  Simulation sim(s, 0);
  for (Week w = 0; w < 6; ++w) sim.step();
  const World& world = sim.world();
  // The seniors and their learners before the shock.
  std::map<PractitionerId, std::set<PractitionerId>> learners_of;
  for (TieRow t = 0; t < world.ties.size(); ++t)
    if (world.ties.active(t))
      learners_of[world.ties.developer_id[t]].insert(world.ties.learner_id[t]);
  REQUIRE(learners_of.size() == 2);
  REQUIRE(learners_of.begin()->second.size() == 3);
  REQUIRE(std::next(learners_of.begin())->second.size() == 3);
  const std::set<PractitionerId> abandoned = learners_of.begin()->second;  // the lower id leaves
  sim.step();                                                              // week 6
  std::int64_t isolated = 0;
  for (PractitionerId id : abandoned) {
    const Row r = world.people.find(id);
    REQUIRE(r != kNoRow);
    isolated += world.people.learner_ties[r] == 0;
  }
  CHECK(isolated == 3);
  const RunResult result = sim.run();
  const auto& series = sim.recorder().series("isolation_events");
  for (Week w = 0; w < 12; ++w) CHECK(series[static_cast<std::size_t>(w)] == (w == 6 ? 3 : 0));
  CHECK(summary_value(result, "isolation_events_total") == 3);
  CHECK(summary_value(result, "shock1/isolation_events_13w") == 3);
  // Coverage goes from 6/40 to 3/39 and never returns.
  CHECK(summary_value(result, "shock1/participation_drop") == Approx(6.0 / 40.0 - 3.0 / 39.0));
  CHECK(std::isnan(summary_value(result, "shock1/recovery_weeks")));
  CHECK(summary_value(result, "shock1/recovered") == 0);
}

namespace {

// The shocks test organisation (600 people, 30 seniors) with knowledge, reciprocity and arrivals
// on, and two shocks: three top mentors at week 30, a random tenth at week 60.
const char* const kOrganisation = R"(
[scenario]
weeks = 100
seed = 7
[population]
initial_size = 600
senior_share = 0.05
zones = ["technical", "leadership"]
[joining]
arrivals_per_week = 3.0
[departure]
enabled = true
[[programme]]
kind = "one_on_one"
name = "mentoring"
capacity = 3
initial_seek_share = 0.5
duration_weeks = 26
[[shock]]
kind = "top_mentors"
week = 30
count = 3
[[shock]]
kind = "random_departure"
week = 60
share = 0.1
)";

double stock(const World& w) {
  double total = 0;
  for (Row r = 0; r < w.people.size(); ++r)
    for (int z = 0; z < w.people.zones(); ++z) total += w.people.skill_row(r)[z];
  return total;
}

std::int64_t competent_pairs(const World& w, double threshold) {
  std::int64_t pairs = 0;
  for (Row r = 0; r < w.people.size(); ++r)
    for (int z = 0; z < w.people.zones(); ++z) pairs += w.people.skill_row(r)[z] >= threshold;
  return pairs;
}

}  // namespace

TEST_CASE("knowledge retained and recovery around shocks match a recount", "[metrics]") {
  const Scenario s = load(kOrganisation);
  const double threshold = s.knowledge.competence_threshold;
  Simulation sim(s, 2);
  const World& w = sim.world();
  std::map<Week, double> stocks;           // recounted from the world after each week
  std::map<Week, std::int64_t> competent;  // competent (practitioner, zone) pairs
  std::map<Week, std::vector<double>> bus;
  for (Week week = 0; week < 100; ++week) {
    sim.step();
    stocks[week] = stock(w);
    competent[week] = competent_pairs(w, threshold);
    std::vector<double> by_zone(2, 0.0);
    for (Row r = 0; r < w.people.size(); ++r)
      for (int z = 0; z < 2; ++z) by_zone[z] += w.people.skill_row(r)[z] >= threshold;
    bus[week] = by_zone;
  }
  const RunResult result = sim.run();  // no weeks left: just the result
  const Recorder& rec = sim.recorder();
  for (Week week = 0; week < 100; ++week) {
    const auto i = static_cast<std::size_t>(week);
    CHECK(rec.series("knowledge_stock")[i] == Approx(stocks[week]).epsilon(1e-9));
    CHECK(rec.series("bus_factor/technical")[i] == bus[week][0]);
    CHECK(rec.series("bus_factor/leadership")[i] == bus[week][1]);
    const double memory = (bus[week][0] >= 2) * 0.5 + (bus[week][1] >= 2) * 0.5;
    CHECK(rec.series("institutional_memory_share")[i] == memory);
  }
  const auto& coverage = rec.series("participation");
  const auto& isolation = rec.series("isolation_events");
  for (const Week shock : {Week{30}, Week{60}}) {
    const std::string p = shock == 30 ? "shock1/" : "shock2/";
    INFO(p);
    CHECK(summary_value(result, p + "knowledge_retained") ==
          Approx(stocks[shock] / stocks[shock - 1]));
    CHECK(summary_value(result, p + "knowledge_retained_13w") ==
          Approx(stocks[shock + 13] / stocks[shock - 1]));
    CHECK(std::isnan(summary_value(result, p + "knowledge_retained_52w")) == (shock + 52 >= 100));
    if (shock + 52 < 100)
      CHECK(summary_value(result, p + "knowledge_retained_52w") ==
            Approx(stocks[shock + 52] / stocks[shock - 1]));
    CHECK(
        summary_value(result, p + "competent_holders_retained") ==
        Approx(static_cast<double>(competent[shock]) / static_cast<double>(competent[shock - 1])));
    // Recount from the weekly coverage series.
    const double before = coverage[static_cast<std::size_t>(shock - 1)];
    double trough = 1, isolated = 0;
    for (Week week = shock; week < shock + 13; ++week) {
      trough = std::min(trough, coverage[static_cast<std::size_t>(week)]);
      isolated += isolation[static_cast<std::size_t>(week)];
    }
    CHECK(summary_value(result, p + "participation_drop") == Approx(before - trough));
    CHECK(summary_value(result, p + "isolation_events_13w") == isolated);
    Week back = -1;
    for (Week week = shock; week < 100 && back < 0; ++week)
      if (coverage[static_cast<std::size_t>(week)] >= before) back = week - shock;
    if (back < 0) {
      CHECK(std::isnan(summary_value(result, p + "recovery_weeks")));
      CHECK(summary_value(result, p + "recovered") == 0);
    } else {
      CHECK(summary_value(result, p + "recovery_weeks") == back);
      CHECK(summary_value(result, p + "recovered") == 1);
    }
  }
  // The random tenth leaving takes knowledge with it (coverage, a share, need not fall: learners
  // and others leave alike; the three top mentors' learners here find room the same week).
  CHECK(summary_value(result, "shock2/knowledge_retained") < 0.97);
  CHECK(summary_value(result, "isolation_events_total") ==
        std::accumulate(isolation.begin(), isolation.end(), 0.0));
  CHECK(has_summary(result, "min_bus_factor/technical"));
  CHECK(summary_value(result, "final_bus_factor/leadership") == bus[99][1]);
  CHECK_FALSE(has_summary(result, "shock3/knowledge_retained"));
}
