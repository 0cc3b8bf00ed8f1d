#pragma once
// The constellation model's class, shared by constellation.cpp (seeking, matching, endings) and
// constellation_upkeep.cpp (missed sessions, check-ins, reflections).
#include <cstdint>
#include <map>
#include <span>
#include <vector>

#include "matching/matcher.hpp"
#include "models/constellation.hpp"
#include "state/world.hpp"

namespace mentorsim::constellation {

// A guide's role follows from who they are relative to the learner (seed 000 §6).
enum class Role : std::uint8_t { kPeer, kTechnical, kNavigator, kSenior };

struct Guide {
  TieId tie;
  PractitionerId id;
};

// One mapped development zone of a learner.
struct ZoneSlot {
  std::int8_t zone;
  std::vector<Guide> guides;  // active guide ties, in creation order
  bool listed = true;         // on the fill list: matching recruits guides for it
  Week since = 0;             // week it was (last) put on the fill list
};

struct Learner {
  Week start = 0;            // week the learner joined the programme
  bool coordinator = false;  // their constellation has a coordinator (no contradiction)
  std::vector<ZoneSlot> zones;
};

// What the model remembers about each of its ties.
struct TieInfo {
  PractitionerId learner;
  std::int8_t zone;
  std::int64_t misses = 0;  // scheduled sessions missed in a row
};

class ConstellationModel final : public Model {
 public:
  ConstellationModel(const ConstellationConfig& config, int index);

  void adopt_existing(World& world, std::span<const ExistingTie> existing) override;
  void on_join(World& world, std::span<const Row> rows, bool at_start) override;
  void on_departures(World& world) override;
  void on_tie_ended(World& world, TieRow tie) override;
  void match(World& world) override;
  void upkeep(World& world) override;
  void on_end(World& world) override;
  void reconfigure(const ProgrammeConfig& programme) override;
  std::size_t waiting_count() const override;
  void mark_over_capacity(const World& world, std::vector<std::uint8_t>& over) const override;

 private:
  // constellation.cpp
  std::vector<std::int8_t> weakest_zones(const World& world, Row r, std::size_t count,
                                         const std::vector<std::int8_t>& mapped) const;
  Role role(const World& world, Row guide, Row learner) const;
  std::int64_t cadence(Role role) const;
  double hours(Role role) const;
  bool is_guide_of(const Learner& learner, PractitionerId id) const;
  void fill_slot(World& world, PractitionerId id, Learner& learner, ZoneSlot& slot,
                 std::vector<matching::Candidate>& open, std::vector<double>& committed);
  void create_guide_tie(World& world, Row guide, Row learner_row, PractitionerId learner_id,
                        ZoneSlot& slot);
  // The tie itself, ending at `end`, started in week `start` (kStartsThisWeek: now).
  void create_guide_tie(World& world, Row guide, Row learner_row, PractitionerId learner_id,
                        ZoneSlot& slot, Week end, Week start);
  // Sets the quality of every tie of `slot`: contradiction when ≥ 2 guides and no coordinator.
  void refresh_quality(World& world, const Learner& learner, const ZoneSlot& slot) const;
  static TieRow row_of(const World& world, TieId id);

  // constellation_upkeep.cpp
  void count_missed_sessions(const World& world);
  void reflect(World& world, PractitionerId id, const Learner& learner) const;
  // Returns false when the learner has no zone left (they leave the programme).
  bool check_in(World& world, PractitionerId id, Learner& learner);
  bool stale(const World& world, Row learner_row, const ZoneSlot& slot, const Guide& g) const;

  ConstellationConfig config_;
  std::uint8_t index_;
  matching::Policy policy_;
  matching::ScoreWeights weights_;
  std::map<PractitionerId, Learner> learners_;  // id order
  std::map<TieId, TieInfo> ties_;               // this programme's active ties
  std::map<PractitionerId, int> guides_;        // guides of this programme: tie count
};

}  // namespace mentorsim::constellation
