#pragma once
// Practitioners as structure-of-arrays: one column per variable, one row per active practitioner.
// Rows are kept in increasing id order (ids are handed out increasing and never reused, and
// compaction is stable), so an id is found by binary search. Departed practitioners are removed by
// compaction, so memory follows the active population.
#include <cstdint>
#include <span>
#include <vector>

#include "state/ids.hpp"

namespace mentorsim {

// Bits of Practitioners::flags.
namespace flag {
inline constexpr std::uint8_t kSenior = 1;  // arrived skilled; can always mentor
inline constexpr std::uint8_t kCanMentor =
    2;  // eligible to develop others (seniority or reciprocity)
inline constexpr std::uint8_t kBurnedOut = 4;
inline constexpr std::uint8_t kLeaving =
    8;  // leaves this week; removed at the end of the departure phase
}  // namespace flag

// Values of Practitioners::competent_week other than a week (docs/metrics.md, "Growth").
namespace competence {
inline constexpr Week kUnobserved = -3;  // joined, not yet seen at a recording
inline constexpr Week kOnArrival = -2;   // competent at their first recording: never at risk
inline constexpr Week kNotYet = -1;      // at risk: not yet competent in every zone
}  // namespace competence
// Practitioners::first_learner_week before any learner tie.
inline constexpr Week kNeverMatched = -1;
// Practitioners::first_request_week before they first ask a programme for development.
inline constexpr Week kNeverRequested = -1;

// The week a practitioner's clocks (wait to first match, time to competence) start: the week they
// joined, or week 0 for the initial population (their tenure before the run is not simulated).
inline Week observed_from(Week joined) {
  return joined > 0 ? joined : 0;
}

class Practitioners {
 public:
  explicit Practitioners(int zones) : zones_(zones) {}

  Row size() const { return static_cast<Row>(id.size()); }
  int zones() const { return zones_; }

  // Appends a practitioner with zero skill and no flags; ids must increase.
  Row append(PractitionerId new_id, Week joined);

  // Row of `target`, or kNoRow if that practitioner is not active.
  Row find(PractitionerId target) const;

  float* skill_row(Row r) { return skill.data() + static_cast<std::size_t>(r) * zones_; }
  const float* skill_row(Row r) const {
    return skill.data() + static_cast<std::size_t>(r) * zones_;
  }
  double mean_skill(Row r) const {
    const float* s = skill_row(r);
    double total = 0;
    for (int z = 0; z < zones_; ++z) total += s[z];
    return total / zones_;
  }
  bool has(Row r, std::uint8_t bit) const { return (flags[r] & bit) != 0; }

  // Removes the rows `leaving` (increasing: exactly the rows flagged kLeaving), keeping order.
  // Returns old row -> new row (kNoRow if removed), valid until the next call (a buffer reused week
  // to week).
  const std::vector<Row>& compact_leavers(std::span<const Row> leaving);

  // Bytes held by the columns (capacity, not size), for the memory benchmark.
  std::size_t bytes_reserved() const;

  // Columns. Units: weeks for *_week, hours/week for hours, 0–6 for exhaustion, 0–1 for skill.
  std::vector<PractitionerId> id;
  std::vector<Week> joined_week;
  std::vector<std::uint8_t> group;
  std::vector<std::uint8_t> function;
  std::vector<std::uint8_t> flags;
  std::vector<std::uint8_t> practised;  // bit z: zone z was practised this week (no forgetting)
  std::vector<float> exhaustion;
  std::vector<float> available_hours;         // mentoring hours per week this person can give
  std::vector<float> load_hours;              // committed mentoring hours per week (developer side)
  std::vector<std::uint16_t> developer_ties;  // active ties in which this person develops someone
  std::vector<std::uint16_t> learner_ties;    // active ties in which this person is developed
  std::vector<Week> first_learner_week;  // week of the first learner tie ever; kNeverMatched before
  // Week they first asked a programme for development (joined a waiting list or fill list);
  // kNeverRequested before (World::note_request).
  std::vector<Week> first_request_week;
  std::vector<Week> competent_week;  // first week competent in every zone, or a competence:: value
  std::vector<float> skill;          // size() x zones, row-major
  // Departure clock: what is left of a unit-exponential hazard budget, drawn once per practitioner
  // (NaN until the first departure phase they meet); each week spends that week's hazard and the
  // practitioner leaves when it runs out (mechanisms/departure.hpp).
  std::vector<double> departure_clock;  // double: weekly hazards of 1e-4 must not round away

 private:
  int zones_;
  std::vector<Row> new_row_;  // compact_leavers' result
};

}  // namespace mentorsim
