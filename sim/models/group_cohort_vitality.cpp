// Rhythm, attendance and pauses of group cohorts (docs/model.md §7.12; models/cohort_rhythm.hpp).
// Before each session after the first (in the upkeep of the week before it) the cohort draws
// whether the session is held, from its rhythm R, the calendar's skip chance and its
// facilitator's burnout; R then moves toward 1 (held) or 0 (slipped). At a held session each
// member is present with probability attendance x R, and the cohort's ties carry that as
// attendance 1 or 0: facilitator → member held iff the member is present; in the peer group the
// member is present or not (a peer pair learns iff both are). A slipped session holds nothing.
// After each session held with a facilitator its attendance rate (present / members) enters a
// window of the last vitality_window held sessions; a full window whose mean is below pause_below
// pauses the cohort for replant_weeks, after which it restarts in full rhythm.
#include <algorithm>
#include <numeric>

#include "models/group_cohort_impl.hpp"

namespace mentorsim::group_cohort {

bool CohortModel::session_week(const Cohort& c, Week week) const {
  return week >= c.formed && week <= c.end && (week - c.formed) % config_.cadence_weeks == 0;
}

float CohortModel::member_attendance(const Cohort& c, std::size_t i) {
  return c.live && c.present[i] ? 1.0f : 0.0f;
}

RhythmRule CohortModel::rhythm_rule(const World& world) const {
  const Scenario& s = world.scenario();
  return RhythmRule{config_.calendar_guard ? config_.skip_chance / 2 : config_.skip_chance,
                    config_.slip_contagion, 1.0 / static_cast<double>(config_.rhythm_memory),
                    s.burnout.enabled ? s.burnout.skip_probability : 0.0};
}

void CohortModel::draw_presence(const World& world, Cohort& c, Week week) const {
  // Attendance at the cohort's rhythm, raised by the programme's incentives
  // (World::attendance_gain).
  const double p = std::min(1.0, config_.attendance * c.rhythm + world.attendance_gain(index_));
  c.live = true;
  c.present.assign(c.members.size(), 0);
  for (std::size_t i = 0; i < c.members.size(); ++i)
    c.present[i] = uniform01(world.key(), c.members[i], week, Purpose::kCohortPresence, index_) < p;
}

void CohortModel::write_attendance(World& world, const Cohort& c) const {
  const auto index = [&](PractitionerId id) {
    return static_cast<std::size_t>(std::find(c.members.begin(), c.members.end(), id) -
                                    c.members.begin());
  };
  const auto at = [&](PractitionerId id) {
    const std::size_t i = index(id);
    return i < c.members.size() ? member_attendance(c, i) : 0.0f;
  };
  Ties& ties = world.ties;
  ties.for_each_row(c.facilitation, [&](TieRow t) { ties.attendance[t] = at(ties.learner_id[t]); });
  PeerGroups& groups = world.groups;
  const GroupRow g = groups.find(c.peers);
  if (g == groups.groups()) return;
  for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m)
    groups.attendance[m] = at(groups.member_id[m]);
}

// The coming session: paused, slipped (R falls) or held (R climbs, presence drawn). A cohort
// between facilitators has nobody whose burnout counts; its peers still meet.
void CohortModel::prepare_session(World& world, std::uint32_t cid, Cohort& c, Week week) const {
  if (c.paused_until > week) {
    c.live = false;
    c.present.assign(c.members.size(), 0);
    write_attendance(world, c);
    return;
  }
  if (c.paused_until >= 0) {  // restart in full rhythm
    c.paused_until = -1;
    c.rhythm = 1.0;
  }
  const RhythmRule rule = rhythm_rule(world);
  bool burned_out = false;
  if (c.has_facilitator) {
    const Row f = world.people.find(c.facilitator);
    burned_out = f != kNoRow && world.people.has(f, flag::kBurnedOut);
  }
  const double held = held_probability(rule, c.rhythm, burned_out);
  const bool holds = held >= 1.0 || (held > 0.0 && uniform01(world.key(), cid, week,
                                                             Purpose::kCohortSlip, index_) < held);
  if (holds) {
    draw_presence(world, c, week);  // at the rhythm before this session
  } else {
    c.live = false;
    c.present.assign(c.members.size(), 0);
  }
  c.rhythm = next_rhythm(rule, c.rhythm, holds);
  write_attendance(world, c);
}

void CohortModel::record_session(const World& world, std::uint32_t, Cohort& c) const {
  if (!c.live || !c.has_facilitator || c.present.empty()) return;
  const double present = std::accumulate(c.present.begin(), c.present.end(), 0.0);
  c.window.push_back(present / static_cast<double>(c.present.size()));
  const auto window = static_cast<std::size_t>(config_.vitality_window);
  if (c.window.size() > window)  // drop the oldest
    c.window.erase(c.window.begin(), c.window.end() - static_cast<std::ptrdiff_t>(window));
  if (c.window.size() < window) return;
  const double rate =
      std::accumulate(c.window.begin(), c.window.end(), 0.0) / static_cast<double>(window);
  if (rate >= config_.pause_below) return;
  c.window.clear();
  c.paused_until = world.week() + 1 + static_cast<Week>(config_.replant_weeks);
}

}  // namespace mentorsim::group_cohort
