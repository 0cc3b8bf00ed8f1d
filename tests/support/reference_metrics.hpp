#pragma once
// Plain reference twins of tuned metric loops (issue 13): for each, a simple sequential
// implementation of the definitions in docs/metrics.md, read straight off the world's tables with
// std::set and std::sort, that the fast code must equal. Slow and obvious on purpose: no blocks, no
// indices, no marks, no counting sorts, no shortcuts for the common case. Only the small pure
// statistics of metrics/inequality.hpp (Gini of sorted values, nearest-rank percentile, Coleman,
// Blau) are shared with the fast code; they have hand-computed tests of their own
// (tests/unit/test_metrics.cpp).
//
//   reference_outcomes      twin of metrics::WeeklyOutcomes::compute (sim/metrics/weekly_outcomes)
//   reference_roster_churn  twin of metrics::roster_churn (sim/metrics/signs_of_life)
#include <algorithm>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <vector>

#include "metrics/inequality.hpp"
#include "metrics/signs_of_life.hpp"
#include "metrics/weekly_outcomes.hpp"
#include "state/world.hpp"

namespace mentorsim::testing {

// metrics::Outcomes by the reference, with the counts behind it (for messages and hand checks).
struct ReferenceOutcomes {
  metrics::Outcomes values;
  std::int64_t learners = 0;             // |L|
  std::int64_t learners_who_mentor = 0;  // |{l in L : l develops someone}|
  std::int64_t distinct_developers = 0;  // sum over L of |Dev(l)|
  std::int64_t single_developer = 0;     // |{l in L : |Dev(l)| = 1}|
  double blau_total = 0;                 // sum over L of B(Dev(l)), in row order
  // By group g: |P_g|; members of g in L; T_g, the ties and pairs of g's learners (every one, not
  // distinct); those of them whose developer is in g too.
  std::vector<std::int64_t> members, covered, entries, same;
  std::vector<double> hours_received;  // r(i) by row
  std::vector<double> loads;           // load(i) over D, ascending
};

// This week's outcome metrics of `world` (docs/metrics.md, "Weekly series"), `group_count` =
// population.group_names.size(). Read at recording: active ties and memberships count, ended ones
// (still in the tables) do not. Peer groups count as a tie between every ordered pair of active
// members of a group with >= 2 active members.
//
// The per-learner means (developers_per_learner, developer_diversity, single_developer_share) are
// formed as (1/|L|) x sum, the form docs/metrics.md writes for the first two and the one the
// recorded values take (weekly_outcomes.cpp multiplies each sum by one reciprocal); a quotient
// sum / |L| can differ from it in the last bit, so with this form those values compare exactly
// whenever the sums do.
inline ReferenceOutcomes reference_outcomes(const World& world, std::size_t group_count) {
  const Practitioners& people = world.people;
  const Ties& ties = world.ties;
  const PeerGroups& groups = world.groups;
  const Row n = people.size();
  const std::size_t G = group_count;
  const auto group_of = [&](Row r) -> std::size_t {
    if (people.group[r] >= G) throw std::logic_error("reference_outcomes: group out of range");
    return people.group[r];
  };
  const auto present = [&](Row r) { return r != kNoRow && r < n; };

  // Active ties by learner, and the number of active ties by developer, in tie order, straight
  // from the tie table.
  std::vector<std::vector<TieRow>> ties_as_learner(n);
  std::vector<std::int64_t> ties_as_developer(n, 0);
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (!ties.active(t)) continue;
    if (!present(ties.learner[t]) || !present(ties.developer[t]))
      throw std::logic_error("reference_outcomes: an active tie with a practitioner gone");
    ties_as_learner[ties.learner[t]].push_back(t);
    ++ties_as_developer[ties.developer[t]];
  }
  // Active memberships by group and by member, straight from the membership table (its group
  // column, not the groups' first/begin/end ranges).
  std::vector<std::vector<MembershipRow>> active_in_group(groups.groups());
  std::vector<std::vector<MembershipRow>> memberships_of(n);
  for (MembershipRow m = 0; m < groups.memberships(); ++m) {
    if (!groups.active(m)) continue;
    if (!present(groups.member[m]))
      throw std::logic_error("reference_outcomes: an active membership of someone gone");
    active_in_group[groups.group[m]].push_back(m);
    memberships_of[groups.member[m]].push_back(m);
  }

  ReferenceOutcomes ref;
  ref.members.assign(G, 0);
  ref.covered.assign(G, 0);
  ref.entries.assign(G, 0);
  ref.same.assign(G, 0);
  ref.hours_received.assign(n, 0.0);
  for (Row l = 0; l < n; ++l) {
    const std::size_t gl = group_of(l);
    ++ref.members[gl];
    if (people.load_hours[l] > 0) ref.loads.push_back(people.load_hours[l]);

    // Every developer of l, once per tie and once per group pair (not distinct), and r(l): each
    // active tie's h / c, then each group's h / c once (ties first, as the definition reads).
    std::vector<Row> developers;
    double hours = 0;
    for (const TieRow t : ties_as_learner[l]) {
      developers.push_back(ties.developer[t]);
      hours += static_cast<double>(ties.session_hours[t]) / ties.cadence_weeks[t];
    }
    bool in_pair_group = false;  // in a group with another active member: develops its members
    for (const MembershipRow m : memberships_of[l]) {
      const GroupRow g = groups.group[m];
      if (active_in_group[g].size() < 2) continue;  // alone in the group: no pair, no session
      in_pair_group = true;
      hours += static_cast<double>(groups.session_hours[g]) / groups.cadence_weeks[g];
      for (const MembershipRow o : active_in_group[g])
        if (o != m) developers.push_back(groups.member[o]);
    }
    ref.hours_received[l] = hours;
    if (developers.empty()) continue;  // l is not in L

    ++ref.learners;
    ++ref.covered[gl];
    ref.learners_who_mentor += ties_as_developer[l] > 0 || in_pair_group;
    // Homophily: every tie and pair.
    ref.entries[gl] += static_cast<std::int64_t>(developers.size());
    for (const Row d : developers) ref.same[gl] += group_of(d) == gl;
    // Dev(l): distinct developers.
    const std::set<Row> distinct(developers.begin(), developers.end());
    ref.distinct_developers += static_cast<std::int64_t>(distinct.size());
    ref.single_developer += distinct.size() == 1;
    std::vector<double> by_group(G, 0.0);
    for (const Row d : distinct) by_group[group_of(d)] += 1;
    ref.blau_total += metrics::blau_diversity(by_group);
  }

  metrics::Outcomes& o = ref.values;
  // Burnout, over D.
  std::sort(ref.loads.begin(), ref.loads.end());
  o.load_p95_hours = metrics::percentile_sorted(ref.loads, 0.95);
  o.load_max_hours = ref.loads.empty() ? 0.0 : ref.loads.back();
  o.load_gini = metrics::gini_sorted(ref.loads);
  // Reach and resilience, over L.
  const double learners = static_cast<double>(ref.learners);
  const double per_learner = ref.learners > 0 ? 1.0 / learners : 0.0;
  o.developers_per_learner = static_cast<double>(ref.distinct_developers) * per_learner;
  o.developer_diversity = ref.blau_total * per_learner;
  o.single_developer_share = static_cast<double>(ref.single_developer) * per_learner;
  o.learners_who_mentor_share =
      ref.learners > 0 ? static_cast<double>(ref.learners_who_mentor) / learners : 0.0;
  // Equity.
  o.participation_by_group.assign(G, 0.0);
  std::vector<double> shares(G, 0.0);
  double lowest = 0, highest = 0;
  bool any = false;
  for (std::size_t g = 0; g < G; ++g) {
    if (n > 0) shares[g] = static_cast<double>(ref.members[g]) / static_cast<double>(n);
    if (ref.members[g] == 0) continue;  // an empty group has no coverage to compare
    const double coverage =
        static_cast<double>(ref.covered[g]) / static_cast<double>(ref.members[g]);
    o.participation_by_group[g] = coverage;
    lowest = any ? std::min(lowest, coverage) : coverage;
    highest = any ? std::max(highest, coverage) : coverage;
    any = true;
  }
  o.access_ratio = highest > 0 ? lowest / highest : 1.0;
  o.homophily_by_group.assign(G, 0.0);
  o.homophily = metrics::coleman_homophily(ref.same, ref.entries, shares, o.homophily_by_group);
  std::vector<double> hours = ref.hours_received;
  std::sort(hours.begin(), hours.end());
  o.hours_received_gini = metrics::gini_sorted(hours);
  return ref;
}

// Roster churn of `week` (docs/metrics.md, "Roster churn"; signs_of_life.hpp): for each
// practitioner row l < rows, B(l) = the developers of l's ties and pairs held at the start of the
// week and A(l) those held at its end. A tie is held at the start iff start_week < week, at the end
// iff active; a peer group's pair (m, o) of two memberships in the table, at the start iff the
// group started before the week, at the end iff both memberships are active. An entry held at
// neither end (begun and ended this week) is in neither set. A developer row that is kNoRow or
// >= rows is a developer who left this week: a developer lost. Learners who left (learner row
// gone) are not counted. learners = rows with an entry held at either end; changed = those whose
// B(l) != A(l) or who lost a developer who left.
inline metrics::RosterChurn reference_roster_churn(const Ties& ties, const PeerGroups& groups,
                                                   Week week, Row rows) {
  const auto present = [&](Row r) { return r != kNoRow && r < rows; };
  std::vector<std::set<Row>> before(rows), after(rows);
  std::vector<bool> holds(rows, false), lost(rows, false);
  const auto entry = [&](Row learner, Row developer, bool at_start, bool at_end) {
    if (!present(learner) || !(at_start || at_end)) return;
    holds[learner] = true;
    if (!present(developer)) {
      lost[learner] = true;
      return;
    }
    if (at_start) before[learner].insert(developer);
    if (at_end) after[learner].insert(developer);
  };
  for (TieRow t = 0; t < ties.size(); ++t)
    entry(ties.learner[t], ties.developer[t], ties.start_week[t] < week, ties.active(t));
  // Each group's memberships, from the membership table's group column.
  std::vector<std::vector<MembershipRow>> in_group(groups.groups());
  for (MembershipRow m = 0; m < groups.memberships(); ++m) in_group[groups.group[m]].push_back(m);
  for (GroupRow g = 0; g < groups.groups(); ++g)
    for (const MembershipRow m : in_group[g])
      for (const MembershipRow o : in_group[g])
        if (o != m)
          entry(groups.member[m], groups.member[o], groups.start_week[g] < week,
                groups.active(m) && groups.active(o));
  metrics::RosterChurn out;
  for (Row l = 0; l < rows; ++l) {
    if (!holds[l]) continue;
    ++out.learners;
    out.changed += lost[l] || before[l] != after[l];
  }
  return out;
}

}  // namespace mentorsim::testing
