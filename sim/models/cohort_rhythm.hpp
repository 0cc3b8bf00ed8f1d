#pragma once
// A group cohort's rhythm (docs/model.md §7.12, "Rhythm and attendance"): the causes behind seed
// 001's decay of groups, "group mentorship dies when meetings become irregular. One skipped week
// becomes two. Momentum breaks" (§5), and "attendance drifts (60%, then 40%)" (§8).
//
// The rhythm R in [0, 1] is the cohort's memory of its sessions being held: after each scheduled
// session it moves a fraction w = 1/rhythm_memory of the way to 1 when the session was held and to
// 0 when it slipped. A session is held with probability
//     (1 - s) x (1 - c (1 - R)) x (1 - b),
// s the calendar's own skip chance (halved by a calendar guard), c the slip contagion (lost rhythm
// makes the next session slip too), b the extra skip chance of a burned-out facilitator (0 when
// the facilitator is not burned out). A member is present at a held session with probability
// attendance x R. So attendance is not scripted: it falls when sessions slip, whatever makes them
// slip, and climbs back when the cause goes away (for c < 1).
//
// Since the held probability is linear in R, the expected rhythm has an exact fixed point: with b
// constant, E[R'] = (1 - w) E[R] + w (1 - s)(1 - b)(1 - c + c E[R]), so E[R] tends to
//     R* = (1 - s)(1 - b)(1 - c) / (1 - c (1 - s)(1 - b)),
// and at R* the share of sessions held is R* too. For c = 1 (and s > 0) R* = 0: every cohort
// decays. These are pure functions, tested against those closed forms.
namespace mentorsim::group_cohort {

struct RhythmRule {
  double skip_chance;   // s, after any calendar guard
  double contagion;     // c
  double weight;        // w = 1 / rhythm_memory
  double burnout_skip;  // b while the facilitator is burned out
};

// Probability that a session of a cohort with rhythm `rhythm` is held.
inline double held_probability(const RhythmRule& rule, double rhythm, bool facilitator_burned_out) {
  const double b = facilitator_burned_out ? rule.burnout_skip : 0.0;
  return (1.0 - rule.skip_chance) * (1.0 - rule.contagion * (1.0 - rhythm)) * (1.0 - b);
}

// The rhythm after a scheduled session that was held or slipped.
inline double next_rhythm(const RhythmRule& rule, double rhythm, bool held) {
  return (1.0 - rule.weight) * rhythm + (held ? rule.weight : 0.0);
}

// The fixed point R* of the expected rhythm, facilitator's burnout fixed (see above).
inline double stationary_rhythm(const RhythmRule& rule, bool facilitator_burned_out) {
  const double keep =
      (1.0 - rule.skip_chance) * (facilitator_burned_out ? 1.0 - rule.burnout_skip : 1.0);
  const double denominator = 1.0 - rule.contagion * keep;
  return denominator > 0 ? keep * (1.0 - rule.contagion) / denominator : 1.0;  // s = b = 0, c = 1
}

}  // namespace mentorsim::group_cohort
