#pragma once
// Reciprocity: a practitioner becomes able to develop others once their tenure reaches tenure_weeks
// and/or their mean skill over zones reaches skill_threshold (rule "any" or "all"). Eligibility,
// once gained, is kept. Seniors are able from the start. Switched off, only seniors ever mentor.
#include "state/world.hpp"

namespace mentorsim {

class Reciprocity {
 public:
  explicit Reciprocity(const Scenario& scenario)
      : config_(scenario.reciprocity), rule_all_(config_.rule == EligibilityRule::kAll) {}

  void apply(World& world) const;
  bool qualifies(Week tenure_weeks, double mean_skill) const;

 private:
  const ReciprocityConfig& config_;
  bool rule_all_;  // rule "all", compared once: qualifies runs for every row every week
};

}  // namespace mentorsim
