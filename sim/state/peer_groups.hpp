#pragma once
// Peer groups: the members of a cohort or a pod learning from one another. Inside a group every
// present member learns from every stronger present member (model.md §7.11, §7.12), which is a
// relationship between every ordered pair of members; the pairs are not stored as ties but implied
// by one group and its memberships, so a group of n costs n rows instead of n(n - 1) ties in every
// weekly pass (sessions, transfer, recording, compaction).
//
// Both tables are structure-of-arrays with stable ids. Groups are in id order; a group's
// memberships are contiguous, in the order the members were given, and groups take no new members
// after they form (members only leave), so memberships stay grouped by group through compaction.
// Ended memberships stay until the end of the week (the recorder sees this week's endings), then
// compact_ended() removes them, and the groups left without members.
#include <cstdint>
#include <span>
#include <vector>

#include "state/ids.hpp"
#include "state/ties.hpp"

namespace mentorsim {

using GroupId = std::uint64_t;
using GroupRow = std::uint32_t;       // row in the group table
using MembershipRow = std::uint32_t;  // row in the membership table

// What a model asks for when it forms a group.
struct GroupSpec {
  std::uint8_t programme = 0;
  Week planned_end = 0;  // week at whose upkeep the group completes
  std::uint16_t cadence_weeks = 1;
  float session_hours = 1.0f;
  float quality = 1.0f;  // 0–1, scales peer transfer
};

class PeerGroups {
 public:
  // `zones`: the width of the memory column (population.zones).
  explicit PeerGroups(int zones = 0) : zones_(zones) {}

  int zones() const { return zones_; }
  GroupRow groups() const { return static_cast<GroupRow>(id.size()); }
  MembershipRow memberships() const { return static_cast<MembershipRow>(member.size()); }

  // Appends a group starting in week `start` with `members` (rows and ids, in order), each present
  // at a session with probability attendance[i] (0 and 1 mean never and always, without a draw).
  GroupRow append(GroupId new_id, const GroupSpec& spec, Week start, std::span<const Row> rows,
                  std::span<const PractitionerId> ids, std::span<const float> attendance);

  // Row of group `group_id`, or groups() when it is no longer in the table.
  GroupRow find(GroupId group_id) const;
  // Membership row of practitioner `member_id` in group row g, or memberships() if none.
  MembershipRow find_member(GroupRow g, PractitionerId member_id) const;

  MembershipRow begin(GroupRow g) const { return first[g]; }
  MembershipRow end(GroupRow g) const { return first[g + 1]; }
  bool active(MembershipRow m) const {
    return end_reason[m] == static_cast<std::uint8_t>(EndReason::kNone);
  }
  std::uint32_t active_members(GroupRow g) const { return active_count[g]; }
  // Ends membership m (if active) with `reason`, keeping active_count; returns whether it was
  // active.
  bool finish(MembershipRow m, EndReason reason);
  // Sessions fall on the start week and every cadence_weeks after it, up to the planned end.
  bool scheduled(GroupRow g, Week week) const {
    return week >= start_week[g] && week <= planned_end[g] &&
           (week - start_week[g]) % cadence_weeks[g] == 0;
  }

  // The group's commons (docs/model.md §7.3): its memory per zone, skill 0–1.
  float* memory_row(GroupRow g) { return memory.data() + static_cast<std::size_t>(g) * zones_; }
  const float* memory_row(GroupRow g) const {
    return memory.data() + static_cast<std::size_t>(g) * zones_;
  }

  // Removes ended memberships and groups left without any, keeping order.
  void compact_ended();
  // Rewrites member rows after practitioner compaction.
  void remap_rows(const std::vector<Row>& new_row);

  std::size_t bytes_reserved() const;

  // Groups.
  std::vector<GroupId> id;
  std::vector<std::uint8_t> programme;
  std::vector<Week> start_week;
  std::vector<Week> planned_end;
  std::vector<std::uint16_t> cadence_weeks;
  std::vector<float> session_hours;
  std::vector<float> quality;
  std::vector<std::uint8_t> held;  // this week's session held: scheduled, 2+ members present
  std::vector<std::uint32_t> active_count;  // active memberships (kept by finish())
  std::vector<float> memory;  // groups() x zones, row-major: the commons, 0 when the group forms
  std::vector<std::uint32_t> first{
      0};  // groups() + 1 entries: memberships of g: [first[g], first[g+1])

  // Memberships.
  std::vector<GroupRow> group;  // the membership's group row (rewritten by compaction)
  std::vector<PractitionerId> member_id;
  std::vector<Row> member;
  std::vector<float> attendance;         // probability of being present at a session
  std::vector<std::uint8_t> end_reason;  // EndReason; kNone while active
  std::vector<std::uint8_t> present;     // present at this week's session (sessions phase)

 private:
  int zones_;
};

}  // namespace mentorsim
