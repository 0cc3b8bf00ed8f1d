#include "mechanisms/knowledge.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>

namespace mentorsim {

namespace {
constexpr std::size_t kGrain = 1024;

// Sessions scheduled and held, summed over blocks. The counts are integers, so adding the blocks'
// counts in whatever order the scheduler joins them gives the same totals.
struct Sessions {
  std::int64_t scheduled = 0, held = 0;
  static Sessions join(Sessions a, Sessions b) {
    return Sessions{a.scheduled + b.scheduled, a.held + b.held};
  }
  void add_to(WeekCounters& counters) const {
    counters.sessions_scheduled += scheduled;
    counters.sessions_held += held;
  }
};

std::uint8_t zone_bits(std::int8_t zone, int zones) {
  return zone == kAllZones ? static_cast<std::uint8_t>((1u << zones) - 1u)
                           : static_cast<std::uint8_t>(1u << zone);
}
}  // namespace

Knowledge::Knowledge(const Scenario& scenario)
    : config_(scenario.knowledge),
      burnout_enabled_(scenario.burnout.enabled),
      skip_probability_(scenario.burnout.skip_probability),
      forgetting_per_week_(1.0 -
                           std::pow(1.0 - scenario.knowledge.forgetting_per_month, 12.0 / 52.0)) {}

void Knowledge::apply(World& world) const {
  const Row n = world.people.size();
  tbb::parallel_invoke(
      [&] { world.by_learner.build(world.ties.learner, world.ties.end_reason, n); },
      [&] { world.by_developer.build(world.ties.developer, world.ties.end_reason, n); },
      [&] { world.by_member.build(world.groups.member, world.groups.end_reason, n); });
  hold_sessions(world);
  hold_group_sessions(world);
  if (config_.enabled) transfer(world);
}

void Knowledge::hold_sessions(World& world) const {
  Ties& ties = world.ties;
  const Practitioners& people = world.people;
  const StreamKey key = world.key();
  const Week week = world.week();
  // Each tie writes only its own `held`.
  const Sessions total = tbb::parallel_reduce(
      tbb::blocked_range<TieRow>(0, ties.size(), kGrain), Sessions{},
      [&](const tbb::blocked_range<TieRow>& range, Sessions sum) {
        for (TieRow t = range.begin(); t != range.end(); ++t) {
          ties.held[t] = 0;
          if (!ties.active(t) || !ties.scheduled(t, week)) continue;
          double p = ties.attendance[t];
          if (burnout_enabled_ && people.has(ties.developer[t], flag::kBurnedOut))
            p *= 1.0 - skip_probability_;
          // A draw lies strictly inside (0, 1), so p = 0 never holds and p = 1 always does: skip
          // it (a cohort's peer ties carry exactly 0 or 1, and they are most ties).
          if (p <= 0.0 || p >= 1.0)
            ties.held[t] = p >= 1.0;
          else
            ties.held[t] = uniform01(key, ties.id[t], week, Purpose::kAttendance) < p;
          ++sum.scheduled;
          sum.held += ties.held[t];
        }
        return sum;
      },
      Sessions::join);
  total.add_to(world.counters);
}

// Counters: a group session counts one session scheduled per active member and one held per member
// present at a held session, as a cohort's facilitator ties count one per member.
void Knowledge::hold_group_sessions(World& world) const {
  PeerGroups& groups = world.groups;
  const Practitioners& people = world.people;
  const StreamKey key = world.key();
  const Week week = world.week();
  const Sessions total = tbb::parallel_reduce(
      tbb::blocked_range<GroupRow>(0, groups.groups(), 64), Sessions{},
      [&](const tbb::blocked_range<GroupRow>& range, Sessions sum) {
        for (GroupRow g = range.begin(); g != range.end(); ++g) {
          groups.held[g] = 0;
          for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) groups.present[m] = 0;
          if (!groups.scheduled(g, week)) continue;
          std::int64_t members = 0, present = 0;
          for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
            if (!groups.active(m)) continue;
            ++members;
            double p = groups.attendance[m];
            if (burnout_enabled_ && people.has(groups.member[m], flag::kBurnedOut))
              p *= 1.0 - skip_probability_;
            const bool here =
                p >= 1.0 || (p > 0.0 && uniform01(key, groups.member_id[m], week,
                                                  Purpose::kGroupPresence, groups.id[g]) < p);
            groups.present[m] = here;
            present += here;
          }
          groups.held[g] = present >= 2;
          sum.scheduled += members;
          sum.held += present >= 2 ? present : 0;
        }
        return sum;
      },
      Sessions::join);
  total.add_to(world.counters);
}

void Knowledge::transfer(World& world) const {
  Practitioners& people = world.people;
  const Ties& ties = world.ties;
  const PeerGroups& groups = world.groups;
  const int zones = people.zones();
  const std::uint8_t every_zone = zone_bits(kAllZones, zones);
  const Row n = people.size();
  world.skill_delta.resize(static_cast<std::size_t>(n) * zones);  // every row zeroes its own
  const double alpha = config_.transfer_rate;
  const double max_gap = config_.absorptive_gap;

  // Each learner row reads the week's starting skills and writes only its own delta and bits.
  tbb::parallel_for(
      tbb::blocked_range<Row>(0, n, kGrain), [&](const tbb::blocked_range<Row>& range) {
        for (Row r = range.begin(); r != range.end(); ++r) {
          std::uint8_t practised = 0;
          float* delta = world.skill_delta.data() + static_cast<std::size_t>(r) * zones;
          std::fill_n(delta, zones, 0.0f);
          const float* mine = people.skill_row(r);
          for (auto i = world.by_learner.begin(r); i < world.by_learner.end(r); ++i) {
            const TieRow t = world.by_learner.rows[i];
            if (!ties.held[t]) continue;
            const float* theirs = people.skill_row(ties.developer[t]);
            const std::uint8_t bits = zone_bits(ties.zone[t], zones);
            practised |= bits;
            for (int z = 0; z < zones; ++z) {
              if (!(bits & (1u << z))) continue;
              const double gap = static_cast<double>(theirs[z]) - mine[z];
              if (gap > 0)
                delta[z] += static_cast<float>(alpha * ties.quality[t] * std::min(gap, max_gap));
            }
          }
          for (auto i = world.by_developer.begin(r); i < world.by_developer.end(r); ++i) {
            const TieRow t = world.by_developer.rows[i];
            if (ties.held[t]) practised |= zone_bits(ties.zone[t], zones);
          }
          // Peer groups: from every other present member of each held session, in every zone.
          for (auto i = world.by_member.begin(r); i < world.by_member.end(r); ++i) {
            const MembershipRow m = world.by_member.rows[i];
            const GroupRow g = groups.group[m];
            if (!groups.present[m] || !groups.held[g]) continue;
            practised = every_zone;
            const double q = groups.quality[g];
            for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o) {
              if (o == m || !groups.present[o]) continue;  // present implies active
              const float* theirs = people.skill_row(groups.member[o]);
              for (int z = 0; z < zones; ++z) {
                const double gap = static_cast<double>(theirs[z]) - mine[z];
                if (gap > 0) delta[z] += static_cast<float>(alpha * q * std::min(gap, max_gap));
              }
            }
          }
          people.practised[r] = practised;
        }
      });

  const auto keep = static_cast<float>(1.0 - forgetting_per_week_);
  const auto floor = static_cast<float>(config_.forgetting_floor);
  tbb::parallel_for(
      tbb::blocked_range<Row>(0, n, kGrain), [&](const tbb::blocked_range<Row>& range) {
        float* skill = people.skill_row(range.begin());
        const float* delta =
            world.skill_delta.data() + static_cast<std::size_t>(range.begin()) * zones;
        // Both outcomes are computed and one is kept: whether a zone was practised is data, and
        // branching on it mispredicted (the values are the same as with branches).
        for (Row r = range.begin(); r != range.end(); ++r, skill += zones, delta += zones) {
          const unsigned practised = people.practised[r];
          for (int z = 0; z < zones; ++z) {
            const float s = skill[z];
            const float learned = std::min(1.0f, s + delta[z]);
            const float kept = s > floor ? floor + (s - floor) * keep : s;
            skill[z] = (practised >> z) & 1u ? learned : kept;
          }
        }
      });
}

}  // namespace mentorsim
