// Reference twins (issue 13) at every week's recording of real runs: metrics::WeeklyOutcomes and
// metrics::roster_churn against the plain sequential implementations of
// tests/support/reference_metrics.hpp (compared as support/reference_checks.hpp says), in large
// blended runs over several 4,096-row blocks and small ones, with three groups and with one. The
// hand-built states are in test_metrics_reference.cpp.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/phases.hpp"
#include "engine/simulation.hpp"
#include "input/scenario_loader.hpp"
#include "metrics/signs_of_life.hpp"
#include "metrics/weekly_outcomes.hpp"
#include "support/reference_checks.hpp"
#include "support/reference_metrics.hpp"
#include "support/same_results.hpp"

using namespace mentorsim;
using namespace mentorsim::metrics;
using mentorsim::testing::check_equal;
using mentorsim::testing::reference_outcomes;
using mentorsim::testing::reference_roster_churn;
using mentorsim::testing::ReferenceOutcomes;
using mentorsim::testing::same_bits;

namespace {

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

}  // namespace

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
