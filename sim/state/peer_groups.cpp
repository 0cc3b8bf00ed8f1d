#include "state/peer_groups.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>

#include "state/compact.hpp"

namespace mentorsim {

GroupRow PeerGroups::append(GroupId new_id, const GroupSpec& spec, Week start,
                            std::span<const Row> rows, std::span<const PractitionerId> ids,
                            std::span<const float> member_attendance) {
  const auto g = groups();
  id.push_back(new_id);
  programme.push_back(spec.programme);
  start_week.push_back(start);
  planned_end.push_back(spec.planned_end);
  cadence_weeks.push_back(spec.cadence_weeks);
  session_hours.push_back(spec.session_hours);
  quality.push_back(spec.quality);
  held.push_back(0);
  active_count.push_back(static_cast<std::uint32_t>(rows.size()));
  memory.resize(memory.size() + static_cast<std::size_t>(zones_), 0.0f);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    group.push_back(g);
    member_id.push_back(ids[i]);
    member.push_back(rows[i]);
    attendance.push_back(member_attendance[i]);
    end_reason.push_back(static_cast<std::uint8_t>(EndReason::kNone));
    present.push_back(0);
  }
  first.push_back(memberships());
  return g;
}

GroupRow PeerGroups::find(GroupId group_id) const {
  const auto it = std::lower_bound(id.begin(), id.end(), group_id);
  return it == id.end() || *it != group_id ? groups() : static_cast<GroupRow>(it - id.begin());
}

MembershipRow PeerGroups::find_member(GroupRow g, PractitionerId wanted) const {
  for (MembershipRow m = begin(g); m < end(g); ++m)
    if (member_id[m] == wanted) return m;
  return memberships();
}

bool PeerGroups::finish(MembershipRow m, EndReason reason) {
  if (!active(m) || reason == EndReason::kNone) return false;  // kNone would end nothing
  end_reason[m] = static_cast<std::uint8_t>(reason);
  --active_count[group[m]];
  return true;
}

void PeerGroups::compact_ended() {
  const MembershipRow n = memberships();
  std::vector<Row> new_row(n, kNoRow);  // old membership row -> new one
  MembershipRow kept = 0;
  for (MembershipRow m = 0; m < n; ++m)
    if (active(m)) new_row[m] = kept++;
  if (kept == n) return;
  // Groups keep their place while any member stays; their membership ranges shrink.
  std::vector<Row> new_group(groups(), kNoRow);
  GroupRow kept_groups = 0;
  std::vector<std::uint32_t> new_first{0};
  for (GroupRow g = 0; g < groups(); ++g) {
    std::uint32_t stays = 0;
    for (MembershipRow m = begin(g); m < end(g); ++m) stays += new_row[m] != kNoRow;
    if (stays == 0) continue;
    new_group[g] = kept_groups++;
    new_first.push_back(new_first.back() + stays);
  }
  const std::vector<KeptRun> runs = kept_runs(new_row);
  const std::vector<KeptRun> group_runs = kept_runs(new_group);
  // Column by column, columns in parallel: each task streams through its own arrays.
  tbb::parallel_invoke(
      [&] {
        compact_column(group, runs);
        for (GroupRow& g : group) g = new_group[g];
        compact_column(member_id, runs);
      },
      [&] {
        compact_column(member, runs);
        compact_column(attendance, runs);
        compact_column(end_reason, runs);
        compact_column(present, runs);
      },
      [&] {
        compact_column(id, group_runs);
        compact_column(programme, group_runs);
        compact_column(start_week, group_runs);
        compact_column(planned_end, group_runs);
        compact_column(cadence_weeks, group_runs);
        compact_column(session_hours, group_runs);
        compact_column(quality, group_runs);
        compact_column(held, group_runs);
        compact_column(active_count, group_runs);
        compact_column(memory, group_runs, static_cast<std::size_t>(zones_));
      });
  first = std::move(new_first);
}

void PeerGroups::remap_rows(const std::vector<Row>& new_row) {
  // Each membership rewrites only its own row.
  tbb::parallel_for(tbb::blocked_range<MembershipRow>(0, memberships(), 4096),
                    [&](const tbb::blocked_range<MembershipRow>& range) {
                      for (MembershipRow m = range.begin(); m != range.end(); ++m)
                        member[m] = member[m] == kNoRow ? kNoRow : new_row[member[m]];
                    });
}

std::size_t PeerGroups::bytes_reserved() const {
  return id.capacity() * sizeof(GroupId) + programme.capacity() +
         (start_week.capacity() + planned_end.capacity()) * sizeof(Week) +
         cadence_weeks.capacity() * 2 + (session_hours.capacity() + quality.capacity()) * 4 +
         held.capacity() + active_count.capacity() * 4 + memory.capacity() * 4 +
         first.capacity() * 4 + group.capacity() * sizeof(GroupRow) +
         member_id.capacity() * sizeof(PractitionerId) + member.capacity() * sizeof(Row) +
         attendance.capacity() * 4 + end_reason.capacity() + present.capacity();
}

}  // namespace mentorsim
