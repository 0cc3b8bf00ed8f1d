#pragma once
// Counter-based random numbers: every draw is a pure function of
// (seed, replicate, entity id, week, purpose, k), computed with Random123's Philox4x64-10.
// No generator state exists anywhere, so results cannot depend on thread count, scheduling
// or the order in which entities are visited. A new random decision gets a new Purpose.
#include <Random123/philox.h>

#include <cstdint>

namespace mentorsim {

// One tag per random decision in the model. Never renumber: values reach results.
enum class Purpose : std::uint64_t {
  kInitialSkill = 1,
  kGroupLabel = 2,
  kFunctionLabel = 3,
  kSeniority = 4,
  kArrivals = 5,
  kDeparture = 6,
  kSeeksMentor = 8,
  kRelationshipDuration = 9,
  kAttendance = 10,
  kMatchCandidates = 11,
  kAvailableHours = 13,
  kMatchRandom = 14,     // matching::Policy::kRandom: the candidate a seeker gets
  kTieDissolve = 15,     // one-on-one homophily: a cross-group tie ends early this week
  kPodSafety = 16,       // peer pods: a pod's psychological safety, drawn at formation
  kCohortSafety = 17,    // group cohorts: a cohort's psychological safety, drawn at formation
  kCohortPresence = 18,  // group cohorts: a member present at the coming session
  kCohortSlip = 19,      // group cohorts: the coming session is held or slips (stream = cohort)
  kConstellationCoordinator = 20,  // constellations: a learner's constellation has a coordinator
  kConstellationReflection = 21,   // constellations: the annual reflection takes place
  kAllHandsPresence = 25,          // group cohorts: a member attends the programme's all-hands
  kVolunteers = 28,        // blended ecosystems: a practitioner volunteers for a programme (once)
  kShock = 29,             // shocks: a practitioner leaves in a random_departure or partial layoff
  kSweepStratum = 30,      // sweeps: the order of a Latin-hypercube axis's strata (entity = axis)
  kSweepOffset = 31,       // sweeps: a point's place inside its stratum (entity = axis)
  kGroupPresence = 32,     // peer groups: a member present at a group session (stream = group id)
  kDepartureClock = 33,    // departure: a practitioner's unit-exponential hazard budget (week 0)
  kMorrisTrajectory = 34,  // sensitivity: a Morris trajectory's start, order and directions
  kBootstrap = 35,         // sensitivity: the base samples one bootstrap resample draws
  kBenchmarkProbe = 99,
};

// The key of one stream: (seed, replicate). Entities and weeks index into it.
struct StreamKey {
  std::uint64_t seed = 0;
  std::uint64_t replicate = 0;
};

// Four independent 64-bit words for (key, entity, week, purpose, k).
inline r123::Philox4x64::ctr_type philox_block(StreamKey key, std::uint64_t entity,
                                               std::int64_t week, Purpose purpose,
                                               std::uint64_t k) {
  r123::Philox4x64 gen;
  r123::Philox4x64::ctr_type ctr = {
      {entity, static_cast<std::uint64_t>(week), static_cast<std::uint64_t>(purpose), k}};
  r123::Philox4x64::key_type ukey = {{key.seed, key.replicate}};
  return gen(ctr, ukey);
}

// Maps 64 random bits to a double in the open interval (0, 1): 52 bits, offset by half a step
// (all exactly representable, so the largest value is 1 - 2^-53), so log(u) and log(1 - u) are
// always finite.
inline double bits_to_open01(std::uint64_t bits) {
  return (static_cast<double>(bits >> 12) + 0.5) * 0x1.0p-52;
}

// A small bundle of draws for one (entity, week, purpose). Up to four uniforms per block; asking
// for more advances k, so a decision may take as many draws as it needs. `stream` separates
// otherwise identical decisions (e.g. the same learner matched by two programmes): k starts at
// stream * 2^32.
class Draws {
 public:
  Draws(StreamKey key, std::uint64_t entity, std::int64_t week, Purpose purpose,
        std::uint64_t stream = 0)
      : key_(key), entity_(entity), week_(week), purpose_(purpose), k_(stream << 32) {}

  // Next uniform in (0, 1).
  double uniform() {
    if (used_ == 4) refill();
    return bits_to_open01(block_[used_++]);
  }

 private:
  void refill() {
    block_ = philox_block(key_, entity_, week_, purpose_, k_++);
    used_ = 0;
  }

  StreamKey key_;
  std::uint64_t entity_;
  std::int64_t week_;
  Purpose purpose_;
  std::uint64_t k_ = 0;
  r123::Philox4x64::ctr_type block_{};
  int used_ = 4;
};

// A single uniform for (entity, week, purpose, k); the cheapest draw there is.
inline double uniform01(StreamKey key, std::uint64_t entity, std::int64_t week, Purpose purpose,
                        std::uint64_t k = 0) {
  return bits_to_open01(philox_block(key, entity, week, purpose, k).v[0]);
}

// A uniform for a decision taken every week by every entity (e.g. departure). One Philox block
// serves four consecutive weeks: the draw for week w is lane (w mod 4) of the block at counter
// (entity, floor(w / 4), purpose, k). Still a pure function of (key, entity, week, purpose, k), at
// a quarter of the cost. Only for purposes drawn at most once per entity and week.
inline double weekly_uniform01(StreamKey key, std::uint64_t entity, std::int64_t week,
                               Purpose purpose, std::uint64_t k = 0) {
  const std::int64_t block = week >= 0 ? week / 4 : (week - 3) / 4;
  const auto lane = static_cast<std::size_t>(week - block * 4);
  return bits_to_open01(philox_block(key, entity, block, purpose, k).v[lane]);
}

}  // namespace mentorsim
