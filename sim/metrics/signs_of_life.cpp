#include "metrics/signs_of_life.hpp"

#include <cmath>

#include "state/world.hpp"

namespace mentorsim::metrics {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::int64_t ended(const std::array<std::int64_t, kEndReasonCount>& counts, EndReason reason) {
  return counts[static_cast<std::size_t>(reason)];
}
}  // namespace

Endings split_endings(const std::array<std::int64_t, kEndReasonCount>& counts) {
  Endings e;
  e.completed = ended(counts, EndReason::kCompleted);
  for (EndReason r : {EndReason::kMentorLeft, EndReason::kBurnout, EndReason::kReleased,
                      EndReason::kRematched, EndReason::kProgrammeEnded, EndReason::kDissolved})
    e.early += ended(counts, r);
  return e;
}

double completed_share(const Endings& e) {
  const std::int64_t all = e.completed + e.early;
  return all > 0 ? static_cast<double>(e.completed) / static_cast<double>(all) : kNaN;
}

GroupAttendance group_attendance(const Ties& ties, const PeerGroups& groups, Week week,
                                 std::vector<std::array<Attendance, 2>>& by_programme) {
  by_programme.assign(256, {});  // programme indices are uint8
  GroupAttendance out;
  const auto in_sessions = [](std::uint8_t end_reason) {
    const auto reason = static_cast<EndReason>(end_reason);
    return reason == EndReason::kNone || reason == EndReason::kBurnout ||
           reason == EndReason::kCompleted || reason == EndReason::kProgrammeEnded;
  };
  for (TieRow t = 0; t < ties.size(); ++t) {
    if (ties.kind[t] != static_cast<std::uint8_t>(TieKind::kFacilitator)) continue;
    if (!in_sessions(ties.end_reason[t]) || !ties.scheduled(t, week)) continue;
    Attendance& a = by_programme[ties.programme[t]][0];
    ++a.scheduled;
    a.held += ties.held[t] != 0;
  }
  for (GroupRow g = 0; g < groups.groups(); ++g) {
    if (!groups.scheduled(g, week)) continue;
    // The members who were in the sessions; fewer than two had no session (a lone member).
    std::int64_t scheduled = 0, held = 0;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!in_sessions(groups.end_reason[m])) continue;
      ++scheduled;
      held += groups.present[m] != 0;
    }
    if (scheduled < 2) continue;
    Attendance& a = by_programme[groups.programme[g]][1];
    a.scheduled += scheduled;
    a.held += held;
  }
  for (const auto& [f, p] : by_programme) {
    out.facilitator.scheduled += f.scheduled;
    out.facilitator.held += f.held;
    out.peer.scheduled += p.scheduled;
    out.peer.held += p.held;
    const Attendance& members = f.scheduled > 0 ? f : p;
    out.members.scheduled += members.scheduled;
    out.members.held += members.held;
  }
  return out;
}

const MetricTable& SignsOfLife::declared() {
  static const MetricTable table = [] {
    MetricTable t("signs_of_life",
                  "How relationships end, how rosters change, how well groups meet (seeds 000, "
                  "001).",
                  Theme::kSignsOfLife);
    t.series("ties_completed_share", "share",
             "Of ties ended this week (learner departures aside), the share reaching their planned "
             "end (NaN when none ended).")
        .higher();
    t.series("ties_ended_early_share", "share",
             "Of ties ended this week (learner departures aside), the share ending early (NaN when "
             "none ended).")
        .lower();
    t.series("roster_changed_share", "share",
             "Share of learners whose set of developers changed this week (gained or lost one).");
    t.series("group_attendance", "share",
             "Members' attendance of group sessions: held / scheduled (NaN when none scheduled).")
        .higher();
    t.series("group_attendance_by_kind/facilitator", "share",
             "Held / scheduled of cohort facilitator ties (NaN when none scheduled).")
        .higher();
    t.series("group_attendance_by_kind/peer", "share",
             "Present / scheduled members of cohorts' and pods' peer groups (NaN when none "
             "scheduled).")
        .higher();

    t.summary("ties_completed_share_total", kComputed, "share",
              "Of ties ended in the run (learner departures aside), the share completed.")
        .higher();
    t.summary("ties_ended_early_total", kComputed, "ties",
              "Ties ended early over the run (mentor left, burnout, released, rematched, "
              "programme ended, dissolved).")
        .lower();
    t.summary("mean_roster_changed_share", mean_of("roster_changed_share"), "share",
              "Share of learners whose developers changed, averaged over weeks.");
    t.summary("mean_group_attendance", kComputed, "share",
              "group_attendance averaged over weeks with group sessions (NaN: none).")
        .higher();
    t.summary("group_attendance_weeks_at_least_0_8_share", kComputed, "share",
              "Share of weeks with group sessions whose attendance is >= 0.8 (seed 001).")
        .higher();
    return t;
  }();
  return table;
}

void SignsOfLife::record(const World& world, Values& week) {
  const Signs& s = compute(world);
  week.set("ties_completed_share", s.completed_share);
  week.set("ties_ended_early_share", s.early_share);
  week.set("roster_changed_share", s.roster.share());
  week.set("group_attendance", s.attendance.members.rate());
  week.set("group_attendance_by_kind/facilitator", s.attendance.facilitator.rate());
  week.set("group_attendance_by_kind/peer", s.attendance.peer.rate());
  endings_total_.completed += s.endings.completed;
  endings_total_.early += s.endings.early;
}

void SignsOfLife::summarize(const SeriesView& series, Values& summary) const {
  summary.set("ties_completed_share_total", completed_share(endings_total_));
  summary.set("ties_ended_early_total", static_cast<double>(endings_total_.early));
  double attendance_sum = 0, attendance_weeks = 0, lively_weeks = 0;
  for (const double a : series("group_attendance")) {
    if (std::isnan(a)) continue;
    attendance_sum += a;
    ++attendance_weeks;
    lively_weeks += a >= 0.8;
  }
  summary.set("mean_group_attendance",
              attendance_weeks > 0 ? attendance_sum / attendance_weeks : kNaN);
  summary.set("group_attendance_weeks_at_least_0_8_share",
              attendance_weeks > 0 ? lively_weeks / attendance_weeks : kNaN);
}

const Signs& SignsOfLife::compute(const World& world) {
  out_.endings = split_endings(world.counters.ties_ended);
  out_.completed_share = completed_share(out_.endings);
  out_.early_share = 1.0 - out_.completed_share;  // NaN stays NaN
  out_.roster = roster_churn(world.ties, world.groups, world.week(), world.people.size(), roster_);
  out_.attendance = group_attendance(world.ties, world.groups, world.week(), by_programme_);
  return out_;
}

}  // namespace mentorsim::metrics
