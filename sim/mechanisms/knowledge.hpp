#pragma once
// Sessions and knowledge transfer.
//  1. Sessions: a tie's session is scheduled on its start week and every cadence_weeks after; it is
//     held with the tie's attendance probability, less burnout.skip_probability while the developer
//     is burned out. Each tie writes only its own `held` flag.
//  2. Transfer: for each held session and each zone it covers, the learner closes part of the gap
//  to
//     the developer: dK = alpha * q * min(K_dev - K_learner, absorptive_gap), if the gap is
//     positive (gap-closing learning: repeated sessions give a geometric learning curve). Read from
//     the week's starting skills, summed per learner, capped at 1.
//     Peer groups (state/peer_groups.hpp): at a scheduled session of a group with two or more
//     active members, each active member is
//     present with its attendance probability (less skip_probability while burned out), and the
//     session is held when two or more are present. Every present member then learns, by the same
//     rule with the group's quality, from every other present member: the pair ties the group
//     stands for, held when both ends are there. Each group writes only its own rows.
//  3. Forgetting: a zone neither learned nor taught this week loses a share f_week of its skill
//     above forgetting_floor (what everyday work maintains), f_week = 1 - (1 - f_month)^(12/52).
#include "state/world.hpp"

namespace mentorsim {

class Knowledge {
 public:
  explicit Knowledge(const Scenario& scenario);

  // Rebuilds the tie indices, decides which sessions are held, then transfers and forgets.
  void apply(World& world) const;

  double weekly_forgetting() const { return forgetting_per_week_; }

 private:
  void hold_sessions(World& world) const;
  void hold_group_sessions(World& world) const;
  void group_gains(World& world) const;
  void transfer(World& world) const;

  const KnowledgeConfig& config_;
  bool burnout_enabled_;
  double skip_probability_;
  double forgetting_per_week_;
};

}  // namespace mentorsim
