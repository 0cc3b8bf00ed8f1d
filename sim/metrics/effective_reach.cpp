#include "metrics/effective_reach.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <array>
#include <limits>
#include <span>

#include "core/blocks.hpp"
#include "core/zone_count.hpp"

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
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

namespace {
// led_zones with Z zones known at compile time (the per-tie loop of lead_masks).
template <std::size_t Z>
std::uint8_t led_zones_of(const float* d, const float* s, std::int8_t zone, double margin,
                          double threshold) {
  const auto leads = [&](std::size_t z) {
    return s[z] < threshold && static_cast<double>(d[z]) - s[z] >= margin;
  };
  if (zone != kAllZones)
    return static_cast<std::uint8_t>(leads(static_cast<std::size_t>(zone)) ? 1u << zone : 0u);
  unsigned mask = 0;
  for (std::size_t z = 0; z < Z; ++z) mask |= static_cast<unsigned>(leads(z)) << z;
  return static_cast<std::uint8_t>(mask);
}
}  // namespace

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
  lead_masks(world);
  mark_lost_developers(world);
  update_orphans(world);
  return week_;
}

// The members' led zones of the active peer groups in `needed` (group rows, increasing): a member
// is led in a zone by the best of the *others*, so the group's highest and second-highest skill
// per zone (and who holds the highest) are found in one pass over its members, and a second pass,
// with their rows still in cache, writes each membership's mask. One read of each member's skills
// per pass, where looking at every co-member from every member read each row group-size times; a
// learner then ORs one byte per membership. Each group writes only its own memberships.
template <std::size_t Z>
void EffectiveReach::group_led_masks(const World& world, std::span<const GroupRow> needed) {
  const PeerGroups& groups = world.groups;
  const Practitioners& people = world.people;
  member_led_.resize(groups.memberships());
  tbb::parallel_for(std::size_t{0}, needed.size(), [&](std::size_t k) {
    struct Best {
      float best = -1.0f, second = -1.0f;  // -1: below any skill
      Row row = kNoRow;
    };
    const GroupRow g = needed[k];
    std::fill(member_led_.begin() + groups.begin(g), member_led_.begin() + groups.end(g), 0);
    if (groups.active_members(g) < 2) return;
    std::array<Best, Z> best{};
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!groups.active(m)) continue;
      const Row r = groups.member[m];
      const float* s = people.skill_row(r);
      for (std::size_t z = 0; z < Z; ++z) {
        Best& e = best[z];
        const bool top = s[z] > e.best;
        e.second = std::max(e.second, top ? e.best : s[z]);
        e.row = top ? r : e.row;
        e.best = std::max(e.best, s[z]);
      }
    }
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!groups.active(m)) continue;
      const Row r = groups.member[m];
      const float* s = people.skill_row(r);
      unsigned mask = 0;
      for (std::size_t z = 0; z < Z; ++z) {
        const float other = best[z].row == r ? best[z].second : best[z].best;
        mask |=
            static_cast<unsigned>(s[z] < threshold_ && static_cast<double>(other) - s[z] >= margin_)
            << z;
      }
      member_led_[m] = static_cast<std::uint8_t>(mask);
    }
  });
}

// Every row's led zones, from its active learner ties and its active peer groups of two or more.
// A row stops looking once every zone it develops is led. Ties come first: a facilitator's, a
// visiting senior's or a mentor's tie usually leads a learner in every zone they develop, so only
// the few rows still short afterwards need their groups, and only those rows' groups are worked
// out (in the ecosystem benchmark, working out every group's members cost as much as the rest of
// the metric). The values are those of looking at every tie and group.
void EffectiveReach::lead_masks(const World& world) {
  const Row n = world.people.size();
  led_.resize(n);
  const std::size_t blocks = block_count(n);
  block_counts_.resize(blocks);
  short_rows_.resize(blocks);
  with_zone_count(static_cast<std::size_t>(world.people.zones()), [&]<std::size_t Z> {
    const TieIndex& by_member = world.by_member;
    // Raw arrays, read once: led_ is written through bytes, which may alias anything, so reaching
    // the vectors through the world in the loop reloaded them after every row (a quarter of the
    // loop's time in the ecosystem benchmark). A row of skills is Z floats.
    const float* const skill = world.people.skill.data();
    const std::uint16_t* const learner_ties = world.people.learner_ties.data();
    const std::uint32_t* const tie_offsets = world.by_learner.offsets.data();
    const TieRow* const tie_rows = world.by_learner.rows.data();
    const std::uint32_t* const member_offsets = by_member.offsets.data();
    const Row* const developer = world.ties.developer.data();
    const std::int8_t* const tie_zone = world.ties.zone.data();
    std::uint8_t* const led = led_.data();
    const double margin = margin_, threshold = threshold_;
    const auto open_zones = [&](Row l) {
      const float* s = skill + static_cast<std::size_t>(l) * Z;
      unsigned open = 0;  // zones developed
      for (std::size_t z = 0; z < Z; ++z) open |= static_cast<unsigned>(s[z] < threshold) << z;
      return open;
    };
    for_each_block(n, [&](Block b) {
      std::int64_t covered = 0;
      std::vector<Row>& short_rows = short_rows_[b.index];
      short_rows.clear();
      // The block's learners listed without a branch per row (who has a learner tie or a pair is
      // close to a coin toss, and the branch mispredicted); nobody leads the others.
      std::array<Row, kBlockRows> learners;
      std::size_t count = 0;
      for (auto l = static_cast<Row>(b.first); l < b.last; ++l) {
        led[l] = 0;
        learners[count] = l;
        count += learner_ties[l] != 0;
      }
      for (std::size_t j = 0; j < count; ++j) {
        const Row l = learners[j];
        const float* s = skill + static_cast<std::size_t>(l) * Z;
        const unsigned open = open_zones(l);
        unsigned mask = 0;
        for (auto i = tie_offsets[l]; i < tie_offsets[l + 1] && mask != open; ++i) {
          const TieRow t = tie_rows[i];
          mask |= led_zones_of<Z>(skill + static_cast<std::size_t>(developer[t]) * Z, s,
                                  tie_zone[t], margin, threshold);
        }
        led[l] = static_cast<std::uint8_t>(mask);
        if (mask != open && member_offsets[l] < member_offsets[l + 1])
          short_rows.push_back(l);  // finished below, once its groups are known
        else
          covered += mask != 0;
      }
      block_counts_[b.index] = covered;
    });
    // Their groups, marked then listed in row order (no sort).
    group_needed_.assign(world.groups.groups(), 0);
    for (const std::vector<Row>& rows : short_rows_)
      for (Row l : rows)
        for (auto i = by_member.begin(l); i < by_member.end(l); ++i)
          group_needed_[world.groups.group[by_member.rows[i]]] = 1;
    needed_groups_.clear();
    for (GroupRow g = 0; g < world.groups.groups(); ++g)
      if (group_needed_[g]) needed_groups_.push_back(g);
    group_led_masks<Z>(world, needed_groups_);
    tbb::parallel_for(std::size_t{0}, blocks, [&](std::size_t b) {
      for (Row l : short_rows_[b]) {
        unsigned mask = led_[l];
        const unsigned open = open_zones(l);
        for (auto i = by_member.begin(l); i < by_member.end(l) && mask != open; ++i)
          mask |= member_led_[by_member.rows[i]];
        led_[l] = static_cast<std::uint8_t>(mask);
        block_counts_[b] += mask != 0;
      }
    });
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
  lost_.clear();
  const auto left = static_cast<std::uint8_t>(EndReason::kMentorLeft);
  for (TieRow t = 0; t < ties.size(); ++t)
    if (ties.end_reason[t] == left && ties.learner[t] != kNoRow) lost_.push_back(ties.learner[t]);
  const auto member_left = static_cast<std::uint8_t>(EndReason::kMenteeLeft);
  for (GroupRow g = 0; g < groups.groups(); ++g) {
    bool someone_left = false;
    for (MembershipRow m = groups.begin(g); m < groups.end(g) && !someone_left; ++m)
      someone_left = groups.end_reason[m] == member_left;
    if (!someone_left) continue;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m)
      if (groups.active(m) && groups.member[m] != kNoRow) lost_.push_back(groups.member[m]);
  }
  std::sort(lost_.begin(), lost_.end());
  lost_.erase(std::unique(lost_.begin(), lost_.end()), lost_.end());
}

std::uint8_t EffectiveReach::developing(const Practitioners& people, Row r) const {
  const float* s = people.skill_row(r);
  unsigned mask = 0;
  for (int z = 0; z < people.zones(); ++z) mask |= static_cast<unsigned>(s[z] < threshold_) << z;
  return static_cast<std::uint8_t>(mask);
}

// Carries last recording's orphans on (those still present, in the zones still neither led nor
// mastered) and adds the zones this week's losses orphan: led at the last recording, not led now,
// still developed. Both lists are in id order, so they merge in one pass.
void EffectiveReach::update_orphans(const World& world) {
  const Practitioners& people = world.people;
  next_orphans_.clear();
  // orphans_ are in id order: each search gallops on from the last hit.
  const auto first = people.id.begin(), end = people.id.end();
  auto from = first;
  for (const auto& [id, zones] : orphans_) {
    std::ptrdiff_t step = 1;
    while (step < end - from && *(from + step) < id) step *= 2;
    from = std::lower_bound(from + step / 2, from + std::min(step + 1, end - from), id);
    if (from == end) break;
    if (*from != id) continue;  // left
    const auto r = static_cast<Row>(from - first);
    const auto still = static_cast<std::uint8_t>(zones & ~led_[r] & developing(people, r));
    if (still) next_orphans_.push_back({id, still});
  }
  // Last recording's rows are this week's, plus this week's leavers (removed keeping order),
  // before this week's newcomers (appended, with higher ids): row r was row r + (leavers with a
  // lower id) then.
  departed_ids_.clear();
  for (const Departed& d : world.departed()) departed_ids_.push_back(d.id);
  std::sort(departed_ids_.begin(), departed_ids_.end());
  new_orphans_.clear();
  for (Row r : lost_) {  // increasing rows: increasing ids
    const PractitionerId id = people.id[r];
    const auto before = static_cast<std::size_t>(
        std::lower_bound(departed_ids_.begin(), departed_ids_.end(), id) - departed_ids_.begin());
    const std::size_t then = static_cast<std::size_t>(r) + before;
    const std::uint8_t was_led = then < last_led_.size() ? last_led_[then] : 0;
    const auto lost_lead = static_cast<std::uint8_t>(was_led & ~led_[r] & developing(people, r));
    if (lost_lead) new_orphans_.push_back({id, lost_lead});
  }
  // Merge by id, OR-ing the zones of one practitioner; new when not orphaned last week.
  week_.newly_orphaned = 0;
  std::vector<std::pair<PractitionerId, std::uint8_t>> merged;
  merged.reserve(next_orphans_.size() + new_orphans_.size());
  std::size_t a = 0, b = 0;
  const auto was_orphaned = [&](PractitionerId id) {
    const auto it = std::lower_bound(orphans_.begin(), orphans_.end(),
                                     std::pair<PractitionerId, std::uint8_t>{id, 0});
    return it != orphans_.end() && it->first == id;
  };
  while (a < next_orphans_.size() || b < new_orphans_.size()) {
    if (b == new_orphans_.size() ||
        (a < next_orphans_.size() && next_orphans_[a].first < new_orphans_[b].first)) {
      merged.push_back(next_orphans_[a++]);
    } else if (a == next_orphans_.size() || new_orphans_[b].first < next_orphans_[a].first) {
      week_.newly_orphaned += !was_orphaned(new_orphans_[b].first);
      merged.push_back(new_orphans_[b++]);
    } else {
      merged.push_back({next_orphans_[a].first, static_cast<std::uint8_t>(next_orphans_[a].second |
                                                                          new_orphans_[b].second)});
      ++a;
      ++b;
    }
  }
  orphans_.swap(merged);
  week_.orphaned = static_cast<std::int64_t>(orphans_.size());
  last_led_.assign(led_.begin(), led_.end());
}

}  // namespace mentorsim::metrics
