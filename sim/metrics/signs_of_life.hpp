#pragma once
// Signs of life and decay (docs/metrics.md, "Signs of life and decay"), from the seeds: how
// relationships end (completed vs early), how often learners' rosters of developers change (a
// roster that never changes is decay, constant churn is instability) and how well group sessions
// are attended (seed 001: attendance of 80% or more is a sign of life). Sequential, in tie and row
// order; the scratch is reused week to week, so a week costs O(active population + ties in the
// table) and allocates nothing once it has peaked.
#include <array>
#include <cstdint>
#include <limits>
#include <vector>

#include "metrics/metric_group.hpp"
#include "scenario/scenario.hpp"
#include "state/peer_groups.hpp"
#include "state/ties.hpp"

namespace mentorsim {
class World;
}

namespace mentorsim::metrics {

// Relationships ended, split into completed (reached their planned end) and early (mentor left,
// burnout, released, rematched, programme ended, dissolved). Ties ended because the learner left
// the organisation (mentee_left) are in neither: the relationship could not go on whatever the
// programme did, and those departures are counted by the departure series.
struct Endings {
  std::int64_t completed = 0;
  std::int64_t early = 0;
};
Endings split_endings(const std::array<std::int64_t, kEndReasonCount>& ended);
// completed / (completed + early); NaN when no tie ended (either way).
double completed_share(const Endings& e);

// Roster churn: of the learners present at the end of the week who had an active learner tie at
// its start or at its end, how many saw their set of developers change (a developer gained or
// lost; a tie replaced by another with the same developer is no change).
struct RosterChurn {
  std::int64_t learners = 0;
  std::int64_t changed = 0;
  double share() const {  // 0 when there are no learners
    return learners > 0 ? static_cast<double>(changed) / static_cast<double>(learners) : 0.0;
  }
};
// A tie was held at the start of `week` iff start_week < week (ties ended in earlier weeks are
// compacted away) and is held at the end iff it is active. A peer group stands for a tie between
// every ordered pair of its members (each end a developer of the other): held at the start iff the
// group started before `week`, at the end iff both memberships are active. `rows` is the number of
// practitioner rows.
struct RosterScratch {
  std::vector<std::uint32_t> offsets;
  std::vector<Row> developer;       // per entry, grouped by learner
  std::vector<std::uint8_t> when;   // per entry: kBefore | kAfter
  std::vector<std::uint8_t> marks;  // per developer row
  std::vector<std::uint8_t> role;   // per learner row: learner, candidate (roster_churn)
};
RosterChurn roster_churn(const Ties& ties, const PeerGroups& groups, Week week, Row rows,
                         RosterScratch& scratch);

// Attendance of group sessions: scheduled and held counts of this week's sessions.
struct Attendance {
  std::int64_t scheduled = 0;
  std::int64_t held = 0;
  double rate() const {  // NaN when nothing was scheduled
    return scheduled > 0 ? static_cast<double>(held) / static_cast<double>(scheduled)
                         : std::numeric_limits<double>::quiet_NaN();
  }
};
struct GroupAttendance {
  Attendance facilitator;  // cohort facilitator ties: one per member and session
  Attendance peer;         // members of peer groups (cohorts, pods): one per member and session
  // Members' attendance: a programme with facilitator ties scheduled this week is read off those,
  // any other programme off its peer groups.
  Attendance members;
};
// Over the group ties that were in this week's sessions phase and scheduled (Ties::scheduled),
// with Ties::held. Group ties are only created in the matching phase, before sessions; those in
// the sessions phase are the ones still active, or ended afterwards: burnout (load_and_burnout),
// completed or programme_ended (programme_upkeep). Group ties ended with any other reason ended
// before the sessions (departure: mentor_left, mentee_left; matching: a cohort's facilitator
// replaced, released; a pod too small, dissolved) and are not counted. `by_programme` is scratch
// (facilitator and peer counts per programme index). Peer groups count likewise: the memberships of
// groups scheduled this week that were in the sessions, held when the member was present.
GroupAttendance group_attendance(const Ties& ties, const PeerGroups& groups, Week week,
                                 std::vector<std::array<Attendance, 2>>& by_programme);

struct Signs {
  Endings endings;
  double completed_share = 0;  // NaN when none ended
  double early_share = 0;      // 1 - completed_share; NaN when none ended
  RosterChurn roster;
  GroupAttendance attendance;
};

class SignsOfLife final : public MetricGroup {
 public:
  SignsOfLife() = default;
  explicit SignsOfLife(const Scenario&) {}

  static const MetricTable& declared();
  const MetricTable& table() const override { return declared(); }
  void record(const World& world, Values& week) override;
  void summarize(const SeriesView& series, Values& summary) const override;

  // Computes this week's values; the reference stays valid until the next call.
  const Signs& compute(const World& world);

 private:
  Signs out_;
  Endings endings_total_;  // over the run
  RosterScratch roster_;
  std::vector<std::array<Attendance, 2>> by_programme_;
};

}  // namespace mentorsim::metrics
