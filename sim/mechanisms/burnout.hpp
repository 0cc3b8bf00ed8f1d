#pragma once
// Load and burnout (Job Demands–Resources; exhaustion on the MBI-GS 0–6 scale).
// Load: a developer's committed mentoring hours per week, the sum over active ties of
// session_hours / cadence_weeks * load_weight. Overload o = load / available hours. Each week
//   E <- clamp(E + rise * max(0, o - 1) - recovery * max(0, 1 - o), 0, 6).
// At E >= threshold a practitioner burns out; below recovery_threshold they recover. On burning out
// a developer keeps floor(n * capacity_factor) of their n relationships (the oldest) and ends the
// rest with reason "burnout"; while burned out they skip more sessions and leave more often.
// A programme's protected-time budget (programme key protected_hours) absorbs up to that many
// hours a week of the developer's load from that programme before overload is computed.
#include <vector>

#include "state/world.hpp"

namespace mentorsim {

class Burnout {
 public:
  explicit Burnout(const Scenario& scenario);
  // Programme settings (protected hours) from `next` on (World::continue_under).
  void continue_under(const Scenario& next);

  // Needs the tie indices built this week (by the sessions phase).
  void apply(World& world);

  // One week of the exhaustion equation (exposed for tests).
  double next_exhaustion(double exhaustion, double load_hours, double available_hours) const;

 private:
  // The load that counts toward exhaustion: `load` less what protected budgets absorb.
  float counted_load(const World& world, Row r, float load) const;

  const BurnoutConfig& config_;
  std::vector<float> protected_hours_;  // by programme, hours/week
  bool any_protected_ = false;
  std::vector<std::uint8_t> newly_burned_out_;
};

}  // namespace mentorsim
