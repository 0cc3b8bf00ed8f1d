#include "metrics/effective_reach.hpp"

#include <algorithm>
#include <limits>

#include "core/blocks.hpp"

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr float kNoSkill = -1.0f;  // below any skill: a group's "second best" with one member
}  // namespace

std::uint8_t led_zones(const Practitioners& people, Row developer, Row l, std::int8_t zone,
                       double margin, double threshold) {
  const float* d = people.skill_row(developer);
  const float* s = people.skill_row(l);
  const int first = zone == kAllZones ? 0 : zone;
  const int last = zone == kAllZones ? people.zones() : zone + 1;
  std::uint8_t mask = 0;
  for (int z = first; z < last; ++z)
    if (s[z] < threshold && static_cast<double>(d[z]) - s[z] >= margin)
      mask |= static_cast<std::uint8_t>(1u << z);
  return mask;
}

const MetricTable& EffectiveReach::declared() {
  static const MetricTable table = [] {
    MetricTable t("effective_reach",
                  "Who is led by a developer ahead of them in a zone they develop, and who "
                  "loses that lead when a developer leaves.",
                  Theme::kReach);
    t.series("effective_coverage", "share",
             "Share of practitioners led by some developer by at least metrics.lead_margin in a "
             "zone they develop (below competence_threshold).")
        .higher();
    t.series("orphaned_learners", "practitioners",
             "Practitioners left without a developer who leads them in a zone they develop and "
             "were led in before a developer of theirs left.")
        .lower()
        .theme(Theme::kResilience);
    t.series("orphaned_new", "practitioners/week",
             "Practitioners orphaned this week who were not orphaned at the last recording.")
        .lower()
        .theme(Theme::kResilience);

    t.summary("mean_effective_coverage", mean_of("effective_coverage"), "share",
              "Effective coverage averaged over weeks.")
        .higher()
        .headline();
    t.summary("final_effective_coverage", last_of("effective_coverage"), "share",
              "Effective coverage in the last week.")
        .higher();
    t.summary("orphaned_new_total", total_of("orphaned_new"), "practitioners",
              "Times a learner was orphaned, over the run.")
        .lower()
        .theme(Theme::kResilience);
    t.summary("mean_orphaned_learners", mean_of("orphaned_learners"), "practitioners",
              "Orphaned learners, averaged over weeks.")
        .lower()
        .theme(Theme::kResilience);
    t.summary("orphan_mean_weeks", kComputed, "weeks",
              "Orphaned learner-weeks over times orphaned: how long an orphan stays one, those "
              "still orphaned at the end counted to the end (NaN: nobody orphaned).")
        .lower()
        .theme(Theme::kResilience);
    return t;
  }();
  return table;
}

EffectiveReach::EffectiveReach(double lead_margin, double competence_threshold)
    : margin_(lead_margin), threshold_(competence_threshold) {}

void EffectiveReach::record(const World& world, Values& week) {
  const EffectiveReachWeek& w = compute(world);
  week.set("effective_coverage", w.effective_coverage);
  week.set("orphaned_learners", static_cast<double>(w.orphaned));
  week.set("orphaned_new", static_cast<double>(w.newly_orphaned));
}

void EffectiveReach::summarize(const SeriesView& series, Values& summary) const {
  double weeks = 0, times = 0;
  for (double v : series("orphaned_learners")) weeks += v;
  for (double v : series("orphaned_new")) times += v;
  summary.set("orphan_mean_weeks", times > 0 ? weeks / times : kNaN);
}

const EffectiveReachWeek& EffectiveReach::compute(const World& world) {
  best_of_groups(world);
  lead_masks(world);
  mark_lost_developers(world);
  update_orphans(world);
  return week_;
}

// Each peer group's highest and second-highest skill of its active members, per zone: a member is
// led in a zone by the best of the *others*, the second best when they are the best themselves.
void EffectiveReach::best_of_groups(const World& world) {
  const PeerGroups& groups = world.groups;
  const Practitioners& people = world.people;
  const auto zones = static_cast<std::size_t>(people.zones());
  const std::size_t cells = static_cast<std::size_t>(groups.groups()) * zones;
  group_best_.assign(cells, kNoSkill);
  group_second_.assign(cells, kNoSkill);
  group_best_row_.assign(cells, kNoRow);
  for_each_block(groups.groups(), [&](Block b) {
    for (auto g = static_cast<GroupRow>(b.first); g < b.last; ++g) {
      float* best = group_best_.data() + g * zones;
      float* second = group_second_.data() + g * zones;
      Row* best_row = group_best_row_.data() + g * zones;
      for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
        if (!groups.active(m)) continue;
        const Row r = groups.member[m];
        const float* s = people.skill_row(r);
        for (std::size_t z = 0; z < zones; ++z) {
          if (s[z] > best[z]) {
            second[z] = best[z];
            best[z] = s[z];
            best_row[z] = r;
          } else if (s[z] > second[z]) {
            second[z] = s[z];
          }
        }
      }
    }
  });
}

// Every row's led zones, from its active learner ties and its active peer groups of two or more.
void EffectiveReach::lead_masks(const World& world) {
  const Practitioners& people = world.people;
  const PeerGroups& groups = world.groups;
  const Ties& ties = world.ties;
  const auto zones = static_cast<std::size_t>(people.zones());
  const Row n = people.size();
  led_.resize(n);
  block_counts_.assign(block_count(n), 0);
  for_each_block(n, [&](Block b) {
    std::int64_t covered = 0;
    for (auto l = static_cast<Row>(b.first); l < b.last; ++l) {
      std::uint8_t mask = 0;
      for (auto i = world.by_learner.begin(l); i < world.by_learner.end(l); ++i) {
        const TieRow t = world.by_learner.rows[i];
        mask |= led_zones(people, ties.developer[t], l, ties.zone[t], margin_, threshold_);
      }
      const float* s = people.skill_row(l);
      for (auto i = world.by_member.begin(l); i < world.by_member.end(l); ++i) {
        const GroupRow g = groups.group[world.by_member.rows[i]];
        if (groups.active_members(g) < 2) continue;
        for (std::size_t z = 0; z < zones; ++z) {
          const std::size_t c = g * zones + z;
          const float other = group_best_row_[c] == l ? group_second_[c] : group_best_[c];
          if (s[z] < threshold_ && static_cast<double>(other) - s[z] >= margin_)
            mask |= static_cast<std::uint8_t>(1u << z);
        }
      }
      led_[l] = mask;
      covered += mask != 0;
    }
    block_counts_[b.index] = covered;
  });
  week_.effectively_covered = 0;
  for (std::int64_t c : block_counts_) week_.effectively_covered += c;
  week_.effective_coverage =
      n > 0 ? static_cast<double>(week_.effectively_covered) / static_cast<double>(n) : 0.0;
}

// Rows still present whose developer left this week: the learners of ties ended `mentor_left`,
// and the active members of peer groups a member left (a membership ended `mentee_left`). Ended
// ties and memberships stay in their tables until the end of the week.
void EffectiveReach::mark_lost_developers(const World& world) {
  const Ties& ties = world.ties;
  const PeerGroups& groups = world.groups;
  lost_.assign(world.people.size(), 0);
  for (TieRow t = 0; t < ties.size(); ++t)
    if (ties.end_reason[t] == static_cast<std::uint8_t>(EndReason::kMentorLeft) &&
        ties.learner[t] != kNoRow)
      lost_[ties.learner[t]] = 1;
  for (GroupRow g = 0; g < groups.groups(); ++g) {
    bool someone_left = false;
    for (MembershipRow m = groups.begin(g); m < groups.end(g) && !someone_left; ++m)
      someone_left = groups.end_reason[m] == static_cast<std::uint8_t>(EndReason::kMenteeLeft);
    if (!someone_left) continue;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m)
      if (groups.active(m) && groups.member[m] != kNoRow) lost_[groups.member[m]] = 1;
  }
}

// Joins last recording's masks (by id) to this week's rows and carries the orphaned zones on.
void EffectiveReach::update_orphans(const World& world) {
  const Practitioners& people = world.people;
  const Row n = people.size();
  const int zones = people.zones();
  next_ids_.resize(n);
  next_led_.resize(n);
  next_orphaned_.resize(n);
  const std::size_t blocks = block_count(n);
  block_counts_.assign(2 * blocks, 0);
  for_each_block(n, [&](Block b) {
    std::int64_t orphaned = 0, newly = 0;
    auto j = static_cast<std::size_t>(
        std::lower_bound(last_ids_.begin(), last_ids_.end(),
                         b.first < n ? people.id[b.first] : PractitionerId{0}) -
        last_ids_.begin());
    for (auto r = static_cast<Row>(b.first); r < b.last; ++r) {
      const PractitionerId id = people.id[r];
      while (j < last_ids_.size() && last_ids_[j] < id) ++j;
      const bool seen = j < last_ids_.size() && last_ids_[j] == id;
      const std::uint8_t was_led = seen ? last_led_[j] : 0;
      const std::uint8_t was_orphaned = seen ? last_orphaned_[j] : 0;
      std::uint8_t developing = 0;
      const float* s = people.skill_row(r);
      for (int z = 0; z < zones; ++z)
        if (s[z] < threshold_) developing |= static_cast<std::uint8_t>(1u << z);
      const std::uint8_t lost_lead = lost_[r] ? static_cast<std::uint8_t>(was_led & ~led_[r]) : 0;
      const auto now =
          static_cast<std::uint8_t>((was_orphaned | lost_lead) & ~led_[r] & developing);
      orphaned += now != 0;
      newly += now != 0 && was_orphaned == 0;
      next_ids_[r] = id;
      next_led_[r] = led_[r];
      next_orphaned_[r] = now;
    }
    block_counts_[2 * b.index] = orphaned;
    block_counts_[2 * b.index + 1] = newly;
  });
  week_.orphaned = week_.newly_orphaned = 0;
  for (std::size_t b = 0; b < blocks; ++b) {
    week_.orphaned += block_counts_[2 * b];
    week_.newly_orphaned += block_counts_[2 * b + 1];
  }
  last_ids_.swap(next_ids_);
  last_led_.swap(next_led_);
  last_orphaned_.swap(next_orphaned_);
}

}  // namespace mentorsim::metrics
