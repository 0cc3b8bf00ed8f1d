#include "state/world.hpp"

#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cmath>

#include "core/blocks.hpp"

namespace mentorsim {

namespace {

// Bits of the named functions; every function when `names` is empty.
std::uint32_t mask_of(const std::vector<std::string>& names, const std::vector<std::string>& all) {
  if (names.empty()) return (std::uint32_t{1} << all.size()) - 1u;
  std::uint32_t mask = 0;
  for (const std::string& name : names)
    mask |= std::uint32_t{1} << static_cast<unsigned>(std::find(all.begin(), all.end(), name) -
                                                      all.begin());
  return mask;
}

}  // namespace

World::World(const Scenario& scenario, std::uint64_t replicate)
    : people(static_cast<int>(scenario.population.zones.size())),
      groups(static_cast<int>(scenario.population.zones.size())),
      scenario_(&scenario),
      key_{static_cast<std::uint64_t>(scenario.meta.seed), replicate},
      role_masks_(role_zone_masks(scenario.population)) {
  read_access(scenario);
}

void World::continue_under(const Scenario& next) {
  scenario_ = &next;
  read_access(next);
}

void World::read_access(const Scenario& scenario) {
  access_.clear();
  const std::vector<std::string>& functions = scenario.population.function_names;
  for (const ProgrammeConfig& programme : scenario.programmes) {
    const ProgrammeCommon& c = programme.common;
    const std::uint32_t before = mask_of(c.functions, functions);
    access_.push_back({before, before | mask_of(c.expand_functions, functions),
                       static_cast<Week>(c.expand_week), c.effective_volunteer_share(),
                       static_cast<float>(c.incentives ? c.incentive_attendance_gain : 0.0)});
  }
  for (std::size_t i = 0; i < models_.size(); ++i) models_[i]->reconfigure(scenario.programmes[i]);
}

TieRow World::create_tie(const TieSpec& spec) {
  TieSpec with_levers = spec;
  with_levers.attendance =
      std::min(1.0f, spec.attendance + access_[spec.programme].attendance_gain);
  const TieRow t =
      ties.append(next_tie_id_++, people.id[spec.developer], people.id[spec.learner], with_levers,
                  spec.start_week == kStartsThisWeek ? week_ : spec.start_week);
  ++people.developer_ties[spec.developer];
  ++people.learner_ties[spec.learner];
  note_first_learner(spec.learner);
  return t;
}

void World::end_tie(TieRow t, EndReason reason) {
  if (!ties.active(t)) return;
  ties.end_reason[t] = static_cast<std::uint8_t>(reason);
  ++counters.ties_ended[static_cast<std::size_t>(reason)];
  if (ties.developer[t] != kNoRow) --people.developer_ties[ties.developer[t]];
  if (ties.learner[t] != kNoRow) --people.learner_ties[ties.learner[t]];
  models_[ties.programme[t]]->on_tie_ended(*this, t);
}

void World::end_ties_of_leavers() {
  // The ties are found side by side, then ended in tie (id) order, so programmes hear of endings
  // deterministically.
  gather_where(
      ties.size(),
      [&](TieRow t) {
        return ties.active(t) && (people.has(ties.developer[t], flag::kLeaving) ||
                                  people.has(ties.learner[t], flag::kLeaving));
      },
      ending_ties_);
  for (TieRow t : ending_ties_)
    end_tie(t, people.has(ties.developer[t], flag::kLeaving) ? EndReason::kMentorLeft
                                                             : EndReason::kMenteeLeft);
}

GroupId World::create_group(const GroupSpec& spec, std::span<const Row> members,
                            std::span<const float> attendance) {
  std::vector<PractitionerId> ids;
  ids.reserve(members.size());
  for (Row r : members) ids.push_back(people.id[r]);
  const GroupId group_id = next_group_id_++;
  groups.append(group_id, spec, week_, members, ids, attendance);
  const auto others = static_cast<std::uint16_t>(members.size() - 1);
  if (members.size() < 2) return group_id;
  for (Row r : members) {
    people.developer_ties[r] += others;
    people.learner_ties[r] += others;
    note_first_learner(r);
  }
  return group_id;
}

void World::end_membership(MembershipRow m, EndReason reason) {
  if (!groups.finish(m, reason)) return;
  const GroupRow g = groups.group[m];
  std::uint16_t others = 0;
  for (MembershipRow o = groups.begin(g); o < groups.end(g); ++o) {
    if (!groups.active(o)) continue;
    ++others;
    const Row r = groups.member[o];
    --people.developer_ties[r];
    --people.learner_ties[r];
  }
  const Row r = groups.member[m];
  if (r == kNoRow) return;
  people.developer_ties[r] -= others;
  people.learner_ties[r] -= others;
}

void World::end_group(GroupRow g, EndReason reason) {
  for (MembershipRow m = groups.begin(g); m < groups.end(g); ++m) end_membership(m, reason);
}

void World::end_memberships_of_leavers() {
  gather_where(
      groups.memberships(),
      [&](MembershipRow m) {
        return groups.active(m) && people.has(groups.member[m], flag::kLeaving);
      },
      ending_memberships_);
  for (MembershipRow m : ending_memberships_) end_membership(m, EndReason::kMenteeLeft);
}

void World::index_ties() {
  const Row n = people.size();
  tbb::parallel_invoke([&] { by_learner.build(ties.learner, ties.end_reason, n); },
                       [&] { by_developer.build(ties.developer, ties.end_reason, n); },
                       [&] { by_member.build(groups.member, groups.end_reason, n); });
}

void World::note_request(PractitionerId id) {
  const Row r = people.find(id);
  if (r == kNoRow || people.first_request_week[r] != kNeverRequested) return;
  people.first_request_week[r] = week_;
  // A seeker: asked before ever being a learner.
  counters.new_seekers += people.first_learner_week[r] == kNeverMatched;
}

void World::note_first_learner(Row r) {
  if (people.first_learner_week[r] != kNeverMatched) return;
  people.first_learner_week[r] = week_;
  if (people.first_request_week[r] != kNeverRequested)
    counters.seekers_served.push_back(people.first_request_week[r]);
}

void World::note_leavers(std::span<const Row> leaving) {
  if (departed_week_ != week_) {
    departed_.clear();
    departed_week_ = week_;
  }
  for (Row r : leaving)
    departed_.push_back({people.id[r], observed_from(people.joined_week[r]),
                         people.first_learner_week[r], people.first_request_week[r],
                         people.competent_week[r], people.group[r], people.has(r, flag::kSenior)});
}

void World::note_competence() {
  const double threshold = scenario_->knowledge.competence_threshold;  // as competent_share
  const int zones = people.zones();
  // Each row writes only its own competent_week.
  tbb::parallel_for(tbb::blocked_range<Row>(0, people.size(), 4096),
                    [&](const tbb::blocked_range<Row>& range) {
                      for (Row r = range.begin(); r != range.end(); ++r) {
                        Week& state = people.competent_week[r];
                        if (state != competence::kUnobserved && state != competence::kNotYet)
                          continue;
                        const float* s = people.skill_row(r);
                        const unsigned role = role_zones(r);
                        bool competent = true;
                        for (int z = 0; z < zones && competent; ++z)
                          competent = !((role >> z) & 1u) || static_cast<double>(s[z]) >= threshold;
                        if (state == competence::kUnobserved)
                          state = competent ? competence::kOnArrival : competence::kNotYet;
                        else if (competent)
                          state = week_;
                      }
                    });
}

void World::end_ties(std::vector<TieId>& ids, EndReason reason) {
  ties.for_each_row(ids, [&](TieRow t) { end_tie(t, reason); });
  ids.clear();
}

bool World::below_competence(Row r) const {
  const double threshold = scenario_->knowledge.competence_threshold;
  const float* skill = people.skill_row(r);
  const unsigned role = role_zones(r);
  for (int z = 0; z < people.zones(); ++z)
    if (((role >> z) & 1u) && skill[z] < threshold) return true;
  return false;
}

std::int64_t World::effective_capacity(Row r, std::int64_t nominal) const {
  if (!people.has(r, flag::kBurnedOut) || !scenario_->burnout.enabled) return nominal;
  return static_cast<std::int64_t>(
      std::floor(static_cast<double>(nominal) * scenario_->burnout.capacity_factor));
}

bool World::drawn_volunteer(std::size_t programme, Row r, double share) const {
  // Week 0 of the stream: one lasting disposition per practitioner and programme.
  return uniform01(key_, people.id[r], 0, Purpose::kVolunteers, programme) < share;
}

bool World::programme_running(std::size_t index) const {
  const auto& common = scenario_->programmes[index].common;
  return week_ >= common.start_week && (common.end_week < 0 || week_ < common.end_week);
}

}  // namespace mentorsim
