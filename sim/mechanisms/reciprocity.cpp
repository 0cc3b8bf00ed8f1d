#include "mechanisms/reciprocity.hpp"

#include <tbb/parallel_for.h>

namespace mentorsim {

bool Reciprocity::qualifies(Week tenure_weeks, double mean_skill) const {
  const bool by_tenure = config_.tenure_weeks > 0 && tenure_weeks >= config_.tenure_weeks;
  const bool by_skill = mean_skill >= config_.skill_threshold;
  return rule_all_ ? (by_tenure || config_.tenure_weeks == 0) && by_skill : by_tenure || by_skill;
}

void Reciprocity::apply(World& world) const {
  if (!config_.enabled) return;
  Practitioners& people = world.people;
  const Week week = world.week();
  tbb::parallel_for(tbb::blocked_range<Row>(0, people.size(), 1024),
                    [&](const tbb::blocked_range<Row>& range) {
                      for (Row r = range.begin(); r != range.end(); ++r) {
                        if (people.has(r, flag::kCanMentor)) continue;
                        if (qualifies(week - people.joined_week[r], people.mean_skill(r)))
                          people.flags[r] |= flag::kCanMentor;
                      }
                    });
}

}  // namespace mentorsim
