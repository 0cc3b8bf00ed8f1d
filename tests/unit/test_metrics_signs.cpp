// Signs of life and decay (docs/metrics.md): completed vs early endings, roster churn and group
// attendance on hand-built tie tables with known answers, and attendance in small runs against
// the drawn probability (binomial: held / scheduled -> a, for facilitator ties and for the members
// of peer groups).
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "metrics/signs_of_life.hpp"
#include "support/scenarios.hpp"
#include "support/statistics.hpp"
#include "support/tie_table.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;

using mentorsim::testing::TieTable;

namespace {

// Mean and standard error of the non-NaN values of a weekly series.
testing::Estimate mean_and_se(const std::vector<double>& values) {
  return testing::estimate(testing::without_nans(values));
}

}  // namespace

TEST_CASE("completed vs early endings", "[metrics]") {
  std::array<std::int64_t, kEndReasonCount> ended{};
  CHECK(std::isnan(completed_share(split_endings(ended))));  // nothing ended
  ended[static_cast<int>(EndReason::kMenteeLeft)] = 5;       // learner departures: neither
  CHECK(std::isnan(completed_share(split_endings(ended))));
  ended[static_cast<int>(EndReason::kCompleted)] = 6;
  ended[static_cast<int>(EndReason::kMentorLeft)] = 1;
  ended[static_cast<int>(EndReason::kBurnout)] = 1;
  ended[static_cast<int>(EndReason::kReleased)] = 1;
  ended[static_cast<int>(EndReason::kProgrammeEnded)] = 2;
  ended[static_cast<int>(EndReason::kDissolved)] = 1;
  const Endings e = split_endings(ended);
  CHECK(e.completed == 6);
  CHECK(e.early == 6);
  CHECK(completed_share(e) == 0.5);
}

TEST_CASE("roster churn from this week's created and ended ties", "[metrics]") {
  TieTable tb;
  const Week week = 10;
  tb.add(0, 1, 5);                                            // 1: unchanged
  tb.add(0, 2, 5, TieKind::kOneOnOne, EndReason::kReleased);  // 2: replaced by the same
  tb.add(0, 2, 10);                                           //    developer: unchanged
  tb.add(0, 3, 5);                                            // 3: gains developer 4
  tb.add(4, 3, 10);
  tb.add(5, 4, 3, TieKind::kOneOnOne, EndReason::kCompleted);        // 4: loses its only developer
  tb.add(kNoRow, 5, 2, TieKind::kOneOnOne, EndReason::kMentorLeft);  // 5: developer left
  tb.add(0, 6, 10, TieKind::kOneOnOne, EndReason::kDissolved);       // 6: began and ended this week
  tb.add(0, kNoRow, 4, TieKind::kOneOnOne, EndReason::kMenteeLeft);  // a learner who left
  tb.add(1, 0, 1);                                                   // 0: unchanged, two ties with
  tb.add(1, 0, 2, TieKind::kPeer);                                   //    the same developer
  RosterScratch scratch;
  const RosterChurn churn = roster_churn(tb.ties, tb.groups, week, 7, scratch);
  CHECK(churn.learners == 6);  // 0, 1, 2, 3, 4, 5
  CHECK(churn.changed == 3);   // 3, 4, 5
  CHECK(churn.share() == Approx(0.5));
  // The marks are left clear for the next week, and nothing changes in a quiet week.
  CHECK(std::count(scratch.marks.begin(), scratch.marks.end(), 0) == 7);
  TieTable quiet;
  quiet.add(0, 1, 1);
  quiet.add(2, 1, 3);
  const RosterChurn none = roster_churn(quiet.ties, quiet.groups, week, 3, scratch);
  CHECK(none.learners == 1);
  CHECK(none.changed == 0);
  CHECK(RosterChurn{}.share() == 0);
}

TEST_CASE("roster churn counts a peer group's pairs as ties", "[metrics]") {
  TieTable tb;
  const Week week = 10;
  tb.group(5, {0, 1});  // 0, 1: each other's developer all week: unchanged
  // 2 lost its only co-member, who left this week (row gone); 5 keeps 6, loses the leaver.
  tb.group(5, {kNoRow, 2}, {EndReason::kMenteeLeft, EndReason::kNone});
  tb.group(5, {5, 6, kNoRow}, {EndReason::kNone, EndReason::kNone, EndReason::kMenteeLeft});
  tb.group(10, {3, 4});  // formed this week: 3 and 4 gain a developer
  tb.add(7, 0, 1);       // 0 also holds a tie: still unchanged
  RosterScratch scratch;
  const RosterChurn churn = roster_churn(tb.ties, tb.groups, week, 8, scratch);
  CHECK(churn.learners == 7);  // 0..6
  CHECK(churn.changed == 5);   // 2, 3, 4, 5, 6
  // A group that graduated this week: both lose a developer.
  TieTable done;
  done.group(2, {0, 1}, {EndReason::kCompleted, EndReason::kCompleted});
  const RosterChurn graduated = roster_churn(done.ties, done.groups, week, 2, scratch);
  CHECK(graduated.learners == 2);
  CHECK(graduated.changed == 2);
}

TEST_CASE("group attendance: held over scheduled, members read off facilitator ties", "[metrics]") {
  TieTable tb;
  const Week week = 4;
  // Programme 0, a cohort meeting every 2 weeks from week 0: four facilitator ties, three held;
  // one more ended at departure (before the sessions): not counted.
  for (int i = 0; i < 4; ++i)
    tb.add(9, static_cast<Row>(i), 0, TieKind::kFacilitator, EndReason::kNone, 0, 2, 0.25f, i < 3);
  tb.add(9, 4, 0, TieKind::kFacilitator, EndReason::kMenteeLeft, 0, 2, 0.25f, false);
  // Its peer group: three members scheduled, two present (one ended at graduation, after the
  // sessions, present); one left before the sessions: not counted.
  tb.group(0, {0, 1, 2, 3},
           {EndReason::kNone, EndReason::kNone, EndReason::kCompleted, EndReason::kMenteeLeft},
           {1, 0, 1, 0}, 0, 2);
  // Programme 1, a pod: five members, four present; another pod meets every 3 weeks (not this
  // week); a load-carrying rotation tie (not a group session).
  tb.group(0, {6, 7, 8, 9, 10}, {}, {0, 1, 1, 1, 1}, 1, 1);
  tb.group(0, {11, 12}, {}, {0, 0}, 1, 3);
  tb.add(6, 7, 0, TieKind::kPeer, EndReason::kNone, 1, 1, 1.0f, true);
  std::vector<std::array<Attendance, 2>> scratch;
  const GroupAttendance a = group_attendance(tb.ties, tb.groups, week, scratch);
  CHECK(a.facilitator.scheduled == 4);
  CHECK(a.facilitator.held == 3);
  CHECK(a.peer.scheduled == 3 + 5);
  CHECK(a.peer.held == 2 + 4);
  CHECK(a.members.scheduled == 4 + 5);
  CHECK(a.members.held == 3 + 4);
  CHECK(a.members.rate() == Approx(7.0 / 9));
  CHECK(std::isnan(Attendance{}.rate()));
  // A tie ended after the sessions (burnout, completed) was scheduled; off-cadence weeks count
  // nothing.
  tb.ties.end_reason[0] = static_cast<std::uint8_t>(EndReason::kBurnout);
  CHECK(group_attendance(tb.ties, tb.groups, week, scratch).facilitator.scheduled == 4);
  CHECK(group_attendance(tb.ties, tb.groups, 5, scratch).facilitator.scheduled == 0);
  CHECK(group_attendance(tb.ties, tb.groups, 5, scratch).peer.scheduled == 5);  // the pod
}

TEST_CASE("group attendance in runs matches the drawn attendance (binomial)", "[metrics]") {
  SECTION("peer pods: each member is present with attendance a") {
    const double a = 0.6;
    const Scenario scenario = testing::bundled(
        "peer_pod", 40,
        {"population.initial_size=400", "burnout.enabled=false",
         "programme.peer_pod.attendance=0.6", "programme.peer_pod.initial_seek_share=0.5"});
    Simulation sim(scenario, 0);
    sim.run();
    const auto [mean, se] = mean_and_se(sim.recorder().series("group_attendance_by_kind/peer"));
    INFO("mean " << mean << " se " << se);
    CHECK(se > 0);
    CHECK(std::abs(mean - a) < 4 * se);
    CHECK(std::abs(mean - a) < 0.05);
    // No facilitators in pods: members' attendance is the peer groups'.
    const auto& members = sim.recorder().series("group_attendance");
    const auto& peer = sim.recorder().series("group_attendance_by_kind/peer");
    for (std::size_t i = 0; i < members.size(); ++i)
      if (!std::isnan(peer[i])) CHECK(members[i] == peer[i]);
  }
  SECTION("cohorts: members present with a, at facilitator ties and in the peer group") {
    const double a = 0.7;
    const Scenario scenario = testing::bundled(
        "group_cohort", 40,
        {"population.initial_size=400", "burnout.enabled=false",
         "programme.group_cohort.attendance=0.7", "programme.group_cohort.skip_chance=0",
         "programme.group_cohort.pause_below=0", "programme.group_cohort.initial_seek_share=0.5"});
    Simulation sim(scenario, 0);
    sim.run();
    const auto [mean, se] =
        mean_and_se(sim.recorder().series("group_attendance_by_kind/facilitator"));
    INFO("facilitator mean " << mean << " se " << se);
    CHECK(se > 0);
    CHECK(std::abs(mean - a) < 4 * se);
    const auto [pair_mean, pair_se] =
        mean_and_se(sim.recorder().series("group_attendance_by_kind/peer"));
    INFO("peer mean " << pair_mean << " se " << pair_se);
    CHECK(std::abs(pair_mean - a) < 4 * pair_se);
    const auto& members = sim.recorder().series("group_attendance");
    const auto& facilitator = sim.recorder().series("group_attendance_by_kind/facilitator");
    for (std::size_t i = 0; i < members.size(); ++i)
      if (!std::isnan(facilitator[i])) CHECK(members[i] == facilitator[i]);
    const RunResult result = sim.recorder().result(scenario, 0);
    double weeks = 0, lively = 0, sum = 0;
    for (double v : members) {
      if (std::isnan(v)) continue;
      ++weeks;
      lively += v >= 0.8;
      sum += v;
    }
    for (const auto& s : result.summary) {
      if (s.name == "mean_group_attendance") CHECK(s.value == Approx(sum / weeks));
      if (s.name == "group_attendance_weeks_at_least_0_8_share")
        CHECK(s.value == Approx(lively / weeks));
    }
  }
}

TEST_CASE("completion and churn series in a run agree with the tie counters", "[metrics]") {
  const Scenario scenario = testing::bundled(
      "one_on_one", 80, {"population.initial_size=400", "programme.one_on_one.duration_weeks=8"});
  Simulation sim(scenario, 0);
  sim.run();
  const Recorder& r = sim.recorder();
  const auto& completed = r.series("ties_ended_completed");
  const auto& mentor_left = r.series("ties_ended_mentor_left");
  const auto& burnout = r.series("ties_ended_burnout");
  const auto& dissolved = r.series("ties_ended_dissolved");
  const auto& share = r.series("ties_completed_share");
  const auto& early = r.series("ties_ended_early_share");
  const auto& churn = r.series("roster_changed_share");
  double sum_completed = 0, sum_early = 0, churn_weeks = 0;
  for (std::size_t w = 0; w < share.size(); ++w) {
    // One-on-one ends ties only as completed, mentor_left, mentee_left, burnout or dissolved.
    const double e = mentor_left[w] + burnout[w] + dissolved[w];
    sum_completed += completed[w];
    sum_early += e;
    if (completed[w] + e == 0) {
      CHECK(std::isnan(share[w]));
      CHECK(std::isnan(early[w]));
    } else {
      CHECK(share[w] == Approx(completed[w] / (completed[w] + e)));
      CHECK(early[w] == Approx(1 - share[w]));
    }
    CHECK(churn[w] >= 0);
    CHECK(churn[w] <= 1);
    churn_weeks += churn[w] > 0;
  }
  CHECK(sum_completed > 0);
  CHECK(churn_weeks > 0);  // 8-week relationships: rosters change
  const RunResult result = r.result(scenario, 0);
  for (const auto& s : result.summary) {
    if (s.name == "ties_completed_share_total")
      CHECK(s.value == Approx(sum_completed / (sum_completed + sum_early)));
    if (s.name == "ties_ended_early_total") CHECK(s.value == sum_early);
  }
}
