// Office hours and all-hands of group cohorts (seed 001 §4: "Establish optional one-on-one office
// hours (30 minutes/month per mentee) ... Hold quarterly all-hands reflection where the whole
// community makes meaning together").
//
// Office hours are ordinary ties (kind one_on_one), facilitator -> member, beside the cohort's
// facilitator ties: the generic sessions, transfer, load and burnout phases run them. They take no
// cohort seat (capacity is counted in cohorts held, never in ties) and end with the member's
// cohort tie: at graduation (completed), when either side leaves (mentor_left / mentee_left), when
// the facilitator is replaced or the cohort pauses (released). They reopen at the first session
// week after a pause or with a new facilitator. Their load weight is the attendance probability:
// a facilitator spends only the slots members take.
//
// The all-hands is not a tie: it gathers every member of every cohort of the programme (paused
// cohorts too) and their facilitators, in the programme's upkeep of every all_hands_every_weeks-th
// week from its start. Each member attends with probability all_hands_attendance; an attendee
// closes its gap toward the facilitators' mean skill per zone with the knowledge phase's rule. Its
// hours reach facilitators' load spread over the interval, through their cohort ties' weight.
#include <algorithm>
#include <set>
#include <vector>

#include "models/group_cohort_impl.hpp"

namespace mentorsim::group_cohort {

// Weight of one facilitator -> member tie of a cohort of `members`: the facilitator's load per
// cohort is session_hours / cadence_weeks (hours/week), plus
// all_hands_hours / all_hands_every_weeks when all-hands run (the engine spreads committed hours
// evenly over weeks, as it does for a biweekly session). With session_hours = 0 the ties carry no
// load, so neither does the all-hands.
double CohortModel::facilitation_load_weight(std::size_t members) const {
  const double per_member = 1.0 / static_cast<double>(members);
  const double cohort_hours_per_week =
      config_.session_hours / static_cast<double>(config_.cadence_weeks);
  if (!config_.all_hands || cohort_hours_per_week <= 0) return per_member;
  const double all_hands_per_week =
      config_.all_hands_hours / static_cast<double>(config_.all_hands_every_weeks);
  return per_member * (1.0 + all_hands_per_week / cohort_hours_per_week);
}

// One office-hours tie per member, starting this week, ending at the cohort's graduation.
void CohortModel::open_office_hours(World& world, Cohort& c, Row facilitator) {
  if (!config_.office_hours || c.office_open || c.paused_until >= 0) return;
  c.office_open = true;
  for (PractitionerId member : c.members) {
    const TieRow t = world.create_tie(
        TieSpec::between(facilitator, world.people.find(member), TieKind::kOneOnOne, index_)
            .sessions(config_.office_hours_cadence_weeks, config_.office_hours_hours,
                      config_.office_hours_attendance)
            .with_quality(config_.quality_base)
            .with_load_weight(config_.office_hours_attendance)
            // The facilitator's time with a member of the cohort they facilitate: no new
            // relationship beside the cohort's (knowledge.relationships_before_dilution).
            .as_share_of_relationship(0.0)
            .ending(c.end));
    c.office.push_back(world.ties.id[t]);
  }
}

// Ends the office-hours ties as released (unless the engine ends them: a facilitator leaving).
void CohortModel::close_office_hours(World& world, Cohort& c, bool end_ties) {
  if (end_ties) world.end_ties(c.office, EndReason::kReleased);
  c.office.clear();
  c.office_open = false;
}

// Cohorts that restarted after a pause reopen office hours in their first session week.
void CohortModel::reopen_office_hours(World& world) {
  const Week w = world.week();
  cohorts_.for_each([&](std::uint32_t, Cohort& c) {
    if (c.office_open || !c.has_facilitator || c.paused_until >= 0 || !session_week(c, w)) return;
    const Row facilitator = world.people.find(c.facilitator);
    if (facilitator != kNoRow) open_office_hours(world, c, facilitator);
  });
}

bool CohortModel::all_hands_week(const World& world) const {
  const auto start = static_cast<Week>(world.scenario().programmes[index_].common.start_week);
  return (world.week() - start) % static_cast<Week>(config_.all_hands_every_weeks) == 0;
}

// Every member of every cohort is invited; attendees close their gap toward the facilitators'
// mean skill, zone by zone: dK = transfer_rate * all_hands_quality * min(gap, absorptive_gap) for
// gap > 0, capped at 1 (model.md §7.3). The target is taken before anyone learns. Counters: one
// session scheduled per member invited and one held per member present, as a cohort session
// counts one per facilitator tie.
void CohortModel::hold_all_hands(World& world) {
  Practitioners& people = world.people;
  const int zones = people.zones();
  std::set<PractitionerId> facilitators;  // each counted once, in id order
  cohorts_.for_each([&](std::uint32_t, const Cohort& c) {
    if (c.has_facilitator) facilitators.insert(c.facilitator);
  });
  std::vector<double> target(static_cast<std::size_t>(zones), 0.0);
  double hosts = 0;
  for (PractitionerId id : facilitators) {
    const Row r = people.find(id);
    if (r == kNoRow) continue;
    for (int z = 0; z < zones; ++z) target[static_cast<std::size_t>(z)] += people.skill_row(r)[z];
    ++hosts;
  }
  const auto& knowledge = world.scenario().knowledge;
  const bool learns = knowledge.enabled && hosts > 0;
  const double rate = knowledge.transfer_rate * config_.all_hands_quality;
  for (double& t : target) t = hosts > 0 ? t / hosts : 0.0;

  const Week w = world.week();
  last_all_hands_ = AllHands{w, {}, {}};
  cohorts_.for_each([&](std::uint32_t, const Cohort& c) {
    for (PractitionerId id : c.members) {
      last_all_hands_.invited.push_back(id);
      if (uniform01(world.key(), id, w, Purpose::kAllHandsPresence, index_) >=
          config_.all_hands_attendance)
        continue;
      last_all_hands_.present.push_back(id);
      const Row r = people.find(id);
      if (!learns || r == kNoRow) continue;
      float* skill = people.skill_row(r);
      for (int z = 0; z < zones; ++z) {
        const double gap = target[static_cast<std::size_t>(z)] - skill[z];
        if (gap > 0)
          skill[z] = std::min(
              1.0f, skill[z] + static_cast<float>(rate * std::min(gap, knowledge.absorptive_gap)));
      }
    }
  });
  world.counters.sessions_scheduled += static_cast<std::int64_t>(last_all_hands_.invited.size());
  world.counters.sessions_held += static_cast<std::int64_t>(last_all_hands_.present.size());
}

}  // namespace mentorsim::group_cohort
