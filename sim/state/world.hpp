#pragma once
// The state of one run: practitioners, ties, programmes, the week and this week's counters.
// Models and mechanisms change it only through the operations below, which keep the derived
// columns (tie counts per practitioner, counters) consistent.
#include <array>
#include <memory>
#include <span>
#include <vector>

#include "core/rng.hpp"
#include "scenario/roles.hpp"
#include "scenario/scenario.hpp"
#include "state/model.hpp"
#include "state/peer_groups.hpp"
#include "state/practitioners.hpp"
#include "state/ties.hpp"

namespace mentorsim {

// Reasons a practitioner leaves. Never renumber: values reach output.
// Append only.
enum class DepartureReason : std::uint8_t { kTurnover = 0, kBurnout = 1, kShock = 2 };
inline constexpr int kDepartureReasonCount = 3;

// What happened this week; reset at the start of every week, read by the recorder.
struct WeekCounters {
  std::int64_t joins = 0;
  std::array<std::int64_t, kDepartureReasonCount> departures{};
  std::int64_t matches = 0;
  double match_wait_weeks_total = 0;  // sum of waits of this week's matches
  std::array<std::int64_t, kEndReasonCount> ties_ended{};
  std::int64_t sessions_scheduled = 0;
  std::int64_t sessions_held = 0;
  // Served demand (docs/metrics.md): practitioners asking for development for the first time who
  // were never a learner before (seekers), and the first-request weeks of the seekers given their
  // first developer this week.
  std::int64_t new_seekers = 0;
  std::vector<Week> seekers_served;

  // Zero for a new week, keeping the list's memory.
  void reset() {
    std::vector<Week> served = std::move(seekers_served);
    served.clear();
    *this = WeekCounters{};
    seekers_served = std::move(served);
  }
};

// What the outcome metrics need of a practitioner who left (docs/metrics.md, "Reach" and
// "Growth"), copied before their row is removed.
struct Departed {
  PractitionerId id;
  Week observed_from;       // observed_from(joined_week)
  Week first_learner_week;  // or kNeverMatched
  Week first_request_week;  // or kNeverRequested
  Week competent_week;      // or a competence:: value
  std::uint8_t group;
  bool senior;
};

class World {
 public:
  World(const Scenario& scenario, std::uint64_t replicate);

  const Scenario& scenario() const { return *scenario_; }
  // From this week on, the run follows `next`: the same scenario but for programme settings
  // (and a later horizon). Re-reads each programme's access and levers and hands each model its
  // new config (Model::reconfigure). `next` must outlive the world.
  void continue_under(const Scenario& next);
  StreamKey key() const { return key_; }
  Week week() const { return week_; }
  void set_week(Week week) { week_ = week; }

  // Hands out the next practitioner id (never reused).
  PractitionerId next_practitioner_id() { return next_practitioner_id_++; }
  // The id the next practitioner will get, without taking it.
  PractitionerId peek_next_practitioner_id() const { return next_practitioner_id_; }

  // Creates an active tie starting this week; keeps per-practitioner counts and the learner's
  // first_learner_week.
  TieRow create_tie(const TieSpec& spec);
  // Ends an active tie with `reason` and tells its programme. Idempotent for ended ties.
  void end_tie(TieRow tie, EndReason reason);
  // Ends the ties among `ids` (increasing) that are still in the table, in that order, then
  // clears `ids`: a programme's record of the ties it made (a cohort's facilitation, a pod's
  // visits). Rows found stay valid meanwhile: an ended tie keeps its row until the recording.
  void end_ties(std::vector<TieId>& ids, EndReason reason);
  // Counts a learner placed this week (a relationship or a place in a group) who has waited since
  // week `since`: the matches and wait_weeks_mean series.
  void note_match(Week since) {
    ++counters.matches;
    counters.match_wait_weeks_total += static_cast<double>(week_ - since);
  }
  // Notes that practitioner `id` asks a programme for development this week (joins its waiting
  // or fill list): the first time, their first_request_week and, if they were never a learner,
  // counters.new_seekers (served demand, docs/metrics.md).
  void note_request(PractitionerId id);
  // The zones row r's role needs (population.function_zones of its function): practised at work
  // every week, and the zones competence is judged in.
  ZoneMask role_zones(Row r) const { return role_masks_[people.function[r]]; }
  // Per function, the zones its role needs (role_zone_masks).
  const std::vector<ZoneMask>& role_masks() const { return role_masks_; }
  // Whether row r is below knowledge.competence_threshold in some zone of its role (not yet
  // competent).
  bool below_competence(Row r) const;
  // Ends every active tie of practitioners flagged kLeaving, in one pass in tie order
  // (developer leaving: kMentorLeft; otherwise learner leaving: kMenteeLeft).
  void end_ties_of_leavers();

  // Forms a peer group of `members` (rows, in order) starting this week, member i present at a
  // session with probability attendance[i]. Every member gains one learner and one developer link
  // per other member in learner_ties and developer_ties (as the pair ties the group stands for),
  // and a first_learner_week when there is another member. Returns the group's id.
  GroupId create_group(const GroupSpec& spec, std::span<const Row> members,
                       std::span<const float> attendance);
  // Ends one active membership with `reason`, taking its links off its member and the group's
  // other active members. Idempotent for ended memberships.
  void end_membership(MembershipRow m, EndReason reason);
  // Ends every active membership of group row g.
  void end_group(GroupRow g, EndReason reason);
  // Ends the memberships of practitioners flagged kLeaving (kMenteeLeft), in membership order.
  void end_memberships_of_leavers();

  // Rebuilds by_learner, by_developer (active ties) and by_member (active memberships): at the
  // sessions phase, and again for the recording (ties made and ended since).
  void index_ties();

  // Departure phase, before the rows flagged kLeaving are removed: copies what the outcome metrics
  // need of each of them (`leaving`: their rows, increasing) to departed(). Called once per removal
  // (shocks, then the hazard draws), so the list collects every leaver of the week.
  void note_leavers(std::span<const Row> leaving);
  // This week's leavers noted so far (empty before the first note_leavers of the week).
  std::span<const Departed> departed() const {
    return departed_week_ == week_ ? std::span<const Departed>(departed_)
                                   : std::span<const Departed>();
  }
  // Recording phase, before the recorder: sets competent_week of every practitioner, as the first
  // week all their role's zones are at or above knowledge.competence_threshold. At a practitioner's
  // first recording it becomes kOnArrival if they are competent already, else kNotYet (at risk); a
  // practitioner at risk who is competent now gets this week. Later forgetting does not undo it.
  void note_competence();

  // Effective developer capacity for a nominal one, counting burnout.
  std::int64_t effective_capacity(Row r, std::int64_t nominal) const;

  // Blended ecosystems: whether practitioner row r takes part in programme `programme` this week
  // (its function is among the programme's functions, widened at expand_week).
  // Inline, as the next two: the models' weekly scans ask it of every candidate row.
  bool takes_part(std::size_t programme, Row r) const {
    return (function_mask(programme, week_) >> people.function[r]) & 1u;
  }
  // Whether r volunteers to develop others in the programme: drawn once per practitioner and
  // programme, with the programme's volunteer share (raised by incentives).
  bool volunteers(std::size_t programme, Row r) const {
    const double share = access_[programme].volunteer_share;
    return share >= 1.0 || drawn_volunteer(programme, r, share);
  }
  // The developer capacity r offers the programme this week: effective_capacity when r takes part
  // and volunteers, else 0. Models size their developers' room with this.
  std::int64_t offered_capacity(std::size_t programme, Row r, std::int64_t nominal) const {
    return takes_part(programme, r) && volunteers(programme, r) ? effective_capacity(r, nominal)
                                                                : 0;
  }
  // What incentives add to the attendance probability of the programme's sessions (0 without).
  // World::create_tie adds it to every new tie's attendance; models drawing presence themselves
  // add it to their own probability.
  float attendance_gain(std::size_t programme) const { return access_[programme].attendance_gain; }
  // Function bit masks of the programme before and from its expand week (bit f: function f).
  std::uint32_t function_mask(std::size_t programme, Week week) const {
    const Access& a = access_[programme];
    return a.expand_week >= 0 && week >= a.expand_week ? a.expanded_functions : a.functions;
  }

  void add_model(std::unique_ptr<Model> model) { models_.push_back(std::move(model)); }
  std::vector<std::unique_ptr<Model>>& models() { return models_; }
  const std::vector<std::unique_ptr<Model>>& models() const { return models_; }
  bool programme_running(std::size_t index) const;

  Practitioners people;
  Ties ties;
  PeerGroups groups;
  TieIndex by_learner;
  TieIndex by_developer;
  TieIndex by_member;  // active memberships by member row (built with the tie indices)
  WeekCounters counters;
  std::vector<float> skill_delta;       // scratch for the knowledge phase: size() x zones
  std::vector<float> group_gain;        // scratch for the knowledge phase: memberships x zones
  std::vector<float> attention;         // scratch for the knowledge phase: by developer row, the
                                        // share of full quality each relationship gets
  std::vector<PractitionerId> leavers;  // this week's leavers in id order (departure phase)

 private:
  const Scenario* scenario_;
  StreamKey key_;
  std::vector<ZoneMask> role_masks_;  // by function
  Week week_ = 0;
  PractitionerId next_practitioner_id_ = 0;
  TieId next_tie_id_ = 0;
  GroupId next_group_id_ = 0;
  std::vector<std::unique_ptr<Model>> models_;
  struct Access {
    std::uint32_t functions;           // bit f: function f takes part
    std::uint32_t expanded_functions;  // from expand_week
    Week expand_week;                  // -1: never
    double volunteer_share;
    float attendance_gain;  // incentives: added to a new tie's attendance
  };
  std::vector<Access> access_;  // by programme
  bool drawn_volunteer(std::size_t programme, Row r, double share) const;
  // access_ from the scenario's programmes, and the models' configs.
  void read_access(const Scenario& scenario);
  // Row r gets a learner tie or a group place: the first time, its first_learner_week and, for a
  // seeker, counters.seekers_served.
  void note_first_learner(Row r);
  std::vector<Departed> departed_;  // leavers of departed_week_; reused from week to week
  Week departed_week_ = -1;
  std::vector<TieRow> ending_ties_;                // end_ties_of_leavers' scratch
  std::vector<MembershipRow> ending_memberships_;  // end_memberships_of_leavers' scratch
};

}  // namespace mentorsim
