#pragma once
// Developmental relationships (ties) as structure-of-arrays with stable ids. A tie is created by a
// programme's matcher and ended by a reason; ended ties are removed at the end of the week.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

#include "state/ids.hpp"

namespace mentorsim {

enum class TieKind : std::uint8_t { kOneOnOne = 0, kGuide, kPeer, kReverse, kFacilitator };

// Why a tie ended. Never renumber: values reach output.
enum class EndReason : std::uint8_t {
  kNone = 0,
  kCompleted,       // reached its planned end
  kMentorLeft,      // the developer left the organisation
  kMenteeLeft,      // the learner left the organisation
  kBurnout,         // the developer burned out and shed relationships
  kReleased,        // released at a check-in
  kRematched,       // replaced by another match
  kProgrammeEnded,  // its programme ended
  kDissolved,       // ended early by its programme (e.g. a cross-group tie, homophily)
};
inline constexpr int kEndReasonCount = 9;
const char* end_reason_name(EndReason reason);

inline constexpr std::int8_t kAllZones = -1;
// TieSpec::start_week of a tie that starts in the week it is made.
inline constexpr Week kStartsThisWeek = std::numeric_limits<Week>::min();

// What a matcher asks for when it creates a tie.
struct TieSpec {
  Row developer = kNoRow;
  Row learner = kNoRow;
  TieKind kind = TieKind::kOneOnOne;
  std::uint8_t programme = 0;
  std::int8_t zone = kAllZones;       // the zone worked on, or every zone
  Week planned_end = 0;               // week at whose upkeep the tie completes
  Week start_week = kStartsThisWeek;  // or an earlier week: a relationship running at week 0
  std::uint16_t cadence_weeks = 1;
  float session_hours = 1.0f;
  float attendance = 1.0f;   // probability a scheduled session is held
  float quality = 1.0f;      // 0–1, scales transfer
  float load_weight = 1.0f;  // multiplies the developer's load (e.g. invisible labour)
  // How much of one developmental relationship this tie is, for the developer: 1 for a pair; a
  // cohort's facilitation or a pod's visits spread one relationship over the group's ties.
  float relationship_share = 1.0f;

  // A programme's request, built in one expression:
  //   TieSpec::between(mentor, learner, TieKind::kOneOnOne, index)
  //       .sessions(cadence_weeks, session_hours, attendance).with_quality(q).ending(week);
  // The setters take the configs' types (weeks as int64, hours and shares as double).
  static TieSpec between(Row developer, Row learner, TieKind kind, std::uint8_t programme) {
    TieSpec s;
    s.developer = developer;
    s.learner = learner;
    s.kind = kind;
    s.programme = programme;
    return s;
  }
  // Sessions every `cadence` weeks of `hours` hours each, held with probability `held`.
  TieSpec& sessions(std::int64_t cadence, double hours, double held) {
    cadence_weeks = static_cast<std::uint16_t>(cadence);
    session_hours = static_cast<float>(hours);
    attendance = static_cast<float>(held);
    return *this;
  }
  TieSpec& with_quality(double q) {
    quality = static_cast<float>(q);
    return *this;
  }
  TieSpec& with_load_weight(double weight) {
    load_weight = static_cast<float>(weight);
    return *this;
  }
  TieSpec& as_share_of_relationship(double share) {
    relationship_share = static_cast<float>(share);
    return *this;
  }
  TieSpec& in_zone(std::int8_t z) {
    zone = z;
    return *this;
  }
  TieSpec& ending(Week week) {
    planned_end = week;
    return *this;
  }
  TieSpec& started(Week week) {
    start_week = week;
    return *this;
  }
};

class Ties {
 public:
  TieRow size() const { return static_cast<TieRow>(id.size()); }
  TieRow append(TieId new_id, PractitionerId developer_id, PractitionerId learner_id,
                const TieSpec& spec, Week start);

  bool active(TieRow t) const {
    return end_reason[t] == static_cast<std::uint8_t>(EndReason::kNone);
  }
  // Weekly mentoring hours this tie puts on its developer.
  float weekly_load(TieRow t) const {
    return session_hours[t] / static_cast<float>(cadence_weeks[t]) * load_weight[t];
  }
  // Scheduled sessions fall on the start week and every cadence_weeks after it.
  bool scheduled(TieRow t, Week week) const {
    return week >= start_week[t] && (week - start_week[t]) % cadence_weeks[t] == 0;
  }

  // Row of tie `id`, or size() when it is no longer in the table (ended and compacted away).
  // Rows are in id order, so this is a binary search.
  TieRow find(TieId tie_id) const {
    const auto it = std::lower_bound(id.begin(), id.end(), tie_id);
    return it == id.end() || *it != tie_id ? size() : static_cast<TieRow>(it - id.begin());
  }
  // Calls f(row) for each of `ids` (ascending) still in the table, in one forward pass that
  // gallops from the previous hit: ties created together sit together, so this is near-linear
  // in ids.size() where a binary search per id would cost log(size()) cache misses each.
  template <class F>
  void for_each_row(std::span<const TieId> ids, F&& f) const {
    std::size_t from = 0;
    const std::size_t n = id.size();
    for (TieId wanted : ids) {
      std::size_t step = 1;
      while (from + step < n && id[from + step] < wanted) step *= 2;
      const auto first = id.begin() + static_cast<std::ptrdiff_t>(from + step / 2);
      const auto last = id.begin() + static_cast<std::ptrdiff_t>(std::min(n, from + step + 1));
      const auto it = std::lower_bound(first, last, wanted);
      from = static_cast<std::size_t>(it - id.begin());
      if (from == n) return;
      if (*it == wanted) f(static_cast<TieRow>(from));
    }
  }

  // Removes ended ties, keeping order (and so id order).
  void compact_ended();
  // Rewrites developer/learner rows after practitioner compaction.
  void remap_rows(const std::vector<Row>& new_row);

  std::size_t bytes_reserved() const;

  std::vector<TieId> id;
  std::vector<PractitionerId> developer_id;
  std::vector<PractitionerId> learner_id;
  std::vector<Row> developer;
  std::vector<Row> learner;
  std::vector<std::uint8_t> kind;
  std::vector<std::uint8_t> programme;
  std::vector<std::int8_t> zone;
  std::vector<std::uint8_t> end_reason;  // EndReason; kNone while active
  std::vector<std::uint8_t> held;  // a session was held this week (written by the sessions phase)
  std::vector<Week> start_week;
  std::vector<Week> planned_end;
  std::vector<std::uint16_t> cadence_weeks;
  std::vector<float> session_hours;
  std::vector<float> attendance;
  std::vector<float> quality;
  std::vector<float> load_weight;
  std::vector<float> relationship_share;
};

// Ties grouped by one endpoint (learner or developer), as compressed rows: the ties of practitioner
// row r are rows[offsets[r] .. offsets[r + 1]), in tie order. Rebuilt when ties change.
struct TieIndex {
  std::vector<std::uint32_t> offsets;
  std::vector<TieRow> rows;

  void build(const std::vector<Row>& endpoint, const std::vector<std::uint8_t>& end_reason,
             Row practitioner_count);
  std::uint32_t begin(Row r) const { return offsets[r]; }
  std::uint32_t end(Row r) const { return offsets[r + 1]; }
};

}  // namespace mentorsim
