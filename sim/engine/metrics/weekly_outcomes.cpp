#include "engine/metrics/weekly_outcomes.hpp"

#include <algorithm>

#include "engine/metrics/inequality.hpp"
#include "engine/metrics/radix_sort.hpp"

namespace mentorsim::metrics {

WeeklyOutcomes::WeeklyOutcomes(std::size_t groups)
    : groups_(groups),
      members_(groups),
      covered_(groups),
      ties_(groups),
      same_(groups),
      shares_(groups),
      group_counts_(groups) {
  out_.coverage_by_group.assign(groups, 0.0);
  out_.homophily_by_group.assign(groups, 0.0);
}

const Outcomes& WeeklyOutcomes::compute(const World& world) {
  const Practitioners& people = world.people;
  const Ties& ties = world.ties;
  const Row n = people.size();
  const auto group_of = [&](Row r) { return std::min<std::size_t>(people.group[r], groups_ - 1); };

  // Practitioners: loads, group sizes and coverage, reciprocity.
  loads_.clear();
  std::fill(members_.begin(), members_.end(), 0);
  std::fill(covered_.begin(), covered_.end(), 0);
  std::int64_t learners = 0, learners_mentoring = 0;
  for (Row r = 0; r < n; ++r) {
    if (people.load_hours[r] > 0) loads_.push_back(people.load_hours[r]);
    const bool learner = people.learner_ties[r] > 0;
    learners += learner;
    learners_mentoring += learner && people.developer_ties[r] > 0;
    if (groups_ == 0) continue;
    ++members_[group_of(r)];
    covered_[group_of(r)] += learner;
  }
  // Radix sorts need a buffer: each borrows the other's vector while that one is idle (hours_
  // is refilled below; loads_ is done by the end), so they add no memory of their own.
  sort_positive(loads_, hours_);  // loads_ holds only load_hours > 0
  out_.load_p95_hours = percentile_sorted(loads_, 0.95);
  out_.load_max_hours = loads_.empty() ? 0.0 : loads_.back();
  out_.load_gini = gini_sorted(loads_);
  out_.learners_who_mentor_share =
      learners > 0 ? static_cast<double>(learners_mentoring) / static_cast<double>(learners) : 0.0;

  // Active ties: hours received, same-group counts, developers grouped by learner (counting sort).
  hours_.assign(n, 0.0);
  offsets_.assign(static_cast<std::size_t>(n) + 1, 0);
  std::fill(ties_.begin(), ties_.end(), 0);
  std::fill(same_.begin(), same_.end(), 0);
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (!ties.active(t)) continue;
    const Row l = ties.learner[t], d = ties.developer[t];
    hours_[l] += static_cast<double>(ties.session_hours[t]) / ties.cadence_weeks[t];
    ++offsets_[l + 1];
    if (groups_ == 0) continue;
    ++ties_[group_of(l)];
    same_[group_of(l)] += group_of(l) == group_of(d);
  }
  // Peer groups: each active member has every other active member as a developer (the pair ties
  // the group stands for) and receives the group's session hours once.
  const PeerGroups& groups = world.groups;
  for (GroupRow g = 0; g < groups.groups(); ++g) {
    const std::uint32_t a = groups.active_members(g);
    if (a < 2) continue;
    std::fill(group_counts_.begin(), group_counts_.end(), 0.0);
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m)
      if (groups.active(m) && groups_ > 0) group_counts_[group_of(groups.member[m])] += 1;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!groups.active(m)) continue;
      const Row l = groups.member[m];
      hours_[l] += static_cast<double>(groups.session_hours[g]) / groups.cadence_weeks[g];
      offsets_[l + 1] += a - 1;
      if (groups_ == 0) continue;
      ties_[group_of(l)] += a - 1;
      same_[group_of(l)] += static_cast<std::int64_t>(group_counts_[group_of(l)]) - 1;
    }
  }
  for (Row r = 0; r < n; ++r) offsets_[r + 1] += offsets_[r];
  developers_.resize(offsets_[n]);
  for (TieRow t = 0; t < ties.size(); ++t)  // offsets_[l] walks to offsets_[l + 1] ...
    if (ties.active(t)) developers_[offsets_[ties.learner[t]]++] = ties.developer[t];
  for (GroupRow g = 0; g < groups.groups(); ++g)
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!groups.active(m)) continue;
      for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o)
        if (o != m && groups.active(o))
          developers_[offsets_[groups.member[m]]++] = groups.member[o];
    }
  for (Row r = n; r > 0; --r) offsets_[r] = offsets_[r - 1];  // ... and is shifted back
  offsets_[0] = 0;

  // Per learner: distinct developers and the Blau index of their groups.
  seen_.assign(n, 0);
  std::int64_t tie_learners = 0, distinct_total = 0, single_developer = 0;
  double blau_total = 0;
  for (Row l = 0; l < n; ++l) {
    if (offsets_[l] == offsets_[l + 1]) continue;
    ++tie_learners;
    std::fill(group_counts_.begin(), group_counts_.end(), 0.0);
    const std::int64_t distinct_before = distinct_total;
    for (std::uint32_t i = offsets_[l]; i < offsets_[l + 1]; ++i) {
      const Row d = developers_[i];
      if (seen_[d] == l + 1) continue;
      seen_[d] = l + 1;
      ++distinct_total;
      if (groups_ > 0) group_counts_[group_of(d)] += 1;
    }
    blau_total += blau_diversity(group_counts_);
    single_developer += distinct_total - distinct_before == 1;
  }
  const double per_learner = tie_learners > 0 ? 1.0 / static_cast<double>(tie_learners) : 0.0;
  out_.developers_per_learner = static_cast<double>(distinct_total) * per_learner;
  out_.developer_diversity = blau_total * per_learner;
  out_.single_developer_share = static_cast<double>(single_developer) * per_learner;

  // Equity by group.
  double lowest = 0, highest = 0;
  bool any = false;
  for (std::size_t g = 0; g < groups_; ++g) {
    const double size = static_cast<double>(members_[g]);
    out_.coverage_by_group[g] = size > 0 ? static_cast<double>(covered_[g]) / size : 0.0;
    shares_[g] = n > 0 ? size / static_cast<double>(n) : 0.0;
    if (members_[g] == 0) continue;
    lowest = any ? std::min(lowest, out_.coverage_by_group[g]) : out_.coverage_by_group[g];
    highest = any ? std::max(highest, out_.coverage_by_group[g]) : out_.coverage_by_group[g];
    any = true;
  }
  out_.access_ratio = highest > 0 ? lowest / highest : 1.0;
  out_.homophily = coleman_homophily(same_, ties_, shares_, out_.homophily_by_group);
  out_.hours_received_gini = gini(hours_, loads_);  // sorts hours_, which is rebuilt next week
  return out_;
}

}  // namespace mentorsim::metrics
