#pragma once
// The group cohort model's class, shared by group_cohort.cpp (intake, facilitators, ties) and
// group_cohort_vitality.cpp (rhythm, presence draws, attendance, pauses) and
// group_cohort_extras.cpp (office hours and all-hands).
#include <array>
#include <span>
#include <vector>

#include "core/rng.hpp"
#include "matching/matcher.hpp"
#include "models/cohort_rhythm.hpp"
#include "models/flat_id_map.hpp"
#include "models/group_cohort.hpp"
#include "models/waiting_list.hpp"
#include "state/world.hpp"

namespace mentorsim::group_cohort {

struct Cohort {
  std::vector<PractitionerId> members;  // in waiting-list order
  std::vector<char> present;            // per member: present at the coming/last session
  bool live = true;                     // the coming/last session is held (not paused)
  bool has_facilitator = false;
  bool needs_facilitator = false;  // the facilitator shed a member (burnout): reassign
  PractitionerId facilitator = 0;
  double safety = 1.0;
  Week formed = 0;
  Week end = 0;                // planned end of its ties (graduation)
  double rhythm = 1.0;         // R (models/cohort_rhythm.hpp): 1 at formation and restart
  Week paused_until = -1;      // no sessions before this week (paused), -1 when not paused
  std::vector<double> window;  // attendance rates of the last held sessions, oldest first
  std::vector<TieId> facilitation;
  GroupId peers = 0;          // the members' peer group (state/peer_groups.hpp)
  std::vector<TieId> office;  // office-hours ties, facilitator -> member
  bool office_open = false;   // office hours are running (closed while paused or unstaffed)
};

// The last all-hands held: who was invited and who came, both in cohort-id then member order.
struct AllHands {
  Week week = -1;
  std::vector<PractitionerId> invited, present;
};

class CohortModel final : public Model {
 public:
  CohortModel(const GroupCohortConfig& config, int index)
      : config_(config), index_(static_cast<std::uint8_t>(index)) {}

  void on_join(World& world, std::span<const Row> rows, bool at_start) override;
  void on_departures(World& world) override;
  void on_tie_ended(World& world, TieRow t) override;
  void match(World& world) override;
  void upkeep(World& world) override;
  void on_end(World& world) override;
  void reconfigure(const ProgrammeConfig& programme) override {
    config_ = static_cast<const GroupCohortConfig&>(*programme.model);
  }
  std::size_t waiting_count() const override { return queue_.size(); }
  void mark_over_capacity(const World& world, std::vector<std::uint8_t>& over) const override;

  // Observables for tests: the last all-hands, and office-hours ties ended so far by EndReason.
  const AllHands& last_all_hands() const { return last_all_hands_; }
  const std::array<std::int64_t, kEndReasonCount>& office_hours_ended() const {
    return office_hours_ended_;
  }

 private:
  TieId tie(World& world, const Cohort& c, Row developer, Row learner, TieKind kind, double quality,
            double load_weight, float attendance);
  void release_facilitator(World& world, Cohort& c, bool end_ties);
  // Facilitators with room this week, in row order: computed once per match, then kept up to
  // date as cohorts take facilitators and members (a full scan per cohort was the model's cost).
  // An entry whose room runs out stays, with spare 0, and matching::fifo_pick passes over it
  // (erasing it moved the rest of the list for every cohort formed); `with_room` counts the others.
  struct OpenFacilitators {
    std::vector<matching::Candidate> rows;
    std::size_t with_room = 0;
  };
  OpenFacilitators open_facilitators(const World& world) const;
  static void take(OpenFacilitators& open, Row facilitator, bool all);
  void facilitate(World& world, Cohort& c, Row facilitator);
  void assign_facilitators(World& world, OpenFacilitators& open);
  bool form(World& world, OpenFacilitators& open);

  // group_cohort_vitality.cpp
  bool session_week(const Cohort& c, Week week) const;
  static float member_attendance(const Cohort& c, std::size_t i);
  void draw_presence(const World& world, Cohort& c, Week week) const;
  void write_attendance(World& world, const Cohort& c) const;
  RhythmRule rhythm_rule(const World& world) const;
  void prepare_session(World& world, std::uint32_t cid, Cohort& c, Week week) const;
  void record_session(const World& world, std::uint32_t cid, Cohort& c) const;

  // group_cohort_extras.cpp
  double facilitation_load_weight(std::size_t members) const;
  void open_office_hours(World& world, Cohort& c, Row facilitator);
  void close_office_hours(World& world, Cohort& c, bool end_ties);
  void reopen_office_hours(World& world);
  bool all_hands_week(const World& world) const;
  void hold_all_hands(World& world);

  GroupCohortConfig config_;
  std::uint8_t index_;
  WaitingList queue_;
  FlatIdMap<std::uint32_t, Cohort> cohorts_;  // by cohort id
  FlatIdMap<PractitionerId, std::uint32_t> member_cohort_;
  FlatIdMap<PractitionerId, std::int64_t> facilitator_cohorts_;  // facilitator: cohorts held
  std::uint32_t next_cohort_id_ = 0;
  AllHands last_all_hands_;
  std::array<std::int64_t, kEndReasonCount> office_hours_ended_{};
};

}  // namespace mentorsim::group_cohort
