#include "metrics/weekly_outcomes.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>

#include "core/blocks.hpp"
#include "metrics/inequality.hpp"
#include "metrics/radix_sort.hpp"

namespace mentorsim::metrics {

namespace {
// The weekly series.
void declare_series(MetricTable& t) {
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
  t.series("participation_by_group/{group}", "share",
           "Share of practitioners of group {group} with at least one active learner tie.")
      .higher()
      .theme(Theme::kEquity);
  t.series("access_ratio", "ratio (0-1)",
           "Lowest participation of a non-empty group divided by the highest (1 when none is "
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
}

// The run summaries, each read off a series or computed by the group.
void declare_summaries(MetricTable& t) {
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
  t.summary("mean_participation_by_group/{group}", mean_of("participation_by_group/{group}"),
            "share", "Participation of the group, averaged over weeks.")
      .higher()
      .theme(Theme::kEquity);
  t.summary("mean_access_ratio", mean_of("access_ratio"), "ratio (0-1)",
            "Lowest group participation over highest, averaged over weeks.")
      .higher()
      .theme(Theme::kEquity)
      .headline();
  t.summary("final_access_ratio", last_of("access_ratio"), "ratio (0-1)",
            "Lowest group participation over highest in the last week.")
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
}
}  // namespace

const MetricTable& WeeklyOutcomes::declared() {
  static const MetricTable table = [] {
    MetricTable t("weekly_outcomes", "Load, reach beyond participation, and equity, week by week.",
                  Theme::kBurnout);
    declare_series(t);
    declare_summaries(t);
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
  for (std::size_t g = 0; g < o.participation_by_group.size(); ++g)
    week.set("participation_by_group/{group}", g, o.participation_by_group[g]);
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
  out_.participation_by_group.assign(groups, 0.0);
  out_.homophily_by_group.assign(groups, 0.0);
}

const Outcomes& WeeklyOutcomes::compute(const World& world) {
  const Row n = world.people.size();
  // The blocks' sums are added in block order (combine_blocks): the values depend on the block
  // size, never on the thread count.
  partials_.resize(block_count(n));
  hours_.resize(n);
  tally_groups(world);
  const std::uint64_t call = ++calls_;  // a second call in a week clears the marks too
  for_each_block(n,
                 [&](Block b) { count_block(world, b.first, b.last, partials_[b.index], call); });
  combine_blocks(n);
  return out_;
}

void WeeklyOutcomes::combine_blocks(Row n) {
  const std::size_t G = groups_;
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
    out_.participation_by_group[g] = size > 0 ? static_cast<double>(covered_[g]) / size : 0.0;
    shares_[g] = n > 0 ? size / static_cast<double>(n) : 0.0;
    if (members_[g] == 0) continue;
    lowest =
        any ? std::min(lowest, out_.participation_by_group[g]) : out_.participation_by_group[g];
    highest =
        any ? std::max(highest, out_.participation_by_group[g]) : out_.participation_by_group[g];
    any = true;
  }
  out_.access_ratio = highest > 0 ? lowest / highest : 1.0;
  out_.homophily = coleman_homophily(same_, ties_, shares_, out_.homophily_by_group);
  out_.hours_received_gini = gini(hours_, scratch_);  // overwrites hours_, rebuilt next week
}

}  // namespace mentorsim::metrics
