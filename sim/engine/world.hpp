#pragma once
// The state of one run: practitioners, ties, programmes, the week and this week's counters.
// Models and mechanisms change it only through the operations below, which keep the derived
// columns (tie counts per practitioner, counters) consistent.
#include <array>
#include <memory>
#include <vector>

#include "core/rng.hpp"
#include "engine/practitioners.hpp"
#include "engine/scenario.hpp"
#include "engine/ties.hpp"

namespace mentorsim {

// Reasons a practitioner leaves. Never renumber: values reach output.
enum class DepartureReason : std::uint8_t { kTurnover = 0, kBurnout = 1 };
inline constexpr int kDepartureReasonCount = 2;

// What happened this week; reset at the start of every week, read by the recorder.
struct WeekCounters {
  std::int64_t joins = 0;
  std::array<std::int64_t, kDepartureReasonCount> departures{};
  std::int64_t matches = 0;
  double match_wait_weeks_total = 0;  // sum of waits of this week's matches
  std::array<std::int64_t, kEndReasonCount> ties_ended{};
  std::int64_t sessions_scheduled = 0;
  std::int64_t sessions_held = 0;
};

class World {
 public:
  World(const Scenario& scenario, std::uint64_t replicate);

  const Scenario& scenario() const { return *scenario_; }
  StreamKey key() const { return key_; }
  Week week() const { return week_; }
  void set_week(Week week) { week_ = week; }

  // Hands out the next practitioner id (never reused).
  PractitionerId next_practitioner_id() { return next_practitioner_id_++; }

  // Creates an active tie starting this week; keeps per-practitioner counts.
  TieRow create_tie(const TieSpec& spec);
  // Ends an active tie with `reason` and tells its programme. Idempotent for ended ties.
  void end_tie(TieRow tie, EndReason reason);
  // Ends every active tie of practitioners flagged kLeaving, in one pass in tie order
  // (developer leaving: kMentorLeft; otherwise learner leaving: kMenteeLeft).
  void end_ties_of_leavers();

  // Effective developer capacity for a nominal one, counting burnout.
  std::int64_t effective_capacity(Row r, std::int64_t nominal) const;

  void add_model(std::unique_ptr<Model> model) { models_.push_back(std::move(model)); }
  std::vector<std::unique_ptr<Model>>& models() { return models_; }
  const std::vector<std::unique_ptr<Model>>& models() const { return models_; }
  bool programme_running(std::size_t index) const;

  Practitioners people;
  Ties ties;
  TieIndex by_learner;
  TieIndex by_developer;
  WeekCounters counters;
  std::vector<float> skill_delta;       // scratch for the knowledge phase: size() x zones
  std::vector<PractitionerId> leavers;  // this week's leavers in id order (departure phase)

 private:
  const Scenario* scenario_;
  StreamKey key_;
  Week week_ = 0;
  PractitionerId next_practitioner_id_ = 0;
  TieId next_tie_id_ = 0;
  std::vector<std::unique_ptr<Model>> models_;
};

}  // namespace mentorsim
