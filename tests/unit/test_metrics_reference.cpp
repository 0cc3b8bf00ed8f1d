// Reference twins (issue 13): metrics::WeeklyOutcomes::compute and metrics::roster_churn against
// the plain sequential implementations of tests/support/reference_metrics.hpp, first on hand-built
// states whose values are worked out below, then at every week's recording of real runs (large
// blended ones over several 4,096-row blocks, small ones, three groups and one).
//
// Compared exactly: every field, except the two whose fast sums run in another order:
// - developer_diversity: the fast code sums the learners' Blau indices per block of 4,096 rows and
//   then adds the blocks' sums; the reference sums them in row order (the same order, so the same
//   bits, when there is one block);
// - hours_received_gini: the fast code adds a learner's group sessions before its ties, the
//   reference its ties first (as docs/metrics.md writes r(i)); with three terms or more and hours
//   that are not dyadic fractions (a cadence of 3 or 13 weeks) the sums can round differently.
// Those two are compared with a relative tolerance of 1e-12. Everything else is counts, quotients
// of counts, or the same values sorted, and is compared bit for bit.
#include <catch2/catch.hpp>

#include "support/reference_metrics.hpp"
#include "support/same_results.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "engine/phases.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "metrics/signs_of_life.hpp"
#include "metrics/weekly_outcomes.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;
using mentorsim::testing::reference_outcomes;
using mentorsim::testing::reference_roster_churn;
using mentorsim::testing::ReferenceOutcomes;

namespace {

bool same_bits(double a, double b) {
  return std::memcmp(&a, &b, sizeof(double)) == 0;
}

// ---- Comparing the fast values with the reference ----------------------------------------------

constexpr double kSumOrderTolerance = 1e-12;  // relative; see the top of the file

void check_equal(const Outcomes& fast, const ReferenceOutcomes& ref) {
  const Outcomes& r = ref.values;
  INFO("reference: |L| = " << ref.learners << ", sum |Dev(l)| = " << ref.distinct_developers
                           << ", single = " << ref.single_developer << ", who mentor = "
                           << ref.learners_who_mentor << ", developers |D| = " << ref.loads.size());
  CHECK(fast.load_p95_hours == r.load_p95_hours);
  CHECK(fast.load_max_hours == r.load_max_hours);
  CHECK(fast.load_gini == r.load_gini);
  CHECK(fast.developers_per_learner == r.developers_per_learner);
  CHECK(fast.learners_who_mentor_share == r.learners_who_mentor_share);
  CHECK(fast.single_developer_share == r.single_developer_share);
  REQUIRE(fast.coverage_by_group.size() == r.coverage_by_group.size());
  for (std::size_t g = 0; g < r.coverage_by_group.size(); ++g) {
    INFO("group " << g << ": members " << ref.members[g] << ", covered " << ref.covered[g]
                  << ", ties and pairs " << ref.entries[g] << ", same group " << ref.same[g]);
    CHECK(fast.coverage_by_group[g] == r.coverage_by_group[g]);
    CHECK(fast.homophily_by_group[g] == r.homophily_by_group[g]);
  }
  REQUIRE(fast.homophily_by_group.size() == r.homophily_by_group.size());
  CHECK(fast.access_ratio == r.access_ratio);
  CHECK(fast.homophily == r.homophily);
  // Sums in another order (top of the file).
  CHECK_THAT(fast.developer_diversity,
             Catch::Matchers::WithinRel(r.developer_diversity, kSumOrderTolerance));
  CHECK_THAT(fast.hours_received_gini,
             Catch::Matchers::WithinRel(r.hours_received_gini, kSumOrderTolerance));
}

void check_equal(const RosterChurn& fast, const RosterChurn& ref) {
  CHECK(fast.learners == ref.learners);
  CHECK(fast.changed == ref.changed);
}

// ---- What the simulated states held ---------------------------------------------------------
//
// Counted at every checked week, so that each test says which paths of the fast code its states
// went through (a scenario change that loses one fails here, not silently).
struct Seen {
  std::int64_t weeks = 0;
  Row most_rows = 0;
  std::int64_t departures = 0;             // this week's leavers, any reason
  std::int64_t shed_by_burnout = 0;        // ties ended by a developer burning out
  std::int64_t ended_early = 0;            // mentor left, released, dissolved, programme ended
  std::int64_t developer_gone = 0;         // tie or pair entries whose developer left this week
  std::int64_t memberships_ended = 0;      // memberships ended this week, member still present
  std::int64_t groups_begun = 0;           // groups formed this week
  std::int64_t alone_in_group = 0;         // active members of a group with no other active one
  std::int64_t in_two_pair_groups = 0;     // members of two groups with >= 2 active members
  std::int64_t tie_with_co_member = 0;     // active ties whose ends share a pair group
  std::int64_t non_dyadic_hours = 0;       // active ties and groups with h / c not exact
  std::int64_t roster_changed = 0;         // roster_churn's changed, summed
  std::int64_t empty_group_weeks = 0;      // weeks with a demographic group without members
  std::int64_t diversity_bits_differ = 0;  // weeks the tolerant fields were not bit-identical
  std::int64_t hours_gini_bits_differ = 0;
};

void note(const World& world, const RosterChurn& churn, const Outcomes& fast,
          const ReferenceOutcomes& ref, Seen& seen) {
  const Ties& ties = world.ties;
  const PeerGroups& groups = world.groups;
  const Row n = world.people.size();
  ++seen.weeks;
  seen.most_rows = std::max(seen.most_rows, n);
  for (const std::int64_t d : world.counters.departures) seen.departures += d;
  const auto& ended = world.counters.ties_ended;
  seen.shed_by_burnout += ended[static_cast<std::size_t>(EndReason::kBurnout)];
  for (const EndReason r : {EndReason::kMentorLeft, EndReason::kReleased, EndReason::kDissolved,
                            EndReason::kProgrammeEnded})
    seen.ended_early += ended[static_cast<std::size_t>(r)];
  const auto dyadic = [](double h, int c) {
    const double x = h / c;
    return x * 4096 == static_cast<double>(static_cast<std::int64_t>(x * 4096));
  };
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (ties.learner[t] != kNoRow && ties.developer[t] == kNoRow) ++seen.developer_gone;
    if (ties.active(t) && !dyadic(ties.session_hours[t], ties.cadence_weeks[t]))
      ++seen.non_dyadic_hours;
  }
  // Each member's groups with >= 2 active members, from the membership table.
  std::vector<std::vector<GroupRow>> pair_groups(n);
  for (GroupRow g = 0; g < groups.groups(); ++g) {
    seen.groups_begun += groups.start_week[g] == world.week();
    if (groups.active_members(g) >= 2 && !dyadic(groups.session_hours[g], groups.cadence_weeks[g]))
      ++seen.non_dyadic_hours;
    bool someone_gone = false;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m)
      someone_gone = someone_gone || groups.member[m] == kNoRow;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      const Row r = groups.member[m];
      if (r == kNoRow) continue;
      if (!groups.active(m)) ++seen.memberships_ended;
      if (someone_gone && groups.start_week[g] < world.week()) ++seen.developer_gone;
      if (!groups.active(m)) continue;
      if (groups.active_members(g) == 1) ++seen.alone_in_group;
      if (groups.active_members(g) >= 2) pair_groups[r].push_back(g);
    }
  }
  for (Row r = 0; r < n; ++r) seen.in_two_pair_groups += pair_groups[r].size() >= 2;
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (!ties.active(t)) continue;
    const auto& a = pair_groups[ties.learner[t]];
    const auto& b = pair_groups[ties.developer[t]];
    bool shared = false;
    for (const GroupRow g : a) shared = shared || std::find(b.begin(), b.end(), g) != b.end();
    seen.tie_with_co_member += shared;
  }
  seen.roster_changed += churn.changed;
  seen.empty_group_weeks += std::count(ref.members.begin(), ref.members.end(), 0) > 0;
  seen.diversity_bits_differ +=
      !same_bits(fast.developer_diversity, ref.values.developer_diversity);
  seen.hours_gini_bits_differ +=
      !same_bits(fast.hours_received_gini, ref.values.hours_received_gini);
}

// Runs `weeks` weeks of `scenario` (replicate `replicate`), checking the fast values against the
// reference at every week's recording, and that the recorder recorded the same fast values.
void check_run(const Scenario& scenario, std::uint64_t replicate, Week weeks, Seen& seen) {
  const std::size_t G = scenario.population.group_names.size();
  Simulation sim(scenario, replicate);
  WeeklyOutcomes outcomes(G);
  RosterScratch scratch;
  Outcomes fast;
  RosterChurn churn;
  // At every recording, the state the recorder reads (Simulation::observe_recording).
  sim.observe_recording([&](const World& world) {
    INFO(scenario.meta.name << ", seed " << scenario.meta.seed << ", replicate " << replicate
                            << ", week " << world.week());
    fast = outcomes.compute(world);
    const ReferenceOutcomes ref = reference_outcomes(world, G);
    check_equal(fast, ref);
    // In one block of the fast code (4,096 rows) the Blau indices are summed in row order too.
    if (world.people.size() <= 4096)
      CHECK(same_bits(fast.developer_diversity, ref.values.developer_diversity));
    churn = roster_churn(world.ties, world.groups, world.week(), world.people.size(), scratch);
    const RosterChurn churn_ref =
        reference_roster_churn(world.ties, world.groups, world.week(), world.people.size());
    check_equal(churn, churn_ref);
    note(world, churn, fast, ref, seen);
  });
  for (Week week = 0; week < weeks; ++week) {
    INFO(scenario.meta.name << ", seed " << scenario.meta.seed << ", replicate " << replicate
                            << ", week " << week);
    sim.step();
    // The recorder read the same state: its values are the ones just checked.
    const Recorder& rec = sim.recorder();
    const auto last = [&](const std::string& name) { return rec.series(name).back(); };
    CHECK(same_bits(last("developers_per_learner"), fast.developers_per_learner));
    CHECK(same_bits(last("single_developer_share"), fast.single_developer_share));
    CHECK(same_bits(last("learners_who_mentor_share"), fast.learners_who_mentor_share));
    CHECK(same_bits(last("load_gini"), fast.load_gini));
    CHECK(same_bits(last("developer_diversity_blau"), fast.developer_diversity));
    CHECK(same_bits(last("hours_received_gini"), fast.hours_received_gini));
    CHECK(same_bits(last("homophily_coleman"), fast.homophily));
    CHECK(same_bits(last("roster_changed_share"), churn.share()));
  }
}

// ---- Scenarios --------------------------------------------------------------------------------

// A blended organisation where everything that ends a tie or a membership happens within weeks:
// high turnover; low available hours, so developers burn out and shed ties; one-on-one mentoring
// on a three-week cadence (hours of 1/3 a week) with cross-group dissolution, ending at week 24;
// short cohorts (graduations) with office hours; pods that rotate, and that go on with a single
// member (pod_size_min 2); constellations (several developers per learner, a senior coffee every
// 13 weeks); reverse mentoring from week 3; and five shocks (the cohorts paused, a random tenth
// leaves, a hiring surge, the top 40 mentors leave, half of sales laid off). Three groups of
// unequal size. Practitioners can be in a cohort and a pod at once.
const char* kBlended = R"(
[scenario]
name = "reference_blended"
weeks = 40
seed = 101
[population]
initial_size = 9000
zones = ["technical", "leadership", "navigation"]
group_names = ["a", "b", "c"]
group_shares = [0.55, 0.3, 0.15]
skill_mean = [0.3]
skill_sd = 0.15
senior_share = 0.03
senior_skill_mean = [0.8]
[joining]
arrivals_per_week = 25
[departure]
annual_rate = 0.8
[burnout]
available_hours_mean = 1.0
threshold = 2.0
recovery_threshold = 1.0
rise_per_week = 0.6
[reciprocity]
tenure_weeks = 0
skill_threshold = 0.45
[[programme]]
kind = "one_on_one"
name = "pairs"
end_week = 24
capacity = 3
max_mentees = 6
pressure_wait_weeks = 2
duration = "exponential"
duration_weeks = 10
cadence_weeks = 3
cross_group_end_per_year = 3.0
initial_seek_share = 0.25
seek_share = 0.8
[[programme]]
kind = "group_cohort"
name = "cohorts"
cohort_size = 8
cohort_min = 5
intake_every_weeks = 4
cohort_weeks = 9
initial_seek_share = 0.12
seek_share = 0.5
[[programme]]
kind = "peer_pod"
name = "pods"
pod_size = 4
pod_size_min = 2
rotation_weeks = 6
initial_seek_share = 0.12
seek_share = 0.5
[[programme]]
kind = "constellation"
name = "constellations"
guides_per_zone = 2
checkin_weeks = 5
initial_seek_share = 0.06
seek_share = 0.3
[[programme]]
kind = "reverse"
name = "reverse"
start_week = 3
seek_below = 0.7
[[shock]]
kind = "programme_pause"
week = 6
programme = "cohorts"
weeks = 4
[[shock]]
kind = "random_departure"
week = 11
share = 0.1
[[shock]]
kind = "hiring_surge"
week = 14
count = 400
[[shock]]
kind = "top_mentors"
week = 18
count = 40
[[shock]]
kind = "layoff"
week = 29
function = "sales"
share = 0.5
)";

// The same kinds of programme (but reverse mentoring) and shocks in a team of 40: one block of
// rows, small groups, and a group "c" so small (2%) that it is often empty.
const char* kTeam = R"(
[scenario]
name = "reference_team"
weeks = 60
seed = 7
[population]
initial_size = 40
zones = ["technical", "leadership"]
group_names = ["a", "b", "c"]
group_shares = [0.6, 0.38, 0.02]
skill_mean = [0.3]
skill_sd = 0.15
senior_share = 0.1
senior_skill_mean = [0.8]
[joining]
arrivals_per_week = 0.4
newcomer_senior_share = 0.1
[departure]
annual_rate = 1.0
[burnout]
available_hours_mean = 1.0
threshold = 2.0
recovery_threshold = 1.0
rise_per_week = 0.6
[reciprocity]
tenure_weeks = 0
skill_threshold = 0.45
[[programme]]
kind = "one_on_one"
name = "pairs"
end_week = 40
capacity = 2
max_mentees = 4
pressure_wait_weeks = 2
duration = "exponential"
duration_weeks = 8
cadence_weeks = 3
cross_group_end_per_year = 3.0
initial_seek_share = 0.4
seek_share = 0.8
[[programme]]
kind = "group_cohort"
name = "cohorts"
cohort_size = 6
cohort_min = 4
intake_every_weeks = 3
cohort_weeks = 7
initial_seek_share = 0.3
seek_share = 0.6
[[programme]]
kind = "peer_pod"
name = "pods"
pod_size = 3
pod_size_min = 2
rotation_weeks = 5
initial_seek_share = 0.3
seek_share = 0.6
[[programme]]
kind = "constellation"
name = "constellations"
guides_per_zone = 2
checkin_weeks = 4
initial_seek_share = 0.2
seek_share = 0.4
[[shock]]
kind = "random_departure"
week = 12
share = 0.25
[[shock]]
kind = "hiring_surge"
week = 13
count = 12
[[shock]]
kind = "top_mentors"
week = 25
count = 3
)";

Scenario load(const char* text, std::vector<std::string> overrides = {}) {
  return params::load_scenario_text(text, "<test_metrics_reference>", overrides);
}

// ---- A hand-built world -----------------------------------------------------------------------

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
  const Scenario scenario = load(kTiny);
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
  CHECK(o.coverage_by_group[0] == Approx(1.0 / 3));
  CHECK(o.coverage_by_group[1] == 1.0);
  CHECK(o.coverage_by_group[2] == Approx(2.0 / 3));
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
  const Scenario scenario = load(kTiny);
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
  Ties ties;
  TieId next = 0;
  const auto tie = [&](Row developer, Row learner, Week start, EndReason reason) {
    TieSpec s;
    s.developer = developer;
    s.learner = learner;
    const TieRow t = ties.append(next++, developer == kNoRow ? 999 : developer,
                                 learner == kNoRow ? 998 : learner, s, start);
    ties.end_reason[t] = static_cast<std::uint8_t>(reason);
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
  PeerGroups groups;
  const auto group = [&](Week start, std::vector<Row> members, std::vector<EndReason> reasons) {
    GroupSpec spec;
    spec.planned_end = 100;
    std::vector<PractitionerId> ids;
    for (const Row r : members) ids.push_back(r == kNoRow ? 999 : r);
    const GroupRow g = groups.append(static_cast<GroupId>(groups.groups()), spec, start, members,
                                     ids, std::vector<float>(members.size(), 1.0f));
    for (std::size_t i = 0; i < reasons.size(); ++i)
      groups.finish(groups.begin(g) + static_cast<MembershipRow>(i), reasons[i]);
  };
  // Begun at week 6: 4 and 5 keep each other; a member left the organisation (row gone: a
  // developer lost for 4, 5 and 7); 7 left the group but stays (loses 4 and 5).
  group(6, {4, 5, kNoRow, 7},
        {EndReason::kNone, EndReason::kNone, EndReason::kMenteeLeft, EndReason::kReleased});
  group(3, {0, 2}, {});   // 0 and 2 each other's developer all week: no change
  group(10, {6, 3}, {});  // formed this week: 6 and 3 gain each other
  // B (start) -> A (end):
  //   0: {1, 2} -> {1, 2}          unchanged
  //   1: {0} -> {0, 2}             changed
  //   2: {0} -> {0}                unchanged (by a tie and a pair at both ends)
  //   3: {gone} -> {6}             changed
  //   4: {5, gone, 7} -> {5}       changed
  //   5: {4, gone, 7} -> {4}       changed
  //   6: {} -> {3}                 changed (the dissolved tie is in neither)
  //   7: {4, 5, gone} -> {}        changed
  const RosterChurn ref = reference_roster_churn(ties, groups, week, rows);
  CHECK(ref.learners == 8);
  CHECK(ref.changed == 6);
  RosterScratch scratch;
  check_equal(roster_churn(ties, groups, week, rows, scratch), ref);
}

TEST_CASE("weekly outcomes and roster churn equal their reference twins in large blended runs",
          "[metrics][reference]") {
  // 9,000 practitioners at the start (three blocks of 4,096 rows), 40 weeks each, every week
  // checked: four seeds with three groups, one with a single group.
  Seen seen;
  for (int seed = 101; seed <= 104; ++seed)
    check_run(load(kBlended, {"scenario.seed=" + std::to_string(seed)}), 0, 40, seen);
  check_run(load(kBlended, {"scenario.seed=105", "population.group_names=[\"everyone\"]",
                            "population.group_shares=[1.0]"}),
            0, 40, seen);
  INFO("weeks " << seen.weeks << "; not bit-identical: developer_diversity in "
                << seen.diversity_bits_differ << ", hours_received_gini in "
                << seen.hours_gini_bits_differ);
  CHECK(seen.most_rows > 2 * 4096);
  CHECK(seen.departures > 0);
  CHECK(seen.shed_by_burnout > 0);
  CHECK(seen.ended_early > 0);
  CHECK(seen.developer_gone > 0);
  CHECK(seen.memberships_ended > 0);
  CHECK(seen.groups_begun > 0);
  CHECK(seen.alone_in_group > 0);
  CHECK(seen.in_two_pair_groups > 0);
  CHECK(seen.tie_with_co_member > 0);
  CHECK(seen.non_dyadic_hours > 0);
  CHECK(seen.roster_changed > 0);
}

TEST_CASE("weekly outcomes and roster churn equal their reference twins in small runs",
          "[metrics][reference]") {
  // A team of 40 with three groups over ten seeds, and with a single group over four.
  Seen seen;
  for (int seed = 1; seed <= 10; ++seed)
    check_run(load(kTeam, {"scenario.seed=" + std::to_string(seed)}), 0, 60, seen);
  Seen one_group;
  for (int seed = 1; seed <= 4; ++seed)
    check_run(
        load(kTeam, {"scenario.seed=" + std::to_string(seed),
                     "population.group_names=[\"everyone\"]", "population.group_shares=[1.0]"}),
        0, 60, one_group);
  for (const Seen* s : {&seen, &one_group}) {
    INFO("weeks " << s->weeks << "; not bit-identical: developer_diversity in "
                  << s->diversity_bits_differ << ", hours_received_gini in "
                  << s->hours_gini_bits_differ);
    CHECK(s->departures > 0);
    CHECK(s->shed_by_burnout > 0);
    CHECK(s->ended_early > 0);
    CHECK(s->developer_gone > 0);
    CHECK(s->memberships_ended > 0);
    CHECK(s->groups_begun > 0);
    CHECK(s->alone_in_group > 0);
    CHECK(s->in_two_pair_groups > 0);
    CHECK(s->tie_with_co_member > 0);
    CHECK(s->roster_changed > 0);
  }
  CHECK(seen.empty_group_weeks > 0);
}
