// Reference twins (issue 13): metrics::WeeklyOutcomes::compute and metrics::roster_churn against
// the plain sequential implementations of tests/support/reference_metrics.hpp on hand-built states
// whose values are worked out below (compared as support/reference_checks.hpp says); the runs are
// in test_metrics_reference_runs.cpp.
#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "input/scenario_loader.hpp"
#include "support/reference_checks.hpp"
#include "support/reference_metrics.hpp"
#include "support/same_results.hpp"
#include "support/tie_table.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;
using mentorsim::testing::check_equal;
using mentorsim::testing::reference_outcomes;
using mentorsim::testing::reference_roster_churn;
using mentorsim::testing::ReferenceOutcomes;
using mentorsim::testing::TieTable;

namespace {

const char* kTiny = R"(
[scenario]
name = "reference_tiny"
weeks = 1
[population]
initial_size = 0
group_names = ["a", "b", "c"]
group_shares = [0.4, 0.3, 0.3]
[[programme]]
kind = "one_on_one"
)";

}  // namespace

TEST_CASE("reference twin of the weekly outcomes on a hand-built state", "[metrics][reference]") {
  // Eight practitioners (row = id): group a = {0, 1, 2}, b = {3, 4}, c = {5, 6, 7}.
  const Scenario scenario = params::load_scenario_text(kTiny, "<test_metrics_reference>", {});
  World w(scenario, 0);
  for (Row r = 0; r < 8; ++r) {
    w.people.append(r, 0);
    w.people.group[r] = static_cast<std::uint8_t>(r < 3 ? 0 : r < 5 ? 1 : 2);
  }
  const auto tie = [&](Row developer, Row learner, float hours, std::uint16_t cadence) {
    TieSpec s;
    s.developer = developer;
    s.learner = learner;
    s.session_hours = hours;
    s.cadence_weeks = cadence;
    s.planned_end = 100;
    return w.create_tie(s);
  };
  // Ties, developer -> learner (hours per week h / c):
  tie(0, 3, 1.0f, 2);                       // 0.5
  tie(0, 3, 1.0f, 4);                       // 0.25: a second tie with the same developer
  tie(3, 4, 1.5f, 3);                       // 0.5
  const TieRow ended = tie(1, 5, 1.0f, 1);  // ended below: counts nowhere
  tie(7, 6, 1.0f, 1);                       // 1.0
  tie(5, 4, 1.0f, 2);                       // 0.5: 5 is also 4's co-member in group 0
  tie(7, 5, 1.0f, 1);                       // 1.0
  // What World::end_tie does, but for telling a programme (this world has no models).
  w.ties.end_reason[ended] = static_cast<std::uint8_t>(EndReason::kCompleted);
  --w.people.developer_ties[1];
  --w.people.learner_ties[5];
  // Group 0 of {2, 4, 5, 7}, 2 h every 2 weeks (1.0 a week); 7 leaves it: {2, 4, 5} stay.
  // Group 1 of {0, 1}; 1 leaves it: 0 is alone (no pair, no session hours).
  GroupSpec spec;
  spec.planned_end = 100;
  spec.session_hours = 2.0f;
  spec.cadence_weeks = 2;
  w.create_group(spec, std::vector<Row>{2, 4, 5, 7}, std::vector<float>(4, 1.0f));
  spec.session_hours = 1.0f;
  spec.cadence_weeks = 1;
  w.create_group(spec, std::vector<Row>{0, 1}, std::vector<float>(2, 1.0f));
  w.end_membership(w.groups.begin(0) + 3, EndReason::kReleased);
  w.end_membership(w.groups.begin(1) + 1, EndReason::kReleased);
  // load_hours as the load phase gives it (load weight 1): the active ties' h / c by developer.
  w.people.load_hours[0] = 0.75f;
  w.people.load_hours[3] = 0.5f;
  w.people.load_hours[5] = 0.5f;
  w.people.load_hours[7] = 2.0f;
  w.index_ties();

  // By learner: developers (one per tie or pair; group), hours received r, Dev(l) by group:
  //   0: none (its group has no other active member)                             r = 0
  //   1: none (its tie ended, it left its group)                                 r = 0
  //   2 (a): pairs 4 (b), 5 (c)                      same group 0 of 2           r = 1.0
  //          Dev = {4, 5}: a0 b1 c1, B = 1 - 2/4 = 1/2; develops (its pairs)
  //   3 (b): ties 0 (a), 0 (a)                       0 of 2                      r = 0.75
  //          Dev = {0}: single, B = 0; develops (tie to 4)
  //   4 (b): ties 3 (b), 5 (c), pairs 2 (a), 5 (c)   1 of 4                      r = 2.0
  //          Dev = {2, 3, 5}: a1 b1 c1, B = 1 - 3/9 = 2/3; develops (its pairs)
  //   5 (c): tie 7 (c), pairs 2 (a), 4 (b)           1 of 3                      r = 2.0
  //          Dev = {2, 4, 7}: B = 2/3; develops (tie to 4, its pairs)
  //   6 (c): tie 7 (c)                               1 of 1                      r = 1.0
  //          Dev = {7}: single, B = 0; develops nobody
  //   7: none (it left its group; it develops 5 and 6 but learns from nobody)   r = 0
  // L = {2, 3, 4, 5, 6}.
  const ReferenceOutcomes ref = reference_outcomes(w, 3);
  const Outcomes& o = ref.values;
  CHECK(ref.learners == 5);
  CHECK(o.developers_per_learner == Approx(10.0 / 5));                    // 2 + 1 + 3 + 3 + 1
  CHECK(o.learners_who_mentor_share == Approx(4.0 / 5));                  // all but 6
  CHECK(o.single_developer_share == Approx(2.0 / 5));                     // 3 and 6
  CHECK(o.developer_diversity == Approx((0.5 + 2.0 / 3 + 2.0 / 3) / 5));  // 11/30
  // Loads over D = {0.5, 0.5, 0.75, 2.0}: p95 rank ceil(3.8) = 4; Gini with weights
  // (2i - 5) = -3, -1, 1, 3: (-1.5 - 0.5 + 0.75 + 6) / (4 x 3.75) = 4.75 / 15.
  CHECK(o.load_p95_hours == 2.0);
  CHECK(o.load_max_hours == 2.0);
  CHECK(o.load_gini == Approx(4.75 / 15));
  // Coverage: a 1/3 ({2}), b 1 ({3, 4}), c 2/3 ({5, 6}); access ratio (1/3) / 1.
  CHECK(o.participation_by_group[0] == Approx(1.0 / 3));
  CHECK(o.participation_by_group[1] == 1.0);
  CHECK(o.participation_by_group[2] == Approx(2.0 / 3));
  CHECK(o.access_ratio == Approx(1.0 / 3));
  // Coleman, w = 3/8, 2/8, 3/8, over every tie and pair:
  //   a: 0 of 2 same: s = 0 < w: (0 - 3/8) / (3/8) = -1
  //   b: 1 of 6 (3: 0 of 2, 4: 1 of 4): s = 1/6 < 1/4: (1/6 - 1/4) / (1/4) = -1/3
  //   c: 2 of 4 (5: 1 of 3, 6: 1 of 1): s = 1/2 >= 3/8: (1/2 - 3/8) / (5/8) = 1/5
  //   mean weighted by ties and pairs: (2 x -1 + 6 x -1/3 + 4 x 1/5) / 12 = -4/15
  CHECK(ref.entries == std::vector<std::int64_t>{2, 6, 4});
  CHECK(ref.same == std::vector<std::int64_t>{0, 1, 2});
  CHECK(o.homophily_by_group[0] == Approx(-1.0));
  CHECK(o.homophily_by_group[1] == Approx(-1.0 / 3));
  CHECK(o.homophily_by_group[2] == Approx(0.2));
  CHECK(o.homophily == Approx(-4.0 / 15));
  // Hours received, sorted: 0, 0, 0, 0.75, 1, 1, 2, 2 (total 6.75); weights 2i - 9:
  // (-0.75 + 1 + 3 + 10 + 14) / (8 x 6.75) = 27.25 / 54.
  CHECK(ref.hours_received == std::vector<double>{0.0, 0.0, 1.0, 0.75, 2.0, 2.0, 1.0, 0.0});
  CHECK(o.hours_received_gini == Approx(27.25 / 54));

  WeeklyOutcomes outcomes(3);
  check_equal(outcomes.compute(w), ref);
}

// The outcomes are computed afresh at every call: a second call in the same week (another
// caller than the recorder) gives the same values, on one thread as on several.
TEST_CASE("weekly outcomes computed twice in a week equal the reference both times",
          "[metrics][reference]") {
  const Scenario scenario = params::load_scenario_text(kTiny, "<test_metrics_reference>", {});
  World w(scenario, 0);
  w.people.append(0, 0);
  w.people.append(1, 0);
  TieSpec s;
  s.developer = 0;
  s.learner = 1;
  s.planned_end = 100;
  w.create_tie(s);
  w.people.load_hours[0] = 1.0f;
  w.index_ties();
  const ReferenceOutcomes ref = reference_outcomes(w, 3);
  REQUIRE(ref.values.developers_per_learner == 1.0);
  mentorsim::testing::with_threads(1, [&] {
    WeeklyOutcomes outcomes(3);
    check_equal(outcomes.compute(w), ref);
    check_equal(outcomes.compute(w), ref);  // once counted 0 developers per learner
    return 0;
  });
}

TEST_CASE("reference twin of the roster churn on a hand-built state", "[metrics][reference]") {
  // Week 10; rows 0..7 present. Tie and group tables as the recorder sees them (this week's ended
  // ones still in; a leaver's row is kNoRow).
  const Week week = 10;
  const Row rows = 8;
  TieTable tb;
  const auto tie = [&](Row developer, Row learner, Week start, EndReason reason) {
    tb.add(developer, learner, start, TieKind::kOneOnOne, reason);
  };
  tie(1, 0, 1, EndReason::kNone);             // 0: keeps 1
  tie(1, 0, 9, EndReason::kReleased);         //    and a second tie with 1 ends: no change
  tie(0, 1, 5, EndReason::kNone);             // 1: keeps 0,
  tie(2, 1, 10, EndReason::kNone);            //    gains 2: changed
  tie(0, 2, 4, EndReason::kCompleted);        // 2: a tie with 0 ends and another with 0
  tie(0, 2, 10, EndReason::kNone);            //    begins: no change
  tie(kNoRow, 3, 2, EndReason::kMentorLeft);  // 3: its developer left: changed
  tie(4, kNoRow, 3, EndReason::kMenteeLeft);  // a learner who left: not counted
  tie(5, 6, 10, EndReason::kDissolved);       // 6: begun and ended this week: in neither set
  // Begun at week 6: 4 and 5 keep each other; a member left the organisation (row gone: a
  // developer lost for 4, 5 and 7); 7 left the group but stays (loses 4 and 5).
  tb.group(6, {4, 5, kNoRow, 7},
           {EndReason::kNone, EndReason::kNone, EndReason::kMenteeLeft, EndReason::kReleased});
  tb.group(3, {0, 2});   // 0 and 2 each other's developer all week: no change
  tb.group(10, {6, 3});  // formed this week: 6 and 3 gain each other
  // B (start) -> A (end):
  //   0: {1, 2} -> {1, 2}          unchanged
  //   1: {0} -> {0, 2}             changed
  //   2: {0} -> {0}                unchanged (by a tie and a pair at both ends)
  //   3: {gone} -> {6}             changed
  //   4: {5, gone, 7} -> {5}       changed
  //   5: {4, gone, 7} -> {4}       changed
  //   6: {} -> {3}                 changed (the dissolved tie is in neither)
  //   7: {4, 5, gone} -> {}        changed
  const RosterChurn ref = reference_roster_churn(tb.ties, tb.groups, week, rows);
  CHECK(ref.learners == 8);
  CHECK(ref.changed == 6);
  RosterScratch scratch;
  check_equal(roster_churn(tb.ties, tb.groups, week, rows, scratch), ref);
}
