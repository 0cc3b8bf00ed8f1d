// Roster churn (signs_of_life.hpp): which learners' sets of developers changed this week. Only the
// learners holding an entry (a tie or a peer-group pair) that is held at one end of the week only
// can have a changed roster; their entries are grouped by learner and compared developer by
// developer. tests/unit/test_metrics_reference.cpp checks it against a plain set comparison.
#include "metrics/signs_of_life.hpp"

namespace mentorsim::metrics {

namespace {

constexpr std::uint8_t kBefore = 1, kAfter = 2, kBoth = kBefore | kAfter;  // when held
constexpr std::uint8_t kLearner = 1, kCandidate = 2;                       // a row's role

// When the entries of this week's tables are held: at the week's start (kBefore), at its end
// (kAfter). A tie is held at the start iff start_week < week (ties ended in earlier weeks are
// compacted away) and at the end iff it is active. A peer group's pair (learner m, developer o) is
// held at the start iff the group started before `week`, at the end iff both memberships are
// active. Rows at or past `rows`, and kNoRow, are practitioners who left this week.
struct Held {
  const Ties& ties;
  const PeerGroups& groups;
  Week week;
  Row rows;

  std::uint8_t tie(TieRow t) const {
    return static_cast<std::uint8_t>((ties.start_week[t] < week ? kBefore : 0) |
                                     (ties.active(t) ? kAfter : 0));
  }
  bool tie_counts(TieRow t) const {
    return ties.learner[t] != kNoRow && ties.learner[t] < rows && tie(t) != 0;
  }
  bool present(MembershipRow m) const {
    return groups.member[m] != kNoRow && groups.member[m] < rows;
  }
  std::uint8_t pair(GroupRow g, MembershipRow m, MembershipRow o) const {
    return static_cast<std::uint8_t>((groups.start_week[g] < week ? kBefore : 0) |
                                     (groups.active(m) && groups.active(o) ? kAfter : 0));
  }
};

// Which rows are learners (hold an entry held at the start or the end of the week) and which are
// candidates (hold an entry held at one end only). Every entry of a learner who is not a candidate
// is held at both ends, so its roster is the same.
void mark_roles(const Held& held, std::vector<std::uint8_t>& role) {
  role.assign(held.rows, 0);
  const Ties& ties = held.ties;
  for (TieRow t = 0; t < ties.size(); ++t)
    if (held.tie_counts(t))
      role[ties.learner[t]] |=
          static_cast<std::uint8_t>(kLearner | (held.tie(t) != kBoth ? kCandidate : 0));
  // A group's pairs from its counts, without walking them: begun before this week, member m has a
  // pair with every other membership in the table (held at the start, and at the end iff both are
  // active), so it is a learner when there is another membership and a candidate when any
  // membership ended this week; begun this week, its pairs are held at the end only, one with each
  // other active member when m is active.
  const PeerGroups& groups = held.groups;
  for (GroupRow g = 0; g < groups.groups(); ++g) {
    const std::uint32_t size = groups.end(g) - groups.begin(g);
    const std::uint32_t active = groups.active_members(g);
    const bool before = groups.start_week[g] < held.week;
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) {
      if (!held.present(m)) continue;
      std::uint8_t r = 0;
      if (before) {
        if (size >= 2) r = active < size ? kLearner | kCandidate : kLearner;
      } else if (groups.active(m) && active >= 2) {
        r = kLearner | kCandidate;
      }
      role[groups.member[m]] |= r;
    }
  }
}

// Calls put(learner, developer, when) for every entry of a candidate: ties in tie order, then each
// group's pairs in group order.
template <class Put>
void each_candidate_entry(const Held& held, const std::vector<std::uint8_t>& role, Put&& put) {
  const auto candidate = [&](Row l) { return (role[l] & kCandidate) != 0; };
  const Ties& ties = held.ties;
  for (TieRow t = 0; t < ties.size(); ++t)
    if (held.tie_counts(t) && candidate(ties.learner[t]))
      put(ties.learner[t], ties.developer[t], held.tie(t));
  const PeerGroups& groups = held.groups;
  for (GroupRow g = 0; g < groups.groups(); ++g)
    for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m)
      if (held.present(m) && candidate(groups.member[m]))
        for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o) {
          const std::uint8_t when = o != m ? held.pair(g, m, o) : 0;
          if (when != 0) put(groups.member[m], groups.member[o], when);
        }
}

// The candidates' entries (developer, when) grouped by learner row: a counting sort into
// scratch.offsets, .developer and .when.
void group_by_learner(const Held& held, RosterScratch& scratch) {
  const Row rows = held.rows;
  std::vector<std::uint32_t>& offsets = scratch.offsets;
  offsets.assign(static_cast<std::size_t>(rows) + 1, 0);
  each_candidate_entry(held, scratch.role, [&](Row l, Row, std::uint8_t) { ++offsets[l + 1]; });
  for (Row r = 0; r < rows; ++r) offsets[r + 1] += offsets[r];
  scratch.developer.resize(offsets[rows]);
  scratch.when.resize(offsets[rows]);
  each_candidate_entry(held, scratch.role, [&](Row l, Row d, std::uint8_t when) {
    const std::uint32_t i = offsets[l]++;
    scratch.developer[i] = d;
    scratch.when[i] = when;
  });
  for (Row r = rows; r > 0; --r) offsets[r] = offsets[r - 1];  // undo the fill's advance
  offsets[0] = 0;
}

// Whether candidate l's roster changed: some developer held at one end only, or one who left.
bool roster_changed(Row l, Row rows, RosterScratch& scratch) {
  std::vector<std::uint8_t>& marks = scratch.marks;  // developer row -> when, over l's entries
  const std::uint32_t first = scratch.offsets[l], last = scratch.offsets[l + 1];
  bool changed = false;
  for (std::uint32_t i = first; i < last; ++i) {
    const Row d = scratch.developer[i];
    if (d == kNoRow || d >= rows) {  // the developer left this week: a developer lost
      changed = true;
      continue;
    }
    marks[d] |= scratch.when[i];
  }
  for (std::uint32_t i = first; i < last; ++i) {  // read each developer once, then clear
    const Row d = scratch.developer[i];
    if (d == kNoRow || d >= rows) continue;
    changed = changed || (marks[d] != 0 && marks[d] != kBoth);
    marks[d] = 0;
  }
  return changed;
}

}  // namespace

RosterChurn roster_churn(const Ties& ties, const PeerGroups& groups, Week week, Row rows,
                         RosterScratch& scratch) {
  const Held held{ties, groups, week, rows};
  mark_roles(held, scratch.role);
  group_by_learner(held, scratch);
  scratch.marks.assign(rows, 0);
  RosterChurn out;
  for (Row l = 0; l < rows; ++l) {
    out.learners += (scratch.role[l] & kLearner) != 0;
    if (scratch.role[l] & kCandidate) out.changed += roster_changed(l, rows, scratch);
  }
  return out;
}

}  // namespace mentorsim::metrics
