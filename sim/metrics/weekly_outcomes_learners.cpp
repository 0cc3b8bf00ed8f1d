// The weekly outcomes' pass over learners (weekly_outcomes.hpp): per learner row, in fixed blocks
// of rows side by side (core/blocks.hpp), its hours received and its developers, read off the
// indices rebuilt for the recording (World::index_ties): active ties through the learner index, in
// tie order, then the other active members of its active peer groups. Every block writes only its
// rows of hours_ and its own Partial.
#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>

#include "core/blocks.hpp"
#include "metrics/inequality.hpp"
#include "metrics/weekly_outcomes.hpp"

namespace mentorsim::metrics {

void WeeklyOutcomes::Partial::reset(std::size_t groups) {
  loads.clear();
  learners = learners_mentoring = tie_learners = distinct = single = 0;
  blau = 0;
  group_counts.assign(groups, 0.0);
  for (auto* v : {&members, &covered, &ties, &same}) v->assign(groups, 0);
}

// Demographic groups beyond the scenario's last (never, once validated) count as the last.
std::size_t WeeklyOutcomes::group_of(const Practitioners& people, Row r) const {
  return std::min<std::size_t>(people.group[r], groups_ - 1);
}

// Each peer group's active members, in all and by demographic group (a member's co-members are
// the rest, so a learner in one group needs no walk over them), and its hours per week (divided
// once per group, not per member).
void WeeklyOutcomes::tally_groups(const World& world) {
  const PeerGroups& groups = world.groups;
  const std::size_t width = std::max<std::size_t>(groups_, 1);
  const GroupRow count = groups.groups();
  group_active_.resize(count);
  group_hours_.resize(count);
  group_hist_.resize(static_cast<std::size_t>(count) * width);
  tbb::parallel_for(GroupRow{0}, count, [&](GroupRow g) {
    std::int64_t* hist = group_hist_.data() + static_cast<std::size_t>(g) * width;
    std::fill_n(hist, width, 0);
    std::uint32_t active = 0;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!groups.active(m)) continue;
      ++active;
      if (groups_ > 0) ++hist[group_of(world.people, groups.member[m])];
    }
    group_active_[g] = active;
    group_hours_[g] = static_cast<double>(groups.session_hours[g]) / groups.cadence_weeks[g];
  });
}

// Distinct developers by marks: seen[d] = 1 + the learner row that counted d last. One mark array
// per thread, cleared once per compute() call, so blocks never share one; which thread's array a
// block uses does not change what it counts.
std::uint32_t* WeeklyOutcomes::marks(Row rows, std::uint64_t call) {
  Marks& m = marks_.local();
  if (m.call != call || m.seen.size() != rows) {
    m.seen.assign(rows, 0);
    m.call = call;
  }
  return m.seen.data();
}

void WeeklyOutcomes::count_block(const World& world, std::size_t first, std::size_t last,
                                 Partial& p, std::uint64_t call) {
  const Practitioners& people = world.people;
  p.reset(groups_);
  std::uint32_t* seen = marks(people.size(), call);
  // Every row's counts, and the block's loads and learners listed, without a branch per row
  // (who holds a load or a learner tie is close to a coin toss: the branches mispredicted).
  std::array<Row, kBlockRows> learner_rows;
  std::size_t learners = 0;
  p.loads.resize(last - first);  // cut to the positive ones below
  double* loads = p.loads.data();
  std::size_t positive = 0;
  for (auto l = static_cast<Row>(first); l < last; ++l) {
    loads[positive] = people.load_hours[l];
    positive += people.load_hours[l] > 0;
    const bool learner = people.learner_ties[l] > 0;
    p.learners_mentoring += learner && people.developer_ties[l] > 0;
    if (groups_ > 0) {
      const std::size_t gl = group_of(people, l);
      ++p.members[gl];
      p.covered[gl] += learner;
    }
    hours_[l] = 0;
    learner_rows[learners] = l;
    learners += learner;
  }
  p.loads.resize(positive);
  p.learners += static_cast<std::int64_t>(learners);
  for (std::size_t j = 0; j < learners; ++j) count_learner(world, learner_rows[j], p, seen);
}

// One learner's hours received, distinct developers, homophily entries (every tie and pair) and
// Blau diversity (over distinct developers), into the block's Partial.
void WeeklyOutcomes::count_learner(const World& world, Row l, Partial& p, std::uint32_t* seen) {
  const Practitioners& people = world.people;
  const PeerGroups& groups = world.groups;
  const TieIndex& memberships = world.by_member;
  const std::size_t G = groups_;
  const std::size_t gl = G > 0 ? group_of(people, l) : 0;
  double hours = 0;
  std::int64_t entries = 0, same = 0, distinct = 0;
  if (G > 0) std::fill(p.group_counts.begin(), p.group_counts.end(), 0.0);
  const auto add_distinct = [&](Row d) {
    if (seen[d] == l + 1) return;
    seen[d] = l + 1;
    ++distinct;
    if (G > 0) p.group_counts[group_of(people, d)] += 1;
  };
  // The learner's groups with another active member: one, the usual case, is counted from its
  // totals; with more, co-members are walked (two groups may share members).
  GroupRow only = 0;
  int in_groups = 0;
  for (auto i = memberships.begin(l); i < memberships.end(l); ++i) {
    const GroupRow g = groups.group[memberships.rows[i]];
    if (group_active_[g] < 2) continue;
    ++in_groups;
    only = g;
    hours += group_hours_[g];
  }
  if (in_groups == 1) {
    const std::int64_t* hist =
        group_hist_.data() + static_cast<std::size_t>(only) * std::max<std::size_t>(G, 1);
    entries += group_active_[only] - 1;
    distinct += group_active_[only] - 1;
    if (G > 0) {
      same += hist[gl] - 1;
      for (std::size_t k = 0; k < G; ++k)
        p.group_counts[k] += static_cast<double>(hist[k] - (k == gl ? 1 : 0));
    }
  } else if (in_groups > 1) {
    for (auto i = memberships.begin(l); i < memberships.end(l); ++i) {
      const MembershipRow m = memberships.rows[i];
      const GroupRow g = groups.group[m];
      for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o) {
        if (o == m || !groups.active(o)) continue;
        const Row d = groups.member[o];
        ++entries;
        if (G > 0) same += group_of(people, d) == gl;
        add_distinct(d);
      }
    }
  }
  // d an active member of g: a co-member already counted from the group's totals.
  const auto in_group = [&](Row d, GroupRow g) {
    for (auto i = memberships.begin(d); i < memberships.end(d); ++i)
      if (groups.group[memberships.rows[i]] == g) return true;
    return false;
  };
  const Ties& ties = world.ties;
  for (auto i = world.by_learner.begin(l); i < world.by_learner.end(l); ++i) {
    const TieRow t = world.by_learner.rows[i];
    hours += static_cast<double>(ties.session_hours[t]) / ties.cadence_weeks[t];
    const Row d = ties.developer[t];
    ++entries;
    if (G > 0) same += group_of(people, d) == gl;
    if (in_groups == 1 && in_group(d, only)) continue;
    add_distinct(d);
  }
  hours_[l] = hours;
  if (entries == 0) return;
  // Homophily counts every tie and pair; distinct developers count once.
  if (G > 0) {
    p.ties[gl] += entries;
    p.same[gl] += same;
  }
  ++p.tie_learners;
  p.distinct += distinct;
  p.single += distinct == 1;
  if (G > 0 && distinct > 1) p.blau += blau_diversity(p.group_counts);  // one: Blau 0
}

}  // namespace mentorsim::metrics
