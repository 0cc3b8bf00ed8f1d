#include "mechanisms/knowledge.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <utility>

#include "core/zone_count.hpp"

namespace mentorsim {

namespace {
constexpr std::size_t kGrain = 1024;

// What the week's update needs besides the rows: forgetting (keep = 1 - f_week, towards floor),
// experience (rate = k per week, towards ceiling) and the zones each function's role practises.
struct SkillUpdate {
  float keep, floor;
  float rate, ceiling;
  const ZoneMask* roles;  // by function
};

// The week's update of `rows` rows of Z zones. A zone used this week (in a session, or at work:
// one of the role's zones) learns: K + delta + experience, capped at 1, where experience is
// rate * max(0, ceiling - K) in the role's zones and 0 elsewhere. Any other zone forgets towards
// `floor`. Both outcomes are computed and one is kept: whether a zone was used is data, and
// branching on it mispredicted. Outside the role the experience term is exactly +0, so with
// rate 0 (experience off) the sum is the one the update had without it. Z is a template argument
// so that a row is one short vector of the compiler's choosing; the values are the same as with
// branches.
template <int Z>
void update_skill_rows(std::size_t rows, float* __restrict skill, const float* __restrict delta,
                       const std::uint8_t* __restrict practised,
                       const std::uint8_t* __restrict function, const SkillUpdate& u) {
  // Choosing by bit masks: g++ 12 turned the ternaries back into branches (one_on_one_100k,
  // 1 thread, 2026-12-06: sessions phase 1.43 s with masks against 1.76-2.31 s with ternaries).
  const auto pick = [](bool first, float a, float b) {
    const std::uint32_t mask = 0u - static_cast<std::uint32_t>(first);
    return std::bit_cast<float>((std::bit_cast<std::uint32_t>(a) & mask) |
                                (std::bit_cast<std::uint32_t>(b) & ~mask));
  };
  for (std::size_t r = 0; r < rows; ++r, skill += Z, delta += Z) {
    const unsigned role = u.roles[function[r]];
    const unsigned used = practised[r] | role;
    for (int z = 0; z < Z; ++z) {
      const float s = skill[z];
      const float rate = pick(((role >> z) & 1u) != 0, u.rate, 0.0f);
      const float learned = std::min(1.0f, s + delta[z] + rate * std::max(0.0f, u.ceiling - s));
      const float kept = pick(s > u.floor, u.floor + (s - u.floor) * u.keep, s);
      skill[z] = pick(((used >> z) & 1u) != 0, learned, kept);
    }
  }
}

void update_skills(int zones, std::size_t rows, float* skill, const float* delta,
                   const std::uint8_t* practised, const std::uint8_t* function,
                   const SkillUpdate& update) {
  with_zone_count(static_cast<std::size_t>(zones), [&]<std::size_t Z> {
    update_skill_rows<static_cast<int>(Z)>(rows, skill, delta, practised, function, update);
  });
}

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
                           std::pow(1.0 - scenario.knowledge.forgetting_per_month, 12.0 / 52.0)),
      experience_per_week_(
          scenario.knowledge.experience_half_life_weeks > 0
              ? 1.0 - std::pow(0.5, 1.0 / scenario.knowledge.experience_half_life_weeks)
              : 0.0),
      memory_keep_per_week_(
          scenario.knowledge.group_memory_half_life_weeks > 0
              ? std::pow(0.5, 1.0 / scenario.knowledge.group_memory_half_life_weeks)
              : 0.0) {}

void Knowledge::apply(World& world) const {
  world.index_ties();
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
          // A burned-out facilitator's skip is drawn once per cohort session, by the cohort's
          // rhythm (models/cohort_rhythm.hpp), not again per member tie.
          if (burnout_enabled_ &&
              ties.kind[t] != static_cast<std::uint8_t>(TieKind::kFacilitator) &&
              people.has(ties.developer[t], flag::kBurnedOut))
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

// Counters: a group session (two or more active members) counts one session scheduled per active
// member and one held per member present at a held session, as a cohort's facilitator ties count
// one per member.
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
          // A member left alone has no pair to meet: no session, as a lone member had no ties.
          if (!groups.scheduled(g, week) || groups.active_members(g) < 2) continue;
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

// What each present member of a held peer-group session learns there, per zone, into
// world.group_gain (memberships x zones): from every other present member, in membership order,
// then from the group's memory (the commons, read as it stood before the session). Then the memory
// of every group decays by a week, and a held session raises it to at least group_memory_share x
// the best present member's skill in each zone. Each group writes only its own memberships' rows
// and its own memory, and reads only its members' skills, which stay in cache while the group is
// worked on.
void Knowledge::group_gains(World& world) const {
  PeerGroups& groups = world.groups;
  const Practitioners& people = world.people;
  const int zones = people.zones();
  world.group_gain.resize(static_cast<std::size_t>(groups.memberships()) * zones);
  const double alpha = config_.transfer_rate;
  const double max_gap = config_.absorptive_gap;
  const double share = config_.teaching_share;
  const bool remember = memory_keep_per_week_ > 0.0 && config_.group_memory_share > 0.0;
  const auto keep = static_cast<float>(memory_keep_per_week_);
  const auto memory_share = static_cast<float>(config_.group_memory_share);
  // One group's present members, each from every other present one, and by teaching each other
  // present one: `share` of what that one learns from this member.
  const auto group = [&](GroupRow g) {
    const double aq = alpha * groups.quality[g];
    const double taught = share * aq;
    const float* memory = groups.memory_row(g);
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!groups.present[m]) continue;
      float* gain = world.group_gain.data() + static_cast<std::size_t>(m) * zones;
      std::fill_n(gain, zones, 0.0f);
      const float* mine = people.skill_row(groups.member[m]);
      for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o) {
        if (o == m || !groups.present[o]) continue;  // present implies active
        const float* theirs = people.skill_row(groups.member[o]);
        // Adding 0 where the gap is not positive leaves the sum exactly as skipping it would,
        // without the branch (it mispredicted about half the time). At most one of the two
        // terms is not 0 (one learns where the other is ahead); with teaching_share 0 the second
        // adds exactly 0.
        for (int z = 0; z < zones; ++z) {
          const double gap = static_cast<double>(theirs[z]) - mine[z];
          gain[z] += static_cast<float>(aq * std::clamp(gap, 0.0, max_gap) +
                                        taught * std::clamp(-gap, 0.0, max_gap));
        }
      }
      // The commons teaches like one more member, and learns nothing back.
      if (remember)
        for (int z = 0; z < zones; ++z)
          gain[z] += static_cast<float>(
              aq * std::clamp(static_cast<double>(memory[z]) - mine[z], 0.0, max_gap));
    }
  };
  // The memory after this week: a week older, then at least memory_share x the best present
  // member's skill if the session was held (from the week's starting skills).
  const auto remember_session = [&](GroupRow g) {
    float* memory = groups.memory_row(g);
    for (int z = 0; z < zones; ++z) memory[z] *= keep;
    if (!groups.held[g]) return;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!groups.present[m]) continue;
      const float* skill = people.skill_row(groups.member[m]);
      for (int z = 0; z < zones; ++z) memory[z] = std::max(memory[z], memory_share * skill[z]);
    }
  };
  tbb::parallel_for(tbb::blocked_range<GroupRow>(0, groups.groups(), 64),
                    [&](const tbb::blocked_range<GroupRow>& range) {
                      for (GroupRow g = range.begin(); g != range.end(); ++g) {
                        if (groups.held[g]) group(g);  // nobody reads rows of groups not held
                        if (remember) remember_session(g);
                      }
                    });
}

void Knowledge::transfer(World& world) const {
  group_gains(world);
  Practitioners& people = world.people;
  const Ties& ties = world.ties;
  const PeerGroups& groups = world.groups;
  const int zones = people.zones();
  const std::uint8_t every_zone = zone_bits(kAllZones, zones);
  const Row n = people.size();
  world.skill_delta.resize(static_cast<std::size_t>(n) * zones);  // every row zeroes its own
  const double alpha = config_.transfer_rate;
  const double max_gap = config_.absorptive_gap;
  const double share = config_.teaching_share;

  // Quality falls with load (docs/model.md 7.3): a developer holding R relationships this week
  // (a pair counts 1; a cohort's facilitation or a pod's visits 1 in all), more than
  // relationships_before_dilution = K, gives each K / R of full quality. Each row reads its own
  // developer ties; 1 exactly, so that nothing changes, for everyone at or below K.
  const double most = config_.relationships_before_dilution;
  world.attention.resize(n);
  tbb::parallel_for(
      tbb::blocked_range<Row>(0, n, kGrain), [&](const tbb::blocked_range<Row>& range) {
        const TieIndex& by_developer = world.by_developer;
        for (Row r = range.begin(); r != range.end(); ++r) {
          double held = 0;
          for (auto i = by_developer.begin(r); i < by_developer.end(r); ++i)
            held += ties.relationship_share[by_developer.rows[i]];
          world.attention[r] = most > 0 && held > most ? static_cast<float>(most / held) : 1.0f;
        }
      });
  const float* attention = world.attention.data();

  // Each row reads the week's starting skills and writes only its own delta and bits: what it
  // learns as a learner, then what it gains by teaching as a developer, then its peer groups.
  tbb::parallel_for(
      tbb::blocked_range<Row>(0, n, kGrain), [&](const tbb::blocked_range<Row>& range) {
        const TieIndex& by_learner = world.by_learner;
        const TieIndex& by_developer = world.by_developer;
        const TieIndex& by_member = world.by_member;
        const float* gains = world.group_gain.data();
        for (Row r = range.begin(); r != range.end(); ++r) {
          std::uint8_t practised = 0;
          float* delta = world.skill_delta.data() + static_cast<std::size_t>(r) * zones;
          std::fill_n(delta, zones, 0.0f);
          const float* mine = people.skill_row(r);
          for (auto i = by_learner.begin(r); i < by_learner.end(r); ++i) {
            const TieRow t = by_learner.rows[i];
            if (!ties.held[t]) continue;
            const float* theirs = people.skill_row(ties.developer[t]);
            const std::uint8_t bits = zone_bits(ties.zone[t], zones);
            practised |= bits;
            const double aq = alpha * ties.quality[t] * attention[ties.developer[t]];
            for (int z = 0; z < zones; ++z) {
              if (!(bits & (1u << z))) continue;
              const double gap = static_cast<double>(theirs[z]) - mine[z];
              delta[z] += static_cast<float>(aq * std::clamp(gap, 0.0, max_gap));  // as above
            }
          }
          // Teaching: `share` of what each held session transfers to its learner, in the zones
          // the tie covers (the learner's gain, alpha q clamp(K_r - K_learner, 0, G), from the
          // week's starting skills).
          for (auto i = by_developer.begin(r); i < by_developer.end(r); ++i) {
            const TieRow t = by_developer.rows[i];
            if (!ties.held[t]) continue;
            const std::uint8_t bits = zone_bits(ties.zone[t], zones);
            practised |= bits;
            if (share <= 0.0) continue;
            const float* learner = people.skill_row(ties.learner[t]);
            const double taught = share * alpha * ties.quality[t] * attention[r];
            for (int z = 0; z < zones; ++z) {
              if (!(bits & (1u << z))) continue;
              const double gap = static_cast<double>(mine[z]) - learner[z];
              delta[z] += static_cast<float>(taught * std::clamp(gap, 0.0, max_gap));
            }
          }
          // Peer groups: what the member learned at each held session (group_gains).
          for (auto i = by_member.begin(r); i < by_member.end(r); ++i) {
            const MembershipRow m = by_member.rows[i];
            if (!groups.present[m] || !groups.held[groups.group[m]]) continue;
            practised = every_zone;
            const float* gain = gains + static_cast<std::size_t>(m) * zones;
            for (int z = 0; z < zones; ++z) delta[z] += gain[z];
          }
          people.practised[r] = practised;
        }
      });

  const SkillUpdate update{
      static_cast<float>(1.0 - forgetting_per_week_), static_cast<float>(config_.forgetting_floor),
      static_cast<float>(experience_per_week_), static_cast<float>(config_.experience_ceiling),
      world.role_masks().data()};
  tbb::parallel_for(
      tbb::blocked_range<Row>(0, n, kGrain), [&](const tbb::blocked_range<Row>& range) {
        const std::size_t first = static_cast<std::size_t>(range.begin()) * zones;
        update_skills(zones, range.size(), people.skill.data() + first,
                      world.skill_delta.data() + first, people.practised.data() + range.begin(),
                      people.function.data() + range.begin(), update);
      });
}

}  // namespace mentorsim
