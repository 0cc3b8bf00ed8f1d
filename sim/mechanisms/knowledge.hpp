#pragma once
// Sessions, experience, knowledge transfer, learning by teaching and forgetting (docs/model.md
// §7.3).
//  1. Sessions: a tie's session is scheduled on its start week and every cadence_weeks after; it is
//     held with the tie's attendance probability, less burnout.skip_probability while the developer
//     is burned out. Each tie writes only its own `held` flag.
//  2. Transfer: for each held session and each zone it covers, the learner closes part of the gap
//     to the developer: dK = alpha * q * min(K_dev - K_learner, absorptive_gap), if the gap is
//     positive (gap-closing learning: repeated sessions give a geometric learning curve). Read from
//     the week's starting skills, summed per learner, capped at 1.
//     Peer groups (state/peer_groups.hpp): at a scheduled session of a group with two or more
//     active members, each active member is
//     present with its attendance probability (less skip_probability while burned out), and the
//     session is held when two or more are present. Every present member then learns, by the same
//     rule with the group's quality, from every other present member: the pair ties the group
//     stands for, held when both ends are there. Each group writes only its own rows.
//     The group's commons: a present member also learns, by the same rule, from the group's
//     memory in each zone, as from one more member; the memory halves every
//     group_memory_half_life_weeks and, after a held session, is at least group_memory_share x
//     the best present member's skill, so part of what a leaver knew stays with the group.
//  3. Teaching: the developer of a held session gains teaching_share of what it transfers to the
//     learner, in the zones it covers (in a peer group, of what each other present member learns
//     from them).
//  4. Experience: in each zone of a practitioner's role (population.function_zones) skill closes a
//     share k = 1 - 0.5^(1/experience_half_life_weeks) of the gap to experience_ceiling every
//     week, added to what sessions gave: K' = min(1, K + dK + k max(0, c - K)).
//  5. Forgetting with disuse: a zone neither in the role nor learned or taught this week loses a
//     share f_week of its skill above forgetting_floor, f_week = 1 - (1 - f_month)^(12/52).
#include "state/world.hpp"

namespace mentorsim {

class Knowledge {
 public:
  explicit Knowledge(const Scenario& scenario);

  // Rebuilds the tie indices, decides which sessions are held, then transfers and forgets.
  void apply(World& world) const;

  double weekly_forgetting() const { return forgetting_per_week_; }
  // k: the share of the gap to experience_ceiling closed per week in a role's zone (0: off).
  double weekly_experience() const { return experience_per_week_; }

 private:
  void hold_sessions(World& world) const;
  void hold_group_sessions(World& world) const;
  void group_gains(World& world) const;  // also ages and raises each group's memory
  void transfer(World& world) const;

  const KnowledgeConfig& config_;
  bool burnout_enabled_;
  double skip_probability_;
  double forgetting_per_week_;
  double experience_per_week_;
  double memory_keep_per_week_;  // the group memory's weekly factor, 0.5^(1/half-life); 0: off
};

}  // namespace mentorsim
