// Attendance and vitality of group cohorts. Before each session (in the upkeep of the week
// before it; at formation for the first) each member is present with the probability of the
// cohort's stage, and the cohort's ties carry that as attendance 1 or 0: facilitator → member
// held iff the member is present; in the peer group the member is present or not (a peer pair
// learns iff both are). After each session held with a
// facilitator the cohort's attendance rate (present / members) enters a window of the last
// vitality_window sessions; a full window whose mean is below decay_below moves the cohort one
// stage down, and at the last stage a mean below pause_below pauses it for replant_weeks, after
// which it restarts at the top stage. Every change of stage or pause clears the window. With a
// calendar guard each such slip happens only with probability 1/2.
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

void CohortModel::draw_presence(const World& world, Cohort& c, Week week) const {
  // The stage's attendance, raised by the programme's incentives (World::attendance_gain).
  const double p =
      std::min(1.0, config_.attendance_stages[c.stage] + world.attendance_gain(index_));
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

void CohortModel::prepare_session(World& world, Cohort& c, Week week) const {
  if (c.paused_until > week) {
    c.live = false;
    c.present.assign(c.members.size(), 0);
  } else {
    if (c.paused_until >= 0) {  // restart at the top stage
      c.paused_until = -1;
      c.stage = 0;
    }
    draw_presence(world, c, week);
  }
  write_attendance(world, c);
}

void CohortModel::record_session(const World& world, std::uint32_t cid, Cohort& c) const {
  if (!c.live || !c.has_facilitator || c.present.empty()) return;
  const double present = std::accumulate(c.present.begin(), c.present.end(), 0.0);
  c.window.push_back(present / static_cast<double>(c.present.size()));
  const auto window = static_cast<std::size_t>(config_.vitality_window);
  if (c.window.size() > window)  // drop the oldest
    c.window.erase(c.window.begin(), c.window.end() - static_cast<std::ptrdiff_t>(window));
  if (c.window.size() < window) return;
  const double rate =
      std::accumulate(c.window.begin(), c.window.end(), 0.0) / static_cast<double>(window);
  const bool last = c.stage + 1 >= config_.attendance_stages.size();
  const bool falls = last ? rate < config_.pause_below : rate < config_.decay_below;
  if (!falls) return;
  const Week w = world.week();
  if (config_.calendar_guard &&
      uniform01(world.key(), cid, w, Purpose::kCohortGuard, index_) >= 0.5)
    return;
  c.window.clear();
  if (last)
    c.paused_until = w + 1 + static_cast<Week>(config_.replant_weeks);
  else
    ++c.stage;
}

}  // namespace mentorsim::group_cohort
