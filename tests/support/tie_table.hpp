#pragma once
// Hand-built tie and peer-group tables for the metrics that read them (roster churn, attendance,
// isolation, held hours): rows stand for practitioners, and a practitioner's id is its row (999
// for a developer or member who left, kNoRow; 998 for a learner who left).
#include <cstdint>
#include <vector>

#include "state/peer_groups.hpp"
#include "state/ties.hpp"

namespace mentorsim::testing {

struct TieTable {
  Ties ties;
  PeerGroups groups;

  // A tie as `s` says, begun in week `start`, ended for `reason` (kNone: active), its session of
  // this week held or not.
  TieRow add(const TieSpec& s, Week start, EndReason reason = EndReason::kNone, bool held = false) {
    const PractitionerId d = s.developer == kNoRow ? 999 : s.developer;
    const PractitionerId l = s.learner == kNoRow ? 998 : s.learner;
    const TieRow t = ties.append(static_cast<TieId>(ties.size()), d, l, s, start);
    ties.end_reason[t] = static_cast<std::uint8_t>(reason);
    ties.held[t] = held;
    return t;
  }
  TieRow add(Row developer, Row learner, Week start, TieKind kind = TieKind::kOneOnOne,
             EndReason reason = EndReason::kNone, std::uint8_t programme = 0,
             std::uint16_t cadence = 1, float load_weight = 1.0f, bool held = false) {
    TieSpec s = TieSpec::between(developer, learner, kind, programme);
    s.cadence_weeks = cadence;
    s.load_weight = load_weight;
    return add(s, start, reason, held);
  }

  // A peer group of `rows` as `g` says, begun in week `start`; the first members' memberships end
  // for `reasons`, and the first members are present at this week's session as `present` says.
  GroupRow group(const GroupSpec& g, Week start, const std::vector<Row>& rows,
                 const std::vector<EndReason>& reasons = {},
                 const std::vector<std::uint8_t>& present = {}) {
    std::vector<PractitionerId> ids;
    for (Row r : rows) ids.push_back(r == kNoRow ? 999 : r);
    const GroupRow row = groups.append(static_cast<GroupId>(groups.groups()), g, start, rows, ids,
                                       std::vector<float>(rows.size(), 1.0f));
    for (std::size_t i = 0; i < reasons.size(); ++i)
      groups.finish(groups.begin(row) + static_cast<MembershipRow>(i), reasons[i]);
    for (std::size_t i = 0; i < present.size(); ++i)
      groups.present[groups.begin(row) + i] = present[i];
    return row;
  }
  GroupRow group(Week start, const std::vector<Row>& rows,
                 const std::vector<EndReason>& reasons = {},
                 const std::vector<std::uint8_t>& present = {}, std::uint8_t programme = 0,
                 std::uint16_t cadence = 1) {
    GroupSpec g;
    g.programme = programme;
    g.cadence_weeks = cadence;
    g.planned_end = 1000;
    return group(g, start, rows, reasons, present);
  }
};

}  // namespace mentorsim::testing
