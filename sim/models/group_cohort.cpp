// The group cohort model: a waiting list cut into cohorts once cohort_min wait, each with one
// facilitator chosen by the shared matcher (fifo); facilitator ties to every member and the
// members' peer group (load-free peer learning between every ordered pair of members), all ending
// at graduation. Presence is drawn per member for each coming session and written into the
// attendance of the cohort's ties and the members' attendance in the peer group; sessions slip
// and attendance falls as the cohort's rhythm breaks, and a cohort whose attendance stays too low
// pauses (group_cohort_vitality.cpp). Cohorts live in a model-owned table keyed by cohort id.
#include "models/group_cohort_impl.hpp"

#include <algorithm>

#include "matching/matcher.hpp"
#include "models/candidate_rows.hpp"
#include "models/seekers.hpp"

namespace mentorsim::group_cohort {

void CohortModel::on_join(World& world, std::span<const Row> rows, bool at_start) {
  for_each_seeker(world, rows, at_start ? config_.initial_seek_share : config_.seek_share,
                  flag::kSenior, index_, [&](PractitionerId id) { queue_.add(world, id); });
}

// Leavers leave the waiting list and their cohort (as member or facilitator); their ties end
// afterwards as mentor_left / mentee_left. A cohort without facilitator gets one in match().
void CohortModel::on_departures(World& world) {
  const std::vector<PractitionerId>& leavers = world.leavers;  // sorted
  queue_.drop_leavers(world);
  // Members: through their cohort (member_cohort_ names the one cohort each member is in), not a
  // search of every cohort's members. Which member leaves first does not change what remains.
  for (PractitionerId id : leavers) {
    const std::uint32_t* cid = member_cohort_.find(id);
    if (!cid) continue;
    Cohort& c = cohorts_.at(*cid);
    const auto i = std::find(c.members.begin(), c.members.end(), id) - c.members.begin();
    if (i < static_cast<std::ptrdiff_t>(c.members.size())) {
      c.members.erase(c.members.begin() + i);
      c.present.erase(c.present.begin() + i);
    }
    member_cohort_.erase(id);
  }
  // Facilitators: the cohorts are walked only in a week one of them leaves, against those few.
  // Releasing without ending ties touches only this model's bookkeeping, so cohort order does not
  // matter either.
  std::vector<PractitionerId> facilitators;
  for (PractitionerId id : leavers)
    if (facilitator_cohorts_.contains(id)) facilitators.push_back(id);
  if (!facilitators.empty())
    cohorts_.for_each([&](std::uint32_t, Cohort& c) {
      if (c.has_facilitator &&
          std::find(facilitators.begin(), facilitators.end(), c.facilitator) != facilitators.end())
        release_facilitator(world, c, false);
    });
}

void CohortModel::on_tie_ended(World& world, TieRow t) {
  const auto reason = static_cast<EndReason>(world.ties.end_reason[t]);
  if (world.ties.kind[t] == static_cast<std::uint8_t>(TieKind::kOneOnOne))  // office hours
    ++office_hours_ended_[static_cast<std::size_t>(reason)];
  if (world.ties.kind[t] != static_cast<std::uint8_t>(TieKind::kFacilitator)) return;
  if (reason == EndReason::kBurnout) {  // the facilitator shed a member: find a new one
    if (const std::uint32_t* cid = member_cohort_.find(world.ties.learner_id[t]))
      cohorts_.at(*cid).needs_facilitator = true;
    return;
  }
  if (reason != EndReason::kCompleted || !config_.rematch) return;
  const Row learner = world.ties.learner[t];
  if (learner == kNoRow || world.people.has(learner, flag::kLeaving)) return;
  if (world.below_competence(learner)) queue_.add(world, world.ties.learner_id[t]);
}

void CohortModel::match(World& world) {
  // Facilitators shed by burnout are released first, so that their room counts this week.
  cohorts_.for_each([&](std::uint32_t, Cohort& c) {
    if (c.needs_facilitator && c.has_facilitator) release_facilitator(world, c, true);
  });
  OpenFacilitators open = open_facilitators(world);
  assign_facilitators(world, open);
  reopen_office_hours(world);
  const bool calendar =
      config_.intake_every_weeks > 0 && world.week() % config_.intake_every_weeks == 0;
  while (static_cast<std::int64_t>(queue_.size()) >= config_.cohort_min ||
         (calendar && queue_.size() >= 3)) {
    if (!form(world, open)) break;
  }
}

// Per cohort: graduation, or this week's session recorded (vitality), office hours closed while
// paused, and next week's presence drawn. Recording and drawing read the world and write only the
// cohort and its own ties' and members' attendance, so they run for all cohorts side by side; the
// steps that end ties (and so call back into models) run in between, in cohort order. No cohort's
// steps read what another's change, so this is the order cohort by cohort would give.
void CohortModel::upkeep(World& world) {
  const Week w = world.week();
  if (config_.all_hands && all_hands_week(world)) hold_all_hands(world);
  const auto graduates = [&](const Cohort& c) { return w >= c.end || c.members.empty(); };
  cohorts_.parallel_for_each([&](std::uint32_t cid, Cohort& c) {
    if (!graduates(c) && session_week(c, w)) record_session(world, cid, c);
  });
  cohorts_.for_each([&](std::uint32_t cid, Cohort& c) {
    if (graduates(c)) {  // graduated (ties ended) or emptied
      if (c.has_facilitator) release_facilitator(world, c, true);
      const GroupRow g = world.groups.find(c.peers);  // gone when graduation ended it
      if (g < world.groups.groups()) world.end_group(g, EndReason::kDissolved);
      for (PractitionerId id : c.members) member_cohort_.erase(id);
      cohorts_.erase(cid);  // allowed while walking: the entry is only marked
      return;
    }
    if (c.office_open && c.paused_until > w) close_office_hours(world, c, true);  // paused
  });
  cohorts_.parallel_for_each([&](std::uint32_t cid, Cohort& c) {
    if (session_week(c, w + 1)) prepare_session(world, cid, c, w + 1);
  });
}

void CohortModel::on_end(World&) {
  queue_.clear();
  cohorts_.clear();
  member_cohort_.clear();
  facilitator_cohorts_.clear();
}

// Facilitators holding more cohorts than facilitator_capacity.
void CohortModel::mark_over_capacity(const World& world, std::vector<std::uint8_t>& over) const {
  facilitator_cohorts_.for_each([&](PractitionerId id, std::int64_t cohorts) {
    if (cohorts <= config_.facilitator_capacity) return;
    const Row r = world.people.find(id);
    if (r != kNoRow) over[r] = 1;
  });
}

TieId CohortModel::tie(World& world, const Cohort& c, Row developer, Row learner, TieKind kind,
                       double quality, double load_weight, float attendance) {
  const TieRow t = world.create_tie(
      TieSpec::between(developer, learner, kind, index_)
          .sessions(config_.cadence_weeks, config_.session_hours, attendance)
          .with_quality(quality)
          .with_load_weight(load_weight)
          .as_share_of_relationship(  // a cohort is one relationship
              kind == TieKind::kFacilitator
                  ? 1.0 / static_cast<double>(std::max<std::size_t>(c.members.size(), 1))
                  : 1.0)
          .ending(c.end));
  // Attendance here is the member's drawn presence (incentives already raised its chance), not
  // a probability for World::create_tie to raise again.
  world.ties.attendance[t] = attendance;
  return world.ties.id[t];
}

// Ends the facilitator's ties and office hours (unless the facilitator is leaving: the engine
// ends them).
void CohortModel::release_facilitator(World& world, Cohort& c, bool end_ties) {
  if (end_ties) world.end_ties(c.facilitation, EndReason::kReleased);
  c.facilitation.clear();
  close_office_hours(world, c, end_ties);
  std::int64_t* held = facilitator_cohorts_.find(c.facilitator);
  if (held && --*held == 0) facilitator_cohorts_.erase(c.facilitator);
  c.has_facilitator = false;
  c.needs_facilitator = false;
}

// Facilitators with room: mentors taking part in the programme and in no cohort (as members).
CohortModel::OpenFacilitators CohortModel::open_facilitators(const World& world) const {
  OpenFacilitators open;
  open.rows = free_developers(world, index_, flag::kCanMentor, member_cohort_, facilitator_cohorts_,
                              config_.facilitator_capacity);
  open.with_room = open.rows.size();  // free_developers lists only rows with room
  return open;
}

// One cohort's worth of room less in `open` for `facilitator` (a cohort taken), or all of it
// (`all`: a membership taken).
void CohortModel::take(OpenFacilitators& open, Row facilitator, bool all) {
  const auto it = std::lower_bound(open.rows.begin(), open.rows.end(), facilitator,
                                   [](const matching::Candidate& c, Row r) { return c.row < r; });
  if (it == open.rows.end() || it->row != facilitator || it->spare <= 0) return;
  it->spare = all ? 0 : it->spare - 1;
  if (it->spare == 0) --open.with_room;
}

// Facilitator ties to every member, load shared among them (with the all-hands' share), attendance
// from the drawn presence; then the members' office hours with this facilitator.
void CohortModel::facilitate(World& world, Cohort& c, Row facilitator) {
  c.has_facilitator = true;
  c.facilitator = world.people.id[facilitator];
  ++facilitator_cohorts_[c.facilitator];
  const double share = facilitation_load_weight(c.members.size());
  for (std::size_t i = 0; i < c.members.size(); ++i)
    c.facilitation.push_back(tie(world, c, facilitator, world.people.find(c.members[i]),
                                 TieKind::kFacilitator, config_.quality_base, share,
                                 member_attendance(c, i)));
  open_office_hours(world, c, facilitator);
}

// Cohorts whose facilitator left or burned out get a new one, only in a session week so that
// the new ties share the cohort's calendar.
void CohortModel::assign_facilitators(World& world, OpenFacilitators& open) {
  cohorts_.for_each([&](std::uint32_t, Cohort& c) {
    if (open.with_room == 0) return;
    if (c.has_facilitator || c.members.empty() || !session_week(c, world.week())) return;
    // Fifo, for the member who waited longest: not a member of the cohort themselves.
    const Row first = world.people.find(c.members.front());
    const std::optional<Row> facilitator =
        matching::fifo_pick(open.rows, {&first, 1}, config_.facilitator_capacity);
    if (!facilitator) return;
    facilitate(world, c, *facilitator);
    take(open, *facilitator, false);
  });
}

// One cohort from the front of the waiting list, if a facilitator is free; otherwise the
// learners stay on the list. Returns whether a cohort formed.
bool CohortModel::form(World& world, OpenFacilitators& open) {
  if (open.with_room == 0) return false;
  const auto n = static_cast<std::size_t>(
      std::min<std::int64_t>(config_.cohort_size, static_cast<std::int64_t>(queue_.size())));
  std::vector<Row> member_rows;
  for (std::size_t i = 0; i < n; ++i) member_rows.push_back(world.people.find(queue_[i].id));
  // Fifo for the cohort, whose own members cannot facilitate it.
  const std::optional<Row> facilitator =
      matching::fifo_pick(open.rows, member_rows, config_.facilitator_capacity);
  if (!facilitator) return false;
  take(open, *facilitator, false);
  // Members are in a cohort now: no longer free to facilitate.
  for (Row r : member_rows) take(open, r, true);
  const std::uint32_t cid = next_cohort_id_++;
  Cohort& c = cohorts_[cid];
  c.formed = world.week();
  c.end = world.week() + static_cast<Week>(config_.cohort_weeks) - 1;
  const double u = uniform01(world.key(), cid, world.week(), Purpose::kCohortSafety, index_);
  c.safety = config_.safety_min + (config_.safety_max - config_.safety_min) * u;
  for (std::size_t i = 0; i < n; ++i) {
    const Waiting w = queue_.take_front();
    c.members.push_back(w.id);
    member_cohort_[w.id] = cid;
    world.note_match(w.since);  // one per member placed
  }
  draw_presence(world, c, world.week());
  facilitate(world, c, *facilitator);
  GroupSpec spec;
  spec.programme = index_;
  spec.planned_end = c.end;
  spec.cadence_weeks = static_cast<std::uint16_t>(config_.cadence_weeks);
  spec.session_hours = static_cast<float>(config_.session_hours);
  spec.quality = static_cast<float>(config_.quality_base * c.safety);
  std::vector<float> attendance;
  for (std::size_t i = 0; i < n; ++i) attendance.push_back(member_attendance(c, i));
  c.peers = world.create_group(spec, member_rows, attendance);
  return true;
}

}  // namespace mentorsim::group_cohort

namespace mentorsim {

std::unique_ptr<Model> make_group_cohort_model(const ProgrammeConfig& programme,
                                               int programme_index) {
  return std::make_unique<group_cohort::CohortModel>(
      static_cast<const GroupCohortConfig&>(*programme.model), programme_index);
}

}  // namespace mentorsim
