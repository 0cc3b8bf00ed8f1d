#include "metrics/weekly_outcomes.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>

#include "metrics/inequality.hpp"
#include "metrics/radix_sort.hpp"

namespace mentorsim::metrics {

const MetricTable& WeeklyOutcomes::declared() {
  static const MetricTable table = [] {
    MetricTable t("weekly_outcomes", "Load, reach beyond coverage, and equity, week by week.",
                  Theme::kBurnout);
    t.series("load_p95_hours", "hours/week",
             "95th percentile (nearest rank) of load_hours over developers (load_hours > 0).")
        .lower();
    t.series("load_max_hours", "hours/week", "Largest load_hours of any developer.").lower();
    t.series("load_gini", "Gini (0-1)", "Gini coefficient of load_hours over developers.").lower();
    t.series("developers_per_learner", "practitioners",
             "Mean number of distinct developers of learners with at least one active tie.")
        .higher()
        .theme(Theme::kReach);
    t.series("learners_who_mentor_share", "share",
             "Share of learners (at least one learner tie) who also develop someone (reciprocity).")
        .higher()
        .theme(Theme::kReach);
    t.series("single_developer_share", "share",
             "Share of learners whose active ties are all with one developer (single-person "
             "dependence).")
        .lower()
        .theme(Theme::kResilience);
    t.series("coverage_by_group/{group}", "share",
             "Share of practitioners of group {group} with at least one active learner tie.")
        .higher()
        .theme(Theme::kEquity);
    t.series("access_ratio", "ratio (0-1)",
             "Lowest coverage of a non-empty group divided by the highest (1 when none is "
             "covered).")
        .higher()
        .theme(Theme::kEquity);
    t.series("homophily_coleman", "index (-1 to 1)",
             "Coleman's homophily index of active ties by group, tie-weighted mean over groups.")
        .theme(Theme::kEquity);
    t.series("homophily_coleman_by_group/{group}", "index (-1 to 1)",
             "Coleman's homophily index of the ties of learners of group {group}.")
        .theme(Theme::kEquity);
    t.series("developer_diversity_blau", "index (0-1)",
             "Mean over learners of the Blau diversity of their distinct developers' groups.")
        .higher()
        .theme(Theme::kEquity);
    t.series("hours_received_gini", "Gini (0-1)",
             "Gini coefficient over practitioners of mentoring hours received per week.")
        .lower()
        .theme(Theme::kEquity);

    t.summary("mean_load_p95_hours", mean_of("load_p95_hours"), "hours/week",
              "95th percentile of developers' load, averaged over weeks.")
        .lower();
    t.summary("peak_load_max_hours", peak_of("load_max_hours"), "hours/week",
              "Largest load of any developer.")
        .lower();
    t.summary("mean_load_gini", mean_of("load_gini"), "Gini (0-1)",
              "Gini of developers' load, averaged over weeks.")
        .lower()
        .headline();
    t.summary("mean_developers_per_learner", mean_of("developers_per_learner"), "practitioners",
              "Distinct developers per learner, averaged over weeks.")
        .higher()
        .theme(Theme::kReach)
        .headline();
    t.summary("mean_learners_who_mentor_share", mean_of("learners_who_mentor_share"), "share",
              "Share of learners who also develop someone, averaged over weeks.")
        .higher()
        .theme(Theme::kReach);
    t.summary("mean_single_developer_share", mean_of("single_developer_share"), "share",
              "Share of learners depending on one developer, averaged over weeks.")
        .lower()
        .theme(Theme::kResilience)
        .headline();
    t.summary("mean_coverage_by_group/{group}", mean_of("coverage_by_group/{group}"), "share",
              "Coverage of the group, averaged over weeks.")
        .higher()
        .theme(Theme::kEquity);
    t.summary("mean_access_ratio", mean_of("access_ratio"), "ratio (0-1)",
              "Lowest group coverage over highest, averaged over weeks.")
        .higher()
        .theme(Theme::kEquity)
        .headline();
    t.summary("final_access_ratio", last_of("access_ratio"), "ratio (0-1)",
              "Lowest group coverage over highest in the last week.")
        .higher()
        .theme(Theme::kEquity);
    t.summary("mean_homophily_coleman", mean_of("homophily_coleman"), "index (-1 to 1)",
              "Coleman's homophily index of ties, averaged over weeks.")
        .theme(Theme::kEquity);
    t.summary("mean_developer_diversity_blau", mean_of("developer_diversity_blau"), "index (0-1)",
              "Blau diversity of learners' developers, averaged over weeks.")
        .higher()
        .theme(Theme::kEquity);
    t.summary("mean_hours_received_gini", mean_of("hours_received_gini"), "Gini (0-1)",
              "Gini of mentoring hours received, averaged over weeks.")
        .lower()
        .theme(Theme::kEquity);
    return t;
  }();
  return table;
}

void WeeklyOutcomes::record(const World& world, Values& week) {
  const Outcomes& o = compute(world);
  week.set("load_p95_hours", o.load_p95_hours);
  week.set("load_max_hours", o.load_max_hours);
  week.set("load_gini", o.load_gini);
  week.set("developers_per_learner", o.developers_per_learner);
  week.set("learners_who_mentor_share", o.learners_who_mentor_share);
  week.set("single_developer_share", o.single_developer_share);
  for (std::size_t g = 0; g < o.coverage_by_group.size(); ++g)
    week.set("coverage_by_group/{group}", g, o.coverage_by_group[g]);
  week.set("access_ratio", o.access_ratio);
  week.set("homophily_coleman", o.homophily);
  for (std::size_t g = 0; g < o.homophily_by_group.size(); ++g)
    week.set("homophily_coleman_by_group/{group}", g, o.homophily_by_group[g]);
  week.set("developer_diversity_blau", o.developer_diversity);
  week.set("hours_received_gini", o.hours_received_gini);
}

WeeklyOutcomes::WeeklyOutcomes(std::size_t groups)
    : groups_(groups),
      members_(groups),
      covered_(groups),
      ties_(groups),
      same_(groups),
      shares_(groups) {
  out_.coverage_by_group.assign(groups, 0.0);
  out_.homophily_by_group.assign(groups, 0.0);
}

const Outcomes& WeeklyOutcomes::compute(const World& world) {
  const Practitioners& people = world.people;
  const Ties& ties = world.ties;
  const PeerGroups& groups = world.groups;
  const Row n = people.size();
  const std::size_t G = groups_;
  const auto group_of = [&](Row r) { return std::min<std::size_t>(people.group[r], G - 1); };

  // Per learner row, in fixed blocks of rows side by side: its hours received and its developers
  // (active ties through the learner index, in tie order, then the other active members of its
  // active peer groups), read off the indices rebuilt for the recording (World::index_ties).
  // Every block writes only its rows of hours_ and its own partial sums, added in block order
  // below: the values depend on the block size, never on the thread count.
  const std::size_t blocks = (static_cast<std::size_t>(n) + kBlock - 1) / kBlock;
  partials_.resize(blocks);
  hours_.resize(n);
  // Each group's active members, in all and by demographic group (a member's co-members are the
  // rest, so a learner in one group needs no walk over them), and its hours per week (divided once
  // per group, not per member).
  const GroupRow group_count = groups.groups();
  group_active_.resize(group_count);
  group_hours_.resize(group_count);
  group_hist_.resize(static_cast<std::size_t>(group_count) * std::max<std::size_t>(G, 1));
  tbb::parallel_for(GroupRow{0}, group_count, [&](GroupRow g) {
    std::int64_t* hist =
        group_hist_.data() + static_cast<std::size_t>(g) * std::max<std::size_t>(G, 1);
    std::fill_n(hist, std::max<std::size_t>(G, 1), 0);
    std::uint32_t active = 0;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!groups.active(m)) continue;
      ++active;
      if (G > 0) ++hist[group_of(groups.member[m])];
    }
    group_active_[g] = active;
    group_hours_[g] = static_cast<double>(groups.session_hours[g]) / groups.cadence_weeks[g];
  });
  const auto in_group = [&](Row d, GroupRow g) {  // d an active member of g
    for (auto i = world.by_member.begin(d); i < world.by_member.end(d); ++i)
      if (groups.group[world.by_member.rows[i]] == g) return true;
    return false;
  };

  const std::uint64_t call = ++calls_;  // a second call in a week clears the marks too
  tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
    Partial& p = partials_[b];
    p.reset(G);
    // Distinct developers by marks: seen[d] = 1 + the learner row that counted d last. One mark
    // array per thread (cleared once per call), so blocks never share one; which thread's array a
    // block uses does not change what it counts.
    Marks& marks = marks_.local();
    if (marks.call != call || marks.seen.size() != n) {
      marks.seen.assign(n, 0);
      marks.call = call;
    }
    std::uint32_t* seen = marks.seen.data();
    const auto first = static_cast<Row>(b * kBlock);
    const Row end = std::min<Row>(n, static_cast<Row>((b + 1) * kBlock));
    // Every row's counts, and the block's loads and learners listed, without a branch per row
    // (who holds a load or a learner tie is close to a coin toss: the branches mispredicted).
    std::array<Row, kBlock> learner_rows;
    std::size_t learners = 0;
    p.loads.resize(end - first);  // cleared by reset; cut to the positive ones below
    double* loads = p.loads.data();
    std::size_t positive = 0;
    for (Row l = first; l < end; ++l) {
      loads[positive] = people.load_hours[l];
      positive += people.load_hours[l] > 0;
      const bool learner = people.learner_ties[l] > 0;
      p.learners_mentoring += learner && people.developer_ties[l] > 0;
      if (G > 0) {
        const std::size_t gl = group_of(l);
        ++p.members[gl];
        p.covered[gl] += learner;
      }
      hours_[l] = 0;
      learner_rows[learners] = l;
      learners += learner;
    }
    p.loads.resize(positive);
    p.learners += static_cast<std::int64_t>(learners);
    for (std::size_t j = 0; j < learners; ++j) {
      const Row l = learner_rows[j];
      const std::size_t gl = G > 0 ? group_of(l) : 0;
      double hours = 0;
      std::int64_t entries = 0, same = 0, distinct = 0;
      if (G > 0) std::fill(p.group_counts.begin(), p.group_counts.end(), 0.0);
      const auto add_distinct = [&](Row d) {
        if (seen[d] == l + 1) return;
        seen[d] = l + 1;
        ++distinct;
        if (G > 0) p.group_counts[group_of(d)] += 1;
      };
      // The learner's groups with another active member: one, the usual case, is counted from
      // its totals; with more, co-members are walked (two groups may share members).
      GroupRow only = 0;
      int in_groups = 0;
      for (auto i = world.by_member.begin(l); i < world.by_member.end(l); ++i) {
        const GroupRow g = groups.group[world.by_member.rows[i]];
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
        for (auto i = world.by_member.begin(l); i < world.by_member.end(l); ++i) {
          const MembershipRow m = world.by_member.rows[i];
          const GroupRow g = groups.group[m];
          for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o) {
            if (o == m || !groups.active(o)) continue;
            const Row d = groups.member[o];
            ++entries;
            if (G > 0) same += group_of(d) == gl;
            add_distinct(d);
          }
        }
      }
      for (auto i = world.by_learner.begin(l); i < world.by_learner.end(l); ++i) {
        const TieRow t = world.by_learner.rows[i];
        hours += static_cast<double>(ties.session_hours[t]) / ties.cadence_weeks[t];
        const Row d = ties.developer[t];
        ++entries;
        if (G > 0) same += group_of(d) == gl;
        if (in_groups == 1 && in_group(d, only)) continue;  // already a co-member
        add_distinct(d);
      }
      hours_[l] = hours;
      if (entries == 0) continue;
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
  });

  loads_.clear();
  std::fill(members_.begin(), members_.end(), 0);
  std::fill(covered_.begin(), covered_.end(), 0);
  std::fill(ties_.begin(), ties_.end(), 0);
  std::fill(same_.begin(), same_.end(), 0);
  std::int64_t learners = 0, learners_mentoring = 0, tie_learners = 0, distinct_total = 0,
               single_developer = 0;
  double blau_total = 0;
  for (const Partial& p : partials_) {
    loads_.insert(loads_.end(), p.loads.begin(), p.loads.end());
    learners += p.learners;
    learners_mentoring += p.learners_mentoring;
    tie_learners += p.tie_learners;
    distinct_total += p.distinct;
    single_developer += p.single;
    blau_total += p.blau;
    for (std::size_t g = 0; g < G; ++g) {
      members_[g] += p.members[g];
      covered_[g] += p.covered[g];
      ties_[g] += p.ties[g];
      same_[g] += p.same[g];
    }
  }
  // Radix sorts need a buffer: each borrows the other's vector while that one is idle (hours_
  // is refilled next week; loads_ is done by the end), so they add no memory of their own.
  sort_positive(loads_, scratch_);  // loads_ holds only load_hours > 0
  out_.load_p95_hours = percentile_sorted(loads_, 0.95);
  out_.load_max_hours = loads_.empty() ? 0.0 : loads_.back();
  out_.load_gini = gini_sorted(loads_);
  out_.learners_who_mentor_share =
      learners > 0 ? static_cast<double>(learners_mentoring) / static_cast<double>(learners) : 0.0;
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
  out_.hours_received_gini = gini(hours_, scratch_);  // overwrites hours_, rebuilt next week
  return out_;
}

}  // namespace mentorsim::metrics
